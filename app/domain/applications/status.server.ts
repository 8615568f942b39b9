// What the status page says about a case: the timeline of its events, who must act now, the next
// step and how long that step typically takes at this office: measured from this office's own
// cases when there are enough of them, otherwise the figure the office states.
import { and, eq, sql } from "drizzle-orm";
import { type CaseState, waitingOn } from "#app/domain/cases/case-states";
import type { Database } from "#app/lib/db.server";
import * as schema from "#db/schema";

/** Cases that must have passed through a step before its measured duration is shown. */
export const MIN_SAMPLES = 20;

/** The stage of the life cycle whose typical duration answers "how long will this take?". */
export type Stage = "clearing" | "processing" | "answer" | "pickup" | "none";

export function stageOf(state: CaseState): Stage {
  switch (state) {
    case "submitted":
    case "in_clearing":
    case "complete":
      return "clearing";
    case "forwarded_to_unit":
    case "in_processing":
      return "processing";
    case "documents_requested":
      return "answer";
    case "decided":
    case "ready_for_pickup":
      return "pickup";
    default:
      return "none";
  }
}

const stageStates: Record<Exclude<Stage, "none" | "answer">, { enter: CaseState; leave: CaseState[] }> = {
  // From submission to a complete file (or a forwarded one).
  clearing: { enter: "submitted", leave: ["complete", "forwarded_to_unit"] },
  // From forwarding to the decision.
  processing: { enter: "forwarded_to_unit", leave: ["decided"] },
  // From the decision to the card being ready.
  pickup: { enter: "decided", leave: ["ready_for_pickup", "closed"] },
};

export type Typical = { days: number; source: "measured" | "stated"; samples: number } | null;

/**
 * The median number of days cases of the last year took through the stage (first entry to first
 * leaving), or the office's stated figure when fewer than MIN_SAMPLES cases did.
 */
export async function typicalDuration(db: Database, stage: Stage, office: { statedClearingDays: number; statedProcessingWeeks: number }, now: Date): Promise<Typical> {
  if (stage === "none" || stage === "answer") return null;
  const { enter, leave } = stageStates[stage];
  const since = new Date(now.getTime() - 365 * 86_400_000);
  const rows = await db.execute<{ median: string | null; samples: string }>(sql`
    WITH entered AS (
      SELECT application_id, min(at) AS at FROM case_events
      WHERE to_state = ${enter} AND at >= ${since.toISOString()}::timestamptz GROUP BY application_id
    ), left_stage AS (
      SELECT e.application_id, min(c.at) AS at FROM entered e
      JOIN case_events c ON c.application_id = e.application_id AND c.at >= e.at
        AND c.to_state IN (${sql.join(
          leave.map((s) => sql`${s}`),
          sql`, `,
        )})
      GROUP BY e.application_id
    )
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM l.at - e.at)) AS median, count(*) AS samples
    FROM entered e JOIN left_stage l USING (application_id)`);
  // postgres.js answers with an array of rows, PGlite with { rows }.
  const list = (Array.isArray(rows) ? rows : (rows as unknown as { rows: unknown[] }).rows) as Array<{ median: string | null; samples: string }>;
  const row = list[0];
  const samples = Number(row?.samples ?? 0);
  if (samples >= MIN_SAMPLES && row?.median !== null && row?.median !== undefined) {
    return { days: Math.max(1, Math.round(Number(row.median) / 86_400)), source: "measured", samples };
  }
  if (stage === "clearing") return { days: office.statedClearingDays, source: "stated", samples };
  if (stage === "processing") return { days: office.statedProcessingWeeks * 7, source: "stated", samples };
  return null;
}

export type TimelineEntry = { type: string; at: string; actorKind: string; data: Record<string, unknown> };

export async function timeline(db: Pick<Database, "select">, applicationId: string): Promise<TimelineEntry[]> {
  const rows = await db
    .select({ type: schema.caseEvents.type, at: schema.caseEvents.at, actorKind: schema.caseEvents.actorKind, data: schema.caseEvents.data })
    .from(schema.caseEvents)
    .where(eq(schema.caseEvents.applicationId, applicationId))
    .orderBy(schema.caseEvents.at, schema.caseEvents.id);
  return rows.map((r) => ({ type: r.type, at: r.at.toISOString(), actorKind: r.actorKind, data: (r.data ?? {}) as Record<string, unknown> }));
}

/** Appointments booked with invitations of this case (e.g. the pickup of the permit). */
export async function caseAppointments(db: Pick<Database, "select">, reference: string) {
  return db
    .select({ startsAt: schema.appointmentSlots.startsAt, status: schema.appointments.status, serviceId: schema.appointments.serviceId })
    .from(schema.invitations)
    .innerJoin(schema.appointments, eq(schema.appointments.id, schema.invitations.appointmentId))
    .innerJoin(schema.appointmentSlots, eq(schema.appointmentSlots.id, schema.appointments.slotId))
    .where(and(eq(schema.invitations.caseReference, reference)))
    .orderBy(schema.appointmentSlots.startsAt);
}

export { waitingOn };
