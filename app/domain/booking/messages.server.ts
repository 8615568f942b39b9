import type { i18n } from "i18next";
import { formatDate, formatTime } from "~/lib/i18n/format";
import { type Language, pick, type Translated } from "~/lib/i18n/languages";
import type { Message } from "../messages/outbox.server";

/** The booking confirmation, in the language the person chose for messages. */
export function confirmationMessage(
  i18n: i18n,
  publicUrl: string,
  booked: {
    code: string;
    manageToken: string;
    startsAt: Date;
    serviceId: string;
    serviceName: Translated;
    timeZone: string;
    contact: { name: string; email: string | null; phone: string | null; language: Language };
  },
): Message {
  const lng = booked.contact.language;
  const t = i18n.getFixedT(lng, "booking");
  const when = `${formatDate(lng, booked.startsAt, booked.timeZone)}, ${formatTime(lng, booked.startsAt, booked.timeZone)}`;
  const service = pick(booked.serviceName, lng);
  return {
    kind: "booking-confirmation",
    toEmail: booked.contact.email,
    toPhone: booked.contact.email ? null : booked.contact.phone,
    language: lng,
    subject: t("message.confirmation.subject", { service, when }),
    body: [
      t("message.greeting", { name: booked.contact.name }),
      t("message.confirmation.booked", { service, when }),
      t("message.confirmation.code", { code: booked.code }),
      t("message.confirmation.bring", { url: `${publicUrl}/services/${booked.serviceId}?lng=${lng}` }),
      t("message.confirmation.manage", { url: `${publicUrl}/appointment/${booked.manageToken}?lng=${lng}` }),
    ].join("\n\n"),
  };
}

/** The reminder the day before. */
export function reminderMessage(
  i18n: i18n,
  a: {
    code: string;
    startsAt: Date;
    serviceId: string;
    serviceName: Translated;
    timeZone: string;
    name: string;
    email: string | null;
    phone: string | null;
    language: Language;
  },
): Message {
  const lng = a.language;
  const t = i18n.getFixedT(lng, "booking");
  const when = `${formatDate(lng, a.startsAt, a.timeZone)}, ${formatTime(lng, a.startsAt, a.timeZone)}`;
  const service = pick(a.serviceName, lng);
  return {
    kind: "booking-reminder",
    toEmail: a.email,
    toPhone: a.email ? null : a.phone,
    language: lng,
    subject: t("message.reminder.subject", { service, when }),
    body: [
      t("message.greeting", { name: a.name }),
      t("message.reminder.body", { service, when }),
      t("message.confirmation.code", { code: a.code }),
    ].join("\n\n"),
  };
}
