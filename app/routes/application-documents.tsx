import { and, eq } from "drizzle-orm";
import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/application-documents";
import { ResumeCode, StepProgress } from "#app/components/application-frame";
import { BackIcon } from "#app/components/icons";
import { PageTitle } from "#app/components/page-title";
import { UploadForm } from "#app/components/upload-form";
import { applicationByDraftSecret, currentCompleteness, documentsFor, refreshCompleteness } from "#app/domain/applications/applications.server";
import { applicationPath } from "#app/domain/applications/paths";
import { stepsFor } from "#app/domain/applications/steps";
import type { UploadFormErrors } from "#app/domain/applications/upload-messages";
import { readUploadForm, storeUploadForm } from "#app/domain/applications/upload-form.server";
import { serviceFor } from "#app/domain/catalogue/catalogue.server";
import { type Answers, ruleHints } from "#app/domain/catalogue/checklist";
import { appContext } from "#app/lib/context";
import { formatDay } from "#app/lib/i18n/format";
import { type Language, pick } from "#app/lib/i18n/languages";
import * as schema from "#db/schema";

// The documents step: one upload slot per document the completeness rules ask for, given the
// answers; several files (photos or a PDF) per document; each slot says what is expected and
// why, and what has arrived. Without JavaScript each slot is a plain form upload; with it,
// public/upload.js shrinks photos in the browser and uploads in pieces that survive a dropped
// connection (app/components/upload-form.tsx).

