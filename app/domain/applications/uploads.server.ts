// Uploads into an application's document slots: a whole file at once (here; the form without
// JavaScript reads it in upload-form.server.ts) or in pieces (the browser's resumable upload,
// public/upload.js, in upload-sessions.server.ts).
//
// A stored document is a file in the document storage plus its row in application_documents;
// the row and the case's completeness result are written in one transaction, and a storage
// object whose transaction did not commit is deleted again. Pieces of a resumable upload live in
// PostgreSQL (upload_sessions, upload_chunks) until the last one arrives, so that any app process
// can take the next piece and nothing about an upload is kept in one process's memory. A session
// that is never finished expires and is swept; its pieces never become a document.
import { and, eq } from "drizzle-orm";
import { getService } from "#app/domain/catalogue/catalogue.server";
import type { AcceptedFile } from "#app/domain/documents/pipeline.server";
import { refusalMessage, refusalStatus, type UploadRefusal } from "#app/domain/documents/refusals";
import { imageLimits } from "#app/domain/documents/sanitize.server";
import type { Database, Queryable, Tx } from "#app/lib/db.server";
import type { DocumentSettings } from "#app/lib/env.server";
import * as schema from "#db/schema";
import { type ApplicationRow, type DocumentRow, documentsFor, quotaUsed, refreshCompleteness } from "./applications.server";
import { respondToRequest } from "./respond.server";
import { apiMessage, type UploadApiRefusal, type UploadMessage } from "./upload-messages";

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

export function pipelineRefused(reason: UploadRefusal, settings: DocumentSettings, detail?: string): UploadRefused {
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

export type Meta = { documentTypeId: string; documentDate: string | null; validUntil: string | null };

/** The dates are days or empty, and the document type is one of the service's slots. */
export async function checkMeta(
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
export async function recordDocument(tx: Tx, settings: DocumentSettings, application: ApplicationRow, meta: Meta, file: AcceptedFile, now: Date): Promise<StoreResult> {
  const [current] = await tx.select({ state: schema.applications.state }).from(schema.applications).where(eq(schema.applications.id, application.id)).for("update");
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

export async function deleteQuietly(settings: DocumentSettings, key: string) {
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
export async function storeUpload(db: Database, settings: DocumentSettings, application: ApplicationRow, input: UploadInput, now: Date): Promise<StoreResult> {
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
