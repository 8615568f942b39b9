// The upload API behind /application/:secret/uploads (a draft, by its secret) and
// /case/:secret/uploads (a submitted case, by its access code), used by public/upload.js:
//
//   POST   …/uploads             JSON {documentTypeId, totalBytes, name, documentDate, validUntil}
//                                → 201 {id, offset, totalBytes}; or multipart/form-data (the
//                                upload form's fields) → the files stored at once
//   GET    …/uploads/:uploadId   → {offset, totalBytes}: where a dropped upload continues
//   PUT    …/uploads/:uploadId   the piece's bytes as the body, `Upload-Offset: N`
//                                → {offset, done, document?}; 409 {offset} when N is not where
//                                the server stands
//   DELETE …/uploads/:uploadId   gives the upload up
//
// A refusal is JSON {reason, message, field, offset?} with the status, the message translated
// into the request's language (?lng=, then the cookie, then Accept-Language). Every failed
// lookup (unknown secret, wrong state, unknown or expired or foreign upload) answers the same 404.
import type { RouterContextProvider } from "react-router";
import { z } from "zod";
import { withinLimit } from "#app/lib/rate-limit.server";
import { appContext } from "#app/lib/context";
import type { Database } from "#app/lib/db.server";
import { getInstance } from "#app/lib/i18n/middleware.server";
import { type ApplicationRow, applicationByAccessCode, applicationByDraftSecret, type DocumentRow } from "./applications.server";
import { appendChunk, CHUNK_MAX_BYTES, cancelUploadSession, startUploadSession, uploadSessionStatus } from "./upload-sessions.server";
import { readLimitedBody, readUploadForm, storeUploadForm } from "./upload-form.server";
import { refused, type UploadPhase, type UploadRefused, uploadLimits, uploadPhase } from "./uploads.server";

type Args = {
  request: Request;
  params: { secret?: string; uploadId?: string };
  context: Readonly<RouterContextProvider>;
};

/** An announcement is a few short fields. */
const announcementLimit = 8 * 1024;

const announcement = z.object({
  documentTypeId: z.string().max(100),
  totalBytes: z.number().int(),
  name: z.string().max(1000).nullish(),
  documentDate: z.string().max(20).nullish(),
  validUntil: z.string().max(20).nullish(),
});

