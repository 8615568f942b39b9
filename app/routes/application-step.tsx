import { eq } from "drizzle-orm";
import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/application-step";
import { BackIcon } from "#app/components/icons";
import { DateField, ErrorSummary, RadioGroup, SelectField, TextField } from "#app/components/form-fields";
import { PageTitle } from "#app/components/page-title";
import { ResumeCode, StepProgress } from "#app/components/application-frame";
import { applicationByDraftSecret, refreshCompleteness } from "#app/domain/applications/applications.server";
import { countryName, countryOptions, isNationality } from "#app/domain/applications/countries";
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
import { formatDay, todayIn } from "#app/lib/i18n/format";
import { getLocale } from "#app/lib/i18n/middleware.server";
import { type Language, pick } from "#app/lib/i18n/languages";
import * as schema from "#db/schema";

// One page of a draft application: about you, contact, the service's questions, or check your
// answers. Each page saves what it asks; an answer that does not pass comes back with its
// message (422) and nothing of that page is stored.

async function load(context: Route.LoaderArgs["context"], params: Route.LoaderArgs["params"], request: Request) {
  const app = context.get(appContext);
  const application = await applicationByDraftSecret(app.db, params.secret);
  if (!application) throw data(null, { status: 404 });
  const lng = new URL(request.url).searchParams.get("lng");
  if (application.state !== "draft") throw redirect(`/application/${params.secret}${lng ? `?lng=${lng}` : ""}`);
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
  const language = getLocale(context) as Language;
  let errors: StepErrors = {};
  let details = application.details;
  let answers = application.answers;

  if (params.step === "about") {
    const result = parseAbout(form, todayIn("Europe/Berlin", now));
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

  if (Object.keys(errors).length > 0) {
    return data({ errors, values: form }, { status: 422 });
  }

  const next = nextStep(steps, params.step);
  const furthest = steps.indexOf(next) > steps.indexOf(application.step as never) ? next : application.step;
  await app.db.transaction(async (tx) => {
    await tx
      .update(schema.applications)
      .set({ details, answers, step: furthest, language, updatedAt: now })
      .where(eq(schema.applications.id, application.id));
    // Answers decide which documents apply: the stored result follows them at once.
    if (answers !== application.answers) await refreshCompleteness(tx, application.id, now);
  });
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
  const query = `${loaderData.lng ? `?lng=${loaderData.lng}` : ""}`;
  const action = `/application/${secret}/${step}${returnToCheck ? `?return=check${loaderData.lng ? `&lng=${loaderData.lng}` : ""}` : query}`;
  const questions = questionsOnPage(service.questions, step) ?? [];
  const title = step === "about" ? t("about.title") : step === "contact" ? t("contact.title") : step === "check" ? t("check.title") : t("questions.title");
  const summary = Object.entries(errors).map(([field, message]) => ({ field: fieldAnchor(field), message: t(message) }));
  const dateParts = { day: t("date.day"), month: t("date.month"), year: t("date.year") };

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
        <CheckAnswers {...loaderData} />
      ) : (
        <Form method="post" action={action} className="contact-form" noValidate>
          {step === "about" && (
            <>
              <TextField id="familyName" label={t("about.familyName")} hint={t("about.familyNameHint")} error={error("familyName")} value={values.familyName ?? ""} autoComplete="family-name" />
              <TextField id="givenNames" label={t("about.givenNames")} hint={t("about.givenNamesHint")} error={error("givenNames")} value={values.givenNames ?? ""} autoComplete="given-name" />
              <TextField
                id="familyNameMrz"
                label={t("about.familyNameMrz")}
                hint={t("about.familyNameMrzHint")}
                error={error("familyNameMrz")}
                value={values.familyNameMrz ?? ""}
                ltr
              />
              <DateField id="birthDate" prefix="birth" legend={t("about.birthDate")} hint={t("date.hint")} error={error("birthDate")} values={values} partLabels={dateParts} autoComplete="bday" />
              <SelectField
                id="nationality"
                label={t("about.nationality")}
                error={error("nationality")}
                value={values.nationality ?? ""}
                options={countries.map((c) => (c.value === "XX" ? { ...c, label: t("about.stateless") } : c))}
                placeholder={t("about.nationalityChoose")}
              />
            </>
          )}
          {step === "contact" && (
            <>
              <p>{t("contact.intro")}</p>
              <TextField id="email" type="email" label={t("contact.email")} hint={t("contact.emailHint")} error={error("email")} value={values.email ?? ""} autoComplete="email" ltr />
              <TextField id="phone" type="tel" label={t("contact.phone")} hint={t("contact.phoneHint")} error={error("phone")} value={values.phone ?? ""} autoComplete="tel" ltr />
              <TextField id="street" label={t("contact.street")} error={error("street")} value={values.street ?? ""} autoComplete="street-address" />
              <TextField id="postcode" label={t("contact.postcode")} error={error("postcode")} value={values.postcode ?? ""} autoComplete="postal-code" inputMode="numeric" width="short" ltr />
              <TextField id="city" label={t("contact.city")} error={error("city")} value={values.city ?? ""} autoComplete="address-level2" />
              <DateField id="permitExpires" prefix="permit" legend={t("contact.permitExpires")} hint={t("contact.permitExpiresHint")} error={error("permitExpires")} values={values} partLabels={dateParts} />
            </>
          )}
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

function fieldAnchor(field: string) {
  return field === "birthDate" ? "birthDate" : field === "permitExpires" ? "permitExpires" : field;
}

function CheckAnswers({ secret, details, answers, service, missing, lng: explicit }: Route.ComponentProps["loaderData"]) {
  const { t, i18n } = useTranslation("apply");
  const lng = i18n.language as Language;
  const change = (step: string) => `/application/${secret}/${step}?return=check${explicit ? `&lng=${explicit}` : ""}`;
  const row = (label: string, value: string, step: string, key: string) => (
    <div key={key}>
      <dt>{label}</dt>
      <dd>{value || <span className="muted">{t("check.notGiven")}</span>}</dd>
      <dd className="change">
        <a href={change(step)}>
          {t("check.change")}
          <span className="visually-hidden"> {label}</span>
        </a>
      </dd>
    </div>
  );
  return (
    <>
      {missing.length > 0 && (
        <div className="notice" role="status">
          <p>{t("check.missing")}</p>
        </div>
      )}
      <h2>{t("about.title")}</h2>
      <dl className="check-answers">
        {row(t("about.familyName"), details.familyName ?? "", "about", "familyName")}
        {row(t("about.givenNames"), details.givenNames ?? "", "about", "givenNames")}
        {row(t("about.familyNameMrz"), details.familyNameMrz ?? "", "about", "familyNameMrz")}
        {row(t("about.birthDate"), details.birthDate ? formatDay(lng, details.birthDate) : "", "about", "birthDate")}
        {row(t("about.nationality"), details.nationality ? countryName(lng, details.nationality, t("about.stateless")) : "", "about", "nationality")}
      </dl>
      <h2>{t("contact.title")}</h2>
      <dl className="check-answers">
        {row(t("contact.email"), details.email ?? "", "contact", "email")}
        {row(t("contact.phone"), details.phone ?? "", "contact", "phone")}
        {row(t("contact.address"), [details.street, [details.postcode, details.city].filter(Boolean).join(" ")].filter(Boolean).join(", "), "contact", "address")}
        {row(t("contact.permitExpires"), details.permitExpires ? formatDay(lng, details.permitExpires) : "", "contact", "permitExpires")}
      </dl>
      {service.questions.length > 0 && (
        <>
          <h2>{t("questions.title")}</h2>
          <dl className="check-answers">
            {service.questions.map((q, i) => {
              const option = q.options.find((o) => o.key === answers[q.key]);
              return row(pick(q.label, lng), option ? pick(option.label, lng) : "", `questions-${Math.floor(i / 3) + 1}`, q.key);
            })}
          </dl>
        </>
      )}
      <Form method="post" action={`/application/${secret}/check${explicit ? `?lng=${explicit}` : ""}`}>
        <button type="submit">{t("check.continue")}</button>
      </Form>
    </>
  );
}
