// Applications (cases) from draft to closed, their documents, their events, and uploads in
// progress. The database itself guarantees: a case has a reference and an access code exactly
// when it has been submitted; a case's state is one of the life cycle's; a document belongs to
// one case and one document type; an upload in progress is kept in PostgreSQL (any app process
// can take the next chunk) until it is finished or expires.
import { sql } from "drizzle-orm";
import { bigint, bigserial, check, customType, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { documentTypes, reasonCodes, services, units } from "./office";
import { staffUsers } from "./staff";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});

const caseStates = sql.raw(
  `'draft','submitted','in_clearing','documents_requested','complete','forwarded_to_unit','in_processing','decided','ready_for_pickup','closed','withdrawn','lapsed'`,
);

/** A document request as stored with the case (the state machine's DocumentRequest plus its message). */
export type StoredDocumentRequest = {
  items: string[];
  deadline: string;
  requestedOn: string;
  extensions: number;
  message: string | null;
  /** The day the reminder before the deadline went out, if it did. */
  remindedOn?: string | null;
};

/** What the applicant told us about themselves (the same on every service). */
export type ApplicantDetails = {
  familyName?: string;
  givenNames?: string;
  /** The family name as the passport's machine-readable zone writes it (A–Z and "<"). */
  familyNameMrz?: string;
  birthDate?: string;
  nationality?: string;
  email?: string;
  phone?: string;
  street?: string;
  postcode?: string;
  city?: string;
  /** The current residence permit's last day, when the person has one. */
  permitExpires?: string;
};

export const applications = pgTable(
  "applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id),
    state: text("state").notNull().default("draft"),
    language: text("language").notNull(),
    /** SHA-256 of the draft's secret (the resume link and code); the secret itself is never stored. */
    draftHash: text("draft_hash").notNull().unique(),
    /** Set on submission: easy to read aloud, with a check character. */
    reference: text("reference").unique(),
    /** SHA-256 of the access code (128 bits), set on submission and shown once. */
    accessHash: text("access_hash").unique(),
    details: jsonb("details").$type<ApplicantDetails>().notNull().default({}),
    /** Answers to the service's questions: question key → option key. */
    answers: jsonb("answers").$type<Record<string, string>>().notNull().default({}),
    /** The furthest step the applicant has reached (resume goes there). */
    step: text("step").notNull().default("about"),
    /** The completeness result last stored (on submission and after every upload and review). */
    completeness: jsonb("completeness"),
    completenessState: text("completeness_state"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    /** The clearing clerk working on the case (set by claiming it; two cannot claim one case). */
    claimedBy: integer("claimed_by").references(() => staffUsers.id),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    /** The open document request (state documents_requested), or the last one (kept for the history). */
    documentRequest: jsonb("document_request").$type<StoredDocumentRequest>(),
    /** Where the case was forwarded: the unit, the case worker by letter range, and the rule that decided. */
    routedUnitId: text("routed_unit_id").references(() => units.id),
    routedCaseWorkerId: integer("routed_case_worker_id").references(() => staffUsers.id),
    routingRule: jsonb("routing_rule"),
    forwardedAt: timestamp("forwarded_at", { withTimezone: true }),
    decision: text("decision"),
  },
  (t) => [
    check("applications_state", sql`${t.state} IN (${caseStates})`),
    check("applications_language", sql`${t.language} IN ('de','en','ar','fa','tr','uk','ru','fr')`),
    check(
      "applications_submitted",
      sql`(${t.state} = 'draft') = (${t.reference} IS NULL) AND (${t.reference} IS NULL) = (${t.accessHash} IS NULL) AND (${t.reference} IS NULL) = (${t.submittedAt} IS NULL)`,
    ),
    check("applications_reference_format", sql`${t.reference} ~ '^LT-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'`),
    check("applications_completeness_state", sql`${t.completenessState} IN ('complete', 'awaiting-review', 'incomplete')`),
    check("applications_decision", sql`${t.decision} IN ('granted', 'refused')`),
    // Claimed while clearing works on it; never claimed while waiting in the queue.
    check(
      "applications_claimed",
      sql`(${t.state} <> 'submitted' OR ${t.claimedBy} IS NULL) AND (${t.state} NOT IN ('in_clearing', 'documents_requested', 'complete') OR ${t.claimedBy} IS NOT NULL)`,
    ),
    check("applications_request_open", sql`${t.state} <> 'documents_requested' OR ${t.documentRequest} IS NOT NULL`),
    check(
      "applications_routed",
      sql`${t.state} NOT IN ('forwarded_to_unit', 'in_processing', 'decided', 'ready_for_pickup', 'closed') OR (${t.routedUnitId} IS NOT NULL AND ${t.routingRule} IS NOT NULL AND ${t.forwardedAt} IS NOT NULL)`,
    ),
    check("applications_decided", sql`${t.state} NOT IN ('decided', 'ready_for_pickup', 'closed') OR ${t.decision} IS NOT NULL`),
    index("applications_state_idx").on(t.state, t.submittedAt),
    index("applications_inbox_idx").on(t.routedUnitId, t.routedCaseWorkerId, t.state),
  ],
);

