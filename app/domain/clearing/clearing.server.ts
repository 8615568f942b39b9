// The clearing on the server: the queue, claiming, document review, document requests with
// their deadline, reminder and lapse, forwarding by the routing rules, the case worker's inbox
// and decision, and who may see which case. Every function takes the acting staff member and
// checks their role and scope itself: pages and direct POSTs get the same answer. The database
// backs the rules that matter most (claims, complete-only forwarding, the case worker's unit;
// migrations 0010 and 0011) and writes every case event into the hash-chained audit log.
import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Answers } from "#app/domain/catalogue/checklist";
import { getService } from "#app/domain/catalogue/catalogue.server";
import {
  applyCommand,
  type ApplicationRow,
  currentCompleteness,
  documentsOf,
  eventsOf,
  refreshCompleteness,
} from "#app/domain/applications/applications.server";
import { parseReference } from "#app/domain/applications/codes";
import { createInvitation } from "#app/domain/booking/invitations.server";
import type { Database, Tx } from "#app/lib/db.server";
import { enqueue, type JobHandler } from "#app/lib/jobs.server";
import * as schema from "#db/schema";
import type { StaffUser } from "#app/domain/staff/auth.server";
import type { Actor, CaseState, Decision, Refusal } from "./case-states";
import { type CompletenessResult } from "./completeness";
import { daysBetween, type IsoDay, isIsoDay, officeDay, plusDays } from "./days";
import { type LetterRange, routeCase, type Routing, validateLetterRanges, type LetterRangeProblem } from "./routing";
import { clearingMessage } from "./messages.server";
import { type QueueFilters, type QueueItem, URGENT_WITHIN_DAYS } from "./queue-filters";
export { URGENT_WITHIN_DAYS, type QueueItem };

export const CLEARING_STATES = ["submitted", "in_clearing", "documents_requested", "complete"] as const;
export const INBOX_STATES = ["forwarded_to_unit", "in_processing", "decided", "ready_for_pickup"] as const;
/** Days before the deadline on which the reminder goes out. */
export const REMINDER_DAYS_BEFORE = 3;

export type ClearingRefusal =
  | { code: "not-found" }
  | { code: "forbidden" }
  | { code: "claimed-by-other"; name: string }
  | { code: "not-claimed" }
  | { code: "state"; refusal: Refusal }
  /** Reviews happen while the case is in clearing (not while a request is open or after forwarding). */
  | { code: "not-in-clearing" }
  | { code: "not-complete" }
  | { code: "routing"; routing: Exclude<Routing, { ok: true }> }
  | { code: "unknown-document" }
  | { code: "unknown-reason" }
  | { code: "invalid-deadline" }
  | { code: "no-items" };

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type Outcome<T extends object = {}> = ({ ok: true } & T) | { ok: false; refusal: ClearingRefusal };

const staffActor = (staff: StaffUser): Actor => ({ kind: "staff", id: String(staff.id) });
const refuse = (refusal: ClearingRefusal) => ({ ok: false as const, refusal });

/** Writes an entry to the audit log (the database chains it). */
export async function audit(
  db: Pick<Database, "insert">,
  entry: { actor: Actor; action: string; applicationId?: string | null; documentId?: string | null; data?: Record<string, unknown>; at?: Date },
) {
  await db.insert(schema.auditLog).values({
    // The insert trigger sets the number and both hashes.
    id: 0,
    prevHash: "",
    hash: "",
    at: entry.at ?? new Date(),
    actorKind: entry.actor.kind,
    actorId: entry.actor.id,
    action: entry.action,
    applicationId: entry.applicationId ?? null,
    documentId: entry.documentId ?? null,
    data: entry.data ?? {},
  });
}

// ---------------------------------------------------------------------------------------------
// Who may see what

