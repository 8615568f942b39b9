// Document requests: the clerk asks for what is missing with a deadline; the applicant is told
// in their language, reminded some days before the deadline, and the request lapses the day
// after it. Reminder and lapse are jobs, so any process runs them, once.
import { eq } from "drizzle-orm";
import { getService } from "#app/domain/catalogue/catalogue.server";
import { applyCommand } from "#app/domain/applications/applications.server";
import { respondToRequest } from "#app/domain/applications/respond.server";
import { audit } from "#app/domain/audit/audit.server";
import type { CaseState, Refusal } from "#app/domain/cases/case-states";
import type { CompletenessResult } from "#app/domain/cases/completeness";
import { type IsoDay, isIsoDay, officeDay, plusDays } from "#app/domain/cases/days";
import { queueMessage } from "#app/domain/messages/outbox.server";
import type { StaffUser } from "#app/domain/staff/auth.server";
import type { Database, Tx } from "#app/lib/db.server";
import { enqueue, type JobHandler } from "#app/lib/jobs.server";
import * as schema from "#db/schema";
import { caseActor, lockClaimed, type Outcome, refuse } from "./clearing.server";
import { clearingMessage } from "./messages.server";

/** Days before the deadline on which the reminder goes out. */
export const REMINDER_DAYS_BEFORE = 3;

/** What a request would ask for now: every rule that is missing, rejected, out of date or invalid. */
export function requestableItems(result: CompletenessResult): string[] {
  return result.rules.filter((r) => r.status !== "satisfied" && r.status !== "awaiting-review").map((r) => r.documentTypeId);
}

export async function requestDocuments(
  db: Database,
  staff: StaffUser,
  applicationId: string,
  request: { items: string[]; deadline: string | null; message: string | null },
  publicUrl: string,
  now: Date,
): Promise<Outcome> {
  return db.transaction(async (tx) => {
    const claimed = await lockClaimed(tx, staff, applicationId);
    if (!claimed.ok) return claimed;
    const service = await getService(tx, claimed.row.serviceId);
    const known = new Set(service?.rules.map((r) => r.documentTypeId) ?? []);
    const items = [...new Set(request.items)].filter((i) => known.has(i));
    if (items.length === 0 || items.length !== new Set(request.items).size) return refuse({ code: "no-items" });
    if (request.deadline !== null && !isIsoDay(request.deadline)) return refuse({ code: "invalid-deadline" });
    const message = request.message?.trim().slice(0, 1000) || undefined;
    const result = await applyCommand(
      tx,
      applicationId,
      { type: "request_documents", items, ...(request.deadline ? { deadline: request.deadline } : {}), ...(message ? { message } : {}) },
      caseActor(staff),
      now,
    );
    if (!result.ok) {
      if (result.refusal.code === "not-found") return refuse({ code: "not-found" });
      if (result.refusal.code.startsWith("deadline") || result.refusal.code === "invalid-deadline") return refuse({ code: "invalid-deadline" });
      return refuse({ code: "state", refusal: result.refusal });
    }
    const deadline = (result.event.data as { deadline: IsoDay }).deadline;
    await scheduleRequestJobs(tx, applicationId, deadline, now);
    const message_ = await clearingMessage(tx, applicationId, "request", publicUrl);
    if (message_) await queueMessage(tx, message_);
    return { ok: true as const };
  });
}

/** The reminder some days before the deadline, and the lapse on the first day after it. */
async function scheduleRequestJobs(tx: Tx, applicationId: string, deadline: IsoDay, now: Date) {
  const reminderDay = plusDays(deadline, -REMINDER_DAYS_BEFORE);
  const reminderAt = new Date(`${reminderDay}T08:00:00Z`);
  if (reminderAt > now) await enqueue(tx, "request-reminder", { applicationId, deadline }, reminderAt, `request-reminder:${applicationId}:${deadline}`);
  await enqueue(tx, "request-lapse", { applicationId, deadline }, new Date(`${plusDays(deadline, 1)}T03:00:00Z`), `request-lapse:${applicationId}:${deadline}`);
}

export async function extendDeadline(db: Database, staff: StaffUser, applicationId: string, deadline: string, publicUrl: string, now: Date): Promise<Outcome> {
  return db.transaction(async (tx) => {
    const claimed = await lockClaimed(tx, staff, applicationId);
    if (!claimed.ok) return claimed;
    if (!isIsoDay(deadline)) return refuse({ code: "invalid-deadline" });
    const result = await applyCommand(tx, applicationId, { type: "extend_deadline", deadline }, caseActor(staff), now);
    if (!result.ok) {
      if (result.refusal.code.startsWith("deadline") || result.refusal.code === "invalid-deadline") return refuse({ code: "invalid-deadline" });
      return refuse({ code: "state", refusal: result.refusal as Refusal });
    }
    await scheduleRequestJobs(tx, applicationId, deadline, now);
    const message = await clearingMessage(tx, applicationId, "extended", publicUrl);
    if (message) await queueMessage(tx, message);
    return { ok: true as const };
  });
}

/** The clerk who asked records an answer that came by post or at the counter. */
export async function recordAnswer(db: Database, staff: StaffUser, applicationId: string, now: Date): Promise<Outcome> {
  return db.transaction(async (tx) => {
    const claimed = await lockClaimed(tx, staff, applicationId);
    if (!claimed.ok) return claimed;
    const done = await respondToRequest(tx, applicationId, caseActor(staff), now, false);
    return done
      ? { ok: true as const }
      : refuse({ code: "state", refusal: { code: "not-allowed-in-state", command: "respond", state: claimed.row.state as CaseState, actorKind: "staff" } });
  });
}

const requestReminder: JobHandler = async (db, payload, now) => {
  const applicationId = String(payload.applicationId);
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(schema.applications).where(eq(schema.applications.id, applicationId)).for("update");
    const request = row?.documentRequest;
    if (row?.state !== "documents_requested" || !request || request.deadline !== payload.deadline || request.remindedOn) return;
    await tx
      .update(schema.applications)
      .set({ documentRequest: { ...request, remindedOn: officeDay(now) } })
      .where(eq(schema.applications.id, applicationId));
    await audit(tx, { actor: { kind: "system", id: "reminder" }, action: "request.reminded", applicationId, data: { deadline: request.deadline }, at: now });
    const message = await clearingMessage(tx, applicationId, "reminder", String(payload.publicUrl ?? ""));
    if (message) await queueMessage(tx, message);
  });
};

async function lapseCase(db: Database, applicationId: string, publicUrl: string, now: Date) {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(schema.applications).where(eq(schema.applications.id, applicationId));
    if (row?.state !== "documents_requested") return;
    const result = await applyCommand(tx, applicationId, { type: "lapse" }, { kind: "system", id: "deadline" }, now);
    // Extended meanwhile (the deadline has not passed): nothing to do; the new deadline has its own job.
    if (!result.ok) return;
    const message = await clearingMessage(tx, applicationId, "lapsed", publicUrl);
    if (message) await queueMessage(tx, message);
  });
}

/** The clearing's jobs (reminders and lapses), run by the background tick in any process. */
export function clearingJobs(publicUrl: string): Record<string, JobHandler> {
  return {
    "request-reminder": (db, payload, now) => requestReminder(db, { ...payload, publicUrl }, now),
    "request-lapse": (db, payload, now) => lapseCase(db, String(payload.applicationId), publicUrl, now),
  };
}
