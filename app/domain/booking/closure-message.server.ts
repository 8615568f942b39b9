import type { i18n } from "i18next";
import { formatDay, formatTime } from "#app/lib/i18n/format";
import { defaultLanguage, isLanguage, pick } from "#app/lib/i18n/languages";
import type { Message } from "#app/domain/messages/outbox.server";
import type { CancelledAppointment } from "./office-hours.server";
import { dayIn } from "./slots";

/**
 * The message to a person whose appointment falls on a day the office closed: in the language
 * they chose when booking, with a link to book again.
 */
export function closureMessage(i18n: i18n, publicUrl: string, a: CancelledAppointment): Message {
  const lng = isLanguage(a.language) ? a.language : defaultLanguage;
  const t = i18n.getFixedT(lng, "servicepoint");
  const date = formatDay(lng, dayIn(a.startsAt, a.timeZone));
  const time = formatTime(lng, a.startsAt, a.timeZone);
  const service = pick(a.serviceName, lng);
  return {
    kind: "closure-cancellation",
    toEmail: a.email,
    toPhone: a.email ? null : a.phone,
    language: lng,
    subject: t("message.closure.subject", { date }),
    body: [
      t("message.closure.greeting", { name: a.name }),
      t("message.closure.closed", { date }),
      t("message.closure.cancelled", { service, date, time, code: a.code }),
      t("message.closure.bookAgain", { url: `${publicUrl}/book/${a.serviceId}?lng=${lng}` }),
      t("message.closure.sorry"),
    ].join("\n\n"),
  };
}
