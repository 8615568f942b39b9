import { eq } from "drizzle-orm";
import type { Database } from "~/lib/db.server";
import { serverI18n } from "~/lib/i18n/instance.server";
import { isLanguage } from "~/lib/i18n/languages";
import { type JobHandler, runDueJobs } from "~/lib/jobs.server";
import { deliverOutbox, type Mailer } from "~/lib/mail.server";
import * as t from "../../../db/schema";
import { queueMessage } from "../messages/outbox.server";
import { appointmentWhere, sweepExpiredHolds } from "./booking.server";
import { sweepFairness } from "./fairness.server";
import { reminderMessage } from "./messages.server";

/** The reminder one day before, if the appointment still stands. */
const reminder: JobHandler = async (db, payload) => {
  const a = await appointmentWhere(db, eq(t.appointments.id, Number(payload.appointmentId)));
  if (!a || a.status !== "booked" || !isLanguage(a.language)) return;
  await queueMessage(db, reminderMessage(await serverI18n(), { ...a, language: a.language }));
};

export const bookingJobs: Record<string, JobHandler> = { reminder };

/** One round of background work: due jobs, e-mail delivery, and tidying up. */
export async function backgroundTick(db: Database, mailer: Mailer | null, handlers: Record<string, JobHandler>, now = new Date()) {
  await runDueJobs(db, handlers, now);
  if (mailer) await deliverOutbox(db, mailer, now);
  await sweepExpiredHolds(db, now);
  await sweepFairness(db, now);
}
