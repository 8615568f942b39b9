// The clearing against the real database: one clerk per case (also when two claim at once);
// only a complete case is forwarded, whether through forwardCase or a direct UPDATE; a forwarded
// case is seen and worked only by the case worker of its unit and letter range; processing
// ends with a pickup invitation; document requests come back with the uploads, are extended,
// reminded and lapse by job; letter ranges stay without gaps and overlaps; and every change is
// in the append-only, hash-chained audit log, which scripts/audit-verify.mjs checks.
import { execFile } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as schema from "#db/schema";
import { seedDemoStaff } from "#db/seed/demo-staff";
import { seedDemoOffice } from "#db/seed/seed";
import { type AuditRow, AUDIT_ROWS_SQL, entryHash, GENESIS_HASH, verifyAuditChain, verifyAuditLog } from "../../scripts/audit-chain.mjs";
import { type ApplicationRow, currentCompleteness } from "#app/domain/applications/applications.server";
import { storeUpload } from "#app/domain/applications/uploads.server";
import { getService } from "#app/domain/catalogue/catalogue.server";
import { audit } from "#app/domain/audit/audit.server";
import { caseForStaff } from "#app/domain/clearing/clearing.server";
import { claimCase, releaseCase } from "#app/domain/clearing/queue.server";
import { clearingJobs, extendDeadline, requestDocuments } from "#app/domain/clearing/requests.server";
import { forwardCase, routingFor } from "#app/domain/clearing/forwarding.server";
import { inbox, processCase } from "#app/domain/clearing/inbox.server";
import { logDocumentRead, reviewDocument } from "#app/domain/clearing/review.server";
import { saveLetterRanges } from "#app/domain/clearing/letter-ranges.server";
import { plusDays } from "#app/domain/cases/days";
import type { StaffUser } from "#app/domain/staff/auth.server";
import { createAccount } from "#app/domain/staff/accounts.server";
import type { DocumentSettings } from "#app/lib/env.server";
import { runDueJobs } from "#app/lib/jobs.server";
import { migrateDatabase, openDatabase } from "#app/lib/db.server";
import { photoWithGps } from "#tests/support/document-files";
import { createTestDatabase, type TestDatabase, testDriver } from "#tests/support/database";
import { aysheOezdemir, submittedCase as newCase } from "#tests/support/factories";

let tdb: TestDatabase;
let dir: string;
let settings: DocumentSettings;
const now = new Date("2026-11-23T09:00:00Z");
const today = "2026-11-23";
const later = (hours: number) => new Date(now.getTime() + hours * 3_600_000);
const publicUrl = "https://lotse.example";
const _applicant = { kind: "applicant" as const, id: "self" };
const MiB = 1024 * 1024;

let clerk: StaffUser; // Clara Becker, the demo clearing clerk
let clerk2: StaffUser; // a second clerk of the clearing unit
let mira: StaffUser; // residence, letters M–R (case-worker@demo.lotse.example)
let albers: StaffUser; // residence, letters A–F
let kowalski: StaffUser; // skilled, letters A–K
let servicePoint: StaffUser;
let teamLead: StaffUser;
let admin: StaffUser;

async function staff(email: string): Promise<StaffUser> {
  const [row] = await tdb.db
    .select({ id: schema.staffUsers.id, name: schema.staffUsers.name, email: schema.staffUsers.email, role: schema.staffUsers.role, unitId: schema.staffUsers.unitId })
    .from(schema.staffUsers)
    .where(eq(schema.staffUsers.email, email));
  if (!row) throw new Error(`no staff account ${email}`);
  return row as StaffUser;
}

beforeAll(async () => {
  tdb = await createTestDatabase(async (db) => {
    await seedDemoOffice(db, now);
    await seedDemoStaff(db);
  });
  dir = mkdtempSync(join(tmpdir(), "lotse-clearing-"));
  settings = { storage: { kind: "local", dir }, clamd: undefined, uploadMaxBytes: 20 * MiB, applicationQuotaBytes: 100 * MiB };
  const second = await createAccount(tdb.db, {
    name: "Paul Krüger",
    email: "krueger@demo.lotse.example",
    role: "clearing",
    unitId: "clearing",
    password: "x".repeat(16),
  });
  if (!second.ok) throw new Error("could not create the second clerk");
  clerk = await staff("clearing@demo.lotse.example");
  clerk2 = await staff("krueger@demo.lotse.example");
  mira = await staff("case-worker@demo.lotse.example");
  albers = await staff("albers@demo.lotse.example");
  kowalski = await staff("kowalski@demo.lotse.example");
  servicePoint = await staff("service-point@demo.lotse.example");
  teamLead = await staff("team-lead@demo.lotse.example");
  admin = await staff("admin@demo.lotse.example");
});
afterAll(async () => {
  await tdb?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Helpers

/** A submitted residence extension of Ayşe Özdemir (OEZDEMIR in her passport), in Turkish. */
function submittedCase(language: "tr" | "de" = "tr") {
  return newCase(tdb.db, { language, now, details: { ...aysheOezdemir, email: "ayse.oezdemir@example.org", permitExpires: "2026-12-31" } });
}

async function claimedCase() {
  const c = await submittedCase();
  expect(await claimCase(tdb.db, clerk, c.id, now)).toEqual({ ok: true });
  return c;
}

async function rowOf(id: string): Promise<ApplicationRow> {
  const [row] = await tdb.db.select().from(schema.applications).where(eq(schema.applications.id, id));
  return row!;
}

type DocumentInput = { documentDate?: string | null; validUntil?: string | null; review?: "pending" | "accepted" | "rejected"; uploadedAt?: Date };

/** A document row as an upload would leave it (the file itself is not needed: a fake storage key). */
async function insertDocument(applicationId: string, documentTypeId: string, input: DocumentInput = {}) {
  const [row] = await tdb.db
    .insert(schema.applicationDocuments)
    .values({
      applicationId,
      documentTypeId,
      storageKey: `test/${randomUUID()}`,
      sha256: randomBytes(32).toString("hex"),
      size: 12_345,
      mediaType: "application/pdf",
      pages: 1,
      documentDate: input.documentDate ?? null,
      validUntil: input.validUntil ?? null,
      review: input.review ?? "pending",
      reasonCode: input.review === "rejected" ? "illegible" : null,
      uploadedAt: input.uploadedAt ?? now,
    })
    .returning();
  return row!;
}

/** Documents with good dates for every rule that applies to the case, all awaiting review. */
async function insertGoodDocuments(applicationId: string) {
  const row = await rowOf(applicationId);
  const service = (await getService(tdb.db, row.serviceId))!;
  const { result } = await currentCompleteness(tdb.db, row, service.rules, now);
  const documents = [];
  for (const ruleResult of result.rules) {
    const rule = service.rules.find((r) => r.documentTypeId === ruleResult.documentTypeId)!;
    for (let n = 0; n < rule.minCount; n++) {
      documents.push(
        await insertDocument(applicationId, rule.documentTypeId, {
          documentDate: rule.maxAgeDays !== null ? plusDays(today, -1 - n) : null,
          validUntil: rule.minValidityDays !== null ? "2031-06-30" : null,
        }),
      );
    }
  }
  return documents;
}

/** The error a statement fails with, its causes included (drivers wrap the server's error). */
async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const messages: string[] = [];
    for (let e: unknown = error; e instanceof Error; e = e.cause) messages.push(e.message);
    return messages.join(" | ");
  }
  throw new Error("the database accepted the statement");
}

