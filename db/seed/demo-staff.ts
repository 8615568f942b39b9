// One staff account per role for the demo office. The passwords are fixed and documented
// (README, start log) because demo mode holds no real data and people must be able to log in
// at every start; see docs/decisions/0007-staff-authentication.md.
import { inArray } from "drizzle-orm";
import type { Database } from "../../app/lib/db.server";
import { hashPassword } from "../../app/domain/staff/password.server";
import type { Role } from "../../app/domain/staff/roles";
import * as t from "../schema";

export const demoStaff: { email: string; name: string; role: Role; unitId: string | null; password: string }[] = [
  { email: "clearing@demo.lotse.example", name: "Clara Becker", role: "clearing", unitId: "clearing", password: "demo-clearing-2026" },
  { email: "case-worker@demo.lotse.example", name: "Kemal Aydın", role: "case_worker", unitId: "residence", password: "demo-case-worker-2026" },
  { email: "service-point@demo.lotse.example", name: "Sofia Petrenko", role: "service_point", unitId: "service-point", password: "demo-service-point-2026" },
  { email: "team-lead@demo.lotse.example", name: "Thomas Richter", role: "team_lead", unitId: null, password: "demo-team-lead-2026" },
  { email: "admin@demo.lotse.example", name: "Amira Haddad", role: "admin", unitId: null, password: "demo-admin-2026" },
];

/**
 * Creates the demo accounts that do not exist yet (by e-mail address), skipping any whose unit
 * the office lacks. Returns the accounts that exist afterwards, for the start log.
 */
export async function seedDemoStaff(db: Database): Promise<typeof demoStaff> {
  const emails = demoStaff.map((s) => s.email);
  const existing = new Set(
    (await db.select({ email: t.staffUsers.email }).from(t.staffUsers).where(inArray(t.staffUsers.email, emails))).map((r) => r.email),
  );
  const units = new Set((await db.select({ id: t.units.id }).from(t.units)).map((u) => u.id));
  const usable = demoStaff.filter((s) => s.unitId === null || units.has(s.unitId));
  const missing = usable.filter((s) => !existing.has(s.email));
  if (missing.length > 0) {
    const rows = await Promise.all(
      missing.map(async (s) => ({ email: s.email, name: s.name, role: s.role, unitId: s.unitId, passwordHash: await hashPassword(s.password) })),
    );
    await db.insert(t.staffUsers).values(rows).onConflictDoNothing({ target: t.staffUsers.email });
  }
  return usable;
}
