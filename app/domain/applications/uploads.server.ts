// Uploads into an application's document slots: a whole file at once (the form without
// JavaScript) or in pieces (the browser's resumable upload, public/upload.js).
//
// A stored document is a file in the document storage plus its row in application_documents;
// the row and the case's completeness result are written in one transaction, and a storage
// object whose transaction did not commit is deleted again. Pieces of a resumable upload live in
// PostgreSQL (upload_sessions, upload_chunks) until the last one arrives, so that any app process
// can take the next piece and nothing about an upload is kept in one process's memory. A session
// that is never finished expires and is swept; its pieces never become a document.
import { and, asc, count, eq, gt, lte } from "drizzle-orm";
import { getService } from "#app/domain/catalogue/catalogue.server";
import type { AcceptedFile } from "#app/domain/documents/pipeline.server";
import { refusalMessage, refusalStatus, type UploadRefusal } from "#app/domain/documents/refusals";
import { imageLimits } from "#app/domain/documents/sanitize.server";
import type { Database, Queryable, Tx } from "#app/lib/db.server";
import type { DocumentSettings } from "#app/lib/env.server";
import * as schema from "#db/schema";
import { respondToRequest } from "#app/domain/clearing/clearing.server";
import { type ApplicationRow, type DocumentRow, documentsFor, quotaUsed, refreshCompleteness } from "./applications.server";
import { apiMessage, type UploadApiRefusal, type UploadFormErrors, type UploadMessage } from "./upload-messages";

/** Largest piece of a resumable upload, in bytes. */
export const CHUNK_MAX_BYTES = 1024 * 1024;
/** A resumable upload not finished within this time is swept. */
export const SESSION_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** Unfinished resumable uploads one application may have at once. */
export const MAX_OPEN_SESSIONS = 20;
/** Files in one form submission (the form without JavaScript). */
export const MAX_FORM_FILES = 10;

/** Rate limits per IP (a phone sends many pieces; a counselling office shares one address). */
export const uploadLimits = {
  sessionsPerIp: { limit: 120, windowSeconds: 600 },
  /** Pieces and status checks: 2,400 pieces of 256 KiB are 600 MiB in ten minutes. */
  chunksPerIp: { limit: 2400, windowSeconds: 600 },
  formsPerIp: { limit: 60, windowSeconds: 600 },
} as const;

export type UploadField = "file" | "documentDate" | "validUntil";

export type UploadRefused = {
  ok: false;
  reason: UploadRefusal | UploadApiRefusal;
  status: number;
  message: UploadMessage;
  /** The form field the message belongs to. */
  field: UploadField;
  /** For logs only. */
  detail?: string;
  /** With "offset": the bytes the server has, where the client continues. */
  offset?: number;
};

export type StoreResult = { ok: true; document: DocumentRow; duplicate: boolean } | UploadRefused;

export type UploadInput = {
  documentTypeId: string;
  bytes: Uint8Array;
  declaredName: string | null;
  declaredType: string | null;
  documentDate: string | null;
  validUntil: string | null;
};

const apiStatus: Record<UploadApiRefusal, number> = {
  "wrong-slot": 422,
  "bad-date": 422,
  offset: 409,
  "chunk-too-large": 413,
  "beyond-end": 422,
  "not-found": 404,
  closed: 409,
  "too-many-sessions": 429,
  "rate-limited": 429,
  "no-file": 422,
  "form-too-large": 413,
  "bad-request": 400,
};

export function refused(reason: UploadApiRefusal, extra: Partial<Pick<UploadRefused, "field" | "detail" | "offset">> = {}): UploadRefused {
  return { ok: false, reason, status: apiStatus[reason], message: apiMessage(reason), field: "file", ...extra };
}

function pipelineRefused(reason: UploadRefusal, settings: DocumentSettings, detail?: string): UploadRefused {
  const message = refusalMessage(reason, { ...settings, maxPixels: imageLimits.maxPixels });
  return {
    ok: false,
    reason,
    status: refusalStatus(reason),
    message: { key: `documents:${message.key}`, values: message.values },
    field: "file",
    ...(detail === undefined ? {} : { detail }),
  };
}

/** States in which documents can be added: the draft (by its link) or an open case (by its access code). */
export type UploadPhase = "draft" | "case";

export function uploadPhase(state: string): UploadPhase | null {
  if (state === "draft") return "draft";
  if (state === "submitted" || state === "in_clearing" || state === "documents_requested") return "case";
  return null;
}

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day as yyyy-mm-dd (a real one, years 1900 to 2199), or empty (null). */
export function parseDay(value: unknown): { ok: true; day: string | null } | { ok: false } {
  if (value === null || value === undefined) return { ok: true, day: null };
  if (typeof value !== "string") return { ok: false };
  const text = value.trim();
  if (text === "") return { ok: true, day: null };
  const match = dayPattern.exec(text);
  if (!match) return { ok: false };
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2199 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return { ok: false };
  return { ok: true, day: text };
}

