// Document review: the clerk who claimed a case accepts or rejects each document (with a reason
// code), and every document a staff member opens is logged like a change.
import { and, eq } from "drizzle-orm";
import { refreshCompleteness } from "#app/domain/applications/applications.server";
import { audit } from "#app/domain/audit/audit.server";
import type { StaffUser } from "#app/domain/staff/auth.server";
import type { Database, Queryable } from "#app/lib/db.server";
import * as schema from "#db/schema";
import { caseActor, lockClaimed, type Outcome, refuse } from "./clearing.server";

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
      actor: caseActor(staff),
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
export async function logDocumentRead(db: Queryable, staff: StaffUser, applicationId: string, documentId: string, now: Date) {
  await audit(db, { actor: caseActor(staff), action: "document.read", applicationId, documentId, at: now });
}
