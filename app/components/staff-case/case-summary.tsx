// The top of a case: where it stands, the service, when it came in, who holds it.
import { useTranslation } from "react-i18next";
import type { CaseData, CaseNames } from "./case-names";

export function CaseSummary({ data: d, names }: { data: CaseData; names: CaseNames }) {
  const { t } = useTranslation("clearing");
  const { t: ta } = useTranslation("apply");
  const c = d.case;
  return (
    <dl className="summary">
      <div>
        <dt>{t("case.state")}</dt>
        <dd>{ta(`case.states.${c.state}`)}</dd>
      </div>
      <div>
        <dt>{t("case.service")}</dt>
        <dd>{names.serviceName}</dd>
      </div>
      <div>
        <dt>{t("case.submittedAt")}</dt>
        <dd>{names.when(c.submittedAt)}</dd>
      </div>
      <div>
        <dt>{t("case.claimedBy")}</dt>
        <dd>{c.claimedBy ? (d.staffNames[c.claimedBy] ?? "?") : t("case.notClaimed")}</dd>
      </div>
    </dl>
  );
}
