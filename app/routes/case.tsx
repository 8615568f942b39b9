import { eq } from "drizzle-orm";
import { useTranslation } from "react-i18next";
import { data, Form, isRouteErrorResponse, redirect } from "react-router";
import { UploadForm } from "#app/components/upload-form";
import type { UploadFormErrors } from "#app/domain/applications/upload-messages";
import { readUploadForm, storeUploadForm } from "#app/domain/applications/upload-form.server";
import { uploadPhase } from "#app/domain/applications/uploads.server";
import { LocalizedLink } from "#app/components/localized-link";
import type { Route } from "./+types/case";
import { PageTitle } from "#app/components/page-title";
import { applyCommand, documentsOf } from "#app/domain/applications/applications.server";
import { lookupByLink } from "#app/domain/applications/lookup.server";
import { caseAppointments, stageOf, timeline, typicalDuration, waitingOn } from "#app/domain/applications/status.server";
import { serviceFor } from "#app/domain/catalogue/catalogue.server";
import type { CompletenessResult } from "#app/domain/cases/completeness";
import type { CaseState } from "#app/domain/cases/case-states";
import { respondToRequest } from "#app/domain/applications/respond.server";
import { requestedItems } from "#app/domain/clearing/messages.server";
import { appContext } from "#app/lib/context";
import { getInstance } from "#app/lib/i18n/middleware.server";
import { formatDate, formatDay, formatTime } from "#app/lib/i18n/format";
import { isLanguage, type Language, pick } from "#app/lib/i18n/languages";
import { perRequest } from "#app/lib/config-cache.server";
import * as schema from "#db/schema";

// The status page of a submitted case, behind its access code: where it stands, who must act,
// what comes next and how long that usually takes here, the documents, appointments, the
// receipt, withdrawal, and everything the office holds about the applicant (GDPR Art. 15).

async function findCase(context: Route.LoaderArgs["context"], code: string) {
  const app = context.get(appContext);
  // The loader after an action reuses the action's lookup: one count per request.
  const found = await perRequest(app, `case:${code}`, () => lookupByLink(app.db, app.clientIp, code));
  if (!found.ok) {
    throw data({ lookup: found.status === 429 ? "tooMany" : "notFound" }, { status: found.status });
  }
  // Read the row afresh: an action in this request may have changed it since the lookup.
  const [application] = await app.db.select().from(schema.applications).where(eq(schema.applications.id, found.application.id));
  if (!application) throw data({ lookup: "notFound" }, { status: 404 });
  return { app, application };
}

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { app, application } = await findCase(context, params.code);
  const now = new Date();
  const [service, events, documents, [office], appointments] = await Promise.all([
    serviceFor(app, application.serviceId),
    timeline(app.db, application.id),
    documentsOf(app.db, application.id),
    app.db.select().from(schema.office).limit(1),
    caseAppointments(app.db, application.reference!),
  ]);
  if (!service || !office) throw data(null, { status: 404 });
  const state = application.state as CaseState;
  const typical = await typicalDuration(app.db, stageOf(state), office, now);
  const completeness = application.completeness as CompletenessResult | null;
  const names = Object.fromEntries(service.rules.map((r) => [r.documentTypeId, r.name]));
  const pageLanguage = getInstance(context).language;
  const open = state === "documents_requested" ? application.documentRequest : null;
  const openRequest = open
    ? {
        deadline: open.deadline,
        message: open.message,
        items: await requestedItems(app.db, application.id, open.items, isLanguage(pageLanguage) ? pageLanguage : "de"),
      }
    : null;
  return {
    request: openRequest,
    answered: new URL(request.url).searchParams.get("answered") === "1",
    code: params.code,
    lng: new URL(request.url).searchParams.get("lng"),
    reference: application.reference!,
    submittedAt: application.submittedAt!.toISOString(),
    timeZone: office.timeZone,
    state,
    waitingOn: waitingOn(state),
    stage: stageOf(state),
    typical,
    service: { id: service.id, name: service.name, appointment: service.appointment },
    events,
    rules: (completeness?.rules ?? []).map((r) => {
      const rule = service.rules.find((x) => x.documentTypeId === r.documentTypeId);
      return {
        documentTypeId: r.documentTypeId,
        name: names[r.documentTypeId]!,
        status: r.status,
        needed: r.needed,
        have: r.have,
        needsDocumentDate: rule?.maxAgeDays != null,
        needsValidUntil: rule?.minValidityDays != null,
      };
    }),
    // Documents can be sent later while the office has not finished its completeness check.
    canUpload: uploadPhase(state) === "case",
    uploaded: Number(new URL(request.url).searchParams.get("uploaded") ?? 0) || 0,
    files: documents.length,
    appointments: appointments.map((a) => ({ ...a, startsAt: a.startsAt.toISOString() })),
    canWithdraw: ["submitted", "in_clearing", "documents_requested", "complete", "forwarded_to_unit", "in_processing"].includes(state),
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { app, application } = await findCase(context, params.code);
  if (/^multipart\/form-data;/i.test(request.headers.get("Content-Type") ?? "")) {
    if (uploadPhase(application.state) !== "case") return data({ upload: { slot: null, errors: {} as UploadFormErrors }, withdraw: null }, { status: 409 });
    const read = await readUploadForm(request, app.env.documents);
    if (!read.ok) return data({ upload: { slot: null, errors: { file: [read.message] } as UploadFormErrors }, withdraw: null }, { status: read.status });
    const outcome = await storeUploadForm(app.db, app.env.documents, application, read.form, new Date());
    if (outcome.status === 200) {
      const lng = new URL(request.url).searchParams.get("lng");
      return redirect(`/case/${params.code}?uploaded=${outcome.stored.length}${lng ? `&lng=${lng}` : ""}`);
    }
    return data({ upload: { slot: read.form.documentTypeId, errors: outcome.errors }, withdraw: null }, { status: outcome.status });
  }
  const form = await request.formData();
  if (form.get("intent") === "respond") {
    // "I have sent everything I have": the case goes back to the clerk even if something is still missing.
    const done = await app.db.transaction((tx) => respondToRequest(tx, application.id, { kind: "applicant", id: application.reference! }, new Date(), false));
    if (!done) return data({ withdraw: null, upload: null }, { status: 409 });
    const lng = new URL(request.url).searchParams.get("lng");
    return redirect(`/case/${params.code}?answered=1${lng ? `&lng=${lng}` : ""}`);
  }
  if (form.get("intent") !== "withdraw") throw data(null, { status: 400 });
  if (form.get("confirm") !== "yes") return data({ withdraw: "confirmRequired" as const, upload: null }, { status: 422 });
  const result = await app.db.transaction((tx) =>
    applyCommand(tx, application.id, { type: "withdraw" }, { kind: "applicant", id: application.reference! }, new Date()),
  );
  if (!result.ok) return data({ withdraw: "notPossible" as const, upload: null }, { status: 409 });
  return { withdraw: "done" as const, upload: null };
}

