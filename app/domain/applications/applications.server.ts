// Applications on the server: drafts behind a secret link, answers saved page by page, the
// documents' completeness stored with the case, submission with a reference and an access code,
// and every change of state an event with actor and time.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Answers } from "#app/domain/catalogue/checklist";
import { getService } from "#app/domain/catalogue/catalogue.server";
import { type CaseDocument, type CompletenessRule, evaluateCompleteness } from "#app/domain/cases/completeness";
import { type Actor, type CaseCommand, type CaseEvent, type CaseRecord, type CaseState, transition } from "#app/domain/cases/case-states";
import { type IsoDay, officeDay } from "#app/domain/cases/days";
import { createUploadPipeline, type UploadPipeline } from "#app/domain/documents/pipeline.server";
import { createDocumentStorage, type DocumentStorage } from "#app/domain/documents/storage.server";
import type { Database, Queryable, Tx } from "#app/lib/db.server";
import type { DocumentSettings } from "#app/lib/env.server";
import type { Language } from "#app/lib/i18n/languages";
import * as schema from "#db/schema";
import { hashSecret, newReference, newSecret, parseSecret } from "./codes";

export type ApplicationRow = typeof schema.applications.$inferSelect;
export type DocumentRow = typeof schema.applicationDocuments.$inferSelect;

const documentServices = new WeakMap<DocumentSettings, { storage: DocumentStorage; pipeline: UploadPipeline }>();

/** The process's document storage and upload pipeline for these settings (made once). */
export function documentsFor(settings: DocumentSettings) {
  let services = documentServices.get(settings);
  if (!services) {
    const storage = createDocumentStorage(settings.storage);
    services = { storage, pipeline: createUploadPipeline({ storage, settings }) };
    documentServices.set(settings, services);
  }
  return services;
}

/** Starts a draft; returns its secret, which is the resume code and the key of its link. */
export async function createDraft(db: Database, serviceId: string, language: Language): Promise<{ id: string; secret: string }> {
  const secret = newSecret();
  const [row] = await db
    .insert(schema.applications)
    .values({ serviceId, language, draftHash: hashSecret(secret) })
    .returning({ id: schema.applications.id });
  return { id: row!.id, secret };
}

/** The application behind a draft secret (from its link or its typed code), whatever its state. */
export async function applicationByDraftSecret(db: Pick<Database, "select">, input: string): Promise<ApplicationRow | null> {
  const secret = parseSecret(input);
  if (!secret) return null;
  const [row] = await db
    .select()
    .from(schema.applications)
    .where(eq(schema.applications.draftHash, hashSecret(secret)));
  return row ?? null;
}

/** The application behind an access code (from the status link or typed with the reference). */
export async function applicationByAccessCode(db: Pick<Database, "select">, input: string): Promise<ApplicationRow | null> {
  const secret = parseSecret(input);
  if (!secret) return null;
  const [row] = await db
    .select()
    .from(schema.applications)
    .where(eq(schema.applications.accessHash, hashSecret(secret)));
  return row ?? null;
}

export async function documentsOf(db: Pick<Database, "select">, applicationId: string): Promise<DocumentRow[]> {
  return db
    .select()
    .from(schema.applicationDocuments)
    .where(eq(schema.applicationDocuments.applicationId, applicationId))
    .orderBy(asc(schema.applicationDocuments.uploadedAt), asc(schema.applicationDocuments.id));
}

/** Bytes stored for an application so far: what counts against its quota. */
export async function quotaUsed(db: Pick<Database, "select">, applicationId: string): Promise<number> {
  const [row] = await db
    .select({ used: sql<number>`coalesce(sum(${schema.applicationDocuments.size}), 0)::int` })
    .from(schema.applicationDocuments)
    .where(eq(schema.applicationDocuments.applicationId, applicationId));
  return Number(row?.used ?? 0);
}

export function caseDocument(row: DocumentRow): CaseDocument {
  return {
    id: row.id,
    documentTypeId: row.documentTypeId,
    uploadedOn: officeDay(row.uploadedAt),
    documentDate: row.documentDate,
    validUntil: row.validUntil,
    review:
      row.review === "rejected" ? { state: "rejected", reasonCode: row.reasonCode ?? "" } : row.review === "accepted" ? { state: "accepted" } : { state: "pending" },
    pageCount: row.pages,
  };
}

/** The completeness check on the application's answers and documents as they are now (nothing stored). */
export async function currentCompleteness(db: Pick<Database, "select">, application: ApplicationRow, rules: readonly CompletenessRule[], now: Date) {
  const documents = await documentsOf(db, application.id);
  const result = evaluateCompleteness(rules, application.answers as Answers, documents.map(caseDocument), { today: officeDay(now) });
  return { documents, result };
}

/**
 * Runs the completeness check on the application's current answers and documents and stores the
 * result with the case. Runs in the caller's transaction (after an upload, on submission, after
 * a review), so the stored result always matches what was committed with it.
 */