/** Whether a staff member may open a case at all (reading it; acting is checked per action). */
export function maySee(staff: StaffUser, row: Pick<ApplicationRow, "state" | "routedUnitId" | "routedCaseWorkerId">): boolean {
  if (row.state === "draft") return false;
  switch (staff.role) {
    case "admin":
    case "team_lead":
      return true;
    case "clearing":
      // The front office answers status enquiries: it sees every submitted case.
      return true;
    case "case_worker":
      return row.routedUnitId !== null && row.routedUnitId === staff.unitId && row.routedCaseWorkerId === staff.id;
    case "service_point":
      return false;
  }
}

/** The case behind a reference, if this staff member may see it; otherwise null (a 404 to them). */
export async function caseForStaff(db: Pick<Database, "select">, staff: StaffUser, reference: string): Promise<ApplicationRow | null> {
  const normalised = parseReference(reference);
  if (!normalised) return null;
  const [row] = await db.select().from(schema.applications).where(eq(schema.applications.reference, normalised));
  if (!row || !maySee(staff, row)) return null;
  return row;
}

function mayClear(staff: StaffUser) {
  return staff.role === "clearing" || staff.role === "admin" || staff.role === "team_lead";
}

/** Locks the case and checks that this clerk has claimed it (the clearing's actions need that). */
async function lockClaimed(tx: Tx, staff: StaffUser, applicationId: string): Promise<Outcome<{ row: ApplicationRow }>> {
  const [row] = await tx.select().from(schema.applications).where(eq(schema.applications.id, applicationId)).for("update");
  if (!row || row.state === "draft") return refuse({ code: "not-found" });
  if (!mayClear(staff)) return refuse({ code: "forbidden" });
  if (row.claimedBy === null) return refuse({ code: "not-claimed" });
  if (row.claimedBy !== staff.id) return refuse({ code: "claimed-by-other", name: await staffName(tx, row.claimedBy) });
  return { ok: true, row };
}

async function staffName(db: Pick<Database, "select">, id: number): Promise<string> {
  const [row] = await db.select({ name: schema.staffUsers.name }).from(schema.staffUsers).where(eq(schema.staffUsers.id, id));
  return row?.name ?? "?";
}

// ---------------------------------------------------------------------------------------------
// The queue

