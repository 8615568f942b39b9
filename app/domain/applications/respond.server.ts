// The applicant's answer to a document request: it sends the case back to the clerk who asked.
import { and, desc, eq } from "drizzle-orm";
import type { Actor } from "#app/domain/cases/case-states";
import type { Tx } from "#app/lib/db.server";
import * as schema from "#db/schema";
import { applyCommand } from "./applications.server";

/**
 * The applicant (or their helper) answers a request: after an upload when every requested item
 * has a new document, or when they say they have sent what they can. The case goes back to the
 * clerk who asked, at the top of the queue.
 */
export async function respondToRequest(tx: Tx, applicationId: string, actor: Actor, now: Date, onlyIfAllSent: boolean): Promise<boolean> {
  const [row] = await tx.select().from(schema.applications).where(eq(schema.applications.id, applicationId));
  if (row?.state !== "documents_requested" || !row.documentRequest) return false;
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
