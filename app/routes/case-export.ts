import { data } from "react-router";
import type { Route } from "./+types/case-export";
import { documentsFor, documentsOf } from "#app/domain/applications/applications.server";
import { lookupByLink } from "#app/domain/applications/lookup.server";
import { timeline } from "#app/domain/applications/status.server";
import { downloadHeaders } from "#app/domain/documents/download.server";
import { appContext } from "#app/lib/context";
import { zip, type ZipEntry } from "#app/lib/zip.server";

// Everything the office holds about the applicant in this case (GDPR Art. 15): the data as JSON
// (details, answers, state, completeness, every event) and every stored document, as one ZIP.
export async function loader({ context, params }: Route.LoaderArgs) {
  const app = context.get(appContext);
  const found = await lookupByLink(app.db, app.clientIp, params.code);
  if (!found.ok) throw data(null, { status: found.status });
  const application = found.application;
  const [documents, events] = await Promise.all([documentsOf(app.db, application.id), timeline(app.db, application.id)]);
  const { storage } = documentsFor(app.env.documents);
  const now = new Date();
  const entries: ZipEntry[] = [];
  const files: Array<Record<string, unknown>> = [];
  for (const [index, doc] of documents.entries()) {
    const bytes = await storage.get(doc.storageKey);
    const extension = doc.mediaType === "application/pdf" ? "pdf" : "jpg";
    const name = `documents/${String(index + 1).padStart(2, "0")}-${doc.documentTypeId}.${extension}`;
    files.push({
      file: bytes ? name : null,
      documentType: doc.documentTypeId,
      yourFileName: doc.displayName,
      uploadedAt: doc.uploadedAt.toISOString(),
      pages: doc.pages,
      width: doc.width,
      height: doc.height,
      documentDate: doc.documentDate,
      validUntil: doc.validUntil,
      review: doc.review,
      reasonCode: doc.reasonCode,
      sha256: doc.sha256,
    });
    if (bytes) entries.push({ name, bytes, modified: doc.uploadedAt });
  }
  const record = {
    exportedAt: now.toISOString(),
    reference: application.reference,
    service: application.serviceId,
    state: application.state,
    language: application.language,
    submittedAt: application.submittedAt?.toISOString() ?? null,
    details: application.details,
    answers: application.answers,
    completeness: application.completeness,
    events,
    documents: files,
  };
  entries.unshift({ name: "application.json", bytes: new TextEncoder().encode(JSON.stringify(record, null, 2)), modified: now });
  const body = zip(entries);
  const headers = downloadHeaders({ name: `${application.reference}.zip`, mediaType: "application/zip", size: body.length });
  return new Response(body as BodyInit, { headers });
}
