// A draft as its pages change it: the answers of one page saved with the furthest page reached,
// going on past the documents, and a document taken back. Each change that moves answers or
// documents stores the completeness that follows from them in the same transaction.
import { and, eq } from "drizzle-orm";
import { type Answers, ruleHints } from "#app/domain/catalogue/checklist";
import type { getService } from "#app/domain/catalogue/catalogue.server";
import { officeTimeZone } from "#app/domain/booking/service-point.server";
import type { Database } from "#app/lib/db.server";
import type { DocumentSettings } from "#app/lib/env.server";
import { todayIn } from "#app/lib/i18n/format";
import type { Language } from "#app/lib/i18n/languages";
import * as schema from "#db/schema";
import { type ApplicationRow, currentCompleteness, documentsFor, refreshCompleteness } from "./applications.server";

type Service = NonNullable<Awaited<ReturnType<typeof getService>>>;

/** The office's calendar day: what a date of birth or a permit's expiry is checked against. */
export async function officeToday(db: Database, now: Date): Promise<string> {
  return todayIn(await officeTimeZone(db), now);
}

/** Saves a page's answers, the furthest page reached and the page language. */
export async function saveStep(
  db: Database,
  application: ApplicationRow,
  change: { details: ApplicationRow["details"]; answers: ApplicationRow["answers"]; step: string; language: Language },
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(schema.applications)
      .set({ ...change, updatedAt: now })
      .where(eq(schema.applications.id, application.id));
    // Answers decide which documents apply: the stored result follows them at once.
    if (change.answers !== application.answers) await refreshCompleteness(tx, application.id, now);
  });
}

/** Records that the person has reached `step` (the page after the documents). */
export async function reachStep(db: Database, applicationId: string, step: string, now: Date): Promise<void> {
  await db.update(schema.applications).set({ step, updatedAt: now }).where(eq(schema.applications.id, applicationId));
}

/**
 * Takes a document of the draft back. The row goes first, with the completeness that follows;
 * a failure deleting the file then leaves an orphan file, never a row without a file. Returns
 * false when it was already gone (a second click).
 */
export async function removeDraftDocument(db: Database, settings: DocumentSettings, applicationId: string, documentId: string, now: Date): Promise<boolean> {
  const removed = await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(schema.applicationDocuments)
      .where(and(eq(schema.applicationDocuments.id, documentId), eq(schema.applicationDocuments.applicationId, applicationId)))
      .returning({ storageKey: schema.applicationDocuments.storageKey });
    if (row) await refreshCompleteness(tx, applicationId, now);
    return row;
  });
  if (!removed) return false;
  await documentsFor(settings).storage.delete(removed.storageKey);
  return true;
}

/**
 * The documents page's slots: one per document the rules ask for given the answers, with what is
 * expected and why, and the files that have arrived; and files no rule asks for any more.
 */
export async function draftDocuments(db: Database, application: ApplicationRow, service: Service, now: Date) {
  const { documents, result } = await currentCompleteness(db, application, service.rules, now);
  const answers = application.answers as Answers;
  const byRule = new Map(result.rules.map((r) => [r.documentTypeId, r]));
  const optionLabel = (question: string, option: string) => service.questions.find((q) => q.key === question)?.options.find((o) => o.key === option)?.label ?? null;
  const slots = service.rules
    .filter((rule) => byRule.has(rule.documentTypeId))
    .map((rule) => {
      const r = byRule.get(rule.documentTypeId)!;
      return {
        documentTypeId: rule.documentTypeId,
        name: rule.name,
        description: rule.description,
        because: rule.condition ? optionLabel(rule.condition.question, answers[rule.condition.question] ?? "") : null,
        hints: ruleHints(rule),
        needed: rule.minCount,
        needsDocumentDate: rule.maxAgeDays !== null,
        needsValidUntil: rule.minValidityDays !== null,
        status: r.status,
        have: r.have,
        files: documents
          .filter((d) => d.documentTypeId === rule.documentTypeId)
          .map((d) => ({
            id: d.id,
            name: d.displayName,
            pages: d.pages,
            mediaType: d.mediaType,
            documentDate: d.documentDate,
            validUntil: d.validUntil,
            verdict: r.documents.find((v) => v.documentId === d.id)?.status ?? "awaiting-review",
          })),
      };
    });
  const notNeeded = result.notNeeded.map((v) => {
    const d = documents.find((doc) => doc.id === v.documentId)!;
    return { id: d.id, name: d.displayName, documentTypeId: d.documentTypeId };
  });
  return { slots, notNeeded };
}

export type DocumentSlot = Awaited<ReturnType<typeof draftDocuments>>["slots"][number];