async function eventTypes(applicationId: string) {
  const rows = await tdb.db
    .select({ type: schema.caseEvents.type })
    .from(schema.caseEvents)
    .where(eq(schema.caseEvents.applicationId, applicationId))
    .orderBy(asc(schema.caseEvents.id));
  return rows.map((r) => r.type);
}

async function outboxOf(email: string) {
  return tdb.db.select().from(schema.outbox).where(eq(schema.outbox.toEmail, email)).orderBy(asc(schema.outbox.id));
}

/** Rows of a raw statement, whichever driver (postgres.js returns an array, PGlite { rows }). */
async function rows<T>(query: SQL): Promise<T[]> {
  const result = (await tdb.db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/** The verifier's query with its $n parameters bound through Drizzle. */
function bind(text: string, params: readonly unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  return sql.join(
    parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${params[Number(part) - 1]}`)),
    sql.raw(""),
  );
}

const readAudit = (text: string, params: [string, number]) => rows<AuditRow>(bind(text, params));

async function auditRows(): Promise<AuditRow[]> {
  return readAudit(AUDIT_ROWS_SQL, ["0", 1_000_000]);
}

/** Runs statements on audit_log with its triggers off, as a superuser could (then on again). */
async function withAuditTriggersOff(statements: SQL[]) {
  await tdb.db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
    for (const s of statements) await tx.execute(s);
    await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER USER`);
  });
}

// ---------------------------------------------------------------------------------------------

describe("claiming", () => {
  test("a claimed case cannot be claimed or released by a second clerk", async () => {
    const c = await submittedCase();
    expect(await claimCase(tdb.db, clerk, c.id, now)).toEqual({ ok: true });
    expect(await claimCase(tdb.db, clerk2, c.id, now)).toEqual({ ok: false, refusal: { code: "claimed-by-other", name: "Clara Becker" } });
    expect(await releaseCase(tdb.db, clerk2, c.id, now)).toEqual({ ok: false, refusal: { code: "claimed-by-other", name: "Clara Becker" } });
    // Claiming one's own case again changes nothing.
    expect(await claimCase(tdb.db, clerk, c.id, now)).toEqual({ ok: true });
    // Roles outside the clearing cannot claim at all.
    expect(await claimCase(tdb.db, mira, c.id, now)).toEqual({ ok: false, refusal: { code: "forbidden" } });
    expect(await claimCase(tdb.db, servicePoint, c.id, now)).toEqual({ ok: false, refusal: { code: "forbidden" } });
    const row = await rowOf(c.id);
    expect(row.state).toBe("in_clearing");
    expect(row.claimedBy).toBe(clerk.id);
    expect(await eventTypes(c.id)).toEqual(["submitted", "claimed"]);
    // Given back, the second clerk can take it.
    expect(await releaseCase(tdb.db, clerk, c.id, now)).toEqual({ ok: true });
    expect(await claimCase(tdb.db, clerk2, c.id, now)).toEqual({ ok: true });
    expect((await rowOf(c.id)).claimedBy).toBe(clerk2.id);
  });

  test("of two clerks claiming at once, exactly one gets the case", async () => {
    for (let round = 0; round < 3; round++) {
      const c = await submittedCase();
      const results = await Promise.all([claimCase(tdb.db, clerk, c.id, now), claimCase(tdb.db, clerk2, c.id, now)]);
      const winners = results.filter((r) => r.ok);
      const losers = results.filter((r) => !r.ok);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      const winner = results[0]!.ok ? clerk : clerk2;
      expect(losers[0]).toEqual({ ok: false, refusal: { code: "claimed-by-other", name: winner.name } });
      expect((await rowOf(c.id)).claimedBy).toBe(winner.id);
      expect(await eventTypes(c.id)).toEqual(["submitted", "claimed"]);
    }
  });

  test("the database refuses a case in clearing without a clerk", async () => {
    const c = await submittedCase();
    expect(await failure(tdb.db.update(schema.applications).set({ state: "in_clearing" }).where(eq(schema.applications.id, c.id)))).toMatch(/applications_claimed/);
  });
});