function reply(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

function refusal(context: Args["context"], r: UploadRefused, headers: Record<string, string> = {}): Response {
  const i18n = getInstance(context);
  const body = { reason: r.reason, message: i18n.t(r.message.key, r.message.values), field: r.field, ...(r.offset === undefined ? {} : { offset: r.offset }) };
  return reply(body, r.status, r.offset === undefined ? headers : { ...headers, "Upload-Offset": String(r.offset) });
}

const notFound = (context: Args["context"]) => refusal(context, refused("not-found"));

async function limited(db: Database, context: Args["context"], bucket: string, rule: { limit: number; windowSeconds: number }) {
  const { clientIp } = context.get(appContext);
  if (await withinLimit(db, `${bucket}:${clientIp}`, rule)) return null;
  return refusal(context, refused("rate-limited"), { "Retry-After": "60" });
}

async function lookup(db: Database, phase: UploadPhase, secret: string | undefined): Promise<ApplicationRow | null> {
  if (!secret) return null;
  const application = phase === "draft" ? await applicationByDraftSecret(db, secret) : await applicationByAccessCode(db, secret);
  return application && uploadPhase(application.state) === phase ? application : null;
}

/** What the browser may learn about a stored document (never its storage key). */
function summary(document: DocumentRow) {
  return {
    id: document.id,
    documentTypeId: document.documentTypeId,
    displayName: document.displayName,
    mediaType: document.mediaType,
    pages: document.pages,
    size: document.size,
    documentDate: document.documentDate,
    validUntil: document.validUntil,
  };
}

const methodNotAllowed = (allow: string) => new Response(null, { status: 405, headers: { Allow: allow } });

/** POST …/uploads: announce a resumable upload (JSON), or send the form's files at once (multipart). */
export async function uploadsAction({ request, params, context }: Args, phase: UploadPhase): Promise<Response> {
  if (request.method !== "POST") return methodNotAllowed("POST");
  const { db, env } = context.get(appContext);
  const type = request.headers.get("Content-Type") ?? "";
  const now = new Date();

  if (/^multipart\/form-data;/i.test(type)) {
    const blocked = await limited(db, context, "upload-form", uploadLimits.formsPerIp);
    if (blocked) return blocked;
    const application = await lookup(db, phase, params.secret);
    if (!application) return notFound(context);
    const read = await readUploadForm(request, env.documents);
    if (!read.ok) return refusal(context, read);
    const outcome = await storeUploadForm(db, env.documents, application, read.form, now);
    const i18n = getInstance(context);
    const errors = [
      ...(outcome.errors.file ?? []).map((m) => ({ field: "file", fileName: m.fileName ?? null, message: i18n.t(m.key, m.values) })),
      ...(["documentDate", "validUntil"] as const).flatMap((field) => {
        const m = outcome.errors[field];
        return m ? [{ field, fileName: null, message: i18n.t(m.key, m.values) }] : [];
      }),
    ];
    return reply({ documents: outcome.stored.map(summary), errors }, outcome.status === 200 ? 201 : outcome.status);
  }

  if (!/^application\/json\b/i.test(type)) return refusal(context, refused("bad-request"));
  const blocked = await limited(db, context, "upload-session", uploadLimits.sessionsPerIp);
  if (blocked) return blocked;
  const application = await lookup(db, phase, params.secret);
  if (!application) return notFound(context);
  const body = await readLimitedBody(request, announcementLimit);
  if (body === "too-large") return refusal(context, refused("bad-request"));
  let parsed: ReturnType<typeof announcement.safeParse>;
  try {
    parsed = announcement.safeParse(JSON.parse(new TextDecoder().decode(body)));
  } catch {
    return refusal(context, refused("bad-request"));
  }
  if (!parsed.success) return refusal(context, refused("bad-request"));
  const { documentTypeId, totalBytes, name, documentDate, validUntil } = parsed.data;
  const started = await startUploadSession(
    db,
    env.documents,
    application,
    { documentTypeId, totalBytes, declaredName: name ?? null, documentDate: documentDate ?? null, validUntil: validUntil ?? null },
    now,
  );
  if (!started.ok) return refusal(context, started);
  const location = `${new URL(request.url).pathname.replace(/\/+$/, "")}/${started.id}`;
  return reply({ id: started.id, offset: started.offset, totalBytes }, 201, { Location: location });
}

/** GET …/uploads/:uploadId: where the upload stands. */
export async function uploadLoader({ params, context }: Args, phase: UploadPhase): Promise<Response> {
  const { db } = context.get(appContext);
  const blocked = await limited(db, context, "upload-chunk", uploadLimits.chunksPerIp);
  if (blocked) return blocked;
  const application = await lookup(db, phase, params.secret);
  if (!application) return notFound(context);
  const status = await uploadSessionStatus(db, application, params.uploadId ?? "", new Date());
  if (!status.ok) return refusal(context, status);
  return reply({ offset: status.offset, totalBytes: status.totalBytes }, 200, {
    "Upload-Offset": String(status.offset),
    "Upload-Length": String(status.totalBytes),
  });
}

/** PUT …/uploads/:uploadId: the next piece; DELETE: give the upload up. */
export async function uploadAction({ request, params, context }: Args, phase: UploadPhase): Promise<Response> {
  const { db, env } = context.get(appContext);
  if (request.method === "DELETE") {
    const application = await lookup(db, phase, params.secret);
    if (!application || !(await cancelUploadSession(db, application, params.uploadId ?? ""))) return notFound(context);
    return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
  }
  if (request.method !== "PUT") return methodNotAllowed("GET, PUT, DELETE");
  const blocked = await limited(db, context, "upload-chunk", uploadLimits.chunksPerIp);
  if (blocked) return blocked;
  const length = request.headers.get("Content-Length");
  if (length !== null && (!/^\d{1,15}$/.test(length.trim()) || Number(length) > CHUNK_MAX_BYTES)) {
    return refusal(context, refused("chunk-too-large"));
  }
  const offsetHeader = (request.headers.get("Upload-Offset") ?? "").trim();
  if (!/^\d{1,10}$/.test(offsetHeader)) return refusal(context, refused("bad-request"));
  const application = await lookup(db, phase, params.secret);
  if (!application) return notFound(context);
  const bytes = await readLimitedBody(request, CHUNK_MAX_BYTES);
  if (bytes === "too-large") return refusal(context, refused("chunk-too-large"));
  const result = await appendChunk(db, env.documents, application, params.uploadId ?? "", Number(offsetHeader), bytes, new Date());
  if (!result.ok) return refusal(context, result);
  const headers = { "Upload-Offset": String(result.offset) };
  return result.done
    ? reply({ offset: result.offset, done: true, document: summary(result.document) }, 200, headers)
    : reply({ offset: result.offset, done: false }, 200, headers);
}