export async function clearingQueue(db: Database, staff: StaffUser, filters: QueueFilters, now: Date): Promise<QueueItem[]> {
  if (!mayClear(staff)) return [];
  const rows = await db
    .select({ app: schema.applications, claimer: schema.staffUsers.name })
    .from(schema.applications)
    .leftJoin(schema.staffUsers, eq(schema.staffUsers.id, schema.applications.claimedBy))
    .where(inArray(schema.applications.state, [...CLEARING_STATES]))
    .orderBy(asc(schema.applications.submittedAt))
    .limit(500);
  const ids = rows.map((r) => r.app.id);
  const helperIds = new Set<string>();
  const answeredIds = new Set<string>();
  if (ids.length > 0) {
    const events = await db
      .select({ applicationId: schema.caseEvents.applicationId, type: schema.caseEvents.type, actorKind: schema.caseEvents.actorKind })
      .from(schema.caseEvents)
      .where(and(inArray(schema.caseEvents.applicationId, ids), inArray(schema.caseEvents.type, ["submitted", "responded", "documents_requested"])))
      .orderBy(asc(schema.caseEvents.id));
    for (const e of events) {
      if (e.type === "submitted" && e.actorKind === "helper") helperIds.add(e.applicationId);
      if (e.type === "responded") answeredIds.add(e.applicationId);
      if (e.type === "documents_requested") answeredIds.delete(e.applicationId);
    }
  }
  const today = officeDay(now);
  const items: QueueItem[] = rows.map(({ app, claimer }) => {
    const result = app.completeness as CompletenessResult | null;
    const counts = result?.summary.counts;
    const expires = app.details.permitExpires && isIsoDay(app.details.permitExpires) ? app.details.permitExpires : null;
    const expiresInDays = expires ? daysBetween(today, expires) : null;
    return {
      id: app.id,
      reference: app.reference ?? "",
      serviceId: app.serviceId,
      state: app.state,
      language: app.language,
      name: [app.details.givenNames, app.details.familyName].filter(Boolean).join(" "),
      submittedAt: app.submittedAt!.toISOString(),
      waitingDays: Math.max(0, daysBetween(officeDay(app.submittedAt!), today)),
      permitExpires: expires,
      expiresInDays,
      urgent: expiresInDays !== null && expiresInDays <= URGENT_WITHIN_DAYS,
      byHelper: helperIds.has(app.id),
      claimedBy: app.claimedBy === null ? null : { id: app.claimedBy, name: claimer ?? "?" },
      completeness:
        result && counts
          ? {
              state: result.summary.state,
              satisfied: counts.satisfied,
              applicable: result.summary.applicable,
              missing: counts.missing,
              rejected: counts.rejected,
              awaitingReview: counts["awaiting-review"],
              outOfDate: counts["out-of-date"],
              invalid: counts.invalid,
            }
          : null,
      answered: app.state === "in_clearing" && answeredIds.has(app.id),
      deadline: app.state === "documents_requested" ? (app.documentRequest?.deadline ?? null) : null,
    };
  });
  const shown = items.filter((i) => {
    if (filters.serviceId && i.serviceId !== filters.serviceId) return false;
    if (filters.language && i.language !== filters.language) return false;
    if (filters.urgentOnly && !i.urgent) return false;
    switch (filters.view) {
      case "open":
        return i.state !== "documents_requested";
      case "unclaimed":
        return i.state === "submitted";
      case "mine":
        return i.claimedBy?.id === staff.id;
      case "answered":
        return i.answered;
      case "waiting":
        return i.state === "documents_requested";
      case "complete":
        return i.state === "complete" || i.completeness?.state === "complete";
    }
  });
  const rank = (i: QueueItem) => (i.completeness ? i.completeness.satisfied / Math.max(1, i.completeness.applicable) : 0);
  return shown.sort((a, b) => {
    if (filters.sort === "urgency") {
      const ea = a.expiresInDays ?? Number.POSITIVE_INFINITY;
      const eb = b.expiresInDays ?? Number.POSITIVE_INFINITY;
      if (ea !== eb) return ea - eb;
    } else if (filters.sort === "completeness") {
      const d = rank(b) - rank(a);
      if (d !== 0) return d;
    }
    // Answered cases first among equals, then the longest waiting.
    if (a.answered !== b.answered) return a.answered ? -1 : 1;
    return a.submittedAt.localeCompare(b.submittedAt);
  });
}

// ---------------------------------------------------------------------------------------------
// Claiming

export async function claimCase(db: Database, staff: StaffUser, applicationId: string, now: Date): Promise<Outcome> {
  if (!mayClear(staff)) return refuse({ code: "forbidden" });
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(schema.applications).where(eq(schema.applications.id, applicationId)).for("update");
    if (!row || row.state === "draft") return refuse({ code: "not-found" });
    if (row.claimedBy !== null && row.claimedBy !== staff.id) return refuse({ code: "claimed-by-other", name: await staffName(tx, row.claimedBy) });
    if (row.claimedBy === staff.id) return { ok: true as const };
    const result = await applyCommand(tx, applicationId, { type: "claim" }, staffActor(staff), now);
    if (!result.ok) return refuse(result.refusal.code === "not-found" ? { code: "not-found" } : { code: "state", refusal: result.refusal });
    return { ok: true as const };
  });
}