async function load(context: Route.LoaderArgs["context"], secret: string, request: Request) {
  const app = context.get(appContext);
  const application = await applicationByDraftSecret(app.db, secret);
  if (!application) throw data(null, { status: 404 });
  const lng = new URL(request.url).searchParams.get("lng");
  if (application.state !== "draft") throw redirect(`/application/${secret}${lng ? `?lng=${lng}` : ""}`);
  const service = await serviceFor(app, application.serviceId);
  if (!service) throw data(null, { status: 404 });
  const steps = stepsFor(service.questions);
  if (steps.indexOf("documents") > steps.indexOf(application.step as never)) throw redirect(applicationPath(secret, application.step, lng));
  return { app, application, service, steps, lng };
}

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { app, application, service, steps, lng } = await load(context, params.secret, request);
  const now = new Date();
  const { documents, result } = await currentCompleteness(app.db, application, service.rules, now);
  const answers = application.answers as Answers;
  const byRule = new Map(result.rules.map((r) => [r.documentTypeId, r]));
  const optionLabel = (question: string, option: string) =>
    service.questions.find((q) => q.key === question)?.options.find((o) => o.key === option)?.label ?? null;
  const slots = service.rules
    .filter((rule) => byRule.has(rule.documentTypeId))
    .map((rule) => {
      const r = byRule.get(rule.documentTypeId)!;
      return {
        documentTypeId: rule.documentTypeId,
        name: rule.name,
        description: rule.description,
        because: rule.condition ? optionLabel(rule.condition.question, answers[rule.condition.question] ?? "") : null,
        hints: ruleHints(rule),
        needed: rule.minCount,
        needsDocumentDate: rule.maxAgeDays !== null,
        needsValidUntil: rule.minValidityDays !== null,
        status: r.status,
        have: r.have,
        files: documents
          .filter((d) => d.documentTypeId === rule.documentTypeId)
          .map((d) => ({
            id: d.id,
            name: d.displayName,
            pages: d.pages,
            mediaType: d.mediaType,
            documentDate: d.documentDate,
            validUntil: d.validUntil,
            verdict: r.documents.find((v) => v.documentId === d.id)?.status ?? "awaiting-review",
          })),
      };
    });
  const notNeeded = result.notNeeded.map((v) => {
    const d = documents.find((doc) => doc.id === v.documentId)!;
    return { id: d.id, name: d.displayName, documentTypeId: d.documentTypeId };
  });
  const url = new URL(request.url);
  return {
    secret: params.secret,
    lng,
    steps,
    service: { id: service.id, name: service.name },
    slots,
    notNeeded,
    uploaded: Number(url.searchParams.get("uploaded") ?? 0) || 0,
    removed: url.searchParams.get("removed") === "1",
    limits: { uploadMaxBytes: app.env.documents.uploadMaxBytes, quotaBytes: app.env.documents.applicationQuotaBytes },
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { app, application, steps, lng } = await load(context, params.secret, request);
  const settings = app.env.documents;
  const here = (query: string) => `/application/${params.secret}/documents?${query}${lng ? `&lng=${lng}` : ""}`;
  const now = new Date();

  // The upload form is multipart; removing a file and going on are plain forms.
  if (/^multipart\/form-data;/i.test(request.headers.get("Content-Type") ?? "")) {
    const read = await readUploadForm(request, settings);
    if (!read.ok) return data({ slot: null, errors: { file: [read.message] } as UploadFormErrors, values: {} }, { status: read.status });
    const outcome = await storeUploadForm(app.db, settings, application, read.form, now);
    if (outcome.status === 200) return redirect(here(`uploaded=${outcome.stored.length}`));
    return data(
      { slot: read.form.documentTypeId, errors: outcome.errors, values: { documentDate: read.form.documentDate, validUntil: read.form.validUntil } },
      { status: outcome.status },
    );
  }

  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "continue") {
    const next = steps[steps.indexOf("documents") + 1]!;
    if (steps.indexOf(next) > steps.indexOf(application.step as never)) {
      await app.db.update(schema.applications).set({ step: next, updatedAt: now }).where(eq(schema.applications.id, application.id));
    }
    return redirect(applicationPath(params.secret, next, lng));
  }
  if (intent !== "remove") throw data(null, { status: 400 });
  const id = String(form.get("documentId") ?? "");
  if (!/^[0-9a-f-]{36}$/.test(id)) throw data(null, { status: 400 });
  const removed = await app.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(schema.applicationDocuments)
      .where(and(eq(schema.applicationDocuments.id, id), eq(schema.applicationDocuments.applicationId, application.id)))
      .returning({ storageKey: schema.applicationDocuments.storageKey });
    if (row) await refreshCompleteness(tx, application.id, now);
    return row;
  });
  // Already gone (a second click): the page as it is now.
  if (!removed) return redirect(here("removed=1"));
  // The row is gone first: a failure here leaves an orphan file, never a row without a file.
  await documentsFor(settings).storage.delete(removed.storageKey);
  return redirect(here("removed=1"));
}

