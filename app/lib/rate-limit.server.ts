// Rate limits kept in PostgreSQL (fixed windows in rate_limits), so that they hold across app
// processes: the booking's fairness, staff sign-in, status lookups and uploads all count here.
import { and, eq, lt, sql } from "drizzle-orm";
import * as schema from "#db/schema";
import type { Database } from "./db.server";

/** At most `limit` hits per bucket in each window of `windowSeconds`. */
export type RateRule = { limit: number; windowSeconds: number };

/** The start of the fixed window `now` falls in. */
export function windowOf(rule: Pick<RateRule, "windowSeconds">, now: Date): Date {
  return new Date(Math.floor(now.getTime() / (rule.windowSeconds * 1000)) * rule.windowSeconds * 1000);
}

/**
 * Counts a hit in a fixed window and says whether it is within the limit. One statement, so
 * concurrent processes count correctly.
 */
export async function withinLimit(db: Database, bucket: string, rule: RateRule, now = new Date()): Promise<boolean> {
  const windowStart = windowOf(rule, now);
  const [row] = await db
    .insert(schema.rateLimits)
    .values({ bucket, windowStart, hits: 1 })
    .onConflictDoUpdate({ target: [schema.rateLimits.bucket, schema.rateLimits.windowStart], set: { hits: sql`${schema.rateLimits.hits} + 1` } })
    .returning({ hits: schema.rateLimits.hits });
  return row!.hits <= rule.limit;
}

/** Whether a bucket is already at its limit in the current window, without counting a hit. */
export async function atLimit(db: Database, bucket: string, rule: RateRule, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ hits: schema.rateLimits.hits })
    .from(schema.rateLimits)
    .where(and(eq(schema.rateLimits.bucket, bucket), eq(schema.rateLimits.windowStart, windowOf(rule, now))));
  return (row?.hits ?? 0) >= rule.limit;
}

/** Forgets counters of windows that ended long ago (run periodically). */
export async function sweepRateLimits(db: Database, now = new Date()): Promise<void> {
  await db.delete(schema.rateLimits).where(lt(schema.rateLimits.windowStart, new Date(now.getTime() - 24 * 3600_000)));
}
