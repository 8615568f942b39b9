// The parts of a case's status page (app/routes/case.tsx): where it stands and who must act, the
// office's open request, the documents with their upload forms, appointments, the timeline, the
// papers to download and the withdrawal.
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { UploadForm } from "#app/components/upload-form";
import type { CaseView } from "#app/domain/applications/case-view.server";
import type { UploadFormErrors } from "#app/domain/applications/upload-messages";
import { casePath } from "#app/domain/applications/paths";
import { formatDateTime, formatDay } from "#app/lib/i18n/format";
import { type Language, pick } from "#app/lib/i18n/languages";
import { withLanguage } from "#app/lib/urls";

function usePage() {
  const { t, i18n } = useTranslation("apply");
  const { t: tc } = useTranslation("clearing");
  return { t, tc, lng: i18n.language as Language };
}

export function CaseSummary({ view }: { view: CaseView }) {
  const { t, lng } = usePage();
  return (
    <>
      <dl className="summary">
        <div>
          <dt>{t("case.reference")}</dt>
          <dd className="booking-code" dir="ltr" translate="no">
            {view.reference}
          </dd>
        </div>
        <div>
          <dt>{t("case.submittedAt")}</dt>
          <dd>{formatDateTime(lng, new Date(view.submittedAt), view.timeZone)}</dd>
        </div>
        <div>
          <dt>{t("case.state")}</dt>
          <dd data-state={view.state}>{t(`case.states.${view.state}`)}</dd>
        </div>
      </dl>

      <section className={`waiting waiting-${view.waitingOn}`} aria-labelledby="waiting-title">
        <h2 id="waiting-title">{t(`case.waiting.${view.waitingOn}`)}</h2>
        <p>{t(`case.next.${view.state}`)}</p>
        {view.typical && (
          <p>
            {view.typical.source === "measured"
              ? t("case.typicalMeasured", { count: view.typical.days, cases: view.typical.samples })
              : t("case.typicalStated", { count: view.typical.days })}
          </p>
        )}
      </section>
    </>
  );
}

export function DocumentRequest({ request }: { request: NonNullable<CaseView["request"]> }) {
  const { tc, lng } = usePage();
  return (
    <section aria-labelledby="request-title" className="request-panel">
      <h2 id="request-title">{tc("status.requestTitle")}</h2>
      <p>{tc("status.requestIntro", { deadline: formatDay(lng, request.deadline) })}</p>
      <ul>
        {request.items.map((item) => (
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
      {request.message && (
        <p>
          {tc("status.clerkMessage", { message: "" })}
          <bdi>{request.message}</bdi>
        </p>
      )}
    </section>
  );
}

/** The documents the case needs, each with its state and, while the office still takes them, an upload form. */
export function CaseDocuments({
  view,
  code,
  action,
  uploaded,
  upload,
}: {
  view: CaseView;
  code: string;
  action: string;
  uploaded: number;
  upload: { slot: string | null; errors: UploadFormErrors } | null;
}) {
  const { t, tc, lng } = usePage();
  const outstanding = (status: string) => status !== "satisfied" && status !== "awaiting-review";
  const wanted = (documentTypeId: string, status: string) => (view.request ? view.request.items.some((i) => i.documentTypeId === documentTypeId) : outstanding(status));
  return (
    <section aria-labelledby="documents-title">
      <h2 id="documents-title">{t("case.documentsTitle")}</h2>
      {uploaded > 0 && (
        <div className="success-panel" role="status">
          <p>{t("documents.uploaded", { count: uploaded })}</p>
        </div>
      )}
      {view.canUpload && !view.request && view.rules.some((r) => outstanding(r.status)) && <p>{t("case.sendLater")}</p>}
      <ul className="document-status">
        {view.rules.map((r) => (
          <li key={r.documentTypeId} data-status={r.status} id={`slot-${r.documentTypeId}`}>
            <span className="document-name">{pick(r.name, lng)}</span>{" "}
            <span className="document-state">{t(`case.rule.${r.status}`, { needed: r.needed, have: r.have })}</span>
            {view.canUpload && wanted(r.documentTypeId, r.status) && (
              <UploadForm
                action={action}
                uploadUrl={casePath(code, "uploads")}
                documentTypeId={r.documentTypeId}
                documentName={pick(r.name, lng)}
                needsDocumentDate={r.needsDocumentDate}
                needsValidUntil={r.needsValidUntil}
                errors={upload?.slot === r.documentTypeId ? upload.errors : undefined}
              />
            )}
          </li>
        ))}
      </ul>
      {view.request && (
        <Form method="post" action={action} className="no-print">
          <input type="hidden" name="intent" value="respond" />
          <p className="hint">{tc("status.doneHint")}</p>
          <button type="submit" className="secondary">
            {tc("status.done")}
          </button>
        </Form>
      )}
    </section>
  );
}

export function CaseAppointments({ view }: { view: CaseView }) {
  const { t, lng } = usePage();
  const required = view.service.appointment === "required";
  return (
    <section aria-labelledby="appointments-title">
      <h2 id="appointments-title">{t("case.appointmentsTitle")}</h2>
      {view.appointments.length > 0 ? (
        <ul>
          {view.appointments.map((a) => (
            <li key={a.startsAt}>
              {formatDateTime(lng, new Date(a.startsAt), view.timeZone)} ({t(`case.appointmentStatus.${a.status}`, { defaultValue: a.status })})
            </li>
          ))}
        </ul>
      ) : (
        <p>{required ? t("case.appointmentNeeded") : t("case.noAppointments")}</p>
      )}
      {required && view.appointments.length === 0 && (
        <p>
          <a href={`/book/${view.service.id}`}>{t("case.bookAppointment")}</a>
        </p>
      )}
    </section>
  );
}

export function CaseTimeline({ view }: { view: CaseView }) {
  const { t, lng } = usePage();
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t("case.timelineTitle")}</h2>
      <ol className="timeline">
        {view.events.map((e, i) => (
          <li key={`${e.at}-${i}`}>
            <time dateTime={e.at}>{formatDateTime(lng, new Date(e.at), view.timeZone)}</time>
            <span>{t(`case.events.${e.type}`, { defaultValue: e.type, deadline: typeof e.data.deadline === "string" ? formatDay(lng, e.data.deadline) : "" })}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The receipt and the export of everything the office holds (GDPR Art. 15). */
export function CasePapers({ code }: { code: string }) {
  const { t, lng } = usePage();
  return (
    <section aria-labelledby="papers-title" className="no-print">
      <h2 id="papers-title">{t("case.papersTitle")}</h2>
      <ul>
        <li>
          <a href={withLanguage(casePath(code, "receipt.pdf"), lng)} download>
            {t("case.receipt")}
          </a>
        </li>
        <li>
          <a href={casePath(code, "export.zip")} download>
            {t("case.export")}
          </a>
          <p className="hint">{t("case.exportHint")}</p>
        </li>
      </ul>
    </section>
  );
}

export function WithdrawForm({ error }: { error: string | undefined }) {
  const { t } = usePage();
  return (
    <section aria-labelledby="withdraw-title" className="no-print">
      <h2 id="withdraw-title">{t("case.withdrawTitle")}</h2>
      <p>{t("case.withdrawHint")}</p>
      {error && (
        <p className="error-message" role="alert">
          {t(error)}
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
  );
}