type Meta = { documentTypeId: string; documentDate: string | null; validUntil: string | null };

/** The dates are days or empty, and the document type is one of the service's slots. */
async function checkMeta(
  db: Queryable,
  application: ApplicationRow,
  input: { documentTypeId: unknown; documentDate?: unknown; validUntil?: unknown },
): Promise<{ ok: true; meta: Meta } | UploadRefused> {
  const documentDate = parseDay(input.documentDate);
  if (!documentDate.ok) return refused("bad-date", { field: "documentDate" });
  const validUntil = parseDay(input.validUntil);
  if (!validUntil.ok) return refused("bad-date", { field: "validUntil" });
  if (typeof input.documentTypeId !== "string" || !(await isSlotOf(db, application, input.documentTypeId))) {
    return refused("wrong-slot", { detail: String(input.documentTypeId).slice(0, 100) });
  }
  return { ok: true, meta: { documentTypeId: input.documentTypeId, documentDate: documentDate.day, validUntil: validUntil.day } };
}

async function isSlotOf(db: Queryable, application: ApplicationRow, documentTypeId: string): Promise<boolean> {
  // While a document request is open, the applicant sends exactly what was asked for.
  if (application.state === "documents_requested" && application.documentRequest) {
    return application.documentRequest.items.includes(documentTypeId);
  }
  const service = await getService(db, application.serviceId);
  return !!service?.rules.some((rule) => rule.documentTypeId === documentTypeId);
}

/**
 * Writes the accepted file's row and the completeness result, under a lock on the application
 * (so the quota and the state are checked against what is committed, and two uploads into one
 * case cannot both squeeze under the quota). The same file in the same slot again: the existing
 * row comes back, and the caller deletes the new storage object.
 */
async function recordDocument(
  tx: Tx,
  settings: DocumentSettings,
  application: ApplicationRow,
  meta: Meta,
  file: AcceptedFile,
  now: Date,
): Promise<StoreResult> {
  const [current] = await tx
    .select({ state: schema.applications.state })
    .from(schema.applications)
    .where(eq(schema.applications.id, application.id))
    .for("update");
  const phase = current ? uploadPhase(current.state) : null;
  if (!phase || phase !== uploadPhase(application.state)) return refused("closed", { detail: current?.state ?? "gone" });

  const same = and(
    eq(schema.applicationDocuments.applicationId, application.id),
    eq(schema.applicationDocuments.documentTypeId, meta.documentTypeId),
    eq(schema.applicationDocuments.sha256, file.sha256),
  );
  const [existing] = await tx.select().from(schema.applicationDocuments).where(same);
  if (existing) return { ok: true, document: existing, duplicate: true };

  const used = await quotaUsed(tx, application.id);
  if (used + file.size > settings.applicationQuotaBytes) return pipelineRefused("quota", settings, `${used} + ${file.size} bytes`);

  const [row] = await tx
    .insert(schema.applicationDocuments)
    .values({
      applicationId: application.id,
      documentTypeId: meta.documentTypeId,
      storageKey: file.key,
      sha256: file.sha256,
      size: file.size,
      mediaType: file.mediaType,
      pages: file.pages,
      width: file.width,
      height: file.height,
      displayName: file.displayName,
      documentDate: meta.documentDate,
      validUntil: meta.validUntil,
      uploadedAt: now,
    })
    .onConflictDoNothing({
      target: [schema.applicationDocuments.applicationId, schema.applicationDocuments.documentTypeId, schema.applicationDocuments.sha256],
    })
    .returning();
  if (!row) {
    const [again] = await tx.select().from(schema.applicationDocuments).where(same);
    if (!again) throw new Error("application_documents: conflict without a row");
    return { ok: true, document: again, duplicate: true };
  }
  await refreshCompleteness(tx, application.id, now);
  // The last requested item arrived: the case goes back to the clerk who asked.
  if (current?.state === "documents_requested") await respondToRequest(tx, application.id, { kind: "applicant", id: application.reference ?? "self" }, now, true);
  return { ok: true, document: row, duplicate: false };
}

async function deleteQuietly(settings: DocumentSettings, key: string) {
  try {
    await documentsFor(settings).storage.delete(key);
  } catch (error) {
    console.error(`Lotse: could not delete document storage object ${key}:`, error);
  }
}

/**
 * Stores one file into one of the application's document slots: checks, the upload pipeline
 * (which writes storage only when every check passed), then the row and the completeness
 * result in one transaction. Nothing half-stored remains when anything fails.
 */
