import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import type { Route } from "./+types/service";
import { BackIcon, CheckIcon } from "#app/components/icons";
import { LocalizedLink } from "#app/components/localized-link";
import { serviceFor } from "#app/domain/catalogue/catalogue.server";
import { buildChecklist, parseAnswers, ruleHints } from "#app/domain/catalogue/checklist";
import { appContext } from "#app/lib/context";
import { formatDay, todayIn } from "#app/lib/i18n/format";
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
  const errorKeys = Object.keys(errors);
  const hasQuestions = service.questions.length > 0;
  const complete = checklist.unanswered.length === 0;
  const answered = service.questions.filter((q) => answers[q.key]);

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
          {hasQuestions && (
            <Form method="get" className="questions no-print" noValidate data-enhance="checklist">
              {errorKeys.length > 0 && (
                <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
                  <h3 id="error-summary-title">{t("service.questions.errorSummary")}</h3>
                  <ul>
                    {errorKeys.map((key) => (
                      <li key={key}>
                        <a href={`#q-${key}`}>{t(errors[key]!)}</a>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              <p>{t("service.questions.intro", { count: service.questions.length })}</p>
              {explicitLanguage && <input type="hidden" name="lng" value={lng} />}
              {service.questions.map((q) => {
                const error = errors[q.key];
                const describedBy = [q.hint ? `q-${q.key}-hint` : null, error ? `q-${q.key}-error` : null]
                  .filter(Boolean)
                  .join(" ");
                return (
                  <fieldset
                    key={q.key}
                    id={`q-${q.key}`}
                    className={error ? "field field-error" : "field"}
                    aria-describedby={describedBy || undefined}
                  >
                    <legend>{pick(q.label, lng)}</legend>
                    {q.hint && (
                      <p className="hint" id={`q-${q.key}-hint`}>
                        {pick(q.hint, lng)}
                      </p>
                    )}
                    {error && (
                      <p className="error-message" id={`q-${q.key}-error`}>
                        {t(error)}
                      </p>
                    )}
                    <div className="choices">
                      {q.options.map((o) => (
                        <label key={o.key} className="choice">
                          <input
                            type="radio"
                            name={q.key}
                            value={o.key}
                            defaultChecked={answers[q.key] === o.key}
                          />
                          <span>{pick(o.label, lng)}</span>
                        </label>
                      ))}
                    </div>
                  </fieldset>
                );
              })}
              <button type="submit">{t("service.questions.submit")}</button>
            </Form>
          )}

          <div id="checklist" className="checklist" aria-live="polite">
            <h3>{complete ? t("service.checklist.title") : t("service.checklist.titlePartial")}</h3>
            {answered.length > 0 && (
              <div className="your-answers">
                <h4>{t("service.checklist.yourAnswers")}</h4>
                <dl>
                  {answered.map((q) => (
                    <div key={q.key}>
                      <dt>{pick(q.label, lng)}</dt>
                      <dd>{pick(q.options.find((o) => o.key === answers[q.key])!.label, lng)}</dd>
                    </div>
                  ))}
                </dl>
              </div>
            )}
            {checklist.items.length === 0 ? (
              <p>{t("service.checklist.none")}</p>
            ) : (
              <>
                <p className="total">{t("service.checklist.total", { count: checklist.items.length })}</p>
                <ol className="documents">
                  {checklist.items.map((item) => (
                    <li key={item.documentTypeId} data-document={item.documentTypeId}>
                      <CheckIcon />
                      <div>
                        <p className="document-name">
                          <strong>{pick(item.name, lng)}</strong>
                          {item.minCount > 1 && (
                            <span className="count"> ({t("service.checklist.count", { count: item.minCount })})</span>
                          )}
                        </p>
                        <p className="document-description">{pick(item.description, lng)}</p>
                        {ruleHints(item).length > 0 && (
                          <ul className="rule-hints">
                            {ruleHints(item).map((hint) => (
                              <li key={hint.key}>{t(`service.checklist.${hint.key}`, { count: hint.count })}</li>
                            ))}
                          </ul>
                        )}
                      </div>
                    </li>
                  ))}
                </ol>
              </>
            )}
            {!complete && (
              <p className="pending">{t("service.checklist.pending", { count: checklist.unanswered.length })}</p>
            )}
            <p className="hint">{t("service.checklist.originals")}</p>
            <p className="hint print-only">{t("service.checklist.asOf", { date: formatDay(lng, today) })}</p>
            <p className="hint no-print">{t("service.checklist.printHint")}</p>
            <button type="button" className="secondary js-only" data-action="print" hidden>
              {t("service.checklist.print")}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
