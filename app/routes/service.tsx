import { useTranslation } from "react-i18next";
import { data } from "react-router";
import type { Route } from "./+types/service";
import { BackIcon } from "#app/components/icons";
import { Checklist, ChecklistQuestions } from "#app/components/service-checklist";
import { LocalizedLink } from "#app/components/localized-link";
import { serviceFor } from "#app/domain/catalogue/catalogue.server";
import { buildChecklist, parseAnswers } from "#app/domain/catalogue/checklist";
import { appContext } from "#app/lib/context";
import { todayIn } from "#app/lib/i18n/format";
import { type Language, pick } from "#app/lib/i18n/languages";
import { useRootData } from "#app/root";

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const service = await serviceFor(context.get(appContext), params.serviceId);
  if (!service) throw data(null, { status: 404 });
  const search = new URL(request.url).searchParams;
  const parsed = parseAnswers(service.questions, search);
  const checklist = buildChecklist(service.rules, service.questions, parsed.answers);
  const payload = {
    service,
    answers: parsed.answers,
    errors: parsed.ok ? {} : parsed.errors,
    checklist,
  };
  // A wrong answer is the sender's mistake: 400, with the form as sent and the error beside it.
  return data(payload, { status: parsed.ok ? 200 : 400 });
}

export default function Service({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("catalogue");
  const lng = i18n.language as Language;
  const { office, explicitLanguage } = useRootData();
  const { service, answers, errors, checklist } = loaderData;
  const today = todayIn(office.timeZone);
  const hasQuestions = service.questions.length > 0;

  return (
    <div className="page service">
      <title>{t("common:pageTitle", { page: pick(service.name, lng), office: office.name })}</title>
      <p className="back no-print">
        <LocalizedLink to="/services">
          <BackIcon />
          {t("service.back")}
        </LocalizedLink>
      </p>
      <h1>{pick(service.name, lng)}</h1>

      <section aria-labelledby="who-title">
        <h2 id="who-title">{t("service.whoFor")}</h2>
        <p className="lead">{pick(service.summary, lng)}</p>
      </section>

      <section aria-labelledby="facts-title" className="facts no-print">
        <h2 id="facts-title" className="visually-hidden">
          {t("service.facts")}
        </h2>
        <dl>
          <div>
            <dt>{t("service.appointment.title")}</dt>
            <dd>
              {service.appointment === "required" || service.appointment === "optional"
                ? t(`service.appointment.${service.appointment}`, { count: service.slotMinutes ?? 0 })
                : t(`service.appointment.${service.appointment as "none" | "invitation"}`)}
            </dd>
          </div>
          <div>
            <dt>{t("service.application.title")}</dt>
            <dd>{service.takesApplication ? t("service.application.yes") : t("service.application.no")}</dd>
          </div>
          <div>
            <dt>{t("service.unit")}</dt>
            <dd>{pick(service.unitName, lng)}</dd>
          </div>
          <div>
            <dt>{t("service.legalBasis")}</dt>
            <dd lang="de" dir="ltr">
              {service.legalBasis}
            </dd>
          </div>
        </dl>
        {(service.appointment === "required" || service.appointment === "optional") && service.slotMinutes && (
          <p>
            <LocalizedLink to={`/book/${service.id}`} className="button-link">
              {t("service.appointment.book")}
            </LocalizedLink>
          </p>
        )}
        {service.takesApplication && (
          <p>
            <LocalizedLink to={`/apply/${service.id}`} className="button-link">
              {t("apply:entry.apply")}
            </LocalizedLink>
          </p>
        )}
      </section>

      {(hasQuestions || service.rules.length > 0) && (
        <section aria-labelledby="checklist-title" className="checklist-section">
          <h2 id="checklist-title">{t("service.questions.title")}</h2>
          {hasQuestions && <ChecklistQuestions questions={service.questions} answers={answers} errors={errors} explicitLanguage={explicitLanguage} />}
          <Checklist questions={service.questions} answers={answers} checklist={checklist} today={today} />
        </section>
      )}
    </div>
  );
}
