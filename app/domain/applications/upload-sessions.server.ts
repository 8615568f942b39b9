// Resumable uploads: a file announced with its size arrives in pieces, each taken by whichever
// app process gets it. The pieces wait in PostgreSQL (upload_sessions, upload_chunks) until the
// last one arrives; a session never finished expires and is swept.
import { and, asc, count, eq, gt, lte } from "drizzle-orm";
import type { Database, Tx } from "#app/lib/db.server";
import type { DocumentSettings } from "#app/lib/env.server";
import * as schema from "#db/schema";
import { type ApplicationRow, type DocumentRow, documentsFor, quotaUsed } from "./applications.server";
import { checkMeta, deleteQuietly, pipelineRefused, recordDocument, refused, type UploadRefused, uploadPhase } from "./uploads.server";

/** Largest piece of a resumable upload, in bytes. */
export const CHUNK_MAX_BYTES = 1024 * 1024;
/** A resumable upload not finished within this time is swept. */
export const SESSION_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** Unfinished resumable uploads one application may have at once. */
export const MAX_OPEN_SESSIONS = 20;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type SessionInput = {
  documentTypeId: string;
  totalBytes: number;
  declaredName: string | null;
  documentDate: string | null;
  validUntil: string | null;
};

/**
 * Announces a file that will arrive in pieces. Refuses what would be refused anyway before any
 * byte is sent: too large, over the quota, a wrong slot, a bad date.
 */
export async function startUploadSession(
  db: Database,
  settings: DocumentSettings,
  application: ApplicationRow,
  input: SessionInput,
  now: Date,
): Promise<{ ok: true; id: string; offset: number; expiresAt: Date } | UploadRefused> {
  if (!uploadPhase(application.state)) return refused("closed");
  const total = input.totalBytes;
  if (!Number.isSafeInteger(total) || total < 0) return refused("bad-request");
  if (total === 0) return pipelineRefused("empty", settings);
  if (total > settings.uploadMaxBytes) return pipelineRefused("too-large", settings, `${total} bytes announced`);
  const checked = await checkMeta(db, application, input);
  if (!checked.ok) return checked;
  const used = await quotaUsed(db, application.id);
  if (used + total > settings.applicationQuotaBytes) return pipelineRefused("quota", settings, `${used} + ${total} bytes announced`);
  const [open] = await db
    .select({ n: count() })
    .from(schema.uploadSessions)
    .where(and(eq(schema.uploadSessions.applicationId, application.id), gt(schema.uploadSessions.expiresAt, now)));
  if ((open?.n ?? 0) >= MAX_OPEN_SESSIONS) return refused("too-many-sessions");
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  const [row] = await db
    .insert(schema.uploadSessions)
    .values({
      applicationId: application.id,
      documentTypeId: checked.meta.documentTypeId,
      declaredName: input.declaredName ? input.declaredName.slice(0, 255) : null,
      totalBytes: total,
      documentDate: checked.meta.documentDate,
      validUntil: checked.meta.validUntil,
      createdAt: now,
      expiresAt,
    })
    .returning({ id: schema.uploadSessions.id });
  return { ok: true, id: row!.id, offset: 0, expiresAt };
}

/** Where an upload stands: the bytes received so far (where the client continues). */
export async function uploadSessionStatus(
  db: Pick<Database, "select">,
  application: ApplicationRow,
  sessionId: string,
  now: Date,
): Promise<{ ok: true; offset: number; totalBytes: number } | UploadRefused> {
  if (!uuidPattern.test(sessionId)) return refused("not-found");
  const [session] = await db
    .select({ received: schema.uploadSessions.receivedBytes, total: schema.uploadSessions.totalBytes, expiresAt: schema.uploadSessions.expiresAt })
    .from(schema.uploadSessions)
    .where(and(eq(schema.uploadSessions.id, sessionId), eq(schema.uploadSessions.applicationId, application.id)));
  if (!session || session.expiresAt <= now) return refused("not-found");
  return { ok: true, offset: session.received, totalBytes: session.total };
}

export type AppendResult = { ok: true; offset: number; done: false } | { ok: true; offset: number; done: true; document: DocumentRow } | UploadRefused;

/**
 * Takes the piece that starts at `offset`. Pieces of one upload are serialised by a lock on the
 * session's row: of two pieces sent for the same offset, one is taken and the other is told the
 * new offset (409). When the last byte arrives, the pieces are put together in order and go
 * through the pipeline; the document row, the completeness result and the removal of the session
 * and its pieces commit together.
 */