describe("only a complete case is forwarded", () => {
  test("forwardCase refuses while documents are missing, awaiting review or rejected", async () => {
    const c = await claimedCase();
    // Nothing uploaded.
    expect(await forwardCase(tdb.db, clerk, c.id, publicUrl, now)).toEqual({ ok: false, refusal: { code: "not-complete" } });
    // Everything uploaded, nothing reviewed.
    const documents = await insertGoodDocuments(c.id);
    expect(documents.length).toBeGreaterThanOrEqual(9);
    expect(await forwardCase(tdb.db, clerk, c.id, publicUrl, now)).toEqual({ ok: false, refusal: { code: "not-complete" } });
    // All but one accepted.
    for (const d of documents.slice(1)) expect(await reviewDocument(tdb.db, clerk, c.id, d.id, { decision: "accept" }, now)).toEqual({ ok: true });
    expect(await forwardCase(tdb.db, clerk, c.id, publicUrl, now)).toEqual({ ok: false, refusal: { code: "not-complete" } });
    // That one rejected.
    const first = documents[0]!;
    expect(await reviewDocument(tdb.db, clerk, c.id, first.id, { decision: "reject", reasonCode: "illegible", note: " blurred " }, now)).toEqual({ ok: true });
    expect(await forwardCase(tdb.db, clerk, c.id, publicUrl, now)).toEqual({ ok: false, refusal: { code: "not-complete" } });
    // An unknown reason or another case's document is refused.
    expect(await reviewDocument(tdb.db, clerk, c.id, first.id, { decision: "reject", reasonCode: "no-such-reason", note: null }, now)).toEqual({
      ok: false,
      refusal: { code: "unknown-reason" },
    });
    const other = await claimedCase();
    expect(await reviewDocument(tdb.db, clerk, other.id, first.id, { decision: "accept" }, now)).toEqual({ ok: false, refusal: { code: "unknown-document" } });

    const row = await rowOf(c.id);
    expect(row.state).toBe("in_clearing");
    expect(row.completenessState).toBe("incomplete");
    expect(row.routedUnitId).toBeNull();
    const [rejected] = await tdb.db.select().from(schema.applicationDocuments).where(eq(schema.applicationDocuments.id, first.id));
    expect(rejected).toMatchObject({ review: "rejected", reasonCode: "illegible", reviewNote: "blurred", reviewedBy: clerk.id });
  });

  test("accounts that have not claimed the case cannot forward it", async () => {
    const unclaimed = await submittedCase();
    await insertGoodDocuments(unclaimed.id);
    expect(await forwardCase(tdb.db, clerk, unclaimed.id, publicUrl, now)).toEqual({ ok: false, refusal: { code: "not-claimed" } });
    const c = await claimedCase();
    for (const who of [mira, kowalski, servicePoint]) {
      expect(await forwardCase(tdb.db, who, c.id, publicUrl, now)).toEqual({ ok: false, refusal: { code: "forbidden" } });
      expect(await reviewDocument(tdb.db, who, c.id, randomUUID(), { decision: "accept" }, now)).toEqual({ ok: false, refusal: { code: "forbidden" } });
    }
    expect(await forwardCase(tdb.db, clerk2, c.id, publicUrl, now)).toEqual({ ok: false, refusal: { code: "claimed-by-other", name: "Clara Becker" } });
    expect((await rowOf(c.id)).state).toBe("in_clearing");
  });

  test("the database refuses forwarding an incomplete case by a direct UPDATE, even with forged completeness", async () => {
    const c = await claimedCase();
    await insertGoodDocuments(c.id);
    const routed = { routedUnitId: "residence", routedCaseWorkerId: mira.id, routingRule: { forged: true }, forwardedAt: now };
    const update = (values: Partial<typeof schema.applications.$inferInsert>) => tdb.db.update(schema.applications).set(values).where(eq(schema.applications.id, c.id));

    // Straight from the clearing.
    expect(await failure(update({ state: "forwarded_to_unit", ...routed }))).toMatch(/only a case marked complete can be forwarded/);
    expect(await failure(update({ state: "forwarded_to_unit", completenessState: "complete", ...routed }))).toMatch(/only a case marked complete/);
    // Skipping the forward into a later state of the unit does not get around it either.
    for (const state of ["in_processing", "decided", "ready_for_pickup", "closed"]) {
      expect(await failure(update({ state, decision: "granted", completenessState: "complete", ...routed }))).toMatch(/only a case marked complete/);
    }
    // Marked complete and forwarded with the stored completeness forged, a document still pending.
    await update({ state: "complete", completenessState: "complete" });
    expect(await failure(update({ state: "forwarded_to_unit", ...routed }))).toMatch(/documents awaiting review cannot be forwarded/);
    expect(await failure(update({ state: "in_processing", ...routed }))).toMatch(/documents awaiting review cannot be forwarded/);
    // The stored completeness as it is.
    await update({ completenessState: "incomplete" });
    await tdb.db.update(schema.applicationDocuments).set({ review: "accepted" }).where(eq(schema.applicationDocuments.applicationId, c.id));
    expect(await failure(update({ state: "forwarded_to_unit", ...routed }))).toMatch(/an incomplete case cannot be forwarded \(incomplete\)/);
    await update({ completenessState: null });
    expect(await failure(update({ state: "forwarded_to_unit", ...routed }))).toMatch(/an incomplete case cannot be forwarded \(unchecked\)/);
    // The case worker must work in the unit the case goes to.
    await update({ completenessState: "complete" });
    expect(await failure(update({ state: "forwarded_to_unit", ...routed, routedCaseWorkerId: kowalski.id }))).toMatch(/does not work in unit residence/);
    expect(await failure(update({ state: "forwarded_to_unit", ...routed, routedCaseWorkerId: clerk.id }))).toMatch(/does not work in unit residence/);
    const row = await rowOf(c.id);
    expect(row.state).toBe("complete");
    expect(row.routedUnitId).toBeNull();

    // Nor can a case be created in the unit's states.
    const inserted = tdb.db.insert(schema.applications).values({
      serviceId: "residence-extension",
      language: "de",
      draftHash: randomBytes(32).toString("hex"),
      reference: "LT-0000-0000",
      accessHash: randomBytes(32).toString("hex"),
      submittedAt: now,
      state: "in_processing",
      completenessState: "complete",
      claimedBy: clerk.id,
      ...routed,
    });
    expect(await failure(inserted)).toMatch(/only a case marked complete can be forwarded \(state new\)/);
  });

  test("a complete case goes to the case worker of its letter, O for Özdemir, in the residence unit", async () => {
    const c = await claimedCase();
    const documents = await insertGoodDocuments(c.id);
    for (const d of documents) expect(await reviewDocument(tdb.db, clerk, c.id, d.id, { decision: "accept" }, now)).toEqual({ ok: true });
    expect((await rowOf(c.id)).completenessState).toBe("complete");

    const preview = await routingFor(tdb.db, await rowOf(c.id));
    expect(preview).toMatchObject({ ok: true, unitId: "residence", caseWorker: { id: mira.id, name: "Mira Marković" } });

    const forwarded = await forwardCase(tdb.db, clerk, c.id, publicUrl, later(1));
    expect(forwarded).toEqual({ ok: true, unitId: "residence", caseWorkerId: mira.id });
    const row = await rowOf(c.id);
    expect(row.state).toBe("forwarded_to_unit");
    expect(row.routedUnitId).toBe("residence");
    expect(row.routedCaseWorkerId).toBe(mira.id);
    expect(row.forwardedAt).toEqual(later(1));
    expect(row.routingRule).toEqual({
      unit: { by: "service", serviceId: "residence-extension" },
      caseWorker: { by: "letter-range", letter: "O", firstLetter: "M", lastLetter: "R" },
    });
    expect(await eventTypes(c.id)).toEqual(["submitted", "claimed", "marked_complete", "forwarded"]);
    const messages = await outboxOf("ayse.oezdemir@example.org");
    expect(messages.filter((m) => m.kind === "clearing-forwarded").at(-1)).toMatchObject({ language: "tr", toEmail: "ayse.oezdemir@example.org", toPhone: null });
    // Forwarded once: a second attempt is refused by the state machine.
    expect(await forwardCase(tdb.db, clerk, c.id, publicUrl, later(2))).toMatchObject({ ok: false });
  });
});

