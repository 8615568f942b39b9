// What the letter-range editor needs to know about units and staff: which units are specialist
// units (they route by letter range) and who there is a case worker.
import { eq } from "drizzle-orm";
import type { Database } from "#app/lib/db.server";
import * as schema from "#db/schema";

/** The ids of the specialist units (the ones whose cases go to case workers by letter range). */
export async function specialistUnitIds(db: Pick<Database, "select">): Promise<Set<string>> {
  const rows = await db.select({ id: schema.units.id }).from(schema.units).where(eq(schema.units.kind, "specialist"));
  return new Set(rows.map((r) => r.id));
}

/** Every case worker, with their unit. */
export async function caseWorkers(db: Pick<Database, "select">): Promise<{ id: number; name: string; unitId: string | null }[]> {
  return db
    .select({ id: schema.staffUsers.id, name: schema.staffUsers.name, unitId: schema.staffUsers.unitId })
    .from(schema.staffUsers)
    .where(eq(schema.staffUsers.role, "case_worker"));
}
