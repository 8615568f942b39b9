import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/application-submit";
import { BackIcon } from "#app/components/icons";
import { ResumeCode, StepProgress, SubmittedNotice } from "#app/components/application-frame";
import { PageTitle } from "#app/components/page-title";
import { SubmissionDone } from "#app/components/submission-done";
import { applicationByDraftSecret, currentCompleteness } from "#app/domain/applications/applications.server";
import { groupCode } from "#app/domain/applications/codes";
import { applicationPath } from "#app/domain/applications/paths";
import { submitApplication } from "#app/domain/applications/submission.server";
import { missingSteps, stepsFor } from "#app/domain/applications/steps";
import { serviceFor } from "#app/domain/catalogue/catalogue.server";
import { appContext } from "#app/lib/context";
import { type Language, pick } from "#app/lib/i18n/languages";
import { invalid } from "#app/lib/forms.server";
import { withLanguage } from "#app/lib/urls";

// The last page: what is still missing, a declaration, and the submission. The access code is
// shown once, on the page that answers the submission (and sent by message if an address was
// given); only its hash is stored.

async function load(context: Route.LoaderArgs["context"], secret: string, request: Request) {
  const app = context.get(appContext);
  const application = await applicationByDraftSecret(app.db, secret);
  if (!application) throw data(null, { status: 404 });
  const lng = new URL(request.url).searchParams.get("lng");
  const service = await serviceFor(app, application.serviceId);
  if (!service) throw data(null, { status: 404 });
  return { app, application, service, lng };
}

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { app, application, service, lng } = await load(context, params.secret, request);
  // After the submission the loaders run again: the page then shows what the action answered
  // (the code, once), so a submitted application is not sent elsewhere here.
  if (application.state !== "draft") {
    return { submittedAlready: true as const, secret: params.secret, lng, reference: application.reference!, submittedAt: application.submittedAt!.toISOString() };
  }
  const steps = stepsFor(service.questions);
  if (steps.indexOf("submit") > steps.indexOf(application.step as never)) throw redirect(applicationPath(params.secret, application.step, lng));
  const missing = missingSteps(application.details, application.answers, service.questions);
  if (missing.length > 0) throw redirect(applicationPath(params.secret, "check", lng));
  // Read only: the submission stores the result with the case.
  const { result: completeness } = await currentCompleteness(app.db, application, service.rules, new Date());
  const names = Object.fromEntries(service.rules.map((r) => [r.documentTypeId, r.name]));
  return {
    submittedAlready: false as const,
    secret: params.secret,
    lng,
    steps,
    service: { id: service.id, name: service.name },
    outstanding: completeness.rules
      .filter((r) => r.status !== "satisfied" && r.status !== "awaiting-review")
      .map((r) => ({ name: names[r.documentTypeId]!, status: r.status })),
    messaged: Boolean(application.details.email || application.details.phone),
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { app, application, service, lng } = await load(context, params.secret, request);
  if (application.state !== "draft") return redirect(withLanguage(`/application/${params.secret}`, lng));
  const form = await request.formData();
  if (form.get("declaration") !== "yes") return invalid({ declaration: "submit.declarationRequired" }, {});
  const missing = missingSteps(application.details, application.answers, service.questions);
  if (missing.length > 0) return redirect(applicationPath(params.secret, "check", lng));

  const submitted = await submitApplication(app.db, {
    application,
    serviceName: service.name,
    publicUrl: app.env.publicUrl,
    actor: { kind: "applicant", id: "self" },
    now: new Date(),
  });
  // A double click: the first request's page shows the code; this one shows where to go.
  if (!submitted) return redirect(withLanguage(`/application/${params.secret}`, lng));
  const { reference, accessCode, submittedAt, timeZone, messaged } = submitted;
  return { submitted: { reference, code: accessCode, grouped: groupCode(accessCode), at: submittedAt.toISOString(), timeZone, messaged } };
}

export default function ApplicationSubmit({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("apply");
  const lng = i18n.language as Language;
  const done = actionData && "submitted" in actionData ? actionData.submitted : null;
  const error = actionData && "errors" in actionData ? actionData.errors.declaration : undefined;
  if (!done && loaderData.submittedAlready) return <SubmittedNotice reference={loaderData.reference} submittedAt={loaderData.submittedAt} />;
  if (done) return <SubmissionDone done={done} explicitLanguage={loaderData.lng} />;
  if (loaderData.submittedAlready) return null;
  const { secret, steps, service, outstanding, messaged } = loaderData;
  return (
    <div className="page apply">
      <PageTitle>{t("submit.title")}</PageTitle>
      <p className="back no-print">
        <a href={applicationPath(secret, "documents", loaderData.lng)}>
          <BackIcon />
          {t("back")}
        </a>
      </p>
      <StepProgress steps={steps} step="submit" serviceName={pick(service.name, lng)} />
      <h1>{t("submit.title")}</h1>
      {outstanding.length > 0 ? (
        <div className="notice" data-testid="outstanding">
          <p>{t("submit.outstanding", { count: outstanding.length })}</p>
          <ul>
            {outstanding.map((o) => (
              <li key={o.name.de}>
                {pick(o.name, lng)}: {t(`case.rule.${o.status}`, { needed: 1, have: 0 })}
              </li>
            ))}
          </ul>
          <p>{t("submit.outstandingHint")}</p>
        </div>
      ) : (
        <p>{t("submit.allThere")}</p>
      )}
      <p>{messaged ? t("submit.willMessage") : t("submit.noMessage")}</p>
      <Form method="post" className="contact-form">
        <div className={error ? "field field-error" : "field"}>
          {error && (
            <p className="error-message" id="declaration-error" role="alert">
              {t(error)}
            </p>
          )}
          <div className="choice-row">
            <input type="checkbox" id="declaration" name="declaration" value="yes" aria-describedby={error ? "declaration-error" : undefined} />
            <label htmlFor="declaration">{t("submit.declaration")}</label>
          </div>
        </div>
        <button type="submit">{t("submit.button")}</button>
      </Form>
      <ResumeCode secret={secret} />
    </div>
  );
}
