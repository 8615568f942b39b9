// Staff authentication against the real database: passwords, lockout, the second factor and
// its replay protection, session timeouts, disabled accounts, roles and the CSRF check.
import { eq } from "drizzle-orm";
import { RouterContextProvider } from "react-router";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as schema from "#db/schema";
import { demoStaff, seedDemoStaff } from "#db/seed/demo-staff";
import { seedDemoOffice } from "#db/seed/seed";
import { changePassword, createAccount, enableTotp, resetPassword, setAccountDisabled } from "#app/domain/staff/accounts.server";
import {
  ABSOLUTE_TIMEOUT_MS,
  assertSameOrigin,
  hasPendingSession,
  loginLimit,
  login,
  logout,
  requireStaff,
  SESSION_COOKIE,
  sessionUser,
  sweepStaffSessions,
  verifySecondFactor,
  type StaffUser,
} from "#app/domain/staff/auth.server";
import type { Role } from "#app/domain/staff/roles";
import { generateTotpSecret, totpCode } from "#app/domain/staff/totp";
import { appContext } from "#app/lib/context";
import { parseEnv } from "#app/lib/env.server";
import { createTestDatabase, type TestDatabase } from "#tests/support/database";

let tdb: TestDatabase;
const t0 = new Date("2026-11-23T08:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
let ipCounter = 0;
/** A fresh client address per call, so that the per-address limit does not interfere. */
const ip = () => `192.0.2.${++ipCounter % 250}-${ipCounter}`;
const PASSWORD = "a long enough password";

beforeAll(async () => {
  tdb = await createTestDatabase(async (db) => {
    await seedDemoOffice(db, t0);
  });
});
afterAll(() => tdb?.drop());

async function account(role: Role, unitId: string | null = null): Promise<StaffUser> {
  const email = `${role}-${Math.random().toString(36).slice(2)}@example.org`;
  const created = await createAccount(tdb.db, { name: `Test ${role}`, email, role, unitId, password: PASSWORD });
  if (!created.ok) throw new Error(created.reason);
  return { id: created.id, email, name: `Test ${role}`, role, unitId };
}

async function loggedIn(user: StaffUser, now = t0): Promise<string> {
  const result = await login(tdb.db, { email: user.email, password: PASSWORD, ip: ip(), now });
  if (result.status !== "ok") throw new Error(result.status);
  return result.sessionId;
}

describe("password login", () => {
  test("the right password gives a session; its cookie value is stored only as a hash", async () => {
    const user = await account("clearing", "clearing");
    const result = await login(tdb.db, { email: ` ${user.email.toUpperCase()} `, password: PASSWORD, ip: ip(), now: t0 });
    expect(result).toMatchObject({ status: "ok", user: { id: user.id, role: "clearing", unitId: "clearing" } });
    const sessionId = (result as { sessionId: string }).sessionId;
    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await sessionUser(tdb.db, sessionId, at(1))).toEqual(user);
    const rows = await tdb.db.select().from(schema.staffSessions).where(eq(schema.staffSessions.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.idHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.idHash).not.toContain(sessionId);
    const [row] = await tdb.db.select().from(schema.staffUsers).where(eq(schema.staffUsers.id, user.id));
    expect(row!.lastLoginAt).toEqual(t0);
  });

  test("a wrong password and an unknown address get the same answer", async () => {
    const user = await account("team_lead");
    const wrong = await login(tdb.db, { email: user.email, password: "not the password", ip: ip(), now: t0 });
    const unknown = await login(tdb.db, { email: "nobody@example.org", password: "not the password", ip: ip(), now: t0 });
    expect(wrong).toEqual({ status: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  test("five wrong passwords lock the account for 15 minutes, even for the right password", async () => {
    const user = await account("case_worker", "residence");
    for (let i = 1; i <= 4; i++) {
      expect(await login(tdb.db, { email: user.email, password: `wrong ${i}`, ip: ip(), now: at(i) })).toEqual({ status: "invalid" });
    }
    expect(await login(tdb.db, { email: user.email, password: "wrong 5", ip: ip(), now: at(5) })).toEqual({ status: "locked", until: at(20) });
    expect(await login(tdb.db, { email: user.email, password: PASSWORD, ip: ip(), now: at(19) })).toEqual({ status: "locked", until: at(20) });
    // After the lock the right password works, and the count starts again.
    expect(await login(tdb.db, { email: user.email, password: PASSWORD, ip: ip(), now: at(20) })).toMatchObject({ status: "ok" });
    const [row] = await tdb.db.select().from(schema.staffUsers).where(eq(schema.staffUsers.id, user.id));
    expect(row).toMatchObject({ failedLogins: 0, lockedUntil: null });
  });

  test("an unknown address also answers 'locked' after five attempts, so lockout reveals no account", async () => {
    const email = "ghost@example.org";
    const answers = [];
    for (let i = 1; i <= 5; i++) answers.push((await login(tdb.db, { email, password: "x", ip: ip(), now: at(i) })).status);
    expect(answers).toEqual(["invalid", "invalid", "invalid", "invalid", "locked"]);
  });

  test("too many attempts from one address are refused before any password is checked", async () => {
    const user = await account("admin");
    const address = "198.51.100.99";
    for (let i = 0; i < loginLimit.limit; i++) await login(tdb.db, { email: `x${i}@example.org`, password: "x", ip: address, now: t0 });
    expect(await login(tdb.db, { email: user.email, password: PASSWORD, ip: address, now: t0 })).toEqual({ status: "rate-limited" });
    expect(await login(tdb.db, { email: user.email, password: PASSWORD, ip: "198.51.100.100", now: t0 })).toMatchObject({ status: "ok" });
  });
});

describe("second factor", () => {
  test("required once set up; a code's time step is accepted once", async () => {
    const user = await account("service_point", "service-point");
    const secret = generateTotpSecret();
    // Setting it up needs a valid code; that code's step counts as used.
    const wrong = String((Number(totpCode(secret, t0)) + 1) % 1_000_000).padStart(6, "0");
    expect(await enableTotp(tdb.db, user.id, secret, wrong, t0)).toBe(false);
    expect(await enableTotp(tdb.db, user.id, secret, totpCode(secret, t0), t0)).toBe(true);

    const first = await login(tdb.db, { email: user.email, password: PASSWORD, ip: ip(), now: t0 });
    expect(first.status).toBe("needs-totp");
    const pending = (first as { sessionId: string }).sessionId;
    // A pending session is not a login.
    expect(await sessionUser(tdb.db, pending, t0)).toBeNull();
    expect(await hasPendingSession(tdb.db, pending, t0)).toBe(true);

    // The code used to set it up cannot be replayed.
    expect(await verifySecondFactor(tdb.db, { sessionId: pending, code: totpCode(secret, t0), ip: ip(), now: t0 })).toEqual({ status: "invalid" });
    const later = new Date(t0.getTime() + 30_000);
    const ok = await verifySecondFactor(tdb.db, { sessionId: pending, code: totpCode(secret, later), ip: ip(), now: later });
    expect(ok).toMatchObject({ status: "ok", user: { id: user.id } });
    const full = (ok as { sessionId: string }).sessionId;
    // The session is rotated: the pending id is gone, the new one is a login.
    expect(full).not.toBe(pending);
    expect(await hasPendingSession(tdb.db, pending, later)).toBe(false);
    expect(await sessionUser(tdb.db, full, later)).toMatchObject({ id: user.id });

    // The same code again, on a new login: refused.
    const again = await login(tdb.db, { email: user.email, password: PASSWORD, ip: ip(), now: later });
    const pending2 = (again as { sessionId: string }).sessionId;
    expect(await verifySecondFactor(tdb.db, { sessionId: pending2, code: totpCode(secret, later), ip: ip(), now: later })).toEqual({ status: "invalid" });
    // Five wrong codes lock the account like wrong passwords do; the pending session ends.
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await verifySecondFactor(tdb.db, { sessionId: pending2, code: "999999", ip: ip(), now: later })).status);
    expect(statuses.every((s) => s === "invalid" || s === "locked")).toBe(true);
    expect(statuses.at(-1)).toBe("locked");
    expect(await verifySecondFactor(tdb.db, { sessionId: pending2, code: totpCode(secret, at(1)), ip: ip(), now: at(1) })).toEqual({ status: "expired" });
  });

  test("a pending session expires after five minutes", async () => {
    const user = await account("admin");
    const secret = generateTotpSecret();
    await enableTotp(tdb.db, user.id, secret, totpCode(secret, t0), t0);
    const result = await login(tdb.db, { email: user.email, password: PASSWORD, ip: ip(), now: at(1) });
    const pending = (result as { sessionId: string }).sessionId;
    expect(await verifySecondFactor(tdb.db, { sessionId: pending, code: totpCode(secret, at(7)), ip: ip(), now: at(7) })).toEqual({ status: "expired" });
  });
});

describe("sessions", () => {
  test("end after 30 idle minutes; activity keeps them alive, written at most once a minute", async () => {
    const user = await account("team_lead");
    const sessionId = await loggedIn(user);
    const lastSeen = async () => (await tdb.db.select().from(schema.staffSessions).where(eq(schema.staffSessions.userId, user.id)))[0]!.lastSeenAt;
    expect(await sessionUser(tdb.db, sessionId, at(20))).not.toBeNull();
    expect(await lastSeen()).toEqual(at(20));
    expect(await sessionUser(tdb.db, sessionId, at(20.5))).not.toBeNull();
    expect(await lastSeen()).toEqual(at(20));
    expect(await sessionUser(tdb.db, sessionId, at(49))).not.toBeNull();
    expect(await sessionUser(tdb.db, sessionId, at(49 + 30))).toBeNull();
  });

  test("end after 12 hours however active", async () => {
    const user = await account("team_lead");
    const sessionId = await loggedIn(user);
    const hours = ABSOLUTE_TIMEOUT_MS / 60_000;
    for (let m = 20; m < hours; m += 20) expect(await sessionUser(tdb.db, sessionId, at(m))).not.toBeNull();
    expect(await sessionUser(tdb.db, sessionId, at(hours))).toBeNull();
    await sweepStaffSessions(tdb.db, at(hours));
    expect(await tdb.db.select().from(schema.staffSessions).where(eq(schema.staffSessions.userId, user.id))).toEqual([]);
  });

  test("logout deletes the session", async () => {
    const user = await account("admin");
    const sessionId = await loggedIn(user);
    await logout(tdb.db, sessionId);
    expect(await sessionUser(tdb.db, sessionId, t0)).toBeNull();
  });

  test("disabling an account ends its sessions at once and it can no longer log in", async () => {
    const user = await account("clearing", "clearing");
    const a = await loggedIn(user);
    const b = await loggedIn(user);
    await setAccountDisabled(tdb.db, user.id, true, at(1));
    expect(await sessionUser(tdb.db, a, at(2))).toBeNull();
    expect(await sessionUser(tdb.db, b, at(2))).toBeNull();
    expect(await login(tdb.db, { email: user.email, password: PASSWORD, ip: ip(), now: at(2) })).toEqual({ status: "invalid" });
    await setAccountDisabled(tdb.db, user.id, false, at(3));
    expect(await login(tdb.db, { email: user.email, password: PASSWORD, ip: ip(), now: at(3) })).toMatchObject({ status: "ok" });
  });

  test("changing one's password keeps this session and ends the others; a reset ends all", async () => {
    const user = await account("case_worker", "skilled");
    const here = await loggedIn(user);
    const elsewhere = await loggedIn(user);
    expect(await changePassword(tdb.db, user, { current: "wrong", password: "another long password", keepSessionId: here })).toBe(false);
    expect(await changePassword(tdb.db, user, { current: PASSWORD, password: "another long password", keepSessionId: here })).toBe(true);
    expect(await sessionUser(tdb.db, here, at(1))).not.toBeNull();
    expect(await sessionUser(tdb.db, elsewhere, at(1))).toBeNull();
    expect(await login(tdb.db, { email: user.email, password: "another long password", ip: ip(), now: at(1) })).toMatchObject({ status: "ok" });

    const fresh = await resetPassword(tdb.db, user.id);
    expect(fresh).toMatch(/^[\w]{5}(-\w{5}){3}$/);
    expect(await sessionUser(tdb.db, here, at(2))).toBeNull();
    expect(await login(tdb.db, { email: user.email, password: fresh!, ip: ip(), now: at(2) })).toMatchObject({ status: "ok" });
  });
});

describe("accounts", () => {
  test("an address is taken once; unit roles need a unit the office has (also in the database)", async () => {
    const user = await account("admin");
    expect(await createAccount(tdb.db, { name: "Twin", email: user.email.toUpperCase(), role: "admin", unitId: null })).toEqual({ ok: false, reason: "email-taken" });
    expect(await createAccount(tdb.db, { name: "Lost", email: "lost@example.org", role: "clearing", unitId: "nowhere" })).toEqual({ ok: false, reason: "unit-unknown" });
    await expect(tdb.db.insert(schema.staffUsers).values({ name: "No unit", email: "nounit@example.org", role: "clearing", passwordHash: "x" })).rejects.toThrow();
  });

  test("the demo accounts are seeded once, with their documented passwords", async () => {
    expect((await seedDemoStaff(tdb.db)).map((s) => s.role)).toEqual(["clearing", "case_worker", "service_point", "team_lead", "admin"]);
    await seedDemoStaff(tdb.db);
    for (const s of demoStaff) {
      expect(await login(tdb.db, { email: s.email, password: s.password, ip: ip(), now: t0 })).toMatchObject({ status: "ok", user: { role: s.role } });
    }
  });
});

describe("requireStaff and the origin check", () => {
  const env = parseEnv({ DEMO_MODE: "true" });
  function context() {
    const c = new RouterContextProvider();
    c.set(appContext, { db: tdb.db, dbKind: tdb.kind, env, nonce: "n", clientIp: "127.0.0.1", memo: new Map() });
    return c;
  }
  const request = (url: string, sessionId: string | null, init: RequestInit = {}) =>
    new Request(`https://lotse.example${url}`, {
      ...init,
      headers: { ...(sessionId ? { Cookie: `other=1; ${SESSION_COOKIE}=${sessionId}` } : {}), ...(init.headers as Record<string, string>) },
    });
  async function thrown(promise: Promise<unknown>): Promise<unknown> {
    try {
      await promise;
    } catch (error) {
      return error;
    }
    throw new Error("expected a throw");
  }

  test("no session: a redirect to the login page that comes back, keeping the language", async () => {
    const error = await thrown(requireStaff(request("/staff/accounts?lng=ar", null), context()));
    expect(error).toBeInstanceOf(Response);
    expect((error as Response).status).toBe(302);
    const location = new URL((error as Response).headers.get("Location")!, "https://lotse.example");
    expect(location.pathname).toBe("/staff/login");
    expect(location.searchParams.get("lng")).toBe("ar");
    expect(location.searchParams.get("next")).toBe("/staff/accounts?lng=ar");
  });

  test("the wrong role: 403; the right role or admin: the user", async () => {
    const clerk = await account("clearing", "clearing");
    const admin = await account("admin");
    const pointer = await account("service_point", "service-point");
    const error = await thrown(requireStaff(request("/staff/service-point", await loggedIn(clerk, new Date())), context(), ["service_point"]));
    expect((error as { init: { status: number } }).init.status).toBe(403);
    expect(await requireStaff(request("/staff/service-point", await loggedIn(pointer, new Date())), context(), ["service_point"])).toMatchObject({ id: pointer.id });
    expect(await requireStaff(request("/staff/service-point", await loggedIn(admin, new Date())), context(), ["service_point"])).toMatchObject({ id: admin.id });
  });

  test("a POST must come from this site", async () => {
    const admin = await account("admin");
    const sessionId = await loggedIn(admin, new Date());
    const post = (headers: Record<string, string>) => request("/staff/accounts", sessionId, { method: "POST", headers });
    expect(await requireStaff(post({ Origin: "https://lotse.example" }), context())).toMatchObject({ id: admin.id });
    expect(await requireStaff(post({ Referer: "https://lotse.example/staff/accounts" }), context())).toMatchObject({ id: admin.id });
    const refused: Record<string, string>[] = [{}, { Origin: "https://evil.example" }, { Origin: "null" }, { Referer: "https://lotse.example.evil.example/" }];
    for (const headers of refused) {
      const error = await thrown(requireStaff(post(headers), context()));
      expect((error as { init: { status: number } }).init.status).toBe(403);
    }
    expect(() => assertSameOrigin(post({ Origin: "https://lotse.example" }))).not.toThrow();
  });
});
