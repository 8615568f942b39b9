import { data } from "react-router";
import type { Route } from "./+types/case-receipt";
import { documentsOf } from "#app/domain/applications/applications.server";
import { lookupByLink } from "#app/domain/applications/lookup.server";
import { renderReceipt, type ReceiptText } from "#app/domain/applications/receipt.server";
import { serviceFor } from "#app/domain/catalogue/catalogue.server";
import type { CompletenessResult } from "#app/domain/cases/completeness";
import { mrzSurname } from "#app/domain/cases/mrz-name";
import { appContext } from "#app/lib/context";
import { isLanguage, type Language, type Translated } from "#app/lib/i18n/languages";
import * as schema from "#db/schema";

function withMrz(name: string, mrz: string | undefined): string {
  return mrz && !mrzSurname(name).ok ? `${name} (${mrz})` : name;
}

// The receipt (Eingangsbestätigung) as a PDF: the time of submission, the service, the answers
// and the documents received, in the applicant's language and in German. Generated on request
// from what is stored, so it always says what the office has.
export async function loader({ context, params, request }: Route.LoaderArgs) {
  const app = context.get(appContext);
  const found = await lookupByLink(app.db, app.clientIp, params.code);
  if (!found.ok) throw data(null, { status: found.status });
  const application = found.application;
  const asked = new URL(request.url).searchParams.get("lng");
  const language: Language = isLanguage(asked) ? asked : isLanguage(application.language) ? application.language : "de";
  const [service, documents, [office]] = await Promise.all([
    serviceFor(app, application.serviceId),
    documentsOf(app.db, application.id),
    app.db.select().from(schema.office).limit(1),
  ]);
  if (!service || !office) throw data(null, { status: 404 });
  const both = (value: Translated): ReceiptText => ({ applicant: value[language], de: value.de });
  const answers = service.questions
    .filter((q) => application.answers[q.key])
    .map((q) => {
      const option = q.options.find((o) => o.key === application.answers[q.key]);
      return { question: both(q.label), answer: option ? both(option.label) : { applicant: application.answers[q.key]!, de: application.answers[q.key]! } };
    });
  const received = service.rules
    .map((rule) => {
      const files = documents.filter((d) => d.documentTypeId === rule.documentTypeId);
      return { name: both(rule.name), files: files.length, pages: files.reduce((n, d) => n + d.pages, 0) };
    })
    .filter((d) => d.files > 0);
  const completeness = application.completeness as CompletenessResult | null;
  const names = new Map(service.rules.map((r) => [r.documentTypeId, r.name]));
  const missing = (completeness?.rules ?? [])
    .filter((r) => r.status === "missing")
    .map((r) => names.get(r.documentTypeId))
    .filter((n): n is Translated => Boolean(n))
    .map(both);
  const pdf = await renderReceipt({
    language,
    reference: application.reference!,
    submittedAt: application.submittedAt!,
    timeZone: office.timeZone,
    office: { name: office.name, street: office.street, postcode: office.postcode, city: office.city, phone: office.phone, email: office.email },
    service: both(service.name),
    applicant: {
      // A name in another script carries its passport (MRZ) spelling, which the office reads.
      familyName: withMrz(application.details.familyName ?? "", application.details.familyNameMrz),
      givenNames: application.details.givenNames ?? "",
      birthDate: application.details.birthDate ?? "",
    },
    answers,
    documents: received,
    missing,
    statusUrl: `${app.env.publicUrl}/status`,
  });
  return new Response(pdf as BodyInit, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="receipt-${application.reference}.pdf"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Length": String(pdf.length),
    },
  });
}
