// Submitting an application: the draft becomes a case with its reference and access code, and
// the message that carries the access code is queued in the same transaction. A failure anywhere
// in between rolls both back, so the message exists if and only if the submission was committed
// (the code is shown once and only its hash is stored: a lost message could not be sent again).
import type { i18n } from "i18next";
import { officeTimeZone } from "#app/domain/booking/service-point.server";
import type { Actor } from "#app/domain/cases/case-states";
import { type Message, queueMessage } from "#app/domain/messages/outbox.server";
import type { Database } from "#app/lib/db.server";
import { formatDateTime } from "#app/lib/i18n/format";
import { serverI18n } from "#app/lib/i18n/instance.server";
import { isLanguage, type Language, pick, type Translated } from "#app/lib/i18n/languages";
import { fullName } from "#app/lib/names";
import { type ApplicationRow, submitDraft } from "#app/domain/applications/applications.server";
import { groupCode } from "#app/domain/applications/codes";
import { casePath } from "#app/domain/applications/paths";

export type SubmittedApplication = {
  reference: string;
  accessCode: string;
  submittedAt: Date;
  /** The office's time zone, in which the page and the message state the time of submission. */
  timeZone: string;
  /** Whether a message with the access code was queued (the applicant gave an address). */
  messaged: boolean;
};

/**
 * Submits a draft and queues the applicant's message with the access code in the same
 * transaction. Returns null when the draft was already submitted (a double click).
 */
export async function submitApplication(
  db: Database,
  input: { application: ApplicationRow; serviceName: Translated; publicUrl: string; actor: Actor; now: Date },
): Promise<SubmittedApplication | null> {
  const { application, now } = input;
  const i18n = await serverI18n();
  let timeZone = "";
  let messaged = false;
  const submitted = await submitDraft(db, application.id, input.actor, now, async (tx, submission) => {
    timeZone = await officeTimeZone(tx);
    const message = submissionMessage(i18n, { ...submission, timeZone, application, serviceName: input.serviceName, publicUrl: input.publicUrl });
    if (message) await queueMessage(tx, message);
    messaged = message !== null;
  });
  return submitted && { ...submitted, timeZone, messaged };
}

/** The message to the applicant, in the application's language; null without an address. */
export function submissionMessage(
  i18n: i18n,
  s: { reference: string; accessCode: string; submittedAt: Date; timeZone: string; application: ApplicationRow; serviceName: Translated; publicUrl: string },
): Message | null {
  const { email, phone } = s.application.details;
  if (!email && !phone) return null;
  const language: Language = isLanguage(s.application.language) ? s.application.language : "de";
  const t = i18n.getFixedT(language, "apply");
  return {
    kind: "application-submitted",
    toEmail: email || null,
    toPhone: email ? null : phone || null,
    language,
    subject: t("message.subject", { reference: s.reference }),
    body: [
      t("message.greeting", { name: fullName(s.application.details) }),
      t("message.received", {
        service: pick(s.serviceName, language),
        when: formatDateTime(language, s.submittedAt, s.timeZone),
        reference: s.reference,
      }),
      t("message.code", { code: groupCode(s.accessCode) }),
      t("message.link", { url: `${s.publicUrl}${casePath(s.accessCode, "", language)}` }),
      t("message.keep"),
    ].join("\n\n"),
  };
}
