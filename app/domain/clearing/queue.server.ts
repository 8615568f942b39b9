// The clearing's queue (what waits, how urgent, how complete, who has it) and claiming a case:
// one clerk per case, which the database enforces too (migration 0010).
import { and, asc, eq, inArray } from "drizzle-orm";
import { can, staffActor } from "#app/domain/access/policy";
import { applyCommand } from "#app/domain/applications/applications.server";
import type { CompletenessResult } from "#app/domain/cases/completeness";
import { daysBetween, isIsoDay, officeDay } from "#app/domain/cases/days";
import type { StaffUser } from "#app/domain/staff/auth.server";
import type { Database } from "#app/lib/db.server";
import * as schema from "#db/schema";
import { caseActor, type Outcome, refuse, staffName } from "./clearing.server";
import { type QueueFilters, type QueueItem, URGENT_WITHIN_DAYS } from "./queue-filters";

export const CLEARING_STATES = ["submitted", "in_clearing", "documents_requested", "complete"] as const;

// ---------------------------------------------------------------------------------------------
// The queue

export async function clearingQueue(db: Database, staff: StaffUser, filters: QueueFilters, now: Date): Promise<QueueItem[]> {
  if (!can(staffActor(staff), "case:clear")) return [];
  const rows = await db
    .select({ app: schema.applications, claimer: schema.staffUsers.name })
    .from(schema.applications)
    .leftJoin(schema.staffUsers, eq(schema.staffUsers.id, schema.applications.claimedBy))
    .where(inArray(schema.applications.state, [...CLEARING_STATES]))
    .orderBy(asc(schema.applications.submittedAt))
    .limit(500);
  const ids = rows.map((r) => r.app.id);
  const helperIds = new Set<string>();
  const answeredIds = new Set<string>();
  if (ids.length > 0) {
    const events = await db
      .select({ applicationId: schema.caseEvents.applicationId, type: schema.caseEvents.type, actorKind: schema.caseEvents.actorKind })
      .from(schema.caseEvents)
      .where(and(inArray(schema.caseEvents.applicationId, ids), inArray(schema.caseEvents.type, ["submitted", "responded", "documents_requested"])))
      .orderBy(asc(schema.caseEvents.id));
    for (const e of events) {
      if (e.type === "submitted" && e.actorKind === "helper") helperIds.add(e.applicationId);
      if (e.type === "responded") answeredIds.add(e.applicationId);
      if (e.type === "documents_requested") answeredIds.delete(e.applicationId);
    }
  }
  const today = officeDay(now);
  const items: QueueItem[] = rows.map(({ app, claimer }) => {
    const result = app.completeness as CompletenessResult | null;
    const counts = result?.summary.counts;
    const expires = app.details.permitExpires && isIsoDay(app.details.permitExpires) ? app.details.permitExpires : null;
    const expiresInDays = expires ? daysBetween(today, expires) : null;
    return {
      id: app.id,
      reference: app.reference ?? "",
      serviceId: app.serviceId,
      state: app.state,
      language: app.language,
      name: [app.details.givenNames, app.details.familyName].filter(Boolean).join(" "),
      submittedAt: app.submittedAt!.toISOString(),
      waitingDays: Math.max(0, daysBetween(officeDay(app.submittedAt!), today)),
      permitExpires: expires,
      expiresInDays,
      urgent: expiresInDays !== null && expiresInDays <= URGENT_WITHIN_DAYS,
      byHelper: helperIds.has(app.id),
      claimedBy: app.claimedBy === null ? null : { id: app.claimedBy, name: claimer ?? "?" },
      completeness:
        result && counts
          ? {
              state: result.summary.state,
              satisfied: counts.satisfied,
              applicable: result.summary.applicable,
              missing: counts.missing,
              rejected: counts.rejected,
              awaitingReview: counts["awaiting-review"],
              outOfDate: counts["out-of-date"],
              invalid: counts.invalid,
            }
          : null,
      answered: app.state === "in_clearing" && answeredIds.has(app.id),
      deadline: app.state === "documents_requested" ? (app.documentRequest?.deadline ?? null) : null,
    };
  });
  const shown = items.filter((i) => {
    if (filters.serviceId && i.serviceId !== filters.serviceId) return false;
    if (filters.language && i.language !== filters.language) return false;
    if (filters.urgentOnly && !i.urgent) return false;
    switch (filters.view) {
      case "open":
        return i.state !== "documents_requested";
      case "unclaimed":
        return i.state === "submitted";
      case "mine":
        return i.claimedBy?.id === staff.id;
      case "answered":
        return i.answered;
      case "waiting":
        return i.state === "documents_requested";
      case "complete":
        return i.state === "complete" || i.completeness?.state === "complete";
      default:
        return true;
    }
  });
  const rank = (i: QueueItem) => (i.completeness ? i.completeness.satisfied / Math.max(1, i.completeness.applicable) : 0);
  return shown.sort((a, b) => {
    if (filters.sort === "urgency") {
      const ea = a.expiresInDays ?? Number.POSITIVE_INFINITY;
      const eb = b.expiresInDays ?? Number.POSITIVE_INFINITY;
      if (ea !== eb) return ea - eb;
    } else if (filters.sort === "completeness") {
      const d = rank(b) - rank(a);
      if (d !== 0) return d;
    }
    // Answered cases first among equals, then the longest waiting.
    if (a.answered !== b.answered) return a.answered ? -1 : 1;
    return a.submittedAt.localeCompare(b.submittedAt);
  });
}

// ---------------------------------------------------------------------------------------------
// Claiming

export async function claimCase(db: Database, staff: StaffUser, applicationId: string, now: Date): Promise<Outcome> {
  if (!can(staffActor(staff), "case:clear")) return refuse({ code: "forbidden" });
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(schema.applications).where(eq(schema.applications.id, applicationId)).for("update");
    if (!row || row.state === "draft") return refuse({ code: "not-found" });
    if (row.claimedBy !== null && row.claimedBy !== staff.id) return refuse({ code: "claimed-by-other", name: await staffName(tx, row.claimedBy) });
    if (row.claimedBy === staff.id) return { ok: true as const };
    const result = await applyCommand(tx, applicationId, { type: "claim" }, caseActor(staff), now);
    if (!result.ok) return refuse(result.refusal.code === "not-found" ? { code: "not-found" } : { code: "state", refusal: result.refusal });
    return { ok: true as const };
  });
}

export async function releaseCase(db: Database, staff: StaffUser, applicationId: string, now: Date): Promise<Outcome> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(schema.applications).where(eq(schema.applications.id, applicationId)).for("update");
    if (!row || row.state === "draft") return refuse({ code: "not-found" });
    // The claimer gives a case back; a team lead or admin may take it from someone who is away.
    const lead = staff.role === "team_lead" || staff.role === "admin";
    if (row.claimedBy !== staff.id && !(lead && row.claimedBy !== null)) {
      return refuse(row.claimedBy === null ? { code: "not-claimed" } : { code: "claimed-by-other", name: await staffName(tx, row.claimedBy) });
    }
    const result = await applyCommand(tx, applicationId, { type: "release" }, caseActor(staff), now);
    if (!result.ok) return refuse(result.refusal.code === "not-found" ? { code: "not-found" } : { code: "state", refusal: result.refusal });
    return { ok: true as const };
  });
}