export default function Case({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("apply");
  const { t: tc } = useTranslation("clearing");
  const lng = i18n.language as Language;
  const d = loaderData;
  const at = (iso: string) => `${formatDate(lng, new Date(iso), d.timeZone)}, ${formatTime(lng, new Date(iso), d.timeZone)}`;
  const base = `/case/${d.code}`;
  return (
    <div className="page apply case">
      <PageTitle>{t("case.title")}</PageTitle>
      <p className="eyebrow">{pick(d.service.name, lng)}</p>
      <h1>{t("case.title")}</h1>
      {actionData?.withdraw === "done" && (
        <div className="success-panel" role="status">
          <p>{t("case.withdrawn")}</p>
        </div>
      )}
      <dl className="summary">
        <div>
          <dt>{t("case.reference")}</dt>
          <dd className="booking-code" dir="ltr" translate="no">
            {d.reference}
          </dd>
        </div>
        <div>
          <dt>{t("case.submittedAt")}</dt>
          <dd>{at(d.submittedAt)}</dd>
        </div>
        <div>
          <dt>{t("case.state")}</dt>
          <dd data-state={d.state}>{t(`case.states.${d.state}`)}</dd>
        </div>
      </dl>

      <section className={`waiting waiting-${d.waitingOn}`} aria-labelledby="waiting-title">
        <h2 id="waiting-title">{t(`case.waiting.${d.waitingOn}`)}</h2>
        <p>{t(`case.next.${d.state}`)}</p>
        {d.typical && (
          <p>
            {d.typical.source === "measured"
              ? t("case.typicalMeasured", { count: d.typical.days, cases: d.typical.samples })
              : t("case.typicalStated", { count: d.typical.days })}
          </p>
        )}
      </section>

      {d.answered && (
        <div className="success-panel" role="status">
          <p>{tc("status.answered")}</p>
        </div>
      )}
      {d.request && (
        <section aria-labelledby="request-title" className="request-panel">
          <h2 id="request-title">{tc("status.requestTitle")}</h2>
          <p>{tc("status.requestIntro", { deadline: formatDay(lng, d.request.deadline) })}</p>
          <ul>
            {d.request.items.map((item) => (
              <li key={item.documentTypeId}>
                <a href={`#slot-${item.documentTypeId}`}>{item.name}</a>
                {item.rejectedBecause && <p>{tc("status.rejectedBecause", { reason: item.rejectedBecause })}</p>}
                {item.note && (
                  <p>
                    {tc("status.clerkNote", { note: "" })}
                    <bdi>{item.note}</bdi>
                  </p>
                )}
              </li>
            ))}
          </ul>
          {d.request.message && (
            <p>
              {tc("status.clerkMessage", { message: "" })}
              <bdi>{d.request.message}</bdi>
            </p>
          )}
        </section>
      )}
      {d.state === "ready_for_pickup" && (
        <section aria-labelledby="pickup-title">
          <h2 id="pickup-title">{tc("status.pickupTitle")}</h2>
          <p>{tc("status.pickupBody")}</p>
        </section>
      )}

      {d.rules.length > 0 && (
        <section aria-labelledby="documents-title">
          <h2 id="documents-title">{t("case.documentsTitle")}</h2>
          {d.uploaded > 0 && (
            <div className="success-panel" role="status">
              <p>{t("documents.uploaded", { count: d.uploaded })}</p>
            </div>
          )}
          {d.canUpload && !d.request && d.rules.some((r) => r.status !== "satisfied" && r.status !== "awaiting-review") && <p>{t("case.sendLater")}</p>}
          <ul className="document-status">
            {d.rules.map((r) => (
              <li key={r.documentTypeId} data-status={r.status} id={`slot-${r.documentTypeId}`}>
                <span className="document-name">{pick(r.name, lng)}</span>{" "}
                <span className="document-state">{t(`case.rule.${r.status}`, { needed: r.needed, have: r.have })}</span>
                {d.canUpload && (d.request ? d.request.items.some((i) => i.documentTypeId === r.documentTypeId) : r.status !== "satisfied" && r.status !== "awaiting-review") && (
                  <UploadForm
                    action={`${base}${d.lng ? `?lng=${d.lng}` : ""}`}
                    uploadUrl={`${base}/uploads`}
                    documentTypeId={r.documentTypeId}
                    documentName={pick(r.name, lng)}
                    needsDocumentDate={r.needsDocumentDate}
                    needsValidUntil={r.needsValidUntil}
                    errors={actionData?.upload?.slot === r.documentTypeId ? actionData.upload.errors : undefined}
                  />
                )}
              </li>
            ))}
          </ul>
          {d.request && (
            <Form method="post" action={`${base}${d.lng ? `?lng=${d.lng}` : ""}`} className="no-print">
              <input type="hidden" name="intent" value="respond" />
              <p className="hint">{tc("status.doneHint")}</p>
              <button type="submit" className="secondary">
                {tc("status.done")}
              </button>
            </Form>
          )}
        </section>
      )}

      <section aria-labelledby="appointments-title">
        <h2 id="appointments-title">{t("case.appointmentsTitle")}</h2>
        {d.appointments.length > 0 ? (
          <ul>
            {d.appointments.map((a) => (
              <li key={a.startsAt}>
                {at(a.startsAt)} ({t(`case.appointmentStatus.${a.status}`, { defaultValue: a.status })})
              </li>
            ))}
          </ul>
        ) : (
          <p>{d.service.appointment === "required" ? t("case.appointmentNeeded") : t("case.noAppointments")}</p>
        )}
        {d.service.appointment === "required" && d.appointments.length === 0 && (
          <p>
            <a href={`/book/${d.service.id}`}>{t("case.bookAppointment")}</a>
          </p>
        )}
      </section>

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t("case.timelineTitle")}</h2>
        <ol className="timeline">
          {d.events.map((e, i) => (
            <li key={`${e.at}-${i}`}>
              <time dateTime={e.at}>{at(e.at)}</time>
              <span>{t(`case.events.${e.type}`, { defaultValue: e.type, deadline: typeof e.data.deadline === "string" ? formatDay(lng, e.data.deadline) : "" })}</span>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="papers-title" className="no-print">
        <h2 id="papers-title">{t("case.papersTitle")}</h2>
        <ul>
          <li>
            <a href={`${base}/receipt.pdf?lng=${lng}`} download>
              {t("case.receipt")}
            </a>
          </li>
          <li>
            <a href={`${base}/export.zip`} download>
              {t("case.export")}
            </a>
            <p className="hint">{t("case.exportHint")}</p>
          </li>
        </ul>
      </section>

      {d.canWithdraw && actionData?.withdraw !== "done" && (
        <section aria-labelledby="withdraw-title" className="no-print">
          <h2 id="withdraw-title">{t("case.withdrawTitle")}</h2>
          <p>{t("case.withdrawHint")}</p>
          {actionData?.withdraw && (
            <p className="error-message" role="alert">
              {t(`case.withdrawErrors.${actionData.withdraw}`)}
            </p>
          )}
          <Form method="post">
            <input type="hidden" name="intent" value="withdraw" />
            <div className="choice-row">
              <input type="checkbox" id="confirm" name="confirm" value="yes" />
              <label htmlFor="confirm">{t("case.withdrawConfirm")}</label>
            </div>
            <button type="submit" className="warning">
              {t("case.withdraw")}
            </button>
          </Form>
        </section>
      )}
    </div>
  );
}

/** A failed lookup: the same page for every wrong code; 429 once an address guessed too often. */
export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const { t } = useTranslation("apply");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status !== 404 && status !== 429) throw error;
  const kind = status === 429 ? "tooMany" : "notFound";
  return (
    <div className="page apply">
      <PageTitle>{t(`case.lookup.${kind}.title`)}</PageTitle>
      <h1>{t(`case.lookup.${kind}.title`)}</h1>
      <p>{t(`case.lookup.${kind}.body`)}</p>
      <p>
        <LocalizedLink to="/status">{t("case.lookup.toForm")}</LocalizedLink>
      </p>
    </div>
  );
}