describe("the case worker's unit and letter range", () => {
  let c: { id: string; reference: string };

  beforeAll(async () => {
    c = await claimedCase();
    for (const d of await insertGoodDocuments(c.id)) await reviewDocument(tdb.db, clerk, c.id, d.id, { decision: "accept" }, now);
    const forwarded = await forwardCase(tdb.db, clerk, c.id, publicUrl, later(1));
    if (!forwarded.ok) throw new Error(`not forwarded: ${JSON.stringify(forwarded)}`);
  });

  test("only the case worker of the range, and leads, see the case and have it in their inbox", async () => {
    expect((await caseForStaff(tdb.db, mira, c.reference.toLowerCase()))?.id).toBe(c.id);
    expect((await inbox(tdb.db, mira)).map((i) => i.reference)).toContain(c.reference);
    expect((await inbox(tdb.db, mira)).find((i) => i.reference === c.reference)).toMatchObject({ name: "Ayşe Özdemir", caseWorker: "Mira Marković", language: "tr" });
    for (const who of [albers, kowalski, servicePoint]) {
      expect(await caseForStaff(tdb.db, who, c.reference)).toBeNull();
      expect((await inbox(tdb.db, who)).map((i) => i.reference)).not.toContain(c.reference);
    }
    expect((await caseForStaff(tdb.db, teamLead, c.reference))?.id).toBe(c.id);
    expect((await inbox(tdb.db, teamLead)).map((i) => i.reference)).toContain(c.reference);
    // The clearing answers status enquiries, but the inbox is not theirs.
    expect((await caseForStaff(tdb.db, clerk, c.reference))?.id).toBe(c.id);
    expect(await inbox(tdb.db, clerk)).toEqual([]);
  });

  test("the database keeps the case worker in the unit the case is in", async () => {
    const moved = tdb.db.update(schema.applications).set({ routedUnitId: "skilled" }).where(eq(schema.applications.id, c.id));
    expect(await failure(moved)).toMatch(/the case worker does not work in unit skilled/);
    const reassigned = tdb.db.update(schema.applications).set({ routedCaseWorkerId: kowalski.id }).where(eq(schema.applications.id, c.id));
    expect(await failure(reassigned)).toMatch(/the case worker does not work in unit residence/);
    expect(await rowOf(c.id)).toMatchObject({ routedUnitId: "residence", routedCaseWorkerId: mira.id });
  });

  test("other case workers cannot move the case on", async () => {
    for (const who of [albers, kowalski, servicePoint]) {
      expect(await processCase(tdb.db, who, c.id, { type: "start_processing" }, publicUrl, later(2))).toEqual({ ok: false, refusal: { code: "not-found" } });
    }
    expect(await processCase(tdb.db, clerk, c.id, { type: "start_processing" }, publicUrl, later(2))).toEqual({ ok: false, refusal: { code: "forbidden" } });
    expect((await rowOf(c.id)).state).toBe("forwarded_to_unit");
  });

  test("processing, decision, pickup invitation and closing", async () => {
    const email = "ayse.oezdemir@example.org";
    const before = (await outboxOf(email)).length;
    // A decision needs processing first; pickup needs a grant.
    expect(await processCase(tdb.db, mira, c.id, { type: "decide", decision: "granted" }, publicUrl, later(2))).toMatchObject({
      ok: false,
      refusal: { code: "state", refusal: { code: "not-allowed-in-state" } },
    });
    expect(await processCase(tdb.db, mira, c.id, { type: "start_processing" }, publicUrl, later(2))).toEqual({ ok: true });
    expect(await processCase(tdb.db, mira, c.id, { type: "decide", decision: "granted" }, publicUrl, later(3))).toEqual({ ok: true });
    expect(await rowOf(c.id)).toMatchObject({ state: "decided", decision: "granted" });
    expect(await tdb.db.select().from(schema.invitations).where(eq(schema.invitations.caseReference, c.reference))).toEqual([]);

    expect(await processCase(tdb.db, mira, c.id, { type: "mark_ready_for_pickup" }, publicUrl, later(4))).toEqual({ ok: true });
    const invitations = await tdb.db.select().from(schema.invitations).where(eq(schema.invitations.caseReference, c.reference));
    expect(invitations).toHaveLength(1);
    expect(invitations[0]).toMatchObject({ serviceId: "eat-pickup", language: "tr", usedAt: null });
    expect(invitations[0]!.expiresAt.getTime()).toBeGreaterThan(later(4).getTime());

    expect(await processCase(tdb.db, mira, c.id, { type: "close" }, publicUrl, later(5))).toEqual({ ok: true });
    expect((await rowOf(c.id)).state).toBe("closed");
    expect(await processCase(tdb.db, mira, c.id, { type: "close" }, publicUrl, later(6))).toMatchObject({ ok: false });

    const messages = (await outboxOf(email)).slice(before);
    expect(messages.map((m) => [m.kind, m.language, m.toEmail])).toEqual([
      ["clearing-granted", "tr", email],
      ["clearing-pickup", "tr", email],
    ]);
    expect(await eventTypes(c.id)).toEqual(["submitted", "claimed", "marked_complete", "forwarded", "processing_started", "decided", "ready_for_pickup", "closed"]);
    // The closed case leaves the inbox.
    expect((await inbox(tdb.db, mira)).map((i) => i.reference)).not.toContain(c.reference);
  });
});

