// A submitted case as its applicant sees it behind the access code: the lookup (rate-limited,
// the same answer for every wrong code), the status page's data, the receipt's contents, and the
// two things the applicant can do besides uploading: answer a document request and withdraw.
import { eq } from "drizzle-orm";
import { officeInfoFor, serviceFor } from "#app/domain/catalogue/catalogue.server";
import type { CaseState } from "#app/domain/cases/case-states";
import { respondToRequest } from "#app/domain/applications/respond.server";
import type { CompletenessResult } from "#app/domain/cases/completeness";
import { requestedItems } from "./requested-items.server";
import { mrzSurname } from "#app/domain/cases/mrz-name";
import { perRequest } from "#app/lib/config-cache.server";
import type { AppContext } from "#app/lib/context";
import type { Language, Translated } from "#app/lib/i18n/languages";
import * as schema from "#db/schema";
import { type ApplicationRow, applyCommand, documentsOf } from "#app/domain/applications/applications.server";
import { lookupByLink } from "#app/domain/applications/lookup.server";
import type { ReceiptText, renderReceipt } from "./receipt.server";
import { caseAppointments, stageOf, timeline, typicalDuration, waitingOn } from "#app/domain/applications/status.server";
import { uploadPhase } from "#app/domain/applications/uploads.server";

export type CaseLookup = { ok: true; application: ApplicationRow } | { ok: false; status: 404 | 429 };

/**
 * The case behind an access code, read afresh (an action in this request may have changed it
 * since the lookup). The loader after an action reuses the action's lookup: one count per request.
 */
export async function findCase(app: AppContext, code: string): Promise<CaseLookup> {
  const found = await perRequest(app, `case:${code}`, () => lookupByLink(app.db, app.clientIp, code));
  if (!found.ok) return { ok: false, status: found.status === 429 ? 429 : 404 };
  const [application] = await app.db.select().from(schema.applications).where(eq(schema.applications.id, found.application.id));
  return application ? { ok: true, application } : { ok: false, status: 404 };
}

const withdrawable: readonly CaseState[] = ["submitted", "in_clearing", "documents_requested", "complete", "forwarded_to_unit", "in_processing"];

/** Everything the status page shows, or null when the service or the office is gone. */
export async function caseView(app: AppContext, application: ApplicationRow, language: Language, now: Date) {
  const [service, events, documents, info, appointments] = await Promise.all([
    serviceFor(app, application.serviceId),
    timeline(app.db, application.id),
    documentsOf(app.db, application.id),
    officeInfoFor(app, now),
    caseAppointments(app.db, application.reference!),
  ]);
  if (!service || !info) return null;
  const state = application.state as CaseState;
  const completeness = application.completeness as CompletenessResult | null;
  const open = state === "documents_requested" ? application.documentRequest : null;
  return {
    request: open && {
      deadline: open.deadline,
      message: open.message,
      items: await requestedItems(app.db, application.id, open.items, language),
    },
    reference: application.reference!,
    submittedAt: application.submittedAt!.toISOString(),
    timeZone: info.office.timeZone,
    state,
    waitingOn: waitingOn(state),
    typical: await typicalDuration(app.db, stageOf(state), info.office, now),
    service: { id: service.id, name: service.name, appointment: service.appointment },
    events,
    rules: (completeness?.rules ?? []).map((r) => {
      const rule = service.rules.find((x) => x.documentTypeId === r.documentTypeId);
      return {
        documentTypeId: r.documentTypeId,
        name: rule!.name,
        status: r.status,
        needed: r.needed,
        have: r.have,
        needsDocumentDate: rule?.maxAgeDays != null,
        needsValidUntil: rule?.minValidityDays != null,
      };
    }),
    // Documents can be sent later while the office has not finished its completeness check.
    canUpload: uploadPhase(state) === "case",
    files: documents.length,
    appointments: appointments.map((a) => ({ ...a, startsAt: a.startsAt.toISOString() })),
    canWithdraw: withdrawable.includes(state),
  };
}

export type CaseView = NonNullable<Awaited<ReturnType<typeof caseView>>>;

/** "I have sent everything I have": the case goes back to the clerk even if something is still missing. */
export async function respondForApplicant(app: AppContext, application: ApplicationRow, now: Date): Promise<boolean> {
  return app.db.transaction((tx) => respondToRequest(tx, application.id, { kind: "applicant", id: application.reference! }, now, false));
}

/** The applicant withdraws the case; false when its state no longer allows that. */
export async function withdrawCase(app: AppContext, application: ApplicationRow, now: Date): Promise<boolean> {
  const result = await app.db.transaction((tx) => applyCommand(tx, application.id, { type: "withdraw" }, { kind: "applicant", id: application.reference! }, now));
  return result.ok;
}

function withMrz(name: string, mrz: string | undefined): string {
  return mrz && !mrzSurname(name).ok ? `${name} (${mrz})` : name;
}

/**
 * What the receipt (Eingangsbestätigung) says: the time of submission, the service, the answers
 * and the documents received, in the applicant's language and in German. Built on request from
 * what is stored, so it always says what the office has. Null when the service or office is gone.
 */
export async function receiptContents(app: AppContext, application: ApplicationRow, language: Language, now: Date): Promise<Parameters<typeof renderReceipt>[0] | null> {
  const [service, documents, info] = await Promise.all([serviceFor(app, application.serviceId), documentsOf(app.db, application.id), officeInfoFor(app, now)]);
  if (!service || !info) return null;
  const { office } = info;
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
  return {
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
  };
}