export async function releaseCase(db: Database, staff: StaffUser, applicationId: string, now: Date): Promise<Outcome> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(schema.applications).where(eq(schema.applications.id, applicationId)).for("update");
    if (!row || row.state === "draft") return refuse({ code: "not-found" });
    // The claimer gives a case back; a team lead or admin may take it from someone who is away.
    const lead = staff.role === "team_lead" || staff.role === "admin";
    if (row.claimedBy !== staff.id && !(lead && row.claimedBy !== null)) {
      return refuse(row.claimedBy === null ? { code: "not-claimed" } : { code: "claimed-by-other", name: await staffName(tx, row.claimedBy) });
    }
    const result = await applyCommand(tx, applicationId, { type: "release" }, staffActor(staff), now);
    if (!result.ok) return refuse(result.refusal.code === "not-found" ? { code: "not-found" } : { code: "state", refusal: result.refusal });
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------------------------------------
// Document review

export type ReviewDecision = { decision: "accept" } | { decision: "reject"; reasonCode: string; note: string | null };

export async function reviewDocument(db: Database, staff: StaffUser, applicationId: string, documentId: string, review: ReviewDecision, now: Date): Promise<Outcome> {
  return db.transaction(async (tx) => {
    const claimed = await lockClaimed(tx, staff, applicationId);
    if (!claimed.ok) return claimed;
    if (claimed.row.state !== "in_clearing") return refuse({ code: "not-in-clearing" });
    const [document] = await tx
      .select()
      .from(schema.applicationDocuments)
      .where(and(eq(schema.applicationDocuments.id, documentId), eq(schema.applicationDocuments.applicationId, applicationId)));
    if (!document) return refuse({ code: "unknown-document" });
    if (review.decision === "reject") {
      const [reason] = await tx.select({ id: schema.reasonCodes.id }).from(schema.reasonCodes).where(eq(schema.reasonCodes.id, review.reasonCode));
      if (!reason) return refuse({ code: "unknown-reason" });
    }
    const note = review.decision === "reject" ? review.note?.trim().slice(0, 500) || null : null;
    await tx
      .update(schema.applicationDocuments)
      .set({
        review: review.decision === "accept" ? "accepted" : "rejected",
        reasonCode: review.decision === "reject" ? review.reasonCode : null,
        reviewNote: note,
        reviewedBy: staff.id,
        reviewedAt: now,
      })
      .where(eq(schema.applicationDocuments.id, documentId));
    await refreshCompleteness(tx, applicationId, now);
    await audit(tx, {
      actor: staffActor(staff),
      action: review.decision === "accept" ? "document.accepted" : "document.rejected",
      applicationId,
      documentId,
      data: review.decision === "reject" ? { documentTypeId: document.documentTypeId, reasonCode: review.reasonCode, note } : { documentTypeId: document.documentTypeId },
      at: now,
    });
    return { ok: true as const };
  });
}

/** A staff member opened a document: logged like a change (who read which file when). */
export async function logDocumentRead(db: Pick<Database, "insert">, staff: StaffUser, applicationId: string, documentId: string, now: Date) {
  await audit(db, { actor: staffActor(staff), action: "document.read", applicationId, documentId, at: now });
}

// ---------------------------------------------------------------------------------------------
// Document requests

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
      staffActor(staff),
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
    if (message_) await tx.insert(schema.outbox).values(message_);
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
    const result = await applyCommand(tx, applicationId, { type: "extend_deadline", deadline }, staffActor(staff), now);
    if (!result.ok) {
      if (result.refusal.code.startsWith("deadline") || result.refusal.code === "invalid-deadline") return refuse({ code: "invalid-deadline" });
      return refuse({ code: "state", refusal: result.refusal as Refusal });
    }
    await scheduleRequestJobs(tx, applicationId, deadline, now);
    const message = await clearingMessage(tx, applicationId, "extended", publicUrl);
    if (message) await tx.insert(schema.outbox).values(message);
    return { ok: true as const };
  });
}

/**
 * The applicant (or their helper) answers a request: after an upload when every requested item
 * has a new document, or when they say they have sent what they can. The case goes back to the
 * clerk who asked, at the top of the queue.
 */
