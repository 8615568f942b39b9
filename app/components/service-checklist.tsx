// The service page's checklist (app/routes/service.tsx): the questions that decide which
// documents apply, asked with a plain GET form that works without JavaScript, and the list of
// documents that follows from the answers given so far.
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { ErrorSummary } from "#app/components/form-fields";
import { CheckIcon } from "#app/components/icons";
import { type Answers, type Checklist as ChecklistData, type Question, ruleHints } from "#app/domain/catalogue/checklist";
import { summaryItems } from "#app/lib/forms";
import { formatDay } from "#app/lib/i18n/format";
import { type Language, pick } from "#app/lib/i18n/languages";

export function ChecklistQuestions({
  questions,
  answers,
  errors,
  explicitLanguage,
}: {
  questions: Question[];
  answers: Answers;
  errors: Record<string, string>;
  explicitLanguage: boolean;
}) {
  const { t, i18n } = useTranslation("catalogue");
  const lng = i18n.language as Language;
  return (
    <Form method="get" className="questions no-print" noValidate data-enhance="checklist">
      <ErrorSummary title={t("service.questions.errorSummary")} errors={summaryItems(errors, t, (key) => `q-${key}`)} headingLevel={3} />
      <p>{t("service.questions.intro", { count: questions.length })}</p>
      {explicitLanguage && <input type="hidden" name="lng" value={lng} />}
      {questions.map((q) => {
        const error = errors[q.key];
        const describedBy = [q.hint ? `q-${q.key}-hint` : null, error ? `q-${q.key}-error` : null].filter(Boolean).join(" ");
        return (
          <fieldset key={q.key} id={`q-${q.key}`} className={error ? "field field-error" : "field"} aria-describedby={describedBy || undefined}>
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
                  <input type="radio" name={q.key} value={o.key} defaultChecked={answers[q.key] === o.key} />
                  <span>{pick(o.label, lng)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        );
      })}
      <button type="submit">{t("service.questions.submit")}</button>
    </Form>
  );
}

export function Checklist({ questions, answers, checklist, today }: { questions: Question[]; answers: Answers; checklist: ChecklistData; today: string }) {
  const { t, i18n } = useTranslation("catalogue");
  const lng = i18n.language as Language;
  const complete = checklist.unanswered.length === 0;
  const answered = questions.filter((q) => answers[q.key]);
  return (
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
                    {item.minCount > 1 && <span className="count"> ({t("service.checklist.count", { count: item.minCount })})</span>}
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
      {!complete && <p className="pending">{t("service.checklist.pending", { count: checklist.unanswered.length })}</p>}
      <p className="hint">{t("service.checklist.originals")}</p>
      <p className="hint print-only">{t("service.checklist.asOf", { date: formatDay(lng, today) })}</p>
      <p className="hint no-print">{t("service.checklist.printHint")}</p>
      <button type="button" className="secondary js-only" data-action="print" hidden>
        {t("service.checklist.print")}
      </button>
    </div>
  );
}
