import { eq } from "drizzle-orm";
import type { Database } from "#app/lib/db.server";
import { serverI18n } from "#app/lib/i18n/instance.server";
import { isLanguage } from "#app/lib/i18n/languages";
import { type JobHandler, runDueJobs } from "#app/lib/jobs.server";
import { deliverOutbox, type Mailer } from "#app/lib/mail.server";
import * as schema from "#db/schema";
import { sweepUploadSessions } from "#app/domain/applications/uploads.server";
import { clearingJobs } from "#app/domain/clearing/clearing.server";
import type { DocumentStorage } from "#app/domain/documents/storage.server";
import { queueMessage } from "#app/domain/messages/outbox.server";
import { appointmentWhere, sweepExpiredHolds } from "./booking.server";
import { sweepFairness } from "./fairness.server";
import { sweepStaffSessions } from "#app/domain/staff/auth.server";
import { drawDueRounds, planRounds } from "./lottery.server";
import { reminderMessage } from "./messages.server";
import { expireOffer, offerFreedPlace } from "./waitlist.server";

/** The reminder one day before, if the appointment still stands. */
const reminder: JobHandler = async (db, payload) => {
  const a = await appointmentWhere(db, eq(schema.appointments.id, Number(payload.appointmentId)));
  if (!a || a.status !== "booked" || !isLanguage(a.language)) return;
  // A moved appointment has a new reminder of its own.
  if (payload.slotId !== undefined && Number(payload.slotId) !== a.slotId) return;
  await queueMessage(db, reminderMessage(await serverI18n(), { ...a, language: a.language }));
};

/** The booking jobs; messages link to `publicUrl`. */
export function bookingJobs(publicUrl: string): Record<string, JobHandler> {
  return {
    reminder,
    "waitlist-offer": async (db, payload, now) => {
      await offerFreedPlace(db, Number(payload.slotId), publicUrl, now);
    },
    "waitlist-offer-expiry": (db, payload, now) => expireOffer(db, Number(payload.offerId), publicUrl, now),
  };
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
  await runDueJobs(db, { ...bookingJobs(publicUrl), ...clearingJobs(publicUrl) }, now);
  await drawDueRounds(db, publicUrl, now);
  await planRounds(db, now);
  if (mailer) await deliverOutbox(db, mailer, now);
  await sweepExpiredHolds(db, now);
  await sweepFairness(db, now);
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