export async function appendChunk(
  db: Database,
  settings: DocumentSettings,
  application: ApplicationRow,
  sessionId: string,
  offset: number,
  bytes: Uint8Array,
  now: Date,
): Promise<AppendResult> {
  if (!uuidPattern.test(sessionId)) return refused("not-found");
  if (bytes.byteLength > CHUNK_MAX_BYTES) return refused("chunk-too-large");
  if (!Number.isSafeInteger(offset) || offset < 0) return refused("bad-request");
  let written: string | null = null;
  let result: AppendResult;
  try {
    result = await db.transaction(async (tx): Promise<AppendResult> => {
      const [session] = await tx
        .select()
        .from(schema.uploadSessions)
        .where(and(eq(schema.uploadSessions.id, sessionId), eq(schema.uploadSessions.applicationId, application.id)))
        .for("update");
      if (!session || session.expiresAt <= now) return refused("not-found");
      if (offset !== session.receivedBytes) return refused("offset", { offset: session.receivedBytes });
      const received = offset + bytes.byteLength;
      if (received > session.totalBytes) return refused("beyond-end", { detail: `${received} > ${session.totalBytes}` });
      if (bytes.byteLength > 0) {
        await tx.insert(schema.uploadChunks).values({ sessionId, offset, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
        await tx.update(schema.uploadSessions).set({ receivedBytes: received }).where(eq(schema.uploadSessions.id, sessionId));
      }
      if (received < session.totalBytes) return { ok: true, offset: received, done: false };

      // The last byte: the whole file, in order, then the pipeline and the document.
      const whole = await assemble(tx, sessionId, session.totalBytes);
      const finish = () => tx.delete(schema.uploadSessions).where(eq(schema.uploadSessions.id, sessionId));
      const checked = await checkMeta(tx, application, session);
      if (!checked.ok) {
        await finish();
        return checked;
      }
      const { pipeline } = documentsFor(settings);
      const accepted = await pipeline.acceptUpload(
        { bytes: whole, declaredName: session.declaredName, declaredType: null },
        { quotaUsed: await quotaUsed(tx, application.id) },
      );
      if (!accepted.ok) {
        if (accepted.reason === "scan-unavailable") {
          // Passing: keep the pieces but this last one, so that sending it again finishes the upload.
          await tx.delete(schema.uploadChunks).where(and(eq(schema.uploadChunks.sessionId, sessionId), eq(schema.uploadChunks.offset, offset)));
          await tx.update(schema.uploadSessions).set({ receivedBytes: offset }).where(eq(schema.uploadSessions.id, sessionId));
        } else {
          await finish();
        }
        return pipelineRefused(accepted.reason, settings, accepted.detail);
      }
      written = accepted.file.key;
      const recorded = await recordDocument(tx, settings, application, checked.meta, accepted.file, now);
      await finish();
      if (!recorded.ok) return recorded;
      return { ok: true, offset: received, done: true, document: recorded.document };
    });
  } catch (error) {
    if (written) await deleteQuietly(settings, written);
    throw error;
  }
  if (written && !(result.ok && result.done && result.document.storageKey === written)) await deleteQuietly(settings, written);
  return result;
}

async function assemble(tx: Tx, sessionId: string, totalBytes: number): Promise<Uint8Array> {
  const chunks = await tx
    .select({ offset: schema.uploadChunks.offset, bytes: schema.uploadChunks.bytes })
    .from(schema.uploadChunks)
    .where(eq(schema.uploadChunks.sessionId, sessionId))
    .orderBy(asc(schema.uploadChunks.offset));
  const whole = new Uint8Array(totalBytes);
  let at = 0;
  for (const chunk of chunks) {
    if (chunk.offset !== at || at + chunk.bytes.byteLength > totalBytes) throw new Error(`upload ${sessionId}: pieces out of order at ${at}`);
    whole.set(chunk.bytes, at);
    at += chunk.bytes.byteLength;
  }
  if (at !== totalBytes) throw new Error(`upload ${sessionId}: ${at} of ${totalBytes} bytes`);
  return whole;
}

/** Gives up an unfinished upload (its pieces go with it). */
export async function cancelUploadSession(db: Database, application: ApplicationRow, sessionId: string): Promise<boolean> {
  if (!uuidPattern.test(sessionId)) return false;
  const rows = await db
    .delete(schema.uploadSessions)
    .where(and(eq(schema.uploadSessions.id, sessionId), eq(schema.uploadSessions.applicationId, application.id)))
    .returning({ id: schema.uploadSessions.id });
  return rows.length > 0;
}

/** Deletes expired uploads and their pieces (run periodically). Returns how many. */
export async function sweepUploadSessions(db: Pick<Database, "delete">, now: Date): Promise<number> {
  const rows = await db.delete(schema.uploadSessions).where(lte(schema.uploadSessions.expiresAt, now)).returning({ id: schema.uploadSessions.id });
  return rows.length;
}
