// A case's document for staff who may see the case: opened in the browser (images and PDFs
// inline, with the type we stored and no scripts), every read written to the audit log.
import { data } from "react-router";
import type { Route } from "./+types/staff-case-document";
import { documentsFor } from "#app/domain/applications/applications.server";
import { allow } from "#app/domain/access/guard.server";
import { caseDocument } from "#app/domain/clearing/case-document.server";
import { caseForStaff } from "#app/domain/clearing/clearing.server";
import { logDocumentRead } from "#app/domain/clearing/review.server";
import { downloadHeaders } from "#app/domain/documents/download.server";
import { appContext } from "#app/lib/context";

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const staff = allow(context, "document:read");
  const app = context.get(appContext);
  const row = await caseForStaff(app.db, staff, params.reference);
  const doc = row ? await caseDocument(app.db, row.id, params.documentId) : null;
  if (!row || !doc) throw data(null, { status: 404 });
  const bytes = await documentsFor(app.env.documents).storage.get(doc.storageKey);
  if (!bytes) throw data(null, { status: 404 });
  await logDocumentRead(app.db, staff, row.id, doc.id, new Date());
  const extension = doc.mediaType === "application/pdf" ? "pdf" : "jpg";
  const headers = downloadHeaders({
    name: `${row.reference}-${doc.documentTypeId}.${extension}`,
    mediaType: doc.mediaType as "image/jpeg" | "application/pdf",
    size: bytes.byteLength,
  });
  if (new URL(request.url).searchParams.get("download") !== "1") {
    // Viewed in the browser: inline, still without scripts or requests to anywhere. (A sandboxed
    // PDF would not open in Chromium's viewer, so PDFs get the strict policy without sandbox;
    // the upload pipeline refuses PDFs with scripts or actions.)
    headers.set("Content-Disposition", headers.get("Content-Disposition")!.replace(/^attachment/, "inline"));
    if (doc.mediaType === "application/pdf") headers.set("Content-Security-Policy", "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'");
  }
  return new Response(bytes as BodyInit, { status: 200, headers });
}