export async function storeUpload(
  db: Database,
  settings: DocumentSettings,
  application: ApplicationRow,
  input: UploadInput,
  now: Date,
): Promise<StoreResult> {
  const checked = await checkMeta(db, application, input);
  if (!checked.ok) return checked;
  const { pipeline } = documentsFor(settings);
  const accepted = await pipeline.acceptUpload(
    { bytes: input.bytes, declaredName: input.declaredName, declaredType: input.declaredType },
    { quotaUsed: await quotaUsed(db, application.id) },
  );
  if (!accepted.ok) return pipelineRefused(accepted.reason, settings, accepted.detail);
  const file = accepted.file;
  let result: StoreResult;
  try {
    result = await db.transaction((tx) => recordDocument(tx, settings, application, checked.meta, file, now));
  } catch (error) {
    await deleteQuietly(settings, file.key);
    throw error;
  }
  if (!result.ok || result.document.storageKey !== file.key) await deleteQuietly(settings, file.key);
  return result;
}

// Resumable uploads ----------------------------------------------------------------------------

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

// The form without JavaScript ------------------------------------------------------------------

export type UploadForm = {
  documentTypeId: string;
  files: Array<{ bytes: Uint8Array; name: string | null; type: string | null }>;
  documentDate: string;
  validUntil: string;
};

/** Bytes one form submission may carry: a few files at the largest size, at most the quota. */
export function formBodyLimit(settings: DocumentSettings): number {
  return Math.min(settings.applicationQuotaBytes, 3 * settings.uploadMaxBytes) + 1024 * 1024;
}

/**
 * Reads a request body into memory, refusing it by its Content-Length before reading and while
 * reading once it grows past `limit` bytes.
 */
export async function readLimitedBody(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | "too-large"> {
  const length = request.headers.get("Content-Length");
  if (length !== null && (!/^\d{1,15}$/.test(length.trim()) || Number(length) > limit)) return "too-large";
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return "too-large";
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/**
 * Reads the upload form (multipart/form-data: intent, documentTypeId, file…, documentDate,
 * validUntil) within the form's size limit. For the page's action and the upload API.
 */
export async function readUploadForm(request: Request, settings: DocumentSettings): Promise<{ ok: true; form: UploadForm } | UploadRefused> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^multipart\/form-data;/i.test(type)) return refused("bad-request");
  const body = await readLimitedBody(request, formBodyLimit(settings));
  if (body === "too-large") return refused("form-too-large");
  let data: FormData;
  try {
    data = await new Response(body, { headers: { "Content-Type": type } }).formData();
  } catch {
    return refused("bad-request");
  }
  const files: UploadForm["files"] = [];
  for (const value of data.getAll("file")) {
    // A file input left empty sends a part without a name and without bytes.
    if (typeof value === "string" || (value.size === 0 && value.name === "")) continue;
    files.push({ bytes: new Uint8Array(await value.arrayBuffer()), name: value.name || null, type: value.type || null });
  }
  if (files.length > MAX_FORM_FILES) return refused("form-too-large");
  const text = (name: string) => {
    const value = data.get(name);
    return typeof value === "string" ? value : "";
  };
  return { ok: true, form: { documentTypeId: text("documentTypeId"), files, documentDate: text("documentDate"), validUntil: text("validUntil") } };
}

/** A refused file's name as the person's device gave it, safe to show next to the message. */
function shownName(name: string | null): string | null {
  if (!name) return null;
  const last = name.normalize("NFC").split(/[/\\]/).pop() ?? "";
  const clean = last.replace(/(?![\u200C\u200D])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, "").trim();
  return clean ? [...clean].slice(0, 100).join("") : null;
}

export type FormOutcome = { stored: DocumentRow[]; errors: UploadFormErrors; status: number };

/**
 * Stores every file of a submitted upload form, one after the other. Returns the stored
 * documents and, per field, what was refused (for the form's `errors`), with the status to answer:
 * 200 when all were stored, else the first refusal's.
 */
export async function storeUploadForm(
  db: Database,
  settings: DocumentSettings,
  application: ApplicationRow,
  form: UploadForm,
  now: Date,
): Promise<FormOutcome> {
  const checked = await checkMeta(db, application, form);
  if (!checked.ok) {
    const errors: UploadFormErrors = checked.field === "file" ? { file: [checked.message] } : { [checked.field]: checked.message };
    return { stored: [], errors, status: checked.status };
  }
  if (form.files.length === 0) {
    const none = refused("no-file");
    return { stored: [], errors: { file: [none.message] }, status: none.status };
  }
  const stored: DocumentRow[] = [];
  const fileErrors: NonNullable<UploadFormErrors["file"]> = [];
  let status = 200;
  for (const file of form.files) {
    const result = await storeUpload(
      db,
      settings,
      application,
      { ...checked.meta, bytes: file.bytes, declaredName: file.name, declaredType: file.type },
      now,
    );
    if (result.ok) stored.push(result.document);
    else {
      fileErrors.push({ ...result.message, fileName: shownName(file.name) });
      if (status === 200) status = result.status;
    }
  }
  return { stored, errors: fileErrors.length > 0 ? { file: fileErrors } : {}, status };
}
