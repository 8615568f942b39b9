// Staff accounts: created and managed by admins; each person manages their own password and
// second factor. Authentication itself is in auth.server.ts.
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Database } from "#app/lib/db.server";
import type { Translated } from "#app/lib/i18n/languages";
import * as schema from "#db/schema";
import { endSessionsOf, normaliseEmail, type StaffUser } from "./auth.server";
import { generatePassword, hashPassword, verifyPassword } from "./password.server";
import { needsUnit, type Role } from "./roles";
import { verifyTotp } from "./totp";

export type AccountRow = {
  id: number;
  name: string;
  email: string;
  role: Role;
  unitId: string | null;
  disabled: boolean;
  totp: boolean;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
};

export async function listAccounts(db: Database): Promise<AccountRow[]> {
  const rows = await db.select().from(schema.staffUsers).orderBy(asc(schema.staffUsers.name), asc(schema.staffUsers.id));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    role: r.role as Role,
    unitId: r.unitId,
    disabled: r.disabledAt !== null,
    totp: r.totpSecret !== null,
    lockedUntil: r.lockedUntil,
    lastLoginAt: r.lastLoginAt,
  }));
}

export async function getAccount(db: Database, id: number): Promise<AccountRow | null> {
  return (await listAccounts(db)).find((a) => a.id === id) ?? null;
}

/** The units staff can belong to, for the account form. */
export async function listUnits(db: Database): Promise<{ id: string; name: Translated }[]> {
  return db.select({ id: schema.units.id, name: schema.units.name }).from(schema.units).orderBy(asc(schema.units.sort));
}

export type NewAccount = { name: string; email: string; role: Role; unitId: string | null; password?: string };
export type CreateResult = { ok: true; id: number; password: string } | { ok: false; reason: "email-taken" | "unit-unknown" };

/** Creates an account with the given or a random password (returned, to be shown once). */
export async function createAccount(db: Database, input: NewAccount): Promise<CreateResult> {
  const email = normaliseEmail(input.email);
  const unitId = needsUnit(input.role) ? input.unitId : null;
  if (unitId) {
    const [unit] = await db.select({ id: schema.units.id }).from(schema.units).where(eq(schema.units.id, unitId));
    if (!unit) return { ok: false, reason: "unit-unknown" };
  }
  const password = input.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const rows = await db
    .insert(schema.staffUsers)
    .values({ name: input.name.trim(), email, role: input.role, unitId, passwordHash })
    .onConflictDoNothing({ target: schema.staffUsers.email })
    .returning({ id: schema.staffUsers.id });
  if (rows.length === 0) return { ok: false, reason: "email-taken" };
  return { ok: true, id: rows[0]!.id, password };
}

/** Disables an account and ends its sessions at once; or enables it again. */
export async function setAccountDisabled(db: Database, id: number, disabled: boolean, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(schema.staffUsers)
      .set(disabled ? { disabledAt: now } : { disabledAt: null, failedLogins: 0, lockedUntil: null })
      .where(eq(schema.staffUsers.id, id))
      .returning({ id: schema.staffUsers.id });
    if (disabled) await endSessionsOf(tx, id);
    return rows.length === 1;
  });
}

/** A new random password (returned, to be shown once); every session of the account ends. */
export async function resetPassword(db: Database, id: number): Promise<string | null> {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(schema.staffUsers)
      .set({ passwordHash, failedLogins: 0, lockedUntil: null })
      .where(eq(schema.staffUsers.id, id))
      .returning({ id: schema.staffUsers.id });
    if (rows.length === 0) return null;
    await endSessionsOf(tx, id);
    return password;
  });
}

/** Removes the second factor (a lost phone); the person sets up a new one after logging in. */
export async function resetTotp(db: Database, id: number): Promise<boolean> {
  const rows = await db
    .update(schema.staffUsers)
    .set({ totpSecret: null, totpLastStep: null })
    .where(eq(schema.staffUsers.id, id))
    .returning({ id: schema.staffUsers.id });
  return rows.length === 1;
}

/** Changes one's own password after checking the current one; other sessions end. */
export async function changePassword(db: Database, user: StaffUser, input: { current: string; password: string; keepSessionId: string | null }): Promise<boolean> {
  const [row] = await db.select({ hash: schema.staffUsers.passwordHash }).from(schema.staffUsers).where(eq(schema.staffUsers.id, user.id));
  if (!row || !(await verifyPassword(input.current, row.hash))) return false;
  await db
    .update(schema.staffUsers)
    .set({ passwordHash: await hashPassword(input.password) })
    .where(eq(schema.staffUsers.id, user.id));
  await endSessionsOf(db, user.id, input.keepSessionId);
  return true;
}

export async function hasTotp(db: Database, userId: number): Promise<boolean> {
  const [row] = await db.select({ secret: schema.staffUsers.totpSecret }).from(schema.staffUsers).where(eq(schema.staffUsers.id, userId));
  return Boolean(row?.secret);
}

/**
 * Turns the second factor on once the person proves their app has the secret, by a valid code.
 * The code's step counts as used, so the same code cannot also log in. Refused when a second
 * factor is already on (an admin resets it first).
 */
export async function enableTotp(db: Database, userId: number, secret: string, code: string, now = new Date()): Promise<boolean> {
  const step = verifyTotp(secret, code, now);
  if (step === null) return false;
  const rows = await db
    .update(schema.staffUsers)
    .set({ totpSecret: secret, totpLastStep: step })
    .where(and(eq(schema.staffUsers.id, userId), isNull(schema.staffUsers.totpSecret)))
    .returning({ id: schema.staffUsers.id });
  return rows.length === 1;
}
