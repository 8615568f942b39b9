// The booking's jobs: the reminder before an appointment, and the waitlist's offers and their
// expiry. The app's background tick (app/jobs.server.ts) runs them with every other area's.
import { eq } from "drizzle-orm";
import { serverI18n } from "#app/lib/i18n/instance.server";
import { isLanguage } from "#app/lib/i18n/languages";
import type { JobHandler } from "#app/lib/jobs.server";
import * as schema from "#db/schema";
import { queueMessage } from "#app/domain/messages/outbox.server";
import { appointmentWhere } from "./booking.server";
import { reminderMessage } from "./messages.server";
import { expireOffer, offerFreedPlace } from "./waitlist-offers.server";

/** The reminder one day before, if the appointment still stands. */
const reminder: JobHandler = async (db, payload) => {
  const a = await appointmentWhere(db, eq(schema.appointments.id, Number(payload.appointmentId)));
  if (a?.status !== "booked" || !isLanguage(a.language)) return;
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
