import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/application-step";
import { ResumeCode, StepProgress } from "#app/components/application-frame";
import { AboutFields, CheckAnswers, ContactFields } from "#app/components/application-step-fields";
import { ErrorSummary, RadioGroup } from "#app/components/form-fields";
import { BackIcon } from "#app/components/icons";
import { PageTitle } from "#app/components/page-title";
import { applicationByDraftSecret } from "#app/domain/applications/applications.server";
import { countryOptions, isNationality } from "#app/domain/applications/countries";
import { officeToday, saveStep } from "#app/domain/applications/drafts.server";
import { applicationPath } from "#app/domain/applications/paths";
import {
  formValuesOf,
  missingSteps,
  nextStep,
  parseAbout,
  parseContact,
  parseQuestions,
  previousStep,
  questionsOnPage,
  reachable,
  type StepErrors,
  stepsFor,
} from "#app/domain/applications/steps";
import { serviceFor } from "#app/domain/catalogue/catalogue.server";
import { appContext } from "#app/lib/context";
import { summaryItems } from "#app/lib/forms";
import { invalid } from "#app/lib/forms.server";
import { getLocale } from "#app/lib/i18n/middleware.server";
import { type Language, pick } from "#app/lib/i18n/languages";
import { withLanguage } from "#app/lib/urls";

// One page of a draft application: about you, contact, the service's questions, or check your
// answers. Each page saves what it asks; an answer that does not pass comes back with its
// message (422) and nothing of that page is stored.

async function load(context: Route.LoaderArgs["context"], params: Route.LoaderArgs["params"], request: Request) {
  const app = context.get(appContext);
  const application = await applicationByDraftSecret(app.db, params.secret);
  if (!application) throw data(null, { status: 404 });
  const lng = new URL(request.url).searchParams.get("lng");
  if (application.state !== "draft") throw redirect(withLanguage(`/application/${params.secret}`, lng));
  const service = await serviceFor(app, application.serviceId);
  if (!service) throw data(null, { status: 404 });
  const steps = stepsFor(service.questions);
  if (!["about", "contact", "check"].includes(params.step) && !questionsOnPage(service.questions, params.step)) {
    throw data(null, { status: 404 });
  }
  if (!reachable(steps, application.step, params.step)) throw redirect(applicationPath(params.secret, application.step, lng));
  return { app, application, service, steps, lng };
}

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { application, service, steps, lng } = await load(context, params, request);
  const language = getLocale(context) as Language;
  return {
    step: params.step,
    secret: params.secret,
    steps,
    lng,
    values: { ...formValuesOf(application.details), ...application.answers },
    answers: application.answers,
    details: application.details,
    service: { id: service.id, name: service.name, questions: service.questions },
    countries: params.step === "about" ? countryOptions(language, "") : [],
    missing: missingSteps(application.details, application.answers, service.questions),
    returnToCheck: new URL(request.url).searchParams.get("return") === "check",
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { app, application, service, steps, lng } = await load(context, params, request);
  const form = Object.fromEntries([...(await request.formData())].map(([k, v]) => [k, typeof v === "string" ? v : ""]));
  const now = new Date();
  const returnToCheck = new URL(request.url).searchParams.get("return") === "check";
  let errors: StepErrors = {};
  let details = application.details;
  let answers = application.answers;

  if (params.step === "about") {
    const result = parseAbout(form, await officeToday(app.db, now));
    if (result.ok && !isNationality(result.value.nationality!)) errors = { nationality: "errors.nationalityRequired" };
    else if (result.ok) details = { ...details, ...result.value };
    else errors = result.errors;
  } else if (params.step === "contact") {
    const result = parseContact(form);
    if (result.ok) details = { ...details, ...result.value };
    else errors = result.errors;
  } else if (params.step === "check") {
    const missing = missingSteps(details, answers, service.questions);
    if (missing.length > 0) return redirect(applicationPath(params.secret, missing[0]!, lng));
  } else {
    const result = parseQuestions(questionsOnPage(service.questions, params.step)!, form);
    if (result.ok) answers = { ...answers, ...result.value };
    else errors = result.errors;
  }
  if (Object.keys(errors).length > 0) return invalid(errors, form);

  const next = nextStep(steps, params.step);
  const furthest = steps.indexOf(next) > steps.indexOf(application.step as never) ? next : application.step;
  await saveStep(app.db, application, { details, answers, step: furthest, language: getLocale(context) as Language }, now);
  return redirect(applicationPath(params.secret, returnToCheck && params.step !== "check" ? "check" : next, lng));
}

export default function ApplicationStep({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("apply");
  const lng = i18n.language as Language;
  const { step, secret, steps, service, countries, returnToCheck } = loaderData;
  const values: Record<string, string> = { ...loaderData.values, ...(actionData?.values ?? {}) };
  const errors: StepErrors = actionData?.errors ?? {};
  const error = (field: string) => (errors[field] ? t(errors[field]!) : undefined);
  const back = previousStep(steps, step);
  const action = withLanguage(`/application/${secret}/${step}`, loaderData.lng, returnToCheck ? { return: "check" } : {});
  const questions = questionsOnPage(service.questions, step) ?? [];
  const title = step === "about" ? t("about.title") : step === "contact" ? t("contact.title") : step === "check" ? t("check.title") : t("questions.title");
  const summary = summaryItems(errors, t);

  return (
    <div className="page apply">
      <PageTitle>{summary.length > 0 ? t("errorTitle", { page: title }) : title}</PageTitle>
      {back && (
        <p className="back no-print">
          <a href={applicationPath(secret, back, loaderData.lng)}>
            <BackIcon />
            {t("back")}
          </a>
        </p>
      )}
      <StepProgress steps={steps} step={step} serviceName={pick(service.name, lng)} />
      <h1>{title}</h1>
      <ErrorSummary title={t("errorSummary")} errors={summary} />
      {step === "check" ? (
        <CheckAnswers
          secret={secret}
          details={loaderData.details}
          answers={loaderData.answers}
          questions={service.questions}
          missing={loaderData.missing}
          explicitLanguage={loaderData.lng}
        />
      ) : (
        <Form method="post" action={action} className="contact-form" noValidate>
          {step === "about" && <AboutFields values={values} error={error} countries={countries} />}
          {step === "contact" && <ContactFields values={values} error={error} />}
          {questions.map((q) => (
            <RadioGroup
              key={q.key}
              id={q.key}
              legend={pick(q.label, lng)}
              hint={q.hint ? pick(q.hint, lng) : undefined}
              error={error(q.key)}
              value={values[q.key] ?? ""}
              options={q.options.map((o) => ({ value: o.key, label: pick(o.label, lng) }))}
            />
          ))}
          <button type="submit">{returnToCheck ? t("saveAndCheck") : t("continue")}</button>
        </Form>
      )}
      <ResumeCode secret={secret} />
    </div>
  );
}
