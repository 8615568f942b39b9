// The held time on the booking details page (app/routes/book-details.tsx): when it is, how long
// it stays held (a countdown with JavaScript), and the button that holds it a little longer; and
// the pages shown instead when the hold is gone.
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { ErrorSummary } from "#app/components/form-fields";
import { LocalizedLink } from "#app/components/localized-link";
import { PageTitle } from "#app/components/page-title";
import { HOLD_MINUTES } from "#app/domain/booking/limits";
import { formatDateTime, formatTime } from "#app/lib/i18n/format";
import type { Language } from "#app/lib/i18n/languages";

export function HeldSlot({ startsAt, expiresAt, timeZone, canExtend }: { startsAt: Date; expiresAt: Date; timeZone: string; canExtend: boolean }) {
  const { t, i18n } = useTranslation("booking");
  const lng = i18n.language as Language;
  return (
    <section className="held" aria-labelledby="held-title">
      <h2 id="held-title">{t("details.heldTitle")}</h2>
      <p className="held-time">{formatDateTime(lng, startsAt, timeZone)}</p>
      <p>{t("details.heldUntil", { time: formatTime(lng, expiresAt, timeZone) })}</p>
      <p
        className="countdown js-only"
        hidden
        data-countdown={expiresAt.toISOString()}
        data-remaining={t("details.remaining", { time: "{{time}}" })}
        data-warning={t("details.warning")}
        data-digits={lng}
      />
      <p className="visually-hidden" aria-live="polite" data-countdown-announce="" />
      {canExtend && (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="extend" />
          <button type="submit" className="secondary">
            {t("details.extend", { count: HOLD_MINUTES })}
          </button>
        </Form>
      )}
    </section>
  );
}

/**
 * Refused because the person already has an appointment: their held place went back to others at
 * once, so there is no hold any more; the page says why and where to go instead.
 */
export function AlreadyBooked({ serviceId, message }: { serviceId: string; message: string }) {
  const { t } = useTranslation("booking");
  return (
    <div className="page booking">
      <PageTitle>{t("details.title")}</PageTitle>
      <h1>{t("details.title")}</h1>
      <ErrorSummary title={t("contact.errorSummary")} message={t(message)} />
      <p>
        <LocalizedLink to={`/book/${serviceId}`}>{t("details.chooseAgain")}</LocalizedLink>
      </p>
    </div>
  );
}

export function HoldExpired({ serviceId }: { serviceId: string }) {
  const { t } = useTranslation("booking");
  return (
    <div className="page booking">
      <PageTitle>{t("details.expiredTitle")}</PageTitle>
      <h1>{t("details.expiredTitle")}</h1>
      <p>{t("details.expiredBody")}</p>
      <p>
        <LocalizedLink to={`/book/${serviceId}`} className="button-link">
          {t("details.chooseAgain")}
        </LocalizedLink>
      </p>
    </div>
  );
}
