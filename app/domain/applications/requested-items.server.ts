// What a document request asks of the applicant, item by item, in their language: the document's
// name and description, and why an earlier upload was rejected. The clearing's messages and the
// status page both show it.
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Database } from "#app/lib/db.server";
import { type Language, pick } from "#app/lib/i18n/languages";
import * as schema from "#db/schema";

/** The requested items with why each is asked for, in the language (also shown on the status page). */
export async function requestedItems(db: Pick<Database, "select">, applicationId: string, items: string[], lng: Language) {
  if (items.length === 0) return [];
  const types = await db.select().from(schema.documentTypes).where(inArray(schema.documentTypes.id, items));
  const rejected = await db
    .select({ documentTypeId: schema.applicationDocuments.documentTypeId, reasonLabel: schema.reasonCodes.label, note: schema.applicationDocuments.reviewNote })
    .from(schema.applicationDocuments)
    .innerJoin(schema.reasonCodes, eq(schema.reasonCodes.id, schema.applicationDocuments.reasonCode))
    .where(
      and(
        eq(schema.applicationDocuments.applicationId, applicationId),
        eq(schema.applicationDocuments.review, "rejected"),
        inArray(schema.applicationDocuments.documentTypeId, items),
      ),
    )
    .orderBy(desc(schema.applicationDocuments.reviewedAt));
  return items.map((id) => {
    const type = types.find((d) => d.id === id);
    const rejection = rejected.find((r) => r.documentTypeId === id);
    return {
      documentTypeId: id,
      name: type ? pick(type.name, lng) : id,
      description: type ? pick(type.description, lng) : "",
      rejectedBecause: rejection ? pick(rejection.reasonLabel, lng) : null,
      note: rejection?.note ?? null,
    };
  });
}