describe("document requests", () => {
  const email = "ayse.oezdemir@example.org";

  test("a request is stored, scheduled and sent; uploading every item sends the case back to the clearing", async () => {
    const c = await claimedCase();
    const before = (await outboxOf(email)).length;
    expect(await requestDocuments(tdb.db, clerk2, c.id, { items: ["payslip"], deadline: null, message: null }, publicUrl, now)).toEqual({
      ok: false,
      refusal: { code: "claimed-by-other", name: "Clara Becker" },
    });
    expect(await requestDocuments(tdb.db, clerk, c.id, { items: ["payslip", "no-such-document"], deadline: null, message: null }, publicUrl, now)).toEqual({
      ok: false,
      refusal: { code: "no-items" },
    });
    expect(await requestDocuments(tdb.db, clerk, c.id, { items: ["payslip"], deadline: today, message: null }, publicUrl, now)).toEqual({
      ok: false,
      refusal: { code: "invalid-deadline" },
    });
    const asked = await requestDocuments(
      tdb.db,
      clerk,
      c.id,
      { items: ["payslip", "health-insurance"], deadline: null, message: "  Bitte die letzten drei Lohnabrechnungen.  " },
      publicUrl,
      now,
    );
    expect(asked).toEqual({ ok: true });
    const row = await rowOf(c.id);
    expect(row.state).toBe("documents_requested");
    // The default deadline: 14 days.
    expect(row.documentRequest).toEqual({
      items: ["payslip", "health-insurance"],
      deadline: "2026-12-07",
      requestedOn: today,
      extensions: 0,
      message: "Bitte die letzten drei Lohnabrechnungen.",
      remindedOn: null,
    });
    const jobs = await tdb.db.select().from(schema.jobs).where(sql`${schema.jobs.payload}::jsonb ->> 'applicationId' = ${c.id}`).orderBy(asc(schema.jobs.runAt));
    expect(jobs.map((j) => [j.kind, j.runAt.toISOString(), JSON.parse(j.payload).deadline, j.doneAt])).toEqual([
      ["request-reminder", "2026-12-04T08:00:00.000Z", "2026-12-07", null],
      ["request-lapse", "2026-12-08T03:00:00.000Z", "2026-12-07", null],
    ]);
    const messages = (await outboxOf(email)).slice(before);
    expect(messages.map((m) => [m.kind, m.language, m.toEmail, m.toPhone])).toEqual([["clearing-request", "tr", email, null]]);

    // The applicant uploads through the normal upload path: only requested items fit now.
    const photo = await photoWithGps();
    const upload = (documentTypeId: string, documentDate: string | null, at: Date) =>
      rowOf(c.id).then((application) =>
        storeUpload(
          tdb.db,
          settings,
          application,
          { documentTypeId, bytes: photo, declaredName: "scan.jpg", declaredType: "image/jpeg", documentDate, validUntil: null },
          at,
        ),
      );
    expect(await upload("passport", null, later(24))).toMatchObject({ ok: false, reason: "wrong-slot" });
    expect(await upload("payslip", "2026-10-31", later(24))).toMatchObject({ ok: true, duplicate: false });
    expect((await rowOf(c.id)).state).toBe("documents_requested");
    expect(await upload("health-insurance", "2026-11-20", later(25))).toMatchObject({ ok: true, duplicate: false });
    const answered = await rowOf(c.id);
    expect(answered.state).toBe("in_clearing");
    expect(answered.claimedBy).toBe(clerk.id);
    expect(await eventTypes(c.id)).toEqual(["submitted", "claimed", "documents_requested", "responded"]);
    const [responded] = await tdb.db
      .select()
      .from(schema.caseEvents)
      .where(and(eq(schema.caseEvents.applicationId, c.id), eq(schema.caseEvents.type, "responded")));
    expect(responded?.actorKind).toBe("applicant");

    // The jobs of the answered request do nothing when they come due.
    await runDueJobs(tdb.db, clearingJobs(publicUrl), new Date("2026-12-08T04:00:00Z"));
    expect((await rowOf(c.id)).state).toBe("in_clearing");
    expect((await outboxOf(email)).slice(before).map((m) => m.kind)).toEqual(["clearing-request"]);
  });

  test("a deadline is extended only to a later day; the reminder goes out once; the request lapses after the deadline", async () => {
    const c = await claimedCase();
    const before = (await outboxOf(email)).length;
    expect(await requestDocuments(tdb.db, clerk, c.id, { items: ["registration-certificate"], deadline: "2026-12-01", message: null }, publicUrl, now)).toEqual({
      ok: true,
    });
    expect(await extendDeadline(tdb.db, clerk, c.id, "2026-11-30", publicUrl, later(1))).toEqual({ ok: false, refusal: { code: "invalid-deadline" } });
    expect(await extendDeadline(tdb.db, clerk, c.id, "2026-12-01", publicUrl, later(1))).toEqual({ ok: false, refusal: { code: "invalid-deadline" } });
    expect(await extendDeadline(tdb.db, clerk, c.id, "not-a-day", publicUrl, later(1))).toEqual({ ok: false, refusal: { code: "invalid-deadline" } });
    expect(await extendDeadline(tdb.db, clerk2, c.id, "2026-12-04", publicUrl, later(1))).toMatchObject({ ok: false, refusal: { code: "claimed-by-other" } });
    expect(await extendDeadline(tdb.db, clerk, c.id, "2026-12-04", publicUrl, later(1))).toEqual({ ok: true });
    let row = await rowOf(c.id);
    expect(row.documentRequest).toMatchObject({ deadline: "2026-12-04", extensions: 1, remindedOn: null });
    const jobs = await tdb.db.select().from(schema.jobs).where(sql`${schema.jobs.payload}::jsonb ->> 'applicationId' = ${c.id}`).orderBy(asc(schema.jobs.runAt));
    expect(jobs.map((j) => [j.kind, j.runAt.toISOString()])).toEqual([
      ["request-reminder", "2026-11-28T08:00:00.000Z"],
      ["request-reminder", "2026-12-01T08:00:00.000Z"],
      ["request-lapse", "2026-12-02T03:00:00.000Z"],
      ["request-lapse", "2026-12-05T03:00:00.000Z"],
    ]);

    // The old deadline's day after: the old reminder and lapse do nothing, the new reminder goes out.
    await runDueJobs(tdb.db, clearingJobs(publicUrl), new Date("2026-12-02T05:00:00Z"));
    row = await rowOf(c.id);
    expect(row.state).toBe("documents_requested");
    expect(row.documentRequest?.remindedOn).toBe("2026-12-02");
    // The reminder job once more (a retry) does not remind twice.
    await clearingJobs(publicUrl)["request-reminder"]!(tdb.db, { applicationId: c.id, deadline: "2026-12-04" }, new Date("2026-12-02T06:00:00Z"));
    expect((await rowOf(c.id)).documentRequest?.remindedOn).toBe("2026-12-02");
    // The deadline day itself still counts (late in the evening in Berlin).
    await clearingJobs(publicUrl)["request-lapse"]!(tdb.db, { applicationId: c.id, deadline: "2026-12-04" }, new Date("2026-12-04T22:00:00Z"));
    expect((await rowOf(c.id)).state).toBe("documents_requested");
    await runDueJobs(tdb.db, clearingJobs(publicUrl), new Date("2026-12-05T03:00:00Z"));
    row = await rowOf(c.id);
    expect(row.state).toBe("lapsed");
    expect(await eventTypes(c.id)).toEqual(["submitted", "claimed", "documents_requested", "deadline_extended", "lapsed"]);
    const [lapsed] = await tdb.db
      .select()
      .from(schema.caseEvents)
      .where(and(eq(schema.caseEvents.applicationId, c.id), eq(schema.caseEvents.type, "lapsed")));
    expect(lapsed).toMatchObject({ actorKind: "system", data: { deadline: "2026-12-04" } });

    const messages = (await outboxOf(email)).slice(before);
    expect(messages.map((m) => [m.kind, m.language, m.toEmail])).toEqual([
      ["clearing-request", "tr", email],
      ["clearing-extended", "tr", email],
      ["clearing-reminder", "tr", email],
      ["clearing-lapsed", "tr", email],
    ]);
    // A lapsed request cannot be extended any more.
    expect(await extendDeadline(tdb.db, clerk, c.id, "2026-12-20", publicUrl, new Date("2026-12-05T09:00:00Z"))).toMatchObject({ ok: false });
  });
});

