import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/application-submit";
import { BackIcon } from "#app/components/icons";
import { ResumeCode, StepProgress, SubmittedNotice } from "#app/components/application-frame";
import { PageTitle } from "#app/components/page-title";
import { applicationByDraftSecret, currentCompleteness, submitDraft } from "#app/domain/applications/applications.server";
import { groupCode } from "#app/domain/applications/codes";
import { applicationPath, casePath } from "#app/domain/applications/paths";
import { missingSteps, stepsFor } from "#app/domain/applications/steps";
import { serviceFor } from "#app/domain/catalogue/catalogue.server";
import { queueMessage } from "#app/domain/messages/outbox.server";
import { appContext } from "#app/lib/context";
import { formatDate, formatTime } from "#app/lib/i18n/format";
import { getInstance } from "#app/lib/i18n/middleware.server";
import { type Language, isLanguage, pick } from "#app/lib/i18n/languages";
import * as schema from "#db/schema";

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
    outstanding: completeness.rules.filter((r) => r.status !== "satisfied" && r.status !== "awaiting-review").map((r) => ({ name: names[r.documentTypeId]!, status: r.status })),
    messaged: Boolean(application.details.email || application.details.phone),
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { app, application, service, lng } = await load(context, params.secret, request);
  if (application.state !== "draft") return redirect(`/application/${params.secret}${lng ? `?lng=${lng}` : ""}`);
  const form = await request.formData();
  if (form.get("declaration") !== "yes") return data({ error: "submit.declarationRequired" as const }, { status: 422 });
  const missing = missingSteps(application.details, application.answers, service.questions);
  if (missing.length > 0) return redirect(applicationPath(params.secret, "check", lng));

  const now = new Date();
  const submitted = await submitDraft(app.db, application.id, { kind: "applicant", id: "self" }, now);
  // A double click: the first request's page shows the code; this one shows where to go.
  if (!submitted) return redirect(`/application/${params.secret}${lng ? `?lng=${lng}` : ""}`);

  const language = isLanguage(application.language) ? application.language : "de";
  const { email, phone, givenNames, familyName } = application.details;
  if (email || phone) {
    const i18n = getInstance(context);
    const tr = i18n.getFixedT(language, "apply");
    const [office] = await app.db.select().from(schema.office).limit(1);
    const timeZone = office?.timeZone ?? "Europe/Berlin";
    const link = `${app.env.publicUrl}${casePath(submitted.accessCode, "", language)}`;
    await queueMessage(app.db, {
      kind: "application-submitted",
      toEmail: email || null,
      toPhone: email ? null : phone || null,
      language,
      subject: tr("message.subject", { reference: submitted.reference }),
      body: [
        tr("message.greeting", { name: [givenNames, familyName].filter(Boolean).join(" ") }),
        tr("message.received", {
          service: pick(service.name, language),
          when: `${formatDate(language, now, timeZone)}, ${formatTime(language, now, timeZone)}`,
          reference: submitted.reference,
        }),
        tr("message.code", { code: groupCode(submitted.accessCode) }),
        tr("message.link", { url: link }),
        tr("message.keep"),
      ].join("\n\n"),
    });
  }
  return {
    submitted: {
      reference: submitted.reference,
      code: submitted.accessCode,
      grouped: groupCode(submitted.accessCode),
      at: now.toISOString(),
      timeZone: "Europe/Berlin",
      messaged: Boolean(email || phone),
    },
  };
}

export default function ApplicationSubmit({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("apply");
  const lng = i18n.language as Language;
  const done = actionData && "submitted" in actionData ? actionData.submitted : null;
  const error = actionData && "error" in actionData ? actionData.error : null;
  if (!done && loaderData.submittedAlready) return <SubmittedNotice reference={loaderData.reference} submittedAt={loaderData.submittedAt} />;
  if (done) {
    const status = casePath(done.code, "", loaderData.lng);
    return (
      <div className="page apply">
        <PageTitle>{t("done.title")}</PageTitle>
        <div className="success-panel" role="status">
          <h1>{t("done.title")}</h1>
          <p>{t("done.when", { when: `${formatDate(lng, new Date(done.at), done.timeZone)}, ${formatTime(lng, new Date(done.at), done.timeZone)}` })}</p>
        </div>
        <dl className="summary">
          <div>
            <dt>{t("done.reference")}</dt>
            <dd className="booking-code" dir="ltr" translate="no" data-testid="reference">
              {done.reference}
            </dd>
          </div>
          <div>
            <dt>{t("done.code")}</dt>
            <dd className="access-code" dir="ltr" translate="no" data-testid="access-code">
              {done.grouped}
            </dd>
          </div>
        </dl>
        <div className="notice">
          <p>{t("done.codeOnce")}</p>
          {done.messaged && <p>{t("done.messaged")}</p>}
        </div>
        <h2>{t("done.nextTitle")}</h2>
        <p>{t("done.next")}</p>
        <ul>
          <li>
            <a href={`/case/${done.code}/receipt.pdf?lng=${lng}`} download>
              {t("done.receipt")}
            </a>
          </li>
          <li>
            <a href={status}>{t("done.status")}</a>
          </li>
        </ul>
      </div>
    );
  }
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