export async function respondToRequest(tx: Tx, applicationId: string, actor: Actor, now: Date, onlyIfAllSent: boolean): Promise<boolean> {
  const [row] = await tx.select().from(schema.applications).where(eq(schema.applications.id, applicationId));
  if (!row || row.state !== "documents_requested" || !row.documentRequest) return false;
  if (onlyIfAllSent) {
    const since = await tx
      .select({ documentTypeId: schema.applicationDocuments.documentTypeId, at: schema.applicationDocuments.uploadedAt })
      .from(schema.applicationDocuments)
      .where(eq(schema.applicationDocuments.applicationId, applicationId));
    const requestedOn = row.documentRequest.requestedOn;
    const [event] = await tx
      .select({ at: schema.caseEvents.at })
      .from(schema.caseEvents)
      .where(and(eq(schema.caseEvents.applicationId, applicationId), eq(schema.caseEvents.type, "documents_requested")))
      .orderBy(desc(schema.caseEvents.id))
      .limit(1);
    const askedAt = event?.at ?? new Date(`${requestedOn}T00:00:00Z`);
    const sent = new Set(since.filter((d) => d.at >= askedAt).map((d) => d.documentTypeId));
    if (!row.documentRequest.items.every((i) => sent.has(i))) return false;
  }
  const result = await applyCommand(tx, applicationId, { type: "respond" }, actor, now);
  return result.ok;
}

/** The clerk who asked records an answer that came by post or at the counter. */
export async function recordAnswer(db: Database, staff: StaffUser, applicationId: string, now: Date): Promise<Outcome> {
  return db.transaction(async (tx) => {
    const claimed = await lockClaimed(tx, staff, applicationId);
    if (!claimed.ok) return claimed;
    const done = await respondToRequest(tx, applicationId, staffActor(staff), now, false);
    return done ? { ok: true as const } : refuse({ code: "state", refusal: { code: "not-allowed-in-state", command: "respond", state: claimed.row.state as CaseState, actorKind: "staff" } });
  });
}

const requestReminder: JobHandler = async (db, payload, now) => {
  const applicationId = String(payload.applicationId);
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(schema.applications).where(eq(schema.applications.id, applicationId)).for("update");
    const request = row?.documentRequest;
    if (!row || row.state !== "documents_requested" || !request || request.deadline !== payload.deadline || request.remindedOn) return;
    await tx
      .update(schema.applications)
      .set({ documentRequest: { ...request, remindedOn: officeDay(now) } })
      .where(eq(schema.applications.id, applicationId));
    await audit(tx, { actor: { kind: "system", id: "reminder" }, action: "request.reminded", applicationId, data: { deadline: request.deadline }, at: now });
    const message = await clearingMessage(tx, applicationId, "reminder", String(payload.publicUrl ?? ""));
    if (message) await tx.insert(schema.outbox).values(message);
  });
};

async function lapseCase(db: Database, applicationId: string, publicUrl: string, now: Date) {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(schema.applications).where(eq(schema.applications.id, applicationId));
    if (!row || row.state !== "documents_requested") return;
    const result = await applyCommand(tx, applicationId, { type: "lapse" }, { kind: "system", id: "deadline" }, now);
    // Extended meanwhile (the deadline has not passed): nothing to do; the new deadline has its own job.
    if (!result.ok) return;
    const message = await clearingMessage(tx, applicationId, "lapsed", publicUrl);
    if (message) await tx.insert(schema.outbox).values(message);
  });
}

/** The clearing's jobs (reminders and lapses), run by the background tick in any process. */
export function clearingJobs(publicUrl: string): Record<string, JobHandler> {
  return {
    "request-reminder": (db, payload, now) => requestReminder(db, { ...payload, publicUrl }, now),
    "request-lapse": (db, payload, now) => lapseCase(db, String(payload.applicationId), publicUrl, now),
  };
}

