// THE authentication module for staff: password and second factor, sessions, roles, CSRF.
// Every staff page goes through the staff layout's middleware (`getStaff`); nothing else reads the
// session cookie, so that single sign-on can replace this file later without touching the pages.
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, lt, lte, or, sql } from "drizzle-orm";
import { data, redirect, type RouterContextProvider } from "react-router";
import type { Database, Queryable } from "#app/lib/db.server";
import { appContext } from "#app/lib/context";
import { withinLimit } from "#app/lib/rate-limit.server";
import * as schema from "#db/schema";
import { dummyVerify, hashPassword, needsRehash, verifyPassword } from "./password.server";
import { isRole, type Role } from "./roles";
import { verifyTotp } from "./totp";

export type { Role } from "./roles";
export type StaffUser = { id: number; name: string; email: string; role: Role; unitId: string | null };

export const SESSION_COOKIE = "__Host-lotse-staff";
export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 3600_000;
/** How long a session that still waits for the second factor lives. */
export const PENDING_TIMEOUT_MS = 5 * 60_000;
/** last_seen_at is written at most this often, not on every request. */
const TOUCH_INTERVAL_MS = 60_000;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;
/** Login attempts (passwords and codes) per client address. */
export const loginLimit = { limit: 30, windowSeconds: 900 } as const;

export type LoginResult =
  | { status: "ok"; sessionId: string; user: StaffUser }
  | { status: "needs-totp"; sessionId: string }
  | { status: "invalid" }
  | { status: "locked"; until: Date }
  | { status: "rate-limited" };

export type SecondFactorResult =
  | { status: "ok"; sessionId: string; user: StaffUser }
  | { status: "invalid" }
  | { status: "expired" }
  | { status: "locked"; until: Date }
  | { status: "rate-limited" };

const hashId = (id: string) => createHash("sha256").update(id).digest("hex");
const newSessionId = () => randomBytes(32).toString("base64url");

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function toStaffUser(row: { id: number; name: string; email: string; role: string; unitId: string | null }): StaffUser {
  if (!isRole(row.role)) throw new Error(`Unknown staff role ${row.role}`);
  return { id: row.id, name: row.name, email: row.email, role: row.role, unitId: row.unitId };
}

async function createSession(db: Database, userId: number, complete: boolean, now: Date): Promise<string> {
  const id = newSessionId();
  await db.insert(schema.staffSessions).values({
    idHash: hashId(id),
    userId,
    complete,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + (complete ? ABSOLUTE_TIMEOUT_MS : PENDING_TIMEOUT_MS)),
  });
  return id;
}

/** Counts a failed password or code; the fifth in a row locks the account for a while. */
async function recordFailure(db: Database, userId: number, now: Date): Promise<Date | null> {
  const [row] = await db
    .update(schema.staffUsers)
    .set({
      failedLogins: sql`CASE WHEN ${schema.staffUsers.failedLogins} + 1 >= ${MAX_FAILED_LOGINS} THEN 0 ELSE ${schema.staffUsers.failedLogins} + 1 END`,
      lockedUntil: sql`CASE WHEN ${schema.staffUsers.failedLogins} + 1 >= ${MAX_FAILED_LOGINS} THEN ${new Date(now.getTime() + LOCKOUT_MS).toISOString()}::timestamptz ELSE ${schema.staffUsers.lockedUntil} END`,
    })
    .where(eq(schema.staffUsers.id, userId))
    .returning({ lockedUntil: schema.staffUsers.lockedUntil });
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

/**
 * Unknown addresses behave like known ones: the same answer, the same time, and after five
 * attempts the same "locked" answer, so that nobody can find out which addresses have accounts.
 */
async function unknownAddress(db: Database, email: string, password: string, now: Date): Promise<LoginResult> {
  await dummyVerify(password);
  const windowSeconds = LOCKOUT_MS / 1000;
  const rule = { limit: MAX_FAILED_LOGINS - 1, windowSeconds };
  if (await withinLimit(db, `staff-login-unknown:${hashId(email)}`, rule, now)) return { status: "invalid" };
  const windowEnd = (Math.floor(now.getTime() / LOCKOUT_MS) + 1) * LOCKOUT_MS;
  return { status: "locked", until: new Date(windowEnd) };
}

/**
 * Checks e-mail address and password. On success the caller sets the session cookie (with
 * `sessionCookie`); the session is new, so a session id planted before the login is useless.
 */
export async function login(db: Database, input: { email: string; password: string; ip: string; now?: Date }): Promise<LoginResult> {
  const now = input.now ?? new Date();
  if (!(await withinLimit(db, `staff-login:${input.ip}`, loginLimit, now))) return { status: "rate-limited" };
  const email = normaliseEmail(input.email);
  const password = input.password.slice(0, 1024);
  const [user] = await db.select().from(schema.staffUsers).where(eq(schema.staffUsers.email, email));
  if (!user || user.disabledAt) return unknownAddress(db, email, password, now);
  if (user.lockedUntil && user.lockedUntil > now) {
    await dummyVerify(password);
    return { status: "locked", until: user.lockedUntil };
  }
  if (!(await verifyPassword(password, user.passwordHash))) {
    const lockedUntil = await recordFailure(db, user.id, now);
    return lockedUntil ? { status: "locked", until: lockedUntil } : { status: "invalid" };
  }
  const rehash = needsRehash(user.passwordHash) ? await hashPassword(password) : null;
  if (user.totpSecret) {
    if (rehash) await db.update(schema.staffUsers).set({ passwordHash: rehash }).where(eq(schema.staffUsers.id, user.id));
    return { status: "needs-totp", sessionId: await createSession(db, user.id, false, now) };
  }
  await db
    .update(schema.staffUsers)
    .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now, ...(rehash ? { passwordHash: rehash } : {}) })
    .where(eq(schema.staffUsers.id, user.id));
  return { status: "ok", sessionId: await createSession(db, user.id, true, now), user: toStaffUser(user) };
}

