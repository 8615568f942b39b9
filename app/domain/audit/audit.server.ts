// The append-only audit log: who did what to which case or document, when. Every area writes
// its entries here, in the transaction of the change it records; the database numbers the
// entries and chains their hashes (migration 0010), and scripts/audit-verify.mjs checks the chain.
import type { Actor } from "#app/domain/cases/case-states";
import type { Queryable } from "#app/lib/db.server";
import * as schema from "#db/schema";

export type AuditEntry = {
  actor: Actor;
  action: string;
  applicationId?: string | null;
  documentId?: string | null;
  data?: Record<string, unknown>;
  at?: Date;
};

/** Writes an entry to the audit log (the database chains it). */
export async function audit(db: Queryable, entry: AuditEntry) {
  await db.insert(schema.auditLog).values({
    // The insert trigger sets the number and both hashes.
    id: 0,
    prevHash: "",
    hash: "",
    at: entry.at ?? new Date(),
    actorKind: entry.actor.kind,
    actorId: entry.actor.id,
    action: entry.action,
    applicationId: entry.applicationId ?? null,
    documentId: entry.documentId ?? null,
    data: entry.data ?? {},
  });
}
