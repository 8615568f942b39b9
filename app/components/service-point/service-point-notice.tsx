import { useTranslation } from "react-i18next";
import type { ServicePointNotice } from "#app/domain/booking/office-notices";

/** What was just done (after the redirect), as a status message. */
export function ServicePointNoticePanel({ notice }: { notice: ServicePointNotice }) {
  const { t } = useTranslation("servicepoint");
  return (
    <div className="success-panel sp-notice" role="status">
      {notice.key === "checkedIn" && (
        <>
          <p>{t("checkIn.success", { name: notice.name })}</p>
          <p className="sp-ticket">{t("checkIn.ticket", { ticket: notice.ticket })}</p>
        </>
      )}
      {notice.key === "called" && <p>{t("servicePoint.results.called", { ticket: notice.ticket, counter: notice.counter })}</p>}
      {notice.key === "completed" && <p>{t("servicePoint.results.completed", { ticket: notice.ticket })}</p>}
      {notice.key === "noShow" && <p>{t("servicePoint.results.noShow", { name: notice.name })}</p>}
    </div>
  );
}
