// The letter ranges by which forwarded cases reach a case worker of a unit (admins keep them).
import { and, asc, eq } from "drizzle-orm";
import { can, staffActor } from "#app/domain/access/policy";
import { audit } from "#app/domain/audit/audit.server";
import type { StaffUser } from "#app/domain/staff/auth.server";
import type { Database, Queryable } from "#app/lib/db.server";
import * as schema from "#db/schema";
import { caseActor } from "./clearing.server";
import { type LetterRangeProblem, validateLetterRanges } from "./routing";

export type RangeInput = { firstLetter: string; lastLetter: string; staffUserId: number };

/**
 * Replaces a unit's letter ranges. Refused with the problems when a letter is covered twice or
 * not at all, or a range names somebody who is not a case worker of the unit. The database's
 * exclusion constraint refuses overlaps too.
 */
export async function saveLetterRanges(
  db: Database,
  staff: StaffUser,
  unitId: string,
  ranges: RangeInput[],
  now: Date,
): Promise<{ ok: true } | { ok: false; problems: LetterRangeProblem[]; unknownWorker?: boolean }> {
  if (!can(staffActor(staff), "letter-ranges:manage")) return { ok: false, problems: [], unknownWorker: true };
  return db.transaction(async (tx) => {
    const workers = await tx
      .select({ id: schema.staffUsers.id, name: schema.staffUsers.name })
      .from(schema.staffUsers)
      .where(and(eq(schema.staffUsers.unitId, unitId), eq(schema.staffUsers.role, "case_worker")));
    const byId = new Map(workers.map((w) => [w.id, w.name]));
    if (ranges.some((r) => !byId.has(r.staffUserId))) return { ok: false as const, problems: [], unknownWorker: true };
    const valid = validateLetterRanges(ranges.map((r) => ({ unitId, firstLetter: r.firstLetter, lastLetter: r.lastLetter, caseWorker: String(r.staffUserId) })));
    if (!valid.ok) return { ok: false as const, problems: valid.problems };
    if (ranges.length === 0) return { ok: false as const, problems: [{ code: "gap" as const, unitId, from: "A", to: "Z" }] };
    await tx.delete(schema.letterRanges).where(eq(schema.letterRanges.unitId, unitId));
    await tx
      .insert(schema.letterRanges)
      .values(ranges.map((r) => ({ unitId, firstLetter: r.firstLetter, lastLetter: r.lastLetter, staffUserId: r.staffUserId, caseWorker: byId.get(r.staffUserId)! })));
    await audit(tx, {
      actor: caseActor(staff),
      action: "letter-ranges.saved",
      data: { unitId, ranges: ranges.map((r) => `${r.firstLetter}-${r.lastLetter}:${r.staffUserId}`) },
      at: now,
    });
    return { ok: true as const };
  });
}

export async function letterRangesOf(db: Queryable) {
  return db.select().from(schema.letterRanges).orderBy(asc(schema.letterRanges.unitId), asc(schema.letterRanges.firstLetter));
}
