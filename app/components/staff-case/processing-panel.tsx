// The case worker's steps: start processing, decide, ready for pickup, close.
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { ActionButton } from "./action-button";
import type { CaseData } from "./case-names";

export function ProcessingPanel({ c }: { c: CaseData["case"] }) {
  const { t } = useTranslation("clearing");
  return (
    <section aria-labelledby="processing-title" className="panel">
      <h2 id="processing-title">{t("case.processingTitle")}</h2>
      {c.decision && <p>{t("case.decidedAs", { decision: t(`case.decisions.${c.decision}`) })}</p>}
      {c.state === "forwarded_to_unit" && <ActionButton intent="start" label={t("case.startProcessing")} />}
      {c.state === "in_processing" && (
        <Form method="post" className="reject-form">
          <input type="hidden" name="intent" value="decide" />
          <fieldset>
            <legend>{t("case.decision")}</legend>
            {(["granted", "refused"] as const).map((v) => (
              <div className="field checkbox" key={v}>
                <input type="radio" name="decision" value={v} id={`decision-${v}`} />
                <label htmlFor={`decision-${v}`}>{t(`case.decisions.${v}`)}</label>
              </div>
            ))}
          </fieldset>
          <button type="submit">{t("case.decide")}</button>
        </Form>
      )}
      {c.state === "decided" && c.decision === "granted" && <ActionButton intent="ready" label={t("case.readyForPickup")} />}
      {(c.state === "decided" || c.state === "ready_for_pickup") && <ActionButton intent="close" label={t("case.close")} secondary />}
    </section>
  );
}