// ---------------------------------------------------------------------------------------------
// Routing and forwarding

/** The office's routing data: units and letter ranges, with each range's case worker account. */
async function routingData(db: Pick<Database, "select">) {
  const units = await db.select({ id: schema.units.id, kind: schema.units.kind }).from(schema.units);
  const ranges = await db.select().from(schema.letterRanges);
  const letterRanges: LetterRange[] = ranges.map((r) => ({
    unitId: r.unitId,
    firstLetter: r.firstLetter,
    lastLetter: r.lastLetter,
    // The account id travels as the case worker; ranges without an account route to nobody.
    caseWorker: r.staffUserId === null ? "" : String(r.staffUserId),
  }));
  return { units: units as { id: string; kind: "clearing" | "service_point" | "specialist" }[], letterRanges };
}

export type RoutingPreview = { ok: true; unitId: string; caseWorker: { id: number; name: string } | null; rule: Extract<Routing, { ok: true }>["rule"] } | { ok: false; routing: Exclude<Routing, { ok: true }> };

/** Where the case would go now (shown before the clerk forwards it). */
export async function routingFor(db: Pick<Database, "select">, row: ApplicationRow): Promise<RoutingPreview> {
  const [service] = await db.select({ id: schema.services.id, unitId: schema.services.unitId }).from(schema.services).where(eq(schema.services.id, row.serviceId));
  if (!service) return { ok: false, routing: { ok: false, code: "unknown-unit", unitId: row.serviceId } };
  const { units, letterRanges } = await routingData(db);
  const routing = routeCase({ id: service.id, unitId: service.unitId }, row.answers as Answers, row.details.familyNameMrz?.trim() || null, units, letterRanges);
  if (!routing.ok) return { ok: false, routing };
  const caseWorkerId = routing.caseWorker ? Number(routing.caseWorker) : null;
  return {
    ok: true,
    unitId: routing.unitId,
    caseWorker: caseWorkerId ? { id: caseWorkerId, name: await staffName(db, caseWorkerId) } : null,
    rule: routing.rule,
  };
}

/**
 * Marks the case complete and forwards it, in one transaction, after checking completeness on
 * the documents as they are now. The database checks again (migrations 0011, 0012) and refuses a case
 * that is not complete, whatever called this.
 */
export async function forwardCase(db: Database, staff: StaffUser, applicationId: string, publicUrl: string, now: Date): Promise<Outcome<{ unitId: string; caseWorkerId: number | null }>> {
  return db.transaction(async (tx) => {
    const claimed = await lockClaimed(tx, staff, applicationId);
    if (!claimed.ok) return claimed;
    const service = await getService(tx, claimed.row.serviceId);
    if (!service) return refuse({ code: "not-found" });
    const { result } = await currentCompleteness(tx, claimed.row, service.rules, now);
    if (!result.summary.complete) return refuse({ code: "not-complete" });
    await refreshCompleteness(tx, applicationId, now);
    const routing = await routingFor(tx, claimed.row);
    if (!routing.ok) return refuse({ code: "routing", routing: routing.routing });
    const actor = staffActor(staff);
    if (claimed.row.state === "in_clearing") {
      const marked = await applyCommand(tx, applicationId, { type: "mark_complete", completeness: result.summary }, actor, now);
      if (!marked.ok) return refuse(marked.refusal.code === "not-complete" ? { code: "not-complete" } : { code: "state", refusal: marked.refusal as Refusal });
    }
    const forwarded = await applyCommand(
      tx,
      applicationId,
      { type: "forward", completeness: result.summary, unitId: routing.unitId, caseWorker: routing.caseWorker ? String(routing.caseWorker.id) : null },
      actor,
      now,
      { routedUnitId: routing.unitId, routedCaseWorkerId: routing.caseWorker?.id ?? null, routingRule: routing.rule, forwardedAt: now },
    );
    if (!forwarded.ok) return refuse(forwarded.refusal.code === "not-complete" ? { code: "not-complete" } : { code: "state", refusal: forwarded.refusal as Refusal });
    const message = await clearingMessage(tx, applicationId, "forwarded", publicUrl);
    if (message) await tx.insert(schema.outbox).values(message);
    return { ok: true as const, unitId: routing.unitId, caseWorkerId: routing.caseWorker?.id ?? null };
  });
}