export default function ApplicationDocuments({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("apply");
  const lng = i18n.language as Language;
  const { secret, steps, service, slots, notNeeded, uploaded, removed } = loaderData;
  const failed = actionData ?? null;
  const fileErrors = failed?.errors.file ?? [];
  const query = loaderData.lng ? `?lng=${loaderData.lng}` : "";
  const action = `/application/${secret}/documents${query}`;
  const outstanding = slots.filter((s) => s.status !== "satisfied" && s.status !== "awaiting-review").length;
  return (
    <div className="page apply">
      <PageTitle>{t("documents.title")}</PageTitle>
      <p className="back no-print">
        <a href={applicationPath(secret, "check", loaderData.lng)}>
          <BackIcon />
          {t("back")}
        </a>
      </p>
      <StepProgress steps={steps} step="documents" serviceName={pick(service.name, lng)} />
      <h1>{t("documents.title")}</h1>
      {uploaded > 0 && (
        <div className="success-panel" role="status">
          <p>{t("documents.uploaded", { count: uploaded })}</p>
        </div>
      )}
      {removed && (
        <div className="notice" role="status">
          <p>{t("documents.removed")}</p>
        </div>
      )}
      {failed && (fileErrors.length > 0 || failed.errors.documentDate || failed.errors.validUntil) && (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <h2>{t("documents.errorTitle")}</h2>
          <ul>
            {fileErrors.map((e, i) => (
              <li key={i}>
                <a href={`#slot-${failed.slot ?? ""}`}>
                  {e.fileName ? `${e.fileName}: ` : ""}
                  {t(e.key, e.values)}
                </a>
              </li>
            ))}
            {[failed.errors.documentDate, failed.errors.validUntil].filter(Boolean).map((e, i) => (
              <li key={`date-${i}`}>
                <a href={`#slot-${failed.slot ?? ""}`}>{t(e!.key, e!.values)}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p>{t("documents.intro")}</p>
      <p className="hint">{t("documents.formats", { max: Math.round(loaderData.limits.uploadMaxBytes / 1_048_576) })}</p>
      {slots.map((slot) => (
        <section key={slot.documentTypeId} id={`slot-${slot.documentTypeId}`} className="document-slot" aria-labelledby={`title-${slot.documentTypeId}`} data-status={slot.status}>
          <h2 id={`title-${slot.documentTypeId}`}>{pick(slot.name, lng)}</h2>
          <p className={`slot-status status-${slot.status}`}>{t(`case.rule.${slot.status}`, { needed: slot.needed, have: slot.have })}</p>
          <p>{pick(slot.description, lng)}</p>
          <ul className="rule-hints">
            {slot.needed > 1 && <li>{t("catalogue:service.checklist.count", { count: slot.needed })}</li>}
            {slot.hints.map((h) => (
              <li key={h.key}>{t(`catalogue:service.checklist.${h.key}`, { count: h.count })}</li>
            ))}
          </ul>
          <p className="hint">{slot.because ? t("documents.because", { answer: pick(slot.because, lng) }) : t("documents.always")}</p>
          {slot.files.length > 0 && (
            <ul className="uploaded-files">
              {slot.files.map((f, i) => (
                <li key={f.id} data-verdict={f.verdict}>
                  <span>
                    {f.name ?? t("documents.file", { number: i + 1 })} ({t(f.mediaType === "application/pdf" ? "documents.pdfPages" : "documents.photo", { count: f.pages })})
                    {f.documentDate && <> · {t("documents.issuedOn", { date: formatDay(lng, f.documentDate) })}</>}
                    {f.validUntil && <> · {t("documents.validUntil", { date: formatDay(lng, f.validUntil) })}</>}
                  </span>
                  <Form method="post" action={action}>
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="documentId" value={f.id} />
                    <button type="submit" className="secondary">
                      {t("documents.remove")}
                      <span className="visually-hidden"> {f.name ?? pick(slot.name, lng)}</span>
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          )}
          <UploadForm
            action={action}
            uploadUrl={`/application/${secret}/uploads`}
            documentTypeId={slot.documentTypeId}
            documentName={pick(slot.name, lng)}
            needsDocumentDate={slot.needsDocumentDate}
            needsValidUntil={slot.needsValidUntil}
            errors={failed?.slot === slot.documentTypeId ? failed.errors : undefined}
            values={failed?.slot === slot.documentTypeId ? failed.values : undefined}
          />
        </section>
      ))}
      {notNeeded.length > 0 && (
        <section aria-labelledby="not-needed-title">
          <h2 id="not-needed-title">{t("documents.notNeededTitle")}</h2>
          <p>{t("documents.notNeededHint")}</p>
          <ul className="uploaded-files">
            {notNeeded.map((f) => (
              <li key={f.id}>
                <span>{f.name ?? t("documents.file", { number: 1 })}</span>
                <Form method="post" action={action}>
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="documentId" value={f.id} />
                  <button type="submit" className="secondary">
                    {t("documents.remove")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Form method="post" action={action}>
        <input type="hidden" name="intent" value="continue" />
        {outstanding > 0 && <p>{t("documents.continueMissing", { count: outstanding })}</p>}
        <button type="submit">{t("documents.continue")}</button>
      </Form>
      <ResumeCode secret={secret} />
    </div>
  );
}
