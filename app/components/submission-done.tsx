// The page that answers a submission: the reference and the access code, shown this once (only
// its hash is stored), and the ways on to the receipt and the status page.
import { useTranslation } from "react-i18next";
import { PageTitle } from "#app/components/page-title";
import { casePath } from "#app/domain/applications/paths";
import { formatDateTime } from "#app/lib/i18n/format";
import type { Language } from "#app/lib/i18n/languages";
import { withLanguage } from "#app/lib/urls";

export type Submitted = { reference: string; code: string; grouped: string; at: string; timeZone: string; messaged: boolean };

export function SubmissionDone({ done, explicitLanguage }: { done: Submitted; explicitLanguage: string | null }) {
  const { t, i18n } = useTranslation("apply");
  const lng = i18n.language as Language;
  return (
    <div className="page apply">
      <PageTitle>{t("done.title")}</PageTitle>
      <div className="success-panel" role="status">
        <h1>{t("done.title")}</h1>
        <p>{t("done.when", { when: formatDateTime(lng, new Date(done.at), done.timeZone) })}</p>
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
          <a href={withLanguage(casePath(done.code, "receipt.pdf"), lng)} download>
            {t("done.receipt")}
          </a>
        </li>
        <li>
          <a href={casePath(done.code, "", explicitLanguage)}>{t("done.status")}</a>
        </li>
      </ul>
    </div>
  );
}
