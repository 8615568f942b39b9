// One staff account per role for the demo office. The passwords are fixed and documented
// (README, start log) because demo mode holds no real data and people must be able to log in
// at every start; see docs/decisions/0007-staff-authentication.md.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "#app/lib/db.server";
import { hashPassword } from "#app/domain/staff/password.server";
import type { Role } from "#app/domain/staff/roles";
import * as schema from "#db/schema";

export const demoStaff: { email: string; name: string; role: Role; unitId: string | null; password: string }[] = [
  { email: "clearing@demo.lotse.example", name: "Clara Becker", role: "clearing", unitId: "clearing", password: "demo-clearing-2026" },
  { email: "case-worker@demo.lotse.example", name: "Mira Marković", role: "case_worker", unitId: "residence", password: "demo-case-worker-2026" },
  { email: "service-point@demo.lotse.example", name: "Sofia Petrenko", role: "service_point", unitId: "service-point", password: "demo-service-point-2026" },
  { email: "team-lead@demo.lotse.example", name: "Thomas Richter", role: "team_lead", unitId: null, password: "demo-team-lead-2026" },
  { email: "admin@demo.lotse.example", name: "Amira Haddad", role: "admin", unitId: null, password: "demo-admin-2026" },
];

/**
 * The case worker of every letter range of the demo office (demo-office.ts), so that every
 * forwarded case lands in somebody's inbox. The first is the case-worker login above; the others
 * share its password and are listed in the start log.
 */
export const demoCaseWorkers: { email: string; name: string; unitId: string; firstLetter: string }[] = [
  { email: "case-worker@demo.lotse.example", name: "Mira Marković", unitId: "residence", firstLetter: "M" },
  { email: "albers@demo.lotse.example", name: "Anna Albers", unitId: "residence", firstLetter: "A" },
  { email: "guendogdu@demo.lotse.example", name: "Deniz Gündoğdu", unitId: "residence", firstLetter: "G" },
  { email: "schubert@demo.lotse.example", name: "Jonas Schubert", unitId: "residence", firstLetter: "S" },
  { email: "kowalski@demo.lotse.example", name: "Ewa Kowalski", unitId: "skilled", firstLetter: "A" },
  { email: "lindqvist@demo.lotse.example", name: "Erik Lindqvist", unitId: "skilled", firstLetter: "L" },
  { email: "haddad@demo.lotse.example", name: "Lina Haddad", unitId: "asylum-eu", firstLetter: "A" },
  { email: "novak@demo.lotse.example", name: "Petr Novák", unitId: "asylum-eu", firstLetter: "M" },
  { email: "demir@demo.lotse.example", name: "Elif Demir", unitId: "naturalisation", firstLetter: "A" },
  { email: "petrenko@demo.lotse.example", name: "Oleh Petrenko", unitId: "naturalisation", firstLetter: "H" },
  { email: "weber@demo.lotse.example", name: "Hanna Weber", unitId: "naturalisation", firstLetter: "P" },
];
export const DEMO_CASE_WORKER_PASSWORD = "demo-case-worker-2026";

/**
 * Creates the demo accounts that do not exist yet (by e-mail address), skipping any whose unit
 * the office lacks. Returns the accounts that exist afterwards, for the start log.
 */
export async function seedDemoStaff(db: Database): Promise<typeof demoStaff> {
  const emails = demoStaff.map((s) => s.email);
  const existing = new Set(
    (await db.select({ email: schema.staffUsers.email }).from(schema.staffUsers).where(inArray(schema.staffUsers.email, emails))).map((r) => r.email),
  );
  const units = new Set((await db.select({ id: schema.units.id }).from(schema.units)).map((u) => u.id));
  const usable = demoStaff.filter((s) => s.unitId === null || units.has(s.unitId));
  const missing = usable.filter((s) => !existing.has(s.email));
  if (missing.length > 0) {
    const rows = await Promise.all(
      missing.map(async (s) => ({ email: s.email, name: s.name, role: s.role, unitId: s.unitId, passwordHash: await hashPassword(s.password) })),
    );
    await db.insert(schema.staffUsers).values(rows).onConflictDoNothing({ target: schema.staffUsers.email });
  }
  await seedDemoCaseWorkers(db, units);
  return usable;
}

/** The other case workers, each linked to their letter range (where the office has that range and it has nobody yet). */
async function seedDemoCaseWorkers(db: Database, units: Set<string>) {
  const wanted = demoCaseWorkers.filter((c) => units.has(c.unitId));
  const existing = new Set(
    (
      await db
        .select({ email: schema.staffUsers.email })
        .from(schema.staffUsers)
        .where(
          inArray(
            schema.staffUsers.email,
            wanted.map((c) => c.email),
          ),
        )
    ).map((r) => r.email),
  );
  const missing = wanted.filter((c) => !existing.has(c.email));
  if (missing.length > 0) {
    const passwordHash = await hashPassword(DEMO_CASE_WORKER_PASSWORD);
    await db
      .insert(schema.staffUsers)
      .values(missing.map((c) => ({ email: c.email, name: c.name, role: "case_worker", unitId: c.unitId, passwordHash })))
      .onConflictDoNothing({ target: schema.staffUsers.email });
  }
  const accounts = await db
    .select({ id: schema.staffUsers.id, email: schema.staffUsers.email, name: schema.staffUsers.name })
    .from(schema.staffUsers)
    .where(
      inArray(
        schema.staffUsers.email,
        wanted.map((c) => c.email),
      ),
    );
  for (const c of wanted) {
    const account = accounts.find((a) => a.email === c.email);
    if (!account) continue;
    await db
      .update(schema.letterRanges)
      .set({ staffUserId: account.id, caseWorker: account.name })
      .where(and(eq(schema.letterRanges.unitId, c.unitId), eq(schema.letterRanges.firstLetter, c.firstLetter), sql`${schema.letterRanges.staffUserId} IS NULL`));
  }
}
