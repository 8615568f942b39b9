import { useTranslation } from "react-i18next";
import { data, isRouteErrorResponse, redirect } from "react-router";
import type { Route } from "./+types/case";
import { CaseAppointments, CaseDocuments, CasePapers, CaseSummary, CaseTimeline, DocumentRequest, WithdrawForm } from "#app/components/case-page";
import { LocalizedLink } from "#app/components/localized-link";
import { PageTitle } from "#app/components/page-title";
import { caseActionSchema } from "#app/domain/applications/case-schema";
import { caseView, findCase, respondForApplicant, withdrawCase } from "#app/domain/applications/case-view.server";
import { isUploadForm, uploadFromForm } from "#app/domain/applications/form-upload.server";
import { uploadPhase } from "#app/domain/applications/uploads.server";
import { appContext } from "#app/lib/context";
import { fieldErrors, isFormReply } from "#app/lib/forms";
import { invalid } from "#app/lib/forms.server";
import { getLocale } from "#app/lib/i18n/middleware.server";
import { isLanguage, type Language, pick } from "#app/lib/i18n/languages";
import { withLanguage } from "#app/lib/urls";

// The status page of a submitted case, behind its access code: where it stands, who must act,
// what comes next and how long that usually takes here, the documents, appointments, the
// receipt, withdrawal, and everything the office holds about the applicant (GDPR Art. 15).

async function submittedCase(context: Route.LoaderArgs["context"], code: string) {
  const app = context.get(appContext);
  const found = await findCase(app, code);
  if (!found.ok) throw data({ lookup: found.status === 429 ? "tooMany" : "notFound" }, { status: found.status });
  return { app, application: found.application };
}

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { app, application } = await submittedCase(context, params.code);
  const locale = getLocale(context);
  const view = await caseView(app, application, isLanguage(locale) ? locale : "de", new Date());
  if (!view) throw data(null, { status: 404 });
  const search = new URL(request.url).searchParams;
  return {
    ...view,
    code: params.code,
    lng: search.get("lng"),
    answered: search.get("answered") === "1",
    uploaded: Number(search.get("uploaded") ?? 0) || 0,
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { app, application } = await submittedCase(context, params.code);
  const lng = new URL(request.url).searchParams.get("lng");
  const here = (query: Record<string, number>) => withLanguage(`/case/${params.code}`, lng, query);
  if (isUploadForm(request)) {
    if (uploadPhase(application.state) !== "case") return data({ upload: { slot: null, errors: {} } }, { status: 409 });
    const upload = await uploadFromForm(app, application, request, new Date());
    if (upload.ok) return redirect(here({ uploaded: upload.stored }));
    return data({ upload: { slot: upload.slot, errors: upload.errors } }, { status: upload.status });
  }
  const parsed = caseActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    // Only the withdrawal's confirmation is the person's to correct; anything else was not sent by the page.
    const errors = fieldErrors(parsed.error);
    if (!errors.confirm) throw data(null, { status: 400 });
    return invalid({ confirm: errors.confirm }, {});
  }
  switch (parsed.data.intent) {
    case "respond":
      if (!(await respondForApplicant(app, application, new Date()))) return data({ refused: "respond" as const }, { status: 409 });
      return redirect(here({ answered: 1 }));
    case "withdraw":
      if (!(await withdrawCase(app, application, new Date()))) return data({ refused: "withdraw" as const }, { status: 409 });
      return { withdrawn: true as const };
  }
}

export default function Case({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("apply");
  const { t: tc } = useTranslation("clearing");
  const lng = i18n.language as Language;
  const action = withLanguage(`/case/${d.code}`, d.lng);
  const withdrawn = actionData !== undefined && "withdrawn" in actionData;
  const withdrawError = isFormReply(actionData)
    ? actionData.errors.confirm
    : actionData && "refused" in actionData && actionData.refused === "withdraw"
      ? "case.withdrawErrors.notPossible"
      : undefined;
  return (
    <div className="page apply case">
      <PageTitle>{t("case.title")}</PageTitle>
      <p className="eyebrow">{pick(d.service.name, lng)}</p>
      <h1>{t("case.title")}</h1>
      {withdrawn && (
        <div className="success-panel" role="status">
          <p>{t("case.withdrawn")}</p>
        </div>
      )}
      <CaseSummary view={d} />
      {d.answered && (
        <div className="success-panel" role="status">
          <p>{tc("status.answered")}</p>
        </div>
      )}
      {d.request && <DocumentRequest request={d.request} />}
      {d.state === "ready_for_pickup" && (
        <section aria-labelledby="pickup-title">
          <h2 id="pickup-title">{tc("status.pickupTitle")}</h2>
          <p>{tc("status.pickupBody")}</p>
        </section>
      )}
      {d.rules.length > 0 && (
        <CaseDocuments view={d} code={d.code} action={action} uploaded={d.uploaded} upload={actionData && "upload" in actionData ? actionData.upload : null} />
      )}
      <CaseAppointments view={d} />
      <CaseTimeline view={d} />
      <CasePapers code={d.code} />
      {d.canWithdraw && !withdrawn && <WithdrawForm error={withdrawError} />}
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
