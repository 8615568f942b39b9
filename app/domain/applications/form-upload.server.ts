// The upload form of the draft's documents page and of the case's status page, posted without
// JavaScript (multipart): read within its size limit, store every file, and say per field what was
// refused, so that both pages answer it the same way.
import type { AppContext } from "#app/lib/context";
import type { ApplicationRow } from "./applications.server";
import type { UploadFormErrors } from "./upload-messages";
import { readUploadForm, storeUploadForm } from "#app/domain/applications/upload-form.server";

export type FormUploadResult =
  | { ok: true; stored: number }
  | { ok: false; status: number; slot: string | null; errors: UploadFormErrors; values: { documentDate?: string; validUntil?: string } };

/** Whether a request carries the upload form (the page's other forms are url-encoded). */
export function isUploadForm(request: Request): boolean {
  return /^multipart\/form-data;/i.test(request.headers.get("Content-Type") ?? "");
}

export async function uploadFromForm(app: AppContext, application: ApplicationRow, request: Request, now: Date): Promise<FormUploadResult> {
  const read = await readUploadForm(request, app.env.documents);
  if (!read.ok) return { ok: false, status: read.status, slot: null, errors: { file: [read.message] }, values: {} };
  const outcome = await storeUploadForm(app.db, app.env.documents, application, read.form, now);
  if (outcome.status === 200) return { ok: true, stored: outcome.stored.length };
  const { documentTypeId, documentDate, validUntil } = read.form;
  return { ok: false, status: outcome.status, slot: documentTypeId, errors: outcome.errors, values: { documentDate, validUntil } };
}