// ---------------------------------------------------------------------------------------------
// The case worker's inbox and decision

export type InboxItem = { id: string; reference: string; serviceId: string; state: string; name: string; forwardedAt: string; language: string; decision: string | null; caseWorker: string | null };

export async function inbox(db: Database, staff: StaffUser): Promise<InboxItem[]> {
  const scope =
    staff.role === "case_worker"
      ? and(eq(schema.applications.routedUnitId, staff.unitId ?? ""), eq(schema.applications.routedCaseWorkerId, staff.id))
      : staff.role === "team_lead" || staff.role === "admin"
        ? isNotNull(schema.applications.routedUnitId)
        : sql`false`;
  const rows = await db
    .select({ app: schema.applications, worker: schema.staffUsers.name })
    .from(schema.applications)
    .leftJoin(schema.staffUsers, eq(schema.staffUsers.id, schema.applications.routedCaseWorkerId))
    .where(and(scope, inArray(schema.applications.state, [...INBOX_STATES])))
    .orderBy(asc(schema.applications.forwardedAt))
    .limit(500);
  return rows.map(({ app, worker }) => ({
    id: app.id,
    reference: app.reference ?? "",
    serviceId: app.serviceId,
    state: app.state,
    name: [app.details.givenNames, app.details.familyName].filter(Boolean).join(" "),
    forwardedAt: app.forwardedAt!.toISOString(),
    language: app.language,
    decision: app.decision,
    caseWorker: worker,
  }));
}

function mayProcess(staff: StaffUser, row: ApplicationRow): boolean {
  if (staff.role === "case_worker") return row.routedUnitId === staff.unitId && row.routedCaseWorkerId === staff.id;
  return staff.role === "team_lead" || staff.role === "admin";
}

export type ProcessingStep = { type: "start_processing" } | { type: "decide"; decision: Decision } | { type: "mark_ready_for_pickup" } | { type: "close" };

/**
 * A case worker moves their case on: processing → decided → ready for pickup (which sends the
 * applicant a single-use invitation to book the pickup appointment) → closed.
 */
export async function processCase(db: Database, staff: StaffUser, applicationId: string, step: ProcessingStep, publicUrl: string, now: Date): Promise<Outcome> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(schema.applications).where(eq(schema.applications.id, applicationId)).for("update");
    if (!row || row.state === "draft") return refuse({ code: "not-found" });
    if (!maySee(staff, row)) return refuse({ code: "not-found" });
    if (!mayProcess(staff, row)) return refuse({ code: "forbidden" });
    const command = step.type === "decide" ? { type: "decide" as const, decision: step.decision } : step;
    const result = await applyCommand(tx, applicationId, command, staffActor(staff), now);
    if (!result.ok) return refuse(result.refusal.code === "not-found" ? { code: "not-found" } : { code: "state", refusal: result.refusal as Refusal });
    if (step.type === "decide") {
      const message = await clearingMessage(tx, applicationId, step.decision === "granted" ? "granted" : "refused", publicUrl);
      if (message) await tx.insert(schema.outbox).values(message);
    }
    if (step.type === "mark_ready_for_pickup") {
      const [pickup] = await tx
        .select({ id: schema.services.id })
        .from(schema.services)
        .where(and(eq(schema.services.appointment, "invitation"), eq(schema.services.active, true)))
        .orderBy(asc(schema.services.id))
        .limit(1);
      if (pickup) {
        const invitation = await createInvitation(tx, { serviceId: pickup.id, caseReference: row.reference!, language: row.language as never, now });
        const message = await clearingMessage(tx, applicationId, "pickup", publicUrl, { invitationUrl: `${publicUrl}/invitation/${invitation.token}` });
        if (message) await tx.insert(schema.outbox).values(message);
      }
    }
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------------------------------------
// What a staff page shows of a case

