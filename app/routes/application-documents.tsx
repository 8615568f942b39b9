import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/application-documents";
import { ResumeCode, StepProgress } from "#app/components/application-frame";
import { DocumentSlotSection, NotNeededDocuments, uploadSummary } from "#app/components/document-slots";
import { ErrorSummary } from "#app/components/form-fields";
import { BackIcon } from "#app/components/icons";
import { PageTitle } from "#app/components/page-title";
import { applicationByDraftSecret } from "#app/domain/applications/applications.server";
import { draftDocuments, reachStep, removeDraftDocument } from "#app/domain/applications/drafts.server";
import { isUploadForm, uploadFromForm } from "#app/domain/applications/form-upload.server";
import { applicationPath } from "#app/domain/applications/paths";
import { stepsFor } from "#app/domain/applications/steps";
import { serviceFor } from "#app/domain/catalogue/catalogue.server";
import { appContext } from "#app/lib/context";
import { type Language, pick } from "#app/lib/i18n/languages";
import { withLanguage } from "#app/lib/urls";

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
  if (application.state !== "draft") throw redirect(withLanguage(`/application/${secret}`, lng));
  const service = await serviceFor(app, application.serviceId);
  if (!service) throw data(null, { status: 404 });
  const steps = stepsFor(service.questions);
  if (steps.indexOf("documents") > steps.indexOf(application.step as never)) throw redirect(applicationPath(secret, application.step, lng));
  return { app, application, service, steps, lng };
}

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { app, application, service, steps, lng } = await load(context, params.secret, request);
  const { slots, notNeeded } = await draftDocuments(app.db, application, service, new Date());
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
  const here = (query: Record<string, number>) => withLanguage(`/application/${params.secret}/documents`, lng, query);
  const now = new Date();

  // The upload form is multipart; removing a file and going on are plain forms.
  if (isUploadForm(request)) {
    const upload = await uploadFromForm(app, application, request, now);
    if (upload.ok) return redirect(here({ uploaded: upload.stored }));
    return data({ slot: upload.slot, errors: upload.errors, values: upload.values }, { status: upload.status });
  }

  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "continue") {
    const next = steps[steps.indexOf("documents") + 1]!;
    if (steps.indexOf(next) > steps.indexOf(application.step as never)) await reachStep(app.db, application.id, next, now);
    return redirect(applicationPath(params.secret, next, lng));
  }
  if (intent !== "remove") throw data(null, { status: 400 });
  const id = String(form.get("documentId") ?? "");
  if (!/^[0-9a-f-]{36}$/.test(id)) throw data(null, { status: 400 });
  // Already gone (a second click): the page as it is now.
  await removeDraftDocument(app.db, app.env.documents, application.id, id, now);
  return redirect(here({ removed: 1 }));
}

export default function ApplicationDocuments({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("apply");
  const lng = i18n.language as Language;
  const { secret, steps, service, slots, notNeeded, uploaded, removed } = loaderData;
  const failed = actionData ?? null;
  const action = withLanguage(`/application/${secret}/documents`, loaderData.lng);
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
      <ErrorSummary title={t("documents.errorTitle")} errors={uploadSummary(failed, t)} />
      <p>{t("documents.intro")}</p>
      <p className="hint">{t("documents.formats", { max: Math.round(loaderData.limits.uploadMaxBytes / 1_048_576) })}</p>
      {slots.map((slot) => (
        <DocumentSlotSection key={slot.documentTypeId} slot={slot} action={action} uploadUrl={`/application/${secret}/uploads`} failed={failed} />
      ))}
      <NotNeededDocuments files={notNeeded} action={action} />
      <Form method="post" action={action}>
        <input type="hidden" name="intent" value="continue" />
        {outstanding > 0 && <p>{t("documents.continueMissing", { count: outstanding })}</p>}
        <button type="submit">{t("documents.continue")}</button>
      </Form>
      <ResumeCode secret={secret} />
    </div>
  );
}
