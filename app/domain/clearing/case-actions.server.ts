// The case page's intents, each handed to the clearing's function that does it. The functions
// check role, claim and state themselves; a refusal comes back as an Outcome.
import type { StaffUser } from "#app/domain/staff/auth.server";
import type { Database } from "#app/lib/db.server";
import type { CaseAction } from "./case-actions";
import { claimCase, releaseCase } from "#app/domain/clearing/queue.server";
import { extendDeadline, recordAnswer, requestDocuments } from "#app/domain/clearing/requests.server";
import { forwardCase } from "#app/domain/clearing/forwarding.server";
import type { Outcome } from "#app/domain/clearing/clearing.server";
import { processCase } from "#app/domain/clearing/inbox.server";
import { reviewDocument } from "#app/domain/clearing/review.server";

export function performCaseAction(db: Database, staff: StaffUser, caseId: string, input: CaseAction, publicUrl: string, now: Date): Promise<Outcome> {
  switch (input.intent) {
    case "claim":
      return claimCase(db, staff, caseId, now);
    case "release":
      return releaseCase(db, staff, caseId, now);
    case "accept":
      return reviewDocument(db, staff, caseId, input.documentId, { decision: "accept" }, now);
    case "reject":
      return reviewDocument(db, staff, caseId, input.documentId, { decision: "reject", reasonCode: input.reasonCode, note: input.note }, now);
    case "request":
      return requestDocuments(db, staff, caseId, { items: input.items, deadline: input.deadline, message: input.message }, publicUrl, now);
    case "extend":
      return extendDeadline(db, staff, caseId, input.deadline, publicUrl, now);
    case "respond":
      return recordAnswer(db, staff, caseId, now);
    case "forward":
      return forwardCase(db, staff, caseId, publicUrl, now);
    case "start":
      return processCase(db, staff, caseId, { type: "start_processing" }, publicUrl, now);
    case "decide":
      return processCase(db, staff, caseId, { type: "decide", decision: input.decision }, publicUrl, now);
    case "ready":
      return processCase(db, staff, caseId, { type: "mark_ready_for_pickup" }, publicUrl, now);
    case "close":
      return processCase(db, staff, caseId, { type: "close" }, publicUrl, now);
  }
}
