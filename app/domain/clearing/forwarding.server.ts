// Routing and forwarding: where a complete case goes (unit and case worker by the routing rules
// and letter ranges), and forwarding it there in one transaction with the completeness check.
import { eq } from "drizzle-orm";
import { applyCommand, type ApplicationRow, currentCompleteness, refreshCompleteness } from "#app/domain/applications/applications.server";
import type { Refusal } from "#app/domain/cases/case-states";
import type { Answers } from "#app/domain/catalogue/checklist";
import { getService } from "#app/domain/catalogue/catalogue.server";
import { queueMessage } from "#app/domain/messages/outbox.server";
import type { StaffUser } from "#app/domain/staff/auth.server";
import type { Database, Queryable } from "#app/lib/db.server";
import * as schema from "#db/schema";
import { caseActor, lockClaimed, type Outcome, refuse, staffName } from "./clearing.server";
import { clearingMessage } from "./messages.server";
import { type LetterRange, routeCase, type Routing } from "./routing";

/** The office's routing data: units and letter ranges, with each range's case worker account. */
async function routingData(db: Queryable) {
  const units = await db.select({ id: schema.units.id, kind: schema.units.kind }).from(schema.units);
  const ranges = await db.select().from(schema.letterRanges);
  const letterRanges: LetterRange[] = ranges.map((r) => ({
    unitId: r.unitId,
    firstLetter: r.firstLetter,
    lastLetter: r.lastLetter,
    // The account id travels as the case worker; ranges without an account route to nobody.
    caseWorker: r.staffUserId === null ? "" : String(r.staffUserId),
  }));
  return { units: units as { id: string; kind: "clearing" | "service_point" | "specialist" }[], letterRanges };
}

export type RoutingPreview =
  | { ok: true; unitId: string; caseWorker: { id: number; name: string } | null; rule: Extract<Routing, { ok: true }>["rule"] }
  | { ok: false; routing: Exclude<Routing, { ok: true }> };

/** Where the case would go now (shown before the clerk forwards it). */
export async function routingFor(db: Queryable, row: ApplicationRow): Promise<RoutingPreview> {
  const [service] = await db.select({ id: schema.services.id, unitId: schema.services.unitId }).from(schema.services).where(eq(schema.services.id, row.serviceId));
  if (!service) return { ok: false, routing: { ok: false, code: "unknown-unit", unitId: row.serviceId } };
  const { units, letterRanges } = await routingData(db);
  const routing = routeCase({ id: service.id, unitId: service.unitId }, row.answers as Answers, row.details.familyNameMrz?.trim() || null, units, letterRanges);
  if (!routing.ok) return { ok: false, routing };
  const caseWorkerId = routing.caseWorker ? Number(routing.caseWorker) : null;
  return {
    ok: true,
    unitId: routing.unitId,
    caseWorker: caseWorkerId ? { id: caseWorkerId, name: await staffName(db, caseWorkerId) } : null,
    rule: routing.rule,
  };
}

/**
 * Marks the case complete and forwards it, in one transaction, after checking completeness on
 * the documents as they are now. The database checks again (migrations 0011, 0012) and refuses a case
 * that is not complete, whatever called this.
 */
export async function forwardCase(
  db: Database,
  staff: StaffUser,
  applicationId: string,
  publicUrl: string,
  now: Date,
): Promise<Outcome<{ unitId: string; caseWorkerId: number | null }>> {
  return db.transaction(async (tx) => {
    const claimed = await lockClaimed(tx, staff, applicationId);
    if (!claimed.ok) return claimed;
    const service = await getService(tx, claimed.row.serviceId);
    if (!service) return refuse({ code: "not-found" });
    const { result } = await currentCompleteness(tx, claimed.row, service.rules, now);
    if (!result.summary.complete) return refuse({ code: "not-complete" });
    await refreshCompleteness(tx, applicationId, now);
    const routing = await routingFor(tx, claimed.row);
    if (!routing.ok) return refuse({ code: "routing", routing: routing.routing });
    const actor = caseActor(staff);
    if (claimed.row.state === "in_clearing") {
      const marked = await applyCommand(tx, applicationId, { type: "mark_complete", completeness: result.summary }, actor, now);
      if (!marked.ok) return refuse(marked.refusal.code === "not-complete" ? { code: "not-complete" } : { code: "state", refusal: marked.refusal as Refusal });
    }
    const forwarded = await applyCommand(
      tx,
      applicationId,
      { type: "forward", completeness: result.summary, unitId: routing.unitId, caseWorker: routing.caseWorker ? String(routing.caseWorker.id) : null },
      actor,
      now,
      { routedUnitId: routing.unitId, routedCaseWorkerId: routing.caseWorker?.id ?? null, routingRule: routing.rule, forwardedAt: now },
    );
    if (!forwarded.ok) return refuse(forwarded.refusal.code === "not-complete" ? { code: "not-complete" } : { code: "state", refusal: forwarded.refusal as Refusal });
    const message = await clearingMessage(tx, applicationId, "forwarded", publicUrl);
    if (message) await queueMessage(tx, message);
    return { ok: true as const, unitId: routing.unitId, caseWorkerId: routing.caseWorker?.id ?? null };
  });
}