export async function caseFile(db: Database, row: ApplicationRow, now: Date) {
  const service = await getService(db, row.serviceId);
  const documents = await documentsOf(db, row.id);
  const { result } = service ? await currentCompleteness(db, row, service.rules, now) : { result: null };
  const events = await eventsOf(db, row.id);
  const staffIds = [...new Set(events.filter((e) => e.actorKind === "staff").map((e) => Number(e.actorId)).concat(row.claimedBy ?? [], row.routedCaseWorkerId ?? []))].filter(Number.isSafeInteger);
  const names = staffIds.length > 0 ? await db.select({ id: schema.staffUsers.id, name: schema.staffUsers.name }).from(schema.staffUsers).where(inArray(schema.staffUsers.id, staffIds)) : [];
  const reasonCodes = await db.select().from(schema.reasonCodes).orderBy(asc(schema.reasonCodes.sort), asc(schema.reasonCodes.id));
  return { service, documents, completeness: result, events, staffNames: Object.fromEntries(names.map((n) => [n.id, n.name])) as Record<number, string>, reasonCodes };
}

// ---------------------------------------------------------------------------------------------
// Letter ranges (admins)

export type RangeInput = { firstLetter: string; lastLetter: string; staffUserId: number };

/**
 * Replaces a unit's letter ranges. Refused with the problems when a letter is covered twice or
 * not at all, or a range names somebody who is not a case worker of the unit. The database's
 * exclusion constraint refuses overlaps too.
 */
export async function saveLetterRanges(db: Database, staff: StaffUser, unitId: string, ranges: RangeInput[], now: Date): Promise<{ ok: true } | { ok: false; problems: LetterRangeProblem[]; unknownWorker?: boolean }> {
  if (staff.role !== "admin") return { ok: false, problems: [], unknownWorker: true };
  return db.transaction(async (tx) => {
    const workers = await tx
      .select({ id: schema.staffUsers.id, name: schema.staffUsers.name })
      .from(schema.staffUsers)
      .where(and(eq(schema.staffUsers.unitId, unitId), eq(schema.staffUsers.role, "case_worker")));
    const byId = new Map(workers.map((w) => [w.id, w.name]));
    if (ranges.some((r) => !byId.has(r.staffUserId))) return { ok: false as const, problems: [], unknownWorker: true };
    const valid = validateLetterRanges(ranges.map((r) => ({ unitId, firstLetter: r.firstLetter, lastLetter: r.lastLetter, caseWorker: String(r.staffUserId) })));
    if (!valid.ok) return { ok: false as const, problems: valid.problems };
    if (ranges.length === 0) return { ok: false as const, problems: [{ code: "gap" as const, unitId, from: "A", to: "Z" }] };
    await tx.delete(schema.letterRanges).where(eq(schema.letterRanges.unitId, unitId));
    await tx.insert(schema.letterRanges).values(
      ranges.map((r) => ({ unitId, firstLetter: r.firstLetter, lastLetter: r.lastLetter, staffUserId: r.staffUserId, caseWorker: byId.get(r.staffUserId)! })),
    );
    await audit(tx, { actor: staffActor(staff), action: "letter-ranges.saved", data: { unitId, ranges: ranges.map((r) => `${r.firstLetter}-${r.lastLetter}:${r.staffUserId}`) }, at: now });
    return { ok: true as const };
  });
}

export async function letterRangesOf(db: Pick<Database, "select">) {
  return db.select().from(schema.letterRanges).orderBy(asc(schema.letterRanges.unitId), asc(schema.letterRanges.firstLetter));
}
