import { useTranslation } from "react-i18next";
import type { ServicePointReply } from "#app/domain/booking/office-refusals";
import { formatDay, formatTime } from "#app/lib/i18n/format";
import type { Language } from "#app/lib/i18n/languages";

/**
 * The text of a service point reply, its placeholders formatted for the reader: a day as a date,
 * an instant as a time of day in the office's time zone.
 */
export function useReplyText(timeZone: string): (reply: ServicePointReply) => string {
  const { t, i18n } = useTranslation("servicepoint");
  const lng = i18n.language as Language;
  return ({ message, values = {} }) =>
    t(message, {
      ...values,
      ...(typeof values.day === "string" ? { date: formatDay(lng, values.day) } : {}),
      ...(typeof values.from === "string" ? { time: formatTime(lng, new Date(values.from), timeZone) } : {}),
    });
}
