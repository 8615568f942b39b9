// The case worker's inbox (the cases routed to them; a team lead sees all forwarded ones) and
// moving a case on to the decision and the pickup invitation.
import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { can, staffActor } from "#app/domain/access/policy";
import { applyCommand } from "#app/domain/applications/applications.server";
import type { Decision, Refusal } from "#app/domain/cases/case-states";
import { createInvitation } from "#app/domain/booking/invitations.server";
import { queueMessage } from "#app/domain/messages/outbox.server";
import type { StaffUser } from "#app/domain/staff/auth.server";
import type { Database } from "#app/lib/db.server";
import * as schema from "#db/schema";
import { caseActor, type Outcome, refuse } from "./clearing.server";
import { clearingMessage } from "./messages.server";

export const INBOX_STATES = ["forwarded_to_unit", "in_processing", "decided", "ready_for_pickup"] as const;

export type InboxItem = {
  id: string;
  reference: string;
  serviceId: string;
  state: string;
  name: string;
  forwardedAt: string;
  language: string;
  decision: string | null;
  caseWorker: string | null;
};

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

export type ProcessingStep = { type: "start_processing" } | { type: "decide"; decision: Decision } | { type: "mark_ready_for_pickup" } | { type: "close" };

/**
 * A case worker moves their case on: processing → decided → ready for pickup (which sends the
 * applicant a single-use invitation to book the pickup appointment) → closed.
 */
export async function processCase(db: Database, staff: StaffUser, applicationId: string, step: ProcessingStep, publicUrl: string, now: Date): Promise<Outcome> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(schema.applications).where(eq(schema.applications.id, applicationId)).for("update");
    if (!row || row.state === "draft") return refuse({ code: "not-found" });
    const actor = staffActor(staff);
    if (!can(actor, "case:view", row)) return refuse({ code: "not-found" });
    if (!can(actor, "case:process", row)) return refuse({ code: "forbidden" });
    const command = step.type === "decide" ? { type: "decide" as const, decision: step.decision } : step;
    const result = await applyCommand(tx, applicationId, command, caseActor(staff), now);
    if (!result.ok) return refuse(result.refusal.code === "not-found" ? { code: "not-found" } : { code: "state", refusal: result.refusal as Refusal });
    if (step.type === "decide") {
      const message = await clearingMessage(tx, applicationId, step.decision === "granted" ? "granted" : "refused", publicUrl);
      if (message) await queueMessage(tx, message);
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
        if (message) await queueMessage(tx, message);
      }
    }
    return { ok: true as const };
  });
}
