import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import * as schema from "#db/schema";
import type { Database } from "./db.server";

export type Mailer = { transport: Transporter; from: string };

/** An SMTP mailer when SMTP_URL is configured; otherwise messages stay in the outbox. */
export function createMailer(smtpUrl: string | undefined, from: string): Mailer | null {
  return smtpUrl ? { transport: nodemailer.createTransport(smtpUrl), from } : null;
}

/** Sends unsent e-mail messages from the outbox; each is taken by one process only. */
export async function deliverOutbox(db: Database, mailer: Mailer, now = new Date(), limit = 20): Promise<number> {
  let sent = 0;
  for (let i = 0; i < limit; i++) {
    const delivered = await db.transaction(async (tx) => {
      const [message] = await tx
        .select()
        .from(schema.outbox)
        .where(and(isNull(schema.outbox.sentAt), isNotNull(schema.outbox.toEmail)))
        .orderBy(asc(schema.outbox.id))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!message) return false;
      await mailer.transport.sendMail({
        from: mailer.from,
        to: message.toEmail!,
        subject: message.subject,
        text: message.body,
        headers: { "Content-Language": message.language },
      });
      await tx.update(schema.outbox).set({ sentAt: now }).where(eq(schema.outbox.id, message.id));
      return true;
    });
    if (!delivered) break;
    sent++;
  }
  return sent;
}