export async function refreshCompleteness(db: Queryable, applicationId: string, now: Date) {
  const [application] = await db.select().from(schema.applications).where(eq(schema.applications.id, applicationId));
  if (!application) throw new Error(`no application ${applicationId}`);
  const service = await getService(db, application.serviceId);
  if (!service) throw new Error(`no active service ${application.serviceId}`);
  const { result } = await currentCompleteness(db, application, service.rules, now);
  await db
    .update(schema.applications)
    .set({ completeness: result, completenessState: result.summary.state, updatedAt: now })
    .where(eq(schema.applications.id, applicationId));
  return result;
}

/**
 * Applies a command of the case state machine to an application under a row lock and records
 * its event. Returns the refusal (a 409 for the caller) when the command is not allowed now.
 */
export async function applyCommand(
  tx: Tx,
  applicationId: string,
  command: CaseCommand,
  actor: Actor,
  now: Date,
  /** Columns that change in the same statement (a submission's reference and access code). */
  alongside: Partial<typeof schema.applications.$inferInsert> = {},
) {
  const [row] = await tx.select().from(schema.applications).where(eq(schema.applications.id, applicationId)).for("update");
  if (!row) return { ok: false as const, refusal: { code: "not-found" as const } };
  const result = transition(caseRecordOf(row), command, actor, now);
  if (!result.ok) return { ok: false as const, refusal: result.refusal };
  const next = result.case;
  const request = next.documentRequest;
  await tx
    .update(schema.applications)
    .set({
      state: next.state,
      claimedBy: next.claimedBy === null ? null : Number(next.claimedBy),
      ...(command.type === "claim" ? { claimedAt: now } : {}),
      ...(command.type === "release" ? { claimedAt: null } : {}),
      // The request stays with the case after an answer (for the history); a new one replaces it.
      ...(command.type === "request_documents" || command.type === "extend_deadline"
        ? {
            documentRequest: {
              ...request!,
              message: command.type === "request_documents" ? command.message?.trim() || null : (row.documentRequest?.message ?? null),
              remindedOn: null,
            },
          }
        : {}),
      decision: next.decision,
      ...alongside,
      updatedAt: now,
    })
    .where(eq(schema.applications.id, applicationId));
  await recordEvent(tx, applicationId, result.event);
  return { ok: true as const, event: result.event, state: next.state };
}

/** The state machine's view of a stored case. */
export function caseRecordOf(row: ApplicationRow): CaseRecord {
  const request = row.documentRequest;
  return {
    state: row.state as CaseState,
    claimedBy: row.claimedBy === null ? null : String(row.claimedBy),
    documentRequest:
      request && row.state === "documents_requested"
        ? { items: request.items, deadline: request.deadline as IsoDay, requestedOn: request.requestedOn as IsoDay, extensions: request.extensions }
        : null,
    routing: row.routedUnitId ? { unitId: row.routedUnitId, caseWorker: row.routedCaseWorkerId === null ? null : String(row.routedCaseWorkerId) } : null,
    decision: row.decision === "granted" || row.decision === "refused" ? row.decision : null,
  };
}

export async function recordEvent(db: Pick<Database, "insert">, applicationId: string, event: CaseEvent) {
  await db.insert(schema.caseEvents).values({
    applicationId,
    type: event.type,
    fromState: event.from,
    toState: event.to,
    actorKind: event.actor.kind,
    actorId: event.actor.id,
    at: new Date(event.at),
    data: event.data,
  });
}

/** The events of a case, oldest first: the applicant's timeline and the clearing history. */
export async function eventsOf(db: Pick<Database, "select">, applicationId: string) {
  return db.select().from(schema.caseEvents).where(eq(schema.caseEvents.applicationId, applicationId)).orderBy(asc(schema.caseEvents.at), asc(schema.caseEvents.id));
}

export type Submission = { reference: string; accessCode: string; submittedAt: Date };

/**
 * Submits a draft: state, reference and access code in one transaction (the database refuses a
 * submitted case without them and a draft with them). Returns null when the draft was already
 * submitted (a double click): the first request's page showed the code.
 */
export async function submitDraft(
  db: Database,
  applicationId: string,
  actor: Actor,
  now: Date,
  /** Runs in the submission's transaction (the message carrying the access code is queued here). */
  alongside?: (tx: Tx, submission: Submission) => Promise<void>,
): Promise<Submission | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ state: schema.applications.state })
      .from(schema.applications)
      .where(and(eq(schema.applications.id, applicationId)))
      .for("update");
    if (row?.state !== "draft") return null;
    const accessCode = newSecret();
    // A reference is 35 random bits: a clash is rare but possible, so retry on the unique index.
    for (let attempt = 0; ; attempt++) {
      const reference = newReference();
      const [taken] = await tx.select({ id: schema.applications.id }).from(schema.applications).where(eq(schema.applications.reference, reference));
      if (taken && attempt < 5) continue;
      const result = await applyCommand(tx, applicationId, { type: "submit" }, actor, now, {
        reference,
        accessHash: hashSecret(accessCode),
        submittedAt: now,
        step: "submitted",
      });
      if (!result.ok) return null;
      await refreshCompleteness(tx, applicationId, now);
      const submission = { reference, accessCode, submittedAt: now };
      await alongside?.(tx, submission);
      return submission;
    }
  });
}
