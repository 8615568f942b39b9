import type { i18n } from "i18next";
import { formatDate, formatTime } from "#app/lib/i18n/format";
import { type Language, pick, type Translated } from "#app/lib/i18n/languages";
import type { Message } from "#app/domain/messages/outbox.server";

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

export type Recipient = { name: string; email: string | null; phone: string | null; language: Language };

/**
 * A message in the recipient's language: a subject and paragraphs, each an i18n key of the
 * booking namespace with its values. E-mail if the person gave one, otherwise SMS.
 */
export function composeMessage(
  i18n: i18n,
  kind: string,
  to: Recipient,
  subject: [string, Record<string, unknown>?],
  paragraphs: Array<[string, Record<string, unknown>?]>,
): Message {
  const t = i18n.getFixedT(to.language, "booking");
  return {
    kind,
    toEmail: to.email,
    toPhone: to.email ? null : to.phone,
    language: to.language,
    subject: t(subject[0], subject[1] ?? {}),
    body: [t("message.greeting", { name: to.name }), ...paragraphs.map(([key, values]) => t(key, values ?? {}))].join("\n\n"),
  };
}

/** "Monday, 1 December 2026, 09:30" in the person's language and the office's time zone. */
export function when(lng: Language, at: Date, timeZone: string): string {
  return `${formatDate(lng, at, timeZone)}, ${formatTime(lng, at, timeZone)}`;
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
    body: [t("message.greeting", { name: a.name }), t("message.reminder.body", { service, when }), t("message.confirmation.code", { code: a.code })].join("\n\n"),
  };
}