describe("letter ranges", () => {
  const ranges = () => [
    { firstLetter: "A", lastLetter: "M", staffUserId: kowalski.id },
    { firstLetter: "N", lastLetter: "Z", staffUserId: 0 },
  ];

  test("only an admin saves a unit's ranges, without gaps and overlaps, each with a case worker of the unit", async () => {
    const lindqvist = await staff("lindqvist@demo.lotse.example");
    const good = ranges().map((r) => (r.staffUserId === 0 ? { ...r, staffUserId: lindqvist.id } : r));
    for (const who of [clerk, teamLead, kowalski]) expect(await saveLetterRanges(tdb.db, who, "skilled", good, now)).toMatchObject({ ok: false });

    const gap = await saveLetterRanges(tdb.db, admin, "skilled", [good[0]!, { ...good[1]!, firstLetter: "P" }], now);
    expect(gap).toEqual({ ok: false, problems: [{ code: "gap", unitId: "skilled", from: "N", to: "O" }] });
    const overlap = await saveLetterRanges(tdb.db, admin, "skilled", [good[0]!, { ...good[1]!, firstLetter: "K" }], now);
    expect(overlap).toMatchObject({ ok: false, problems: [{ code: "overlap", unitId: "skilled", from: "K", to: "M" }] });
    // Somebody from another unit, or no case worker, cannot hold a range.
    expect(await saveLetterRanges(tdb.db, admin, "skilled", [good[0]!, { ...good[1]!, staffUserId: mira.id }], now)).toMatchObject({ ok: false, unknownWorker: true });
    expect(await saveLetterRanges(tdb.db, admin, "skilled", [], now)).toMatchObject({ ok: false });

    const unchanged = await tdb.db.select().from(schema.letterRanges).where(eq(schema.letterRanges.unitId, "skilled")).orderBy(asc(schema.letterRanges.firstLetter));
    expect(unchanged.map((r) => `${r.firstLetter}-${r.lastLetter}`)).toEqual(["A-K", "L-Z"]);

    expect(await saveLetterRanges(tdb.db, admin, "skilled", good, now)).toEqual({ ok: true });
    const saved = await tdb.db.select().from(schema.letterRanges).where(eq(schema.letterRanges.unitId, "skilled")).orderBy(asc(schema.letterRanges.firstLetter));
    expect(saved.map((r) => [r.firstLetter, r.lastLetter, r.staffUserId, r.caseWorker])).toEqual([
      ["A", "M", kowalski.id, "Ewa Kowalski"],
      ["N", "Z", lindqvist.id, "Erik Lindqvist"],
    ]);
    const [entry] = await tdb.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "letter-ranges.saved"));
    expect(entry).toMatchObject({ actorKind: "staff", actorId: String(admin.id), data: { unitId: "skilled" } });
  });

  test("the database refuses an overlapping range inserted directly", async () => {
    expect(await failure(tdb.db.insert(schema.letterRanges).values({ unitId: "skilled", firstLetter: "B", lastLetter: "C", caseWorker: "Niemand" }))).toMatch(
      /letter_ranges_no_overlap/,
    );
    // Another unit's ranges are its own business.
    const [other] = await tdb.db
      .select()
      .from(schema.letterRanges)
      .where(and(eq(schema.letterRanges.unitId, "residence"), eq(schema.letterRanges.firstLetter, "A")));
    expect(other?.staffUserId).toBe(albers.id);
  });
});

