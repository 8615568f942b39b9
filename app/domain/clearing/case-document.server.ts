// One document of a case, for the staff's document view (the case itself is checked first).
import { and, eq } from "drizzle-orm";
import type { Database } from "#app/lib/db.server";
import * as schema from "#db/schema";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The document `documentId` of the case `applicationId`, or null (also for an id that is no uuid). */
export async function caseDocument(db: Pick<Database, "select">, applicationId: string, documentId: string) {
  if (!UUID.test(documentId)) return null;
  const [doc] = await db
    .select()
    .from(schema.applicationDocuments)
    .where(and(eq(schema.applicationDocuments.id, documentId), eq(schema.applicationDocuments.applicationId, applicationId)));
  return doc ?? null;
}
