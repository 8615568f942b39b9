// Fairness against bots: a proof of work (ALTCHA, self-hosted) for people with JavaScript, a
// short server-enforced wait for people without it, and rate limits kept in PostgreSQL so that
// they hold across app processes.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createChallenge, verifySolution } from "altcha-lib/v1";
import { lt, sql } from "drizzle-orm";
import type { Database } from "~/lib/db.server";
import * as t from "../../../db/schema";

/** Seconds a person without JavaScript waits before the server holds their time. */
export const NO_JS_WAIT_SECONDS = 5;

export const limits = {
  /** Attempts to hold a time, per IP, with a solved proof of work. */
  holdPerIp: { limit: 30, windowSeconds: 600 },
  /** The same without JavaScript (the wait costs the server nothing, so fewer are allowed). */
  holdPerIpWithoutJs: { limit: 10, windowSeconds: 600 },
  /** Confirmations per person (name + date of birth), whatever the IP. */
  confirmPerPerson: { limit: 5, windowSeconds: 3600 },
  /** Joining a waitlist or a lottery round, per IP (a household or a counselling office may share one). */
  joinPerIp: { limit: 20, windowSeconds: 3600 },
} as const;

/** A challenge whose solution is a number up to `maxNumber` (the POW_MAX_NUMBER setting). */
export async function powChallenge(secret: string, maxNumber: number, now = new Date()) {
  return createChallenge({ hmacKey: secret, maxNumber, expires: new Date(now.getTime() + 10 * 60_000) });
}

/** A valid, unexpired, not yet used solution. Each solution can be used once. */
export async function acceptPow(db: Database, secret: string, payload: string, now = new Date()): Promise<boolean> {
  if (payload.length > 2000) return false;
  let ok = false;
  try {
    ok = await verifySolution(payload, secret, true);
  } catch {
    return false;
  }
  return ok && spend(db, `pow:${payload}`, new Date(now.getTime() + 15 * 60_000));
}

async function spend(db: Database, what: string, expiresAt: Date): Promise<boolean> {
  const hash = createHash("sha256").update(what).digest("hex");
  const rows = await db.insert(t.spentTokens).values({ hash, expiresAt }).onConflictDoNothing().returning({ hash: t.spentTokens.hash });
  return rows.length === 1;
}

export type WaitTicket = { serviceId: string; startsAt: string; notBefore: number; expires: number; nonce: string };

function sign(secret: string, body: string): string {
  return createHmac("sha256", secret).update(`wait:${body}`).digest("base64url");
}

/** A signed ticket that lets a person without JavaScript hold a time after a short wait. */
export function issueWaitTicket(secret: string, serviceId: string, startsAt: Date, now = new Date()): string {
  const ticket: WaitTicket = {
    serviceId,
    startsAt: startsAt.toISOString(),
    notBefore: now.getTime() + NO_JS_WAIT_SECONDS * 1000,
    expires: now.getTime() + 5 * 60_000,
    nonce: randomBytes(8).toString("base64url"),
  };
  const body = Buffer.from(JSON.stringify(ticket)).toString("base64url");
  return `${body}.${sign(secret, body)}`;
}

export type TicketCheck = { ok: true; ticket: WaitTicket } | { ok: false; reason: "invalid" | "early" | "expired" | "used"; ticket?: WaitTicket };

export async function redeemWaitTicket(db: Database, secret: string, value: string, now = new Date()): Promise<TicketCheck> {
  const [body, mac] = value.split(".");
  if (!body || !mac || value.length > 1000) return { ok: false, reason: "invalid" };
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "invalid" };
  let ticket: WaitTicket;
  try {
    ticket = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as WaitTicket;
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (now.getTime() < ticket.notBefore) return { ok: false, reason: "early", ticket };
  if (now.getTime() > ticket.expires) return { ok: false, reason: "expired", ticket };
  if (!(await spend(db, `wait:${ticket.nonce}`, new Date(ticket.expires)))) return { ok: false, reason: "used", ticket };
  return { ok: true, ticket };
}

/**
 * Counts a hit in a fixed window and says whether it is within the limit. One statement, so
 * concurrent processes count correctly.
 */
export async function withinLimit(
  db: Database,
  bucket: string,
  rule: { limit: number; windowSeconds: number },
  now = new Date(),
): Promise<boolean> {
  const windowStart = new Date(Math.floor(now.getTime() / (rule.windowSeconds * 1000)) * rule.windowSeconds * 1000);
  const [row] = await db
    .insert(t.rateLimits)
    .values({ bucket, windowStart, hits: 1 })
    .onConflictDoUpdate({ target: [t.rateLimits.bucket, t.rateLimits.windowStart], set: { hits: sql`${t.rateLimits.hits} + 1` } })
    .returning({ hits: t.rateLimits.hits });
  return row!.hits <= rule.limit;
}

/** Forgets expired counters and spent tokens (run periodically). */
export async function sweepFairness(db: Database, now = new Date()): Promise<void> {
  await db.delete(t.rateLimits).where(lt(t.rateLimits.windowStart, new Date(now.getTime() - 24 * 3600_000)));
  await db.delete(t.spentTokens).where(lt(t.spentTokens.expiresAt, now));
}
