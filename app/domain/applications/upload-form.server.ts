// The upload form without JavaScript: a multipart body read within its size limit, and every
// file in it stored one after the other, with the refusals per field for the form.
import type { Database } from "#app/lib/db.server";
import type { DocumentSettings } from "#app/lib/env.server";
import type { ApplicationRow, DocumentRow } from "./applications.server";
import type { UploadFormErrors } from "./upload-messages";
import { checkMeta, refused, storeUpload, type UploadRefused } from "./uploads.server";

/** Files in one form submission (the form without JavaScript). */
export const MAX_FORM_FILES = 10;

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
export async function storeUploadForm(db: Database, settings: DocumentSettings, application: ApplicationRow, form: UploadForm, now: Date): Promise<FormOutcome> {
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
    const result = await storeUpload(db, settings, application, { ...checked.meta, bytes: file.bytes, declaredName: file.name, declaredType: file.type }, now);
    if (result.ok) stored.push(result.document);
    else {
      fileErrors.push({ ...result.message, fileName: shownName(file.name) });
      if (status === 200) status = result.status;
    }
  }
  return { stored, errors: fileErrors.length > 0 ? { file: fileErrors } : {}, status };
}