/**
 * The second step for accounts with an authenticator app: the code for the pending session.
 * A code's time step is accepted once (staff_users.totp_last_step), so an overheard code
 * cannot be replayed. Success replaces the pending session with a full one.
 */
export async function verifySecondFactor(db: Database, input: { sessionId: string; code: string; ip: string; now?: Date }): Promise<SecondFactorResult> {
  const now = input.now ?? new Date();
  if (!(await withinLimit(db, `staff-login:${input.ip}`, loginLimit, now))) return { status: "rate-limited" };
  const [row] = await db
    .select({ user: schema.staffUsers, expiresAt: schema.staffSessions.expiresAt })
    .from(schema.staffSessions)
    .innerJoin(schema.staffUsers, eq(schema.staffUsers.id, schema.staffSessions.userId))
    .where(and(eq(schema.staffSessions.idHash, hashId(input.sessionId)), eq(schema.staffSessions.complete, false)));
  if (!row || row.expiresAt <= now || row.user.disabledAt || !row.user.totpSecret) return { status: "expired" };
  const { user } = row;
  if (user.lockedUntil && user.lockedUntil > now) return { status: "locked", until: user.lockedUntil };
  const step = verifyTotp(user.totpSecret!, input.code, now);
  // Accept the step only if it is newer than the last one used; one statement, so two
  // requests racing with the same code cannot both win.
  const accepted =
    step === null
      ? []
      : await db
          .update(schema.staffUsers)
          .set({ totpLastStep: step, failedLogins: 0, lockedUntil: null, lastLoginAt: now })
          .where(and(eq(schema.staffUsers.id, user.id), or(isNull(schema.staffUsers.totpLastStep), lt(schema.staffUsers.totpLastStep, step))))
          .returning({ id: schema.staffUsers.id });
  if (accepted.length === 0) {
    const lockedUntil = await recordFailure(db, user.id, now);
    if (lockedUntil) {
      await db.delete(schema.staffSessions).where(eq(schema.staffSessions.idHash, hashId(input.sessionId)));
      return { status: "locked", until: lockedUntil };
    }
    return { status: "invalid" };
  }
  await db.delete(schema.staffSessions).where(eq(schema.staffSessions.idHash, hashId(input.sessionId)));
  return { status: "ok", sessionId: await createSession(db, user.id, true, now), user: toStaffUser(user) };
}

/** Ends the session (the row is deleted, so the cookie is worthless even if kept). */
export async function logout(db: Database, sessionId: string | null): Promise<void> {
  if (sessionId) await db.delete(schema.staffSessions).where(eq(schema.staffSessions.idHash, hashId(sessionId)));
}

/** The user of a full, live session: not expired, not idle too long, account not disabled. */
export async function sessionUser(db: Database, sessionId: string, now = new Date()): Promise<StaffUser | null> {
  const idHash = hashId(sessionId);
  const [row] = await db
    .select({ user: schema.staffUsers, lastSeenAt: schema.staffSessions.lastSeenAt })
    .from(schema.staffSessions)
    .innerJoin(schema.staffUsers, eq(schema.staffUsers.id, schema.staffSessions.userId))
    .where(
      and(
        eq(schema.staffSessions.idHash, idHash),
        eq(schema.staffSessions.complete, true),
        gt(schema.staffSessions.expiresAt, now),
        gt(schema.staffSessions.lastSeenAt, new Date(now.getTime() - IDLE_TIMEOUT_MS)),
        isNull(schema.staffUsers.disabledAt),
      ),
    );
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    await db.update(schema.staffSessions).set({ lastSeenAt: now }).where(eq(schema.staffSessions.idHash, idHash));
  }
  return toStaffUser(row.user);
}

