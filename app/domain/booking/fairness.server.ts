// Fairness against bots: a proof of work (ALTCHA, self-hosted) for people with JavaScript, a
// short server-enforced wait for people without it, and the booking's rate limits (counted by
// lib/rate-limit.server.ts in PostgreSQL, so that they hold across app processes).
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { lt } from "drizzle-orm";
import { type Database, preparedRows } from "#app/lib/db.server";
import * as schema from "#db/schema";
import { Lane } from "#app/lib/lane";
import { windowOf } from "#app/lib/rate-limit.server";
import { createPowChallenge, verifyPowSolution } from "./pow.server";

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

/** How long a proof-of-work challenge may be solved and used. */
const POW_VALID_MS = 10 * 60_000;

/** A challenge whose solution is a number up to `maxNumber` (the POW_MAX_NUMBER setting). */
export function powChallenge(secret: string, maxNumber: number, now = new Date()) {
  return createPowChallenge(secret, maxNumber, new Date(now.getTime() + POW_VALID_MS));
}

/** Whether a solution is valid and unexpired; whether it was used already is `spend`'s part. */
export function validPow(secret: string, payload: string, now = new Date()): boolean {
  return verifyPowSolution(payload, secret, now);
}

/** The key a used solution is remembered by, until after it would have expired anyway. */
function powSpent(payload: string, now: Date) {
  return { hash: tokenHash(`pow:${payload}`), expiresAt: new Date(now.getTime() + POW_VALID_MS + 5 * 60_000) };
}

/** A valid, unexpired, not yet used solution. Each solution can be used once. */
export async function acceptPow(db: Database, secret: string, payload: string, now = new Date()): Promise<boolean> {
  if (!validPow(secret, payload, now)) return false;
  const spent = powSpent(payload, now);
  return spend(db, spent.hash, spent.expiresAt);
}

function tokenHash(what: string): string {
  return createHash("sha256").update(what).digest("hex");
}

async function spend(db: Database, hash: string, expiresAt: Date): Promise<boolean> {
  const rows = await db.insert(schema.spentTokens).values({ hash, expiresAt }).onConflictDoNothing().returning({ hash: schema.spentTokens.hash });
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
  if (!(await spend(db, tokenHash(`wait:${ticket.nonce}`), new Date(ticket.expires)))) return { ok: false, reason: "used", ticket };
  return { ok: true, ticket };
}

// In a rush the hold statements take at most 6 of the process's 10 database connections, so the
// rest of the portal (a confirmation, a staff page) finds one free instead of queueing behind
// hundreds of refusals.
const holdLane = new Lane(6);

const HOLD_ATTEMPT = `
  with hit as (
    insert into rate_limits (bucket, window_start, hits) values ($1, $2::timestamptz, 1)
    on conflict (bucket, window_start) do update set hits = rate_limits.hits + 1
    returning hits
  ), spent as (
    insert into spent_tokens (hash, expires_at)
    select $3, $4::timestamptz where (select hits from hit) <= $5::int
    on conflict do nothing
    returning 1
  )
  select (select hits from hit) as hits,
         exists (select 1 from spent) as spent,
         (select generation from config_generation where id = 1) as generation,
         coalesce((
           select json_agg(json_build_array(
             (extract(epoch from s.starts_at) * 1000)::bigint,
             s.taken - (select count(*) from appointment_holds h where h.slot_id = s.id and h.expires_at <= $6::timestamptz)))
           from appointment_slots s
           where s.service_id = $7 and s.starts_at >= $8::timestamptz and s.starts_at < $9::timestamptz
         ), '[]'::json) as taken`;

export type HoldAttempt = {
  /** Hits in the address's window, this one included. */
  hits: number;
  /** Whether the solution was spent now (false: over the limit, or used before). */
  spent: boolean;
  /** The configuration's generation, read in the same statement. */
  generation: number | null;
  /** Places taken per slot start (ms) of the service around `day` (expired holds not counted). */
  taken: Map<number, number>;
};

/**
 * One attempt to hold a time with a valid proof of work, as one statement: it counts the hit for
 * the address, spends the solution if the address is within its limit, and reads the
 * configuration's generation and what is taken of the service's slots on and around the day.
 * A refusal in a rush thus costs one round trip and one commit. The range is the day ± 14 hours
 * in UTC, so it holds the day in any time zone; the caller picks the day's slots from it.
 */
export async function holdAttempt(
  db: Database,
  args: { bucket: string; rule: { limit: number; windowSeconds: number }; pow: string; serviceId: string; day: string; now: Date },
): Promise<HoldAttempt> {
  const { bucket, rule, pow, serviceId, day, now } = args;
  const spent = powSpent(pow, now);
  const dayStart = Date.parse(`${day}T00:00:00Z`);
  const from = new Date(dayStart - 14 * 3_600_000).toISOString();
  const to = new Date(dayStart + 38 * 3_600_000).toISOString();
  const rows = await holdLane.run(() =>
    preparedRows<{ hits: number; spent: boolean; generation: string | number | null; taken: [number, number][] | string }>(db, HOLD_ATTEMPT, [
      bucket,
      windowOf(rule, now).toISOString(),
      spent.hash,
      spent.expiresAt.toISOString(),
      rule.limit,
      now.toISOString(),
      serviceId,
      from,
      to,
    ]),
  );
  const row = rows[0]!;
  const pairs = typeof row.taken === "string" ? (JSON.parse(row.taken) as [number, number][]) : row.taken;
  return {
    hits: Number(row.hits),
    spent: row.spent === true,
    generation: row.generation === null ? null : Number(row.generation),
    taken: new Map(pairs.map(([at, n]) => [Number(at), Number(n)])),
  };
}

/** Forgets spent tokens that have expired (run periodically; the rate limits sweep their own counters). */
export async function sweepFairness(db: Database, now = new Date()): Promise<void> {
  await db.delete(schema.spentTokens).where(lt(schema.spentTokens.expiresAt, now));
}
