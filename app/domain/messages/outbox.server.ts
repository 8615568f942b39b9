import { desc } from "drizzle-orm";
import type { Database, Queryable } from "#app/lib/db.server";
import * as schema from "#db/schema";

export type Message = {
  kind: string;
  toEmail: string | null;
  toPhone: string | null;
  language: string;
  subject: string;
  body: string;
};

/**
 * Queues a message in the outbox, in the caller's transaction, so that a message exists if and
 * only if what it reports was committed. Sending (SMTP when configured) reads the outbox.
 */
export async function queueMessage(db: Queryable, message: Message): Promise<void> {
  await db.insert(schema.outbox).values(message);
}

export async function latestMessages(db: Database, limit = 50) {
  return db.select().from(schema.outbox).orderBy(desc(schema.outbox.id)).limit(limit);
}
