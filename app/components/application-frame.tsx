// What every page of a draft application shows around its form: where the person is in the
// application, and how to come back to it later.
import { useTranslation } from "react-i18next";
import { groupCode } from "#app/domain/applications/codes";
import type { StepId } from "#app/domain/applications/steps";
import { LocalizedLink } from "#app/components/localized-link";
import { PageTitle } from "#app/components/page-title";
import { formatDateTime } from "#app/lib/i18n/format";
import type { Language } from "#app/lib/i18n/languages";
import { useRootData } from "#app/root";

export function stepName(t: (key: string, values?: Record<string, unknown>) => string, step: string): string {
  const page = /^questions-(\d+)$/.exec(step);
  return page ? t("steps.questions") : t(`steps.${step}`);
}

export function StepProgress({ steps, step, serviceName }: { steps: readonly StepId[]; step: string; serviceName: string }) {
  const { t } = useTranslation("apply");
  const index = steps.indexOf(step as StepId);
  return (
    <p className="eyebrow">
      {serviceName}
      <br />
      {t("progress", { current: index + 1, total: steps.length, name: stepName(t, step) })}
    </p>
  );
}

/** The draft's resume code: the way back without the link (another phone, a counsellor's PC). */
export function ResumeCode({ secret }: { secret: string }) {
  const { t } = useTranslation("apply");
  return (
    <details className="resume no-print">
      <summary>{t("resume.summary")}</summary>
      <p>{t("resume.body")}</p>
      <p className="code" dir="ltr" translate="no">
        {groupCode(secret)}
      </p>
      <p>{t("resume.where")}</p>
    </details>
  );
}

/** An application that was already submitted: its reference and time, and the way to its status. */
export function SubmittedNotice({ reference, submittedAt }: { reference: string; submittedAt: string }) {
  const { t, i18n } = useTranslation("apply");
  const lng = i18n.language as Language;
  const { office } = useRootData();
  return (
    <div className="page apply">
      <PageTitle>{t("submitted.title")}</PageTitle>
      <h1>{t("submitted.title")}</h1>
      <p>{t("submitted.body", { reference, when: formatDateTime(lng, new Date(submittedAt), office.timeZone) })}</p>
      <p>
        <LocalizedLink to="/status">{t("submitted.toStatus")}</LocalizedLink>
      </p>
    </div>
  );
}
