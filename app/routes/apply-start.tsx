import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/apply-start";
import { BackIcon } from "#app/components/icons";
import { LocalizedLink, useLocalizedHref } from "#app/components/localized-link";
import { PageTitle } from "#app/components/page-title";
import { createDraft } from "#app/domain/applications/applications.server";
import { stepsFor } from "#app/domain/applications/steps";
import { withinLimit } from "#app/lib/rate-limit.server";
import { serviceFor } from "#app/domain/catalogue/catalogue.server";
import { appContext } from "#app/lib/context";
import { getLocale } from "#app/lib/i18n/middleware.server";
import { type Language, pick } from "#app/lib/i18n/languages";
import { applicationPath } from "#app/domain/applications/paths";
import { ErrorSummary } from "#app/components/form-fields";

// The start of an application: what it asks, what to have ready, how the draft is kept.
export async function loader({ context, params }: Route.LoaderArgs) {
  const service = await serviceFor(context.get(appContext), params.serviceId);
  if (!service?.takesApplication) throw data(null, { status: 404 });
  return {
    service: { id: service.id, name: service.name, appointment: service.appointment },
    pages: stepsFor(service.questions).length,
    documents: service.rules.filter((r) => !r.condition).map((r) => r.name),
    conditional: service.rules.some((r) => r.condition),
  };
}

/** Drafts a person may start per address and hour: enough for a counselling office's shared line. */
const draftLimit = { limit: 30, windowSeconds: 3600 };

export async function action({ context, params, request }: Route.ActionArgs) {
  const app = context.get(appContext);
  const service = await serviceFor(app, params.serviceId);
  if (!service?.takesApplication) throw data(null, { status: 404 });
  const form = await request.formData();
  if (form.get("intent") !== "start") throw data(null, { status: 400 });
  if (!(await withinLimit(app.db, `draft:ip:${app.clientIp}`, draftLimit))) {
    return data({ error: "errors.tooManyDrafts" }, { status: 429 });
  }
  const language = getLocale(context) as Language;
  const { secret } = await createDraft(app.db, service.id, language);
  const url = new URL(request.url);
  return redirect(applicationPath(secret, "about", url.searchParams.get("lng")));
}

export default function ApplyStart({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("apply");
  const lng = i18n.language as Language;
  const { service, pages, documents, conditional } = loaderData;
  const name = pick(service.name, lng);
  const resumeHref = useLocalizedHref("/apply/resume");
  return (
    <div className="page apply">
      <PageTitle>{t("start.title", { service: name })}</PageTitle>
      <p className="back no-print">
        <LocalizedLink to={`/services/${service.id}`}>
          <BackIcon />
          {t("start.back")}
        </LocalizedLink>
      </p>
      <p className="eyebrow">{name}</p>
      <h1>{t("start.heading")}</h1>
      {actionData?.error && <ErrorSummary message={t(actionData.error)} />}
      <p className="lead">{t("start.intro", { count: pages })}</p>
      <h2>{t("start.readyTitle")}</h2>
      <ul>
        <li>{t("start.readyPassport")}</li>
        <li>{t("start.readyDocuments")}</li>
        <li>{t("start.readyAddress")}</li>
      </ul>
      {documents.length > 0 && (
        <details>
          <summary>{t("start.documentsSummary", { count: documents.length })}</summary>
          <ul>
            {documents.map((d) => (
              <li key={d.de}>{pick(d, lng)}</li>
            ))}
          </ul>
          {conditional && <p>{t("start.documentsConditional")}</p>}
        </details>
      )}
      <h2>{t("start.draftTitle")}</h2>
      <p>{t("start.draftBody")}</p>
      <p>{t("start.privacy")}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="start" />
        <button type="submit">{t("start.button")}</button>
      </Form>
      <p>
        <a href={resumeHref}>{t("start.resumeLink")}</a>
      </p>
    </div>
  );
}
