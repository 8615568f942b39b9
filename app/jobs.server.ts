// The app's background work in one place: every area's job handlers, and the tick that runs
// them with the lottery's draws, e-mail delivery and each area's tidying up. The job runner
// itself is generic (lib/jobs.server.ts); server/app.ts starts the tick in every process.
import { sweepUploadSessions } from "#app/domain/applications/upload-sessions.server";
import { sweepExpiredHolds } from "#app/domain/booking/holds.server";
import { sweepFairness } from "#app/domain/booking/fairness.server";
import { bookingJobs } from "#app/domain/booking/jobs.server";
import { drawDueRounds, planRounds } from "#app/domain/booking/lottery.server";
import { clearingJobs } from "#app/domain/clearing/requests.server";
import type { DocumentStorage } from "#app/domain/documents/storage.server";
import { sweepStaffSessions } from "#app/domain/staff/auth.server";
import type { Database } from "#app/lib/db.server";
import { type JobHandler, runDueJobs } from "#app/lib/jobs.server";
import { deliverOutbox, type Mailer } from "#app/lib/mail.server";
import { sweepRateLimits } from "#app/lib/rate-limit.server";

/** Every area's job handlers by kind; messages link to `publicUrl`. */
export function appJobs(publicUrl: string): Record<string, JobHandler> {
  return { ...bookingJobs(publicUrl), ...clearingJobs(publicUrl) };
}

/**
 * One round of background work: due jobs, lottery draws and planning, e-mail delivery, and
 * tidying up. Every part takes its rows with locks (SKIP LOCKED or constraints), so any number
 * of processes may run it at once.
 */
export async function backgroundTick(
  db: Database,
  mailer: Mailer | null,
  publicUrl: string,
  now = new Date(),
  /** The document storage, whose leftovers of interrupted writes are swept now and then. */
  storage?: DocumentStorage,
) {
  await runDueJobs(db, appJobs(publicUrl), now);
  await drawDueRounds(db, publicUrl, now);
  await planRounds(db, now);
  if (mailer) await deliverOutbox(db, mailer, now);
  await sweepExpiredHolds(db, now);
  await sweepFairness(db, now);
  await sweepRateLimits(db, now);
  await sweepStaffSessions(db, now);
  await sweepUploadSessions(db, now);
  if (storage && now.getTime() - lastTempSweep >= TEMP_SWEEP_EVERY_MS) {
    lastTempSweep = now.getTime();
    // Only leftovers older than an hour: younger ones may be a write under way in another process.
    await storage.sweepTemp(60 * 60_000);
  }
}

/** How often a process looks for leftovers of interrupted document writes (a listing: not every tick). */
const TEMP_SWEEP_EVERY_MS = 15 * 60_000;
let lastTempSweep = 0;