describe("the audit log", () => {
  test("case events, reviews and document reads are in it", async () => {
    const c = await claimedCase();
    const [document] = await insertGoodDocuments(c.id);
    expect(await reviewDocument(tdb.db, clerk, c.id, document!.id, { decision: "reject", reasonCode: "pages-missing", note: "Seite 2 fehlt" }, later(1))).toEqual({
      ok: true,
    });
    await logDocumentRead(tdb.db, mira, c.id, document!.id, later(2));
    const entries = await tdb.db.select().from(schema.auditLog).where(eq(schema.auditLog.applicationId, c.id)).orderBy(asc(schema.auditLog.id));
    expect(entries.map((e) => [e.action, e.actorKind, e.actorId, e.documentId])).toEqual([
      ["case.submitted", "applicant", "self", null],
      ["case.claimed", "staff", String(clerk.id), null],
      ["document.rejected", "staff", String(clerk.id), document!.id],
      ["document.read", "staff", String(mira.id), document!.id],
    ]);
    expect(entries[1]!.data).toEqual({ from: "submitted", to: "in_clearing", data: { staffId: String(clerk.id) } });
    expect(entries[2]!.data).toEqual({ documentTypeId: document!.documentTypeId, reasonCode: "pages-missing", note: "Seite 2 fehlt" });
    expect(entries[2]!.at).toEqual(later(1));
    // Numbered and chained by the database, whatever the insert said.
    for (const e of entries) {
      expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(e.id).toBeGreaterThan(0);
    }
  });

  test("it cannot be changed, deleted or truncated", async () => {
    const [first] = await tdb.db.select().from(schema.auditLog).orderBy(asc(schema.auditLog.id)).limit(1);
    expect(first?.prevHash).toBe(GENESIS_HASH);
    expect(await failure(tdb.db.update(schema.auditLog).set({ action: "nothing.happened" }).where(eq(schema.auditLog.id, first!.id)))).toMatch(/append-only/);
    expect(await failure(tdb.db.delete(schema.auditLog).where(eq(schema.auditLog.id, first!.id)))).toMatch(/append-only/);
    expect(await failure(tdb.db.execute(sql`TRUNCATE audit_log`))).toMatch(/append-only/);
    expect(await failure(tdb.db.execute(sql`DELETE FROM audit_log`))).toMatch(/append-only/);
    const [again] = await tdb.db.select().from(schema.auditLog).where(eq(schema.auditLog.id, first!.id));
    expect(again).toEqual(first);
  });

  test("the verifier recomputes the chain in Node and finds it intact", async () => {
    const all = await auditRows();
    expect(all.length).toBeGreaterThan(10);
    expect(verifyAuditChain(all)).toEqual({ ok: true, entries: all.length });
    // Read page by page it comes to the same.
    expect(await verifyAuditLog(readAudit, 7)).toEqual({ ok: true, entries: all.length });
    // The database's hash is the one Node computes, text with umlauts included.
    await audit(tdb.db, { actor: { kind: "system", id: "test" }, action: "test.umlauts", data: { name: "Özdemir, Ayşe", n: 1.5, nested: { z: 1, a: [true, null] } } });
    const rows_ = await auditRows();
    const last = rows_.at(-1)!;
    expect(last.data).toBe('{"n": 1.5, "name": "Özdemir, Ayşe", "nested": {"a": [true, null], "z": 1}}');
    expect(entryHash(last, rows_.at(-2)!.hash)).toBe(last.hash);
  });

  test("concurrent inserts from several transactions keep the chain without gaps", async () => {
    const before = (await auditRows()).length;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        tdb.db.transaction(async (tx) => {
          await audit(tx, { actor: { kind: "system", id: `worker-${i}` }, action: "test.concurrent", data: { i, step: 1 } });
          await tx.execute(sql`select 1`);
          await audit(tx, { actor: { kind: "system", id: `worker-${i}` }, action: "test.concurrent", data: { i, step: 2 } });
        }),
      ),
    );
    // And without a transaction around them, and with case events in between.
    const c = await submittedCase();
    await Promise.all([
      ...Array.from({ length: 8 }, (_, i) => audit(tdb.db, { actor: { kind: "system", id: "single" }, action: "test.concurrent", data: { i } })),
      claimCase(tdb.db, clerk, c.id, now),
    ]);
    // A transaction that rolls back leaves no hole.
    await expect(
      tdb.db.transaction(async (tx) => {
        await audit(tx, { actor: { kind: "system", id: "rollback" }, action: "test.rollback" });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    const all = await auditRows();
    expect(all.map((r) => Number(r.id))).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    expect(all.filter((r) => r.action === "test.concurrent")).toHaveLength(32);
    expect(all.filter((r) => r.action === "test.rollback")).toHaveLength(0);
    expect(all.length).toBe(before + 32 + 2);
    expect(verifyAuditChain(all)).toEqual({ ok: true, entries: all.length });
  });

  test("a changed entry is found, also when its own hash was recomputed", async () => {
    const all = await auditRows();
    const victim = all.find((r) => r.action === "document.read")!;
    const id = String(victim.id);
    const original = victim.data;
    // As a superuser with the triggers off.
    await withAuditTriggersOff([sql`UPDATE audit_log SET data = jsonb_set(data, '{forged}', 'true') WHERE id = ${id}`]);
    expect(verifyAuditChain(await auditRows())).toMatchObject({ ok: false, id, problem: "hash", entries: Number(id) - 1 });
    expect(await verifyAuditLog(readAudit, 5)).toMatchObject({ ok: false, id, problem: "hash" });
    // Its hash recomputed to match: the next entry no longer points to it.
    const forged = (await auditRows()).find((r) => String(r.id) === id)!;
    const forgedHash = entryHash(forged, forged.prev_hash);
    await withAuditTriggersOff([sql`UPDATE audit_log SET hash = ${forgedHash} WHERE id = ${id}`]);
    expect(verifyAuditChain(await auditRows())).toMatchObject({ ok: false, id: String(Number(id) + 1), problem: "prev-hash" });
    // Put back as it was, the chain is whole again.
    await withAuditTriggersOff([sql`UPDATE audit_log SET data = ${original}::jsonb, hash = ${victim.hash} WHERE id = ${id}`]);
    expect(verifyAuditChain(await auditRows())).toEqual({ ok: true, entries: all.length });
  });

  test("a deleted entry is found as a gap", async () => {
    const all = await auditRows();
    const genesis = all[0]!;
    const victim = all[9]!;
    await withAuditTriggersOff([sql`DELETE FROM audit_log WHERE id = ${String(victim.id)}`]);
    expect(verifyAuditChain(await auditRows())).toEqual({
      ok: false,
      entries: 9,
      id: "11",
      problem: "gap",
      message: "entry 11 follows entry 9: entry 10 is missing",
    });
    // The first entry removed too: the log starts late.
    await withAuditTriggersOff([sql`DELETE FROM audit_log WHERE id = 1`]);
    expect(verifyAuditChain(await auditRows())).toMatchObject({
      ok: false,
      entries: 0,
      id: "2",
      problem: "gap",
      message: "the log starts at entry 2: entry 1 is missing",
    });
    // Both put back as they were.
    const back = JSON.stringify([genesis, victim].map((r) => ({ ...r, data: JSON.parse(r.data) as unknown })));
    await withAuditTriggersOff([sql`INSERT INTO audit_log SELECT * FROM json_populate_recordset(null::audit_log, ${back}::json)`]);
    expect(verifyAuditChain(await auditRows())).toEqual({ ok: true, entries: all.length });
  });

  // The script against a server database (DATABASE_URL); on PGlite it reads the data folder
  // instead, which "the embedded database" below runs.
  const serverOnly = testDriver === "postgres" ? test : () => {};
  serverOnly("npm run audit:verify reports an intact and a broken chain with its exit code", async () => {
    const run = (env: Record<string, string>) =>
      promisify(execFile)(process.execPath, ["scripts/audit-verify.mjs"], { env: { ...process.env, ...env } }).then(
        (r) => ({ code: 0, stdout: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
      );
    const url = tdb.options.databaseUrl!;
    const count = (await auditRows()).length;
    expect(await run({ DATABASE_URL: url })).toEqual({ code: 0, stdout: `audit log: ${count} entries, chain intact\n` });
    const victim = (await auditRows())[4]!;
    await withAuditTriggersOff([sql`UPDATE audit_log SET actor_id = 'someone-else' WHERE id = ${String(victim.id)}`]);
    const broken = await run({ DATABASE_URL: url });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe(`audit log: chain broken at entry 5 (hash): entry 5 was changed: its hash does not match its contents\n`);
    await withAuditTriggersOff([sql`UPDATE audit_log SET actor_id = ${victim.actor_id} WHERE id = ${String(victim.id)}`]);
    expect((await run({ DATABASE_URL: url })).code).toBe(0);
  });
});

describe("the embedded database", () => {
  test("migrations 0010 to 0012 apply, the chain trigger works, and audit:verify reads the data folder", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "lotse-audit-"));
    try {
      const handle = await openDatabase({ dataDir });
      try {
        expect(handle.kind).toBe("pglite");
        await migrateDatabase({ dataDir }, handle);
        await audit(handle.db, { actor: { kind: "system", id: "test" }, action: "test.first", data: { name: "Özdemir" } });
        await audit(handle.db, { actor: { kind: "staff", id: "7" }, action: "test.second", applicationId: randomUUID() });
        const result = (await handle.db.execute(bind(AUDIT_ROWS_SQL, ["0", 100]))) as unknown as { rows: AuditRow[] };
        expect(result.rows.map((r) => [String(r.id), r.action])).toEqual([
          ["1", "test.first"],
          ["2", "test.second"],
        ]);
        expect(verifyAuditChain(result.rows)).toEqual({ ok: true, entries: 2 });
        expect(await failure(handle.db.execute(sql`UPDATE audit_log SET action = 'x'`))).toMatch(/append-only/);
        // The script refuses a folder the app has open.
        const busy = await promisify(execFile)(process.execPath, ["scripts/audit-verify.mjs"], { env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir } }).catch(
          (e: { code: number; stderr: string }) => e,
        );
        expect(busy).toMatchObject({ code: 2, stderr: expect.stringMatching(/in use by a running Lotse process/) });
      } finally {
        await handle.close();
      }
      const { stdout } = await promisify(execFile)(process.execPath, ["scripts/audit-verify.mjs"], { env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir } });
      expect(stdout).toBe("audit log: 2 entries, chain intact\n");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
