// The clearing's panels of a case: asking for documents, the open request (extend, record an
// answer) and forwarding with the routing decision shown first.
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { DEFAULT_REQUEST_DAYS } from "#app/domain/cases/case-states";
import { plusDays } from "#app/domain/cases/days";
import { formatDay } from "#app/lib/i18n/format";
import { ActionButton } from "#app/components/staff-case/action-button";
import type { CaseData, CaseNames } from "./case-names";

export function RequestPanel({ data: d, names }: { data: CaseData; names: CaseNames }) {
  const { t } = useTranslation("clearing");
  return (
    <section aria-labelledby="request-title" className="panel">
      <h2 id="request-title">{t("case.requestTitle")}</h2>
      {d.requestable.length === 0 ? (
        <p>{t("case.nothingToRequest")}</p>
      ) : (
        <Form method="post" className="reject-form">
          <input type="hidden" name="intent" value="request" />
          <p>{t("case.requestIntro")}</p>
          <fieldset>
            <legend>{t("case.requestItems")}</legend>
            {d.requestable.map((id) => (
              <div className="field checkbox" key={id}>
                <input type="checkbox" name="items" value={id} id={`item-${id}`} defaultChecked />
                <label htmlFor={`item-${id}`}>{names.docName(id)}</label>
              </div>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="deadline">{t("case.deadline")}</label>
            <p className="hint" id="deadline-hint">
              {t("case.deadlineHint")}
            </p>
            <input
              type="date"
              id="deadline"
              name="deadline"
              defaultValue={plusDays(d.today, DEFAULT_REQUEST_DAYS)}
              min={plusDays(d.today, 1)}
              aria-describedby="deadline-hint"
            />
          </div>
          <div className="field">
            <label htmlFor="request-message">{t("case.requestMessage")}</label>
            <textarea id="request-message" name="message" rows={3} maxLength={1000} />
          </div>
          <button type="submit">{t("case.sendRequest")}</button>
        </Form>
      )}
    </section>
  );
}

export function OpenRequestPanel({ request, mayAct, names }: { request: NonNullable<CaseData["case"]["documentRequest"]>; mayAct: boolean; names: CaseNames }) {
  const { t } = useTranslation("clearing");
  const { lng } = names;
  return (
    <section aria-labelledby="open-request-title" className="panel">
      <h2 id="open-request-title">{t("case.openRequestTitle")}</h2>
      <p>{t("case.openRequest", { requested: formatDay(lng, request.requestedOn), deadline: formatDay(lng, request.deadline) })}</p>
      <ul>
        {request.items.map((id) => (
          <li key={id}>{names.docName(id)}</li>
        ))}
      </ul>
      {request.message && <p className="hint">{request.message}</p>}
      {request.remindedOn && <p>{t("case.reminded", { date: formatDay(lng, request.remindedOn) })}</p>}
      {request.extensions > 0 && <p>{t("case.extensions", { count: request.extensions })}</p>}
      {mayAct && (
        <>
          <Form method="post" className="doc-actions">
            <input type="hidden" name="intent" value="extend" />
            <div className="field">
              <label htmlFor="new-deadline">{t("case.newDeadline")}</label>
              <input type="date" id="new-deadline" name="deadline" defaultValue={plusDays(request.deadline, 7)} min={plusDays(request.deadline, 1)} />
            </div>
            <button type="submit" className="secondary">
              {t("case.extend")}
            </button>
          </Form>
          <ActionButton intent="respond" label={t("case.recordAnswer")} secondary />
        </>
      )}
    </section>
  );
}

type Routing = CaseData["routing"];

export function ForwardPanel({ routing, names }: { routing: Routing; names: CaseNames }) {
  const { t } = useTranslation("clearing");
  return (
    <section aria-labelledby="forward-title" className="panel">
      <h2 id="forward-title">{t("case.forwardTitle")}</h2>
      {routing?.ok ? (
        <>
          <p>{t("case.forwardTo", { unit: names.unitName(routing.unitId) })}</p>
          <p>{routing.caseWorker ? t("case.caseWorker", { name: routing.caseWorker.name }) : t("case.noCaseWorker")}</p>
          <RoutingRuleText rule={routing.rule} serviceName={names.serviceName} />
          <ActionButton intent="forward" label={t("case.forward")} />
        </>
      ) : routing && !routing.ok ? (
        <p className="error-message">{t(`case.routingProblem.${routing.routing.code}`, { unit: "unitId" in routing.routing ? routing.routing.unitId : "" })}</p>
      ) : (
        <p>{t("case.forwardBlocked")}</p>
      )}
    </section>
  );
}

function RoutingRuleText({ rule, serviceName }: { rule: Extract<NonNullable<Routing>, { ok: true }>["rule"]; serviceName: string }) {
  const { t } = useTranslation("clearing");
  return (
    <ul className="hint">
      <li>{rule.unit.by === "service" ? t("case.ruleService", { service: serviceName }) : t("case.ruleAnswer", { question: rule.unit.question })}</li>
      <li>
        {rule.caseWorker.by === "letter-range"
          ? t("case.ruleLetter", { letter: rule.caseWorker.letter, first: rule.caseWorker.firstLetter, last: rule.caseWorker.lastLetter })
          : rule.caseWorker.cause === "unit-has-no-letter-ranges"
            ? t("case.ruleNoRanges")
            : t("case.ruleNeedsMrz")}
      </li>
    </ul>
  );
}