/** Whether the cookie belongs to a session that waits for the second factor. */
export async function hasPendingSession(db: Database, sessionId: string, now = new Date()): Promise<boolean> {
  const [row] = await db
    .select({ idHash: schema.staffSessions.idHash })
    .from(schema.staffSessions)
    .where(and(eq(schema.staffSessions.idHash, hashId(sessionId)), eq(schema.staffSessions.complete, false), gt(schema.staffSessions.expiresAt, now)));
  return row !== undefined;
}

/** Deletes every session of a user (disabled account, new password), optionally but one. */
export async function endSessionsOf(db: Queryable, userId: number, except?: string | null): Promise<void> {
  await db
    .delete(schema.staffSessions)
    .where(and(eq(schema.staffSessions.userId, userId), except ? sql`${schema.staffSessions.idHash} <> ${hashId(except)}` : undefined));
}

/** Forgets expired sessions (run periodically). */
export async function sweepStaffSessions(db: Database, now = new Date()): Promise<void> {
  await db
    .delete(schema.staffSessions)
    .where(or(lte(schema.staffSessions.expiresAt, now), lte(schema.staffSessions.lastSeenAt, new Date(now.getTime() - IDLE_TIMEOUT_MS))));
}

// ---- Cookies and requests ----

/** The session id from the request's cookie, if any. */
export function readSessionId(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) {
      const value = rest.join("=");
      return /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
    }
  }
  return null;
}

/** Set-Cookie for a session: host-only, HTTPS-only, not readable by scripts, not sent cross-site. */
export function sessionCookie(sessionId: string): string {
  return `${SESSION_COOKIE}=${sessionId}; Path=/; Max-Age=${ABSOLUTE_TIMEOUT_MS / 1000}; HttpOnly; Secure; SameSite=Lax`;
}

export function clearSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax`;
}

type Context = Readonly<RouterContextProvider>;
const perRequest = new WeakMap<Request, Promise<StaffUser | null>>();

/** The signed-in staff member, or null. Looked up once per request. */
export function getStaff(request: Request, context: Context): Promise<StaffUser | null> {
  let found = perRequest.get(request);
  if (!found) {
    const sessionId = readSessionId(request);
    const { db } = context.get(appContext);
    found = sessionId ? sessionUser(db, sessionId) : Promise.resolve(null);
    perRequest.set(request, found);
  }
  return found;
}

/** The login page's address for a request, so that the person comes back after logging in. */
export function loginUrl(request: Request): string {
  const url = new URL(request.url);
  const params = new URLSearchParams();
  const lng = url.searchParams.get("lng");
  if (lng) params.set("lng", lng);
  params.set("next", `${url.pathname}${url.search}`);
  return `/staff/login?${params}`;
}

/**
 * The signed-in staff member whose role is among `roles` (any role when omitted; admins always).
 * Not signed in: a redirect to the login page. Wrong role: 403. A state-changing request must
 * also come from this site (see `assertSameOrigin`).
 * @deprecated The old way: routes ask `allow(context, action)` (access/guard.server.ts). Kept
 * until the last routes that call it (office, service point) have moved.
 */
export async function requireStaff(request: Request, context: Context, roles?: Role[]): Promise<StaffUser> {
  if (request.method !== "GET" && request.method !== "HEAD") assertSameOrigin(request);
  const staff = await getStaff(request, context);
  if (!staff) throw redirect(loginUrl(request));
  if (staff.role !== "admin" && roles !== undefined && !roles.includes(staff.role)) throw data(null, { status: 403 });
  return staff;
}

/**
 * CSRF defence in depth beside SameSite=Lax: a POST must name this site as its origin (the
 * Origin header, or the Referer where a browser sends no Origin). Otherwise 403.
 */
export function assertSameOrigin(request: Request): void {
  const host = new URL(request.url).host;
  const source = request.headers.get("Origin") ?? request.headers.get("Referer");
  let sourceHost: string | null = null;
  try {
    sourceHost = source && source !== "null" ? new URL(source).host : null;
  } catch {
    sourceHost = null;
  }
  if (sourceHost !== host) throw data(null, { status: 403 });
}
