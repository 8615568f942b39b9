// The messages the clearing sends an applicant, in their language: a document request (which
// items, why, until when), an extended deadline, the reminder before it, a lapsed request, the
// case forwarded, the decision, and the pickup invitation. The clerk works in German; reason
// codes and document names come from the office data in every language.
import { eq } from "drizzle-orm";
import { requestedItems } from "#app/domain/applications/requested-items.server";
import type { Message } from "#app/domain/messages/outbox.server";
import type { Database } from "#app/lib/db.server";
import { serverI18n } from "#app/lib/i18n/instance.server";
import { formatDate } from "#app/lib/i18n/format";
import { isLanguage, type Language } from "#app/lib/i18n/languages";
import * as schema from "#db/schema";

export type ClearingMessageKind = "request" | "extended" | "reminder" | "lapsed" | "forwarded" | "granted" | "refused" | "pickup";

/** A day (YYYY-MM-DD) written out in the language, e.g. "Freitag, 4. Dezember 2026". */
export function longDay(lng: Language, day: string, timeZone = "Europe/Berlin"): string {
  return formatDate(lng, new Date(`${day}T12:00:00Z`), timeZone);
}

/** Composes the message for an applicant (null when they gave neither e-mail nor phone). */
export async function clearingMessage(
  db: Pick<Database, "select">,
  applicationId: string,
  kind: ClearingMessageKind,
  publicUrl: string,
  extra: { invitationUrl?: string } = {},
): Promise<Message | null> {
  const [row] = await db.select().from(schema.applications).where(eq(schema.applications.id, applicationId));
  if (!row) return null;
  const { email, phone, givenNames, familyName } = row.details;
  if (!email && !phone) return null;
  const lng: Language = isLanguage(row.language) ? row.language : "de";
  const i18n = await serverI18n();
  const tr = i18n.getFixedT(lng, "clearing");
  const reference = row.reference ?? "";
  const paragraphs: string[] = [tr("message.greeting", { name: [givenNames, familyName].filter(Boolean).join(" ") })];
  const request = row.documentRequest;
  const deadline = request ? longDay(lng, request.deadline) : "";
  switch (kind) {
    case "request":
    case "reminder": {
      paragraphs.push(tr(kind === "request" ? "message.request.intro" : "message.reminder.intro", { reference, deadline }));
      const items = await requestedItems(db, applicationId, request?.items ?? [], lng);
      paragraphs.push(items.map((i) => `• ${i.name}${i.rejectedBecause ? ` (${tr("message.request.rejectedBecause", { reason: i.rejectedBecause })})` : ""}`).join("\n"));
      if (kind === "request" && request?.message) paragraphs.push(tr("message.request.note", { note: request.message }));
      paragraphs.push(tr("message.request.how", { url: `${publicUrl}/status` }));
      paragraphs.push(tr("message.request.lapse", { deadline }));
      break;
    }
    case "extended":
      paragraphs.push(tr("message.extended", { reference, deadline }), tr("message.request.how", { url: `${publicUrl}/status` }));
      break;
    case "lapsed":
      paragraphs.push(tr("message.lapsed", { reference, deadline }));
      break;
    case "forwarded":
      paragraphs.push(tr("message.forwarded", { reference }));
      break;
    case "granted":
      paragraphs.push(tr("message.granted", { reference }));
      break;
    case "refused":
      paragraphs.push(tr("message.refused", { reference }));
      break;
    case "pickup":
      paragraphs.push(tr("message.pickup", { reference, url: extra.invitationUrl ?? "" }));
      break;
  }
  paragraphs.push(tr("message.signature"));
  return {
    kind: `clearing-${kind}`,
    toEmail: email || null,
    toPhone: email ? null : phone || null,
    language: lng,
    subject: tr(`message.subject.${kind}`, { reference }),
    body: paragraphs.join("\n\n"),
  };
}
