// A small job queue in PostgreSQL: any app process may take due jobs (FOR UPDATE SKIP LOCKED),
// so nothing depends on one process's memory. Works the same on the embedded database.
import { and, asc, eq, isNull, lte, or } from "drizzle-orm";
import * as schema from "#db/schema";
import type { Database, Queryable } from "./db.server";

export type JobHandler = (db: Database, payload: Record<string, unknown>, now: Date) => Promise<void>;

const MAX_ATTEMPTS = 8;

/** Schedules a job; with a unique key, a second job for the same key is not created. */
export async function enqueue(db: Queryable, kind: string, payload: Record<string, unknown>, runAt: Date, uniqueKey?: string) {
  await db
    .insert(schema.jobs)
    .values({ kind, payload: JSON.stringify(payload), runAt, uniqueKey: uniqueKey ?? null })
    .onConflictDoNothing();
}

/** Takes up to `limit` due jobs, runs them, and records the outcome. Returns how many ran. */
export async function runDueJobs(db: Database, handlers: Record<string, JobHandler>, now = new Date(), limit = 20): Promise<number> {
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: schema.jobs.id, kind: schema.jobs.kind, payload: schema.jobs.payload, attempts: schema.jobs.attempts })
      .from(schema.jobs)
      .where(and(isNull(schema.jobs.doneAt), lte(schema.jobs.runAt, now), or(isNull(schema.jobs.lockedUntil), lte(schema.jobs.lockedUntil, now))))
      .orderBy(asc(schema.jobs.runAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    for (const job of due) {
      await tx
        .update(schema.jobs)
        .set({ lockedUntil: new Date(now.getTime() + 5 * 60_000) })
        .where(eq(schema.jobs.id, job.id));
    }
    return due;
  });
  for (const job of claimed) {
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(db, JSON.parse(job.payload) as Record<string, unknown>, now);
      await db.update(schema.jobs).set({ doneAt: now, lockedUntil: null }).where(eq(schema.jobs.id, job.id));
    } catch (error) {
      const attempts = job.attempts + 1;
      const backoff = Math.min(2 ** attempts, 60) * 60_000;
      await db
        .update(schema.jobs)
        .set({
          attempts,
          lockedUntil: null,
          lastError: String(error instanceof Error ? error.message : error).slice(0, 1000),
          runAt: new Date(now.getTime() + backoff),
          doneAt: attempts >= MAX_ATTEMPTS ? now : null,
        })
        .where(eq(schema.jobs.id, job.id));
    }
  }
  return claimed.length;
}

export type Worker = { stop(): Promise<void> };

/** Runs `tick` every `intervalMs` until stopped; one tick at a time per process. */
export function startWorker(tick: () => Promise<void>, intervalMs: number): Worker {
  let running: Promise<void> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = tick()
      .catch((error: unknown) => console.error("Lotse: background work failed:", error))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

/** Pending jobs of a kind (for tests and the admin view). */
export async function pendingJobs(db: Database, kind: string) {
  return db
    .select()
    .from(schema.jobs)
    .where(and(eq(schema.jobs.kind, kind), isNull(schema.jobs.doneAt)))
    .orderBy(asc(schema.jobs.runAt));
}