/** One stored document (a file: a photo or a PDF) of an application, for one document type. */
export const applicationDocuments = pgTable(
  "application_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    documentTypeId: text("document_type_id")
      .notNull()
      .references(() => documentTypes.id),
    storageKey: text("storage_key").notNull().unique(),
    sha256: text("sha256").notNull(),
    size: integer("size").notNull(),
    mediaType: text("media_type").notNull(),
    pages: smallint("pages").notNull(),
    width: integer("width"),
    height: integer("height"),
    /** The name the applicant's file had, made safe for display; null: show "document". */
    displayName: text("display_name"),
    /** The day the document was issued, as the applicant read it off (fresh-document rules). */
    documentDate: date("document_date"),
    /** The document's last valid day, as the applicant read it off (validity rules). */
    validUntil: date("valid_until"),
    review: text("review").notNull().default("pending"),
    reasonCode: text("reason_code").references(() => reasonCodes.id),
    /** The clerk's note with a rejection (shown to the applicant with the translated reason). */
    reviewNote: text("review_note"),
    reviewedBy: integer("reviewed_by").references(() => staffUsers.id),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("application_documents_media_type", sql`${t.mediaType} IN ('image/jpeg', 'application/pdf')`),
    check("application_documents_review", sql`${t.review} IN ('pending', 'accepted', 'rejected')`),
    check("application_documents_rejected_reason", sql`(${t.review} = 'rejected') = (${t.reasonCode} IS NOT NULL)`),
    check("application_documents_size", sql`${t.size} > 0`),
    check("application_documents_pages", sql`${t.pages} > 0`),
    // A retried upload of the same file into the same slot stores it once.
    unique("application_documents_once").on(t.applicationId, t.documentTypeId, t.sha256),
    index("application_documents_application_idx").on(t.applicationId),
  ],
);

/** Every change of a case: the applicant's timeline and the clearing history are read from here. */
export const caseEvents = pgTable(
  "case_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    fromState: text("from_state").notNull(),
    toState: text("to_state").notNull(),
    actorKind: text("actor_kind").notNull(),
    actorId: text("actor_id").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    data: jsonb("data").notNull().default({}),
  },
  (t) => [
    check("case_events_actor_kind", sql`${t.actorKind} IN ('applicant', 'helper', 'staff', 'system')`),
    check("case_events_from_state", sql`${t.fromState} IN (${caseStates})`),
    check("case_events_to_state", sql`${t.toState} IN (${caseStates})`),
    index("case_events_application_idx").on(t.applicationId, t.at),
    index("case_events_type_idx").on(t.type, t.at),
  ],
);

/**
 * A file being uploaded in pieces (the browser's resumable upload): the pieces live in
 * PostgreSQL until the last one arrives, so any app process can take the next piece, a dropped
 * connection or a reloaded page continues where it stopped, and a server killed mid-upload
 * leaves nothing that counts as a document.
 */
export const uploadSessions = pgTable(
  "upload_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    documentTypeId: text("document_type_id")
      .notNull()
      .references(() => documentTypes.id),
    declaredName: text("declared_name"),
    totalBytes: integer("total_bytes").notNull(),
    receivedBytes: integer("received_bytes").notNull().default(0),
    documentDate: date("document_date"),
    validUntil: date("valid_until"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    check("upload_sessions_total", sql`${t.totalBytes} > 0`),
    check("upload_sessions_received", sql`${t.receivedBytes} BETWEEN 0 AND ${t.totalBytes}`),
    index("upload_sessions_expires_idx").on(t.expiresAt),
  ],
);

export const uploadChunks = pgTable(
  "upload_chunks",
  {
    sessionId: uuid("session_id")
      .notNull()
      .references(() => uploadSessions.id, { onDelete: "cascade" }),
    offset: integer("offset").notNull(),
    bytes: bytea("bytes").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.offset] })],
);

/**
 * The audit log: append-only (triggers refuse UPDATE, DELETE and TRUNCATE), each row chained to
 * the one before by a SHA-256 hash that the database computes on insert (migration 0011), so
 * that `npm run audit:verify` finds any row changed, removed or inserted afterwards.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    /** Set by the insert trigger under a lock: the chain's order, without gaps. */
    id: bigint("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorKind: text("actor_kind").notNull(),
    actorId: text("actor_id").notNull(),
    action: text("action").notNull(),
    applicationId: uuid("application_id"),
    documentId: uuid("document_id"),
    data: jsonb("data").notNull().default({}),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [check("audit_log_actor_kind", sql`${t.actorKind} IN ('applicant', 'helper', 'staff', 'system')`), index("audit_log_application_idx").on(t.applicationId, t.id)],
);
