import { useTranslation } from "react-i18next";
import type { OfficeNotice } from "#app/domain/booking/office-notices";
import { formatDay, weekdayName } from "#app/lib/i18n/format";
import type { Language } from "#app/lib/i18n/languages";

/** What was just saved (after the redirect), as a status message. */
export function OfficeNoticePanel({
  notice,
  hoursUnitName,
  unitName,
  serviceName,
}: {
  notice: OfficeNotice;
  hoursUnitName: string;
  unitName: (id: string | null) => string;
  serviceName: (id: string) => string;
}) {
  const { t, i18n } = useTranslation("servicepoint");
  const lng = i18n.language as Language;
  return (
    <div className="success-panel sp-notice" role="status">
      {notice.key === "hoursSaved" && <p>{t("hours.saved", { weekday: weekdayName(lng, notice.weekday), unit: hoursUnitName })}</p>}
      {notice.key === "slotsSaved" && <p>{t("slots.saved", { service: serviceName(notice.serviceId) })}</p>}
      {notice.key === "closed" && (
        <>
          <p>{t("closures.closed", { date: formatDay(lng, notice.day), unit: unitName(notice.unitId) })}</p>
          {notice.cancelled > 0 && <p>{t("closures.cancelled", { count: notice.cancelled })}</p>}
        </>
      )}
      {notice.key === "removed" && <p>{t("closures.removed")}</p>}
    </div>
  );
}
