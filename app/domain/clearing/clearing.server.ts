// The clearing on the server: the queue and claims (queue.server.ts), document review
// (review.server.ts), document requests with their deadline, reminder and lapse
// (requests.server.ts), forwarding by the routing rules (forwarding.server.ts), the case worker's
// inbox and decision (inbox.server.ts) and the letter ranges (letter-ranges.server.ts). This file
// holds what they share: their refusals, who may see which case (the permission policy decides),
// and the case file a staff page shows. Every function takes the acting staff member and checks
// their rights itself: pages and direct POSTs get the same answer. The database backs the rules
// that matter most (claims, complete-only forwarding, the case worker's unit; migrations 0010 and
// 0011) and every case event goes into the hash-chained audit log.
import { asc, eq, inArray } from "drizzle-orm";
import { can, staffActor } from "#app/domain/access/policy";
import { type ApplicationRow, currentCompleteness, documentsOf, eventsOf } from "#app/domain/applications/applications.server";
import { parseReference } from "#app/domain/applications/codes";
import type { Actor, Refusal } from "#app/domain/cases/case-states";
import { getService } from "#app/domain/catalogue/catalogue.server";
import type { StaffUser } from "#app/domain/staff/auth.server";
import type { Database, Queryable, Tx } from "#app/lib/db.server";
import * as schema from "#db/schema";
import type { Routing } from "./routing";

export type ClearingRefusal =
  | { code: "not-found" }
  | { code: "forbidden" }
  | { code: "claimed-by-other"; name: string }
  | { code: "not-claimed" }
  | { code: "state"; refusal: Refusal }
  /** Reviews happen while the case is in clearing (not while a request is open or after forwarding). */
  | { code: "not-in-clearing" }
  | { code: "not-complete" }
  | { code: "routing"; routing: Exclude<Routing, { ok: true }> }
  | { code: "unknown-document" }
  | { code: "unknown-reason" }
  | { code: "invalid-deadline" }
  | { code: "no-items" };

export type Outcome<T extends object = Record<never, never>> = ({ ok: true } & T) | { ok: false; refusal: ClearingRefusal };

/** A staff member as the case's events and the audit log name them. */
export const caseActor = (staff: StaffUser): Actor => ({ kind: "staff", id: String(staff.id) });
export const refuse = (refusal: ClearingRefusal) => ({ ok: false as const, refusal });

// ---------------------------------------------------------------------------------------------
// Who may see what

/** The case behind a reference, if this staff member may see it; otherwise null (a 404 to them). */
export async function caseForStaff(db: Pick<Database, "select">, staff: StaffUser, reference: string): Promise<ApplicationRow | null> {
  const normalised = parseReference(reference);
  if (!normalised) return null;
  const [row] = await db.select().from(schema.applications).where(eq(schema.applications.reference, normalised));
  if (!row || !can(staffActor(staff), "case:view", row)) return null;
  return row;
}

/** Locks the case and checks that this clerk has claimed it (the clearing's actions need that). */
export async function lockClaimed(tx: Tx, staff: StaffUser, applicationId: string): Promise<Outcome<{ row: ApplicationRow }>> {
  const [row] = await tx.select().from(schema.applications).where(eq(schema.applications.id, applicationId)).for("update");
  if (!row || row.state === "draft") return refuse({ code: "not-found" });
  if (!can(staffActor(staff), "case:clear", row)) return refuse({ code: "forbidden" });
  if (row.claimedBy === null) return refuse({ code: "not-claimed" });
  if (row.claimedBy !== staff.id) return refuse({ code: "claimed-by-other", name: await staffName(tx, row.claimedBy) });
  return { ok: true, row };
}

export async function staffName(db: Queryable, id: number): Promise<string> {
  const [row] = await db.select({ name: schema.staffUsers.name }).from(schema.staffUsers).where(eq(schema.staffUsers.id, id));
  return row?.name ?? "?";
}

// ---------------------------------------------------------------------------------------------
// What a staff page shows of a case

export async function caseFile(db: Database, row: ApplicationRow, now: Date) {
  const service = await getService(db, row.serviceId);
  const documents = await documentsOf(db, row.id);
  const { result } = service ? await currentCompleteness(db, row, service.rules, now) : { result: null };
  const events = await eventsOf(db, row.id);
  const staffIds = [
    ...new Set(
      events
        .filter((e) => e.actorKind === "staff")
        .map((e) => Number(e.actorId))
        .concat(row.claimedBy ?? [], row.routedCaseWorkerId ?? []),
    ),
  ].filter(Number.isSafeInteger);
  const names =
    staffIds.length > 0
      ? await db.select({ id: schema.staffUsers.id, name: schema.staffUsers.name }).from(schema.staffUsers).where(inArray(schema.staffUsers.id, staffIds))
      : [];
  const reasonCodes = await db.select().from(schema.reasonCodes).orderBy(asc(schema.reasonCodes.sort), asc(schema.reasonCodes.id));
  return { service, documents, completeness: result, events, staffNames: Object.fromEntries(names.map((n) => [n.id, n.name])) as Record<number, string>, reasonCodes };
}
