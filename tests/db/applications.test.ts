// Applications against the real database: a draft gets its reference and access code only by
// submission, which happens once however often it is clicked; the database refuses a
// submitted case without them; every transition leaves an event; completeness is stored with
// the case; lookups by reference and code are rate-limited and every failure answers the same.
import { randomBytes } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as schema from "#db/schema";
import { seedDemoOffice } from "#db/seed/seed";
import {
  applicationByAccessCode,
  applicationByDraftSecret,
  applyCommand,
  createDraft,
  refreshCompleteness,
  submitDraft,
} from "#app/domain/applications/applications.server";
import { groupCode, newReference, newSecret } from "#app/domain/applications/codes";
import { lookupByLink, lookupByReference, lookupLimits } from "#app/domain/applications/lookup.server";
import { MIN_SAMPLES, typicalDuration } from "#app/domain/applications/status.server";
import { createTestDatabase, type TestDatabase } from "#tests/support/database";
import { draftApplication } from "#tests/support/factories";

let tdb: TestDatabase;
const now = new Date("2026-11-23T09:00:00Z");
const applicant = { kind: "applicant" as const, id: "self" };

beforeAll(async () => {
  tdb = await createTestDatabase(async (db) => {
    await seedDemoOffice(db);
  });
});
afterAll(async () => {
  await tdb?.drop();
});

function draftWithDetails(serviceId = "residence-extension") {
  return draftApplication(tdb.db, { serviceId, language: "ar" });
}

describe("drafts and submission", () => {
  test("a draft is found by its secret however it is typed, and has no reference", async () => {
    const draft = await createDraft(tdb.db, "residence-extension", "de");
    const found = await applicationByDraftSecret(tdb.db, groupCode(draft.secret).toLowerCase());
    expect(found?.id).toBe(draft.id);
    expect(found?.reference).toBeNull();
    expect(await applicationByDraftSecret(tdb.db, newSecret())).toBeNull();
    expect(await applicationByDraftSecret(tdb.db, "nonsense")).toBeNull();
  });

  test("the database refuses a submitted case without reference and code, and a draft with them", async () => {
    const draft = await createDraft(tdb.db, "residence-extension", "de");
    await expect(tdb.db.update(schema.applications).set({ state: "submitted" }).where(eq(schema.applications.id, draft.id))).rejects.toThrow();
    await expect(
      tdb.db
        .update(schema.applications)
        .set({ reference: newReference(), accessHash: "x".repeat(64), submittedAt: now })
        .where(eq(schema.applications.id, draft.id)),
    ).rejects.toThrow();
    await expect(tdb.db.update(schema.applications).set({ state: "flying" }).where(eq(schema.applications.id, draft.id))).rejects.toThrow();
  });

  test("submission gives a reference and an access code once, records the event and stores completeness", async () => {
    const draft = await draftWithDetails();
    const results = await Promise.all(Array.from({ length: 5 }, () => submitDraft(tdb.db, draft.id, applicant, now)));
    const winners = results.filter((r) => r !== null);
    expect(winners).toHaveLength(1);
    const submitted = winners[0]!;
    expect(submitted.reference).toMatch(/^LT-/);

    const byCode = await applicationByAccessCode(tdb.db, groupCode(submitted.accessCode));
    expect(byCode?.id).toBe(draft.id);
    expect(byCode?.state).toBe("submitted");
    expect(byCode?.reference).toBe(submitted.reference);
    // The secret itself is not stored anywhere.
    const [row] = await tdb.db.select().from(schema.applications).where(eq(schema.applications.id, draft.id));
    expect(JSON.stringify(row)).not.toContain(submitted.accessCode);
    expect(row!.completenessState).toBe("incomplete");
    const rules = (row!.completeness as { rules: Array<{ documentTypeId: string; status: string }> }).rules;
    expect(rules.find((r) => r.documentTypeId === "payslip")?.status).toBe("missing");
    expect(rules.some((r) => r.documentTypeId === "enrolment-certificate")).toBe(false);

    const events = await tdb.db.select().from(schema.caseEvents).where(eq(schema.caseEvents.applicationId, draft.id));
    expect(events.map((e) => [e.type, e.fromState, e.toState, e.actorKind])).toEqual([["submitted", "draft", "submitted", "applicant"]]);
  });

  test("a withdrawal is an event; a second one is refused by the state machine", async () => {
    const draft = await draftWithDetails();
    await submitDraft(tdb.db, draft.id, applicant, now);
    const first = await tdb.db.transaction((tx) => applyCommand(tx, draft.id, { type: "withdraw" }, applicant, now));
    expect(first.ok).toBe(true);
    const second = await tdb.db.transaction((tx) => applyCommand(tx, draft.id, { type: "withdraw" }, applicant, now));
    expect(second.ok).toBe(false);
    const [{ n }] = (await tdb.db.select({ n: count() }).from(schema.caseEvents).where(eq(schema.caseEvents.applicationId, draft.id))) as [{ n: number }];
    expect(n).toBe(2);
  });

  test("completeness follows the answers when they change", async () => {
    const draft = await draftWithDetails();
    let result = await refreshCompleteness(tdb.db, draft.id, now);
    expect(result.rules.some((r) => r.documentTypeId === "payslip")).toBe(true);
    await tdb.db
      .update(schema.applications)
      .set({ answers: { purpose: "study" } })
      .where(eq(schema.applications.id, draft.id));
    result = await refreshCompleteness(tdb.db, draft.id, now);
    expect(result.rules.some((r) => r.documentTypeId === "payslip")).toBe(false);
    expect(result.rules.some((r) => r.documentTypeId === "enrolment-certificate")).toBe(true);
  });
});

describe("lookups", () => {
  test("1,000 random reference and code guesses find nothing and are rate-limited", async () => {
    const draft = await draftWithDetails();
    const real = (await submitDraft(tdb.db, draft.id, applicant, now))!;
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const outcomes = { found: 0, notFound: 0, limited: 0 };
    for (let i = 0; i < 1000; i++) {
      const reference = i % 2 === 0 ? newReference() : real.reference;
      const result = await lookupByReference(tdb.db, ip, reference, newSecret(), now);
      if (result.ok) outcomes.found++;
      else if (result.status === 404) outcomes.notFound++;
      else outcomes.limited++;
    }
    expect(outcomes.found).toBe(0);
    // The address's first 30 lookups are answered (half of them at the real reference, which
    // is itself limited after 10); everything after that is 429.
    expect(outcomes.notFound).toBe(lookupLimits.perIp.limit / 2 + lookupLimits.perReference.limit);
    expect(outcomes.limited).toBe(1000 - outcomes.notFound);
    // Once limited, even the right code from that address answers 429: a lucky guess would not show.
    const right = await lookupByReference(tdb.db, ip, real.reference, real.accessCode, now);
    expect(right).toEqual({ ok: false, status: 429 });
  });

  test("guesses at one reference from many addresses are limited per reference", async () => {
    const draft = await draftWithDetails();
    const real = (await submitDraft(tdb.db, draft.id, applicant, now))!;
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const result = await lookupByReference(tdb.db, `203.0.113.${i}`, real.reference, newSecret(), now);
      statuses.push(result.ok ? 200 : result.status);
    }
    expect(statuses.filter((s) => s === 404)).toHaveLength(lookupLimits.perReference.limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - lookupLimits.perReference.limit);
    // The link in the message still works: it is not limited per reference.
    const byLink = await lookupByLink(tdb.db, "192.0.2.1", real.accessCode, now);
    expect(byLink.ok).toBe(true);
  });

  test("a right reference and code are found; the reference without its code is not", async () => {
    const draft = await draftWithDetails();
    const real = (await submitDraft(tdb.db, draft.id, applicant, now))!;
    const ip = `192.0.2.${10 + Math.floor(Math.random() * 200)}`;
    const found = await lookupByReference(tdb.db, ip, real.reference.toLowerCase().replaceAll("-", " "), groupCode(real.accessCode), now);
    expect(found.ok && found.application.id).toBe(draft.id);
    const other = (await submitDraft(tdb.db, (await draftWithDetails()).id, applicant, now))!;
    expect(await lookupByReference(tdb.db, ip, real.reference, other.accessCode, now)).toEqual({ ok: false, status: 404 });
    // A draft's secret is not an access code.
    expect(await lookupByLink(tdb.db, ip, draft.secret, now)).toEqual({ ok: false, status: 404 });
  });

  test("failed link lookups count against the address; successful ones do not", async () => {
    const draft = await draftWithDetails();
    const real = (await submitDraft(tdb.db, draft.id, applicant, now))!;
    const ip = `192.0.2.250`;
    for (let i = 0; i < lookupLimits.perIp.limit + 5; i++) expect((await lookupByLink(tdb.db, ip, real.accessCode, now)).ok).toBe(true);
    const statuses: number[] = [];
    for (let i = 0; i < lookupLimits.perIp.limit + 5; i++) {
      const r = await lookupByLink(tdb.db, ip, randomBytes(20).toString("hex").slice(0, 28), now);
      statuses.push(r.ok ? 200 : r.status);
    }
    expect(statuses.filter((s) => s === 404)).toHaveLength(lookupLimits.perIp.limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    expect((await lookupByLink(tdb.db, ip, real.accessCode, now)).ok).toBe(false);
  });
});

describe("typical durations", () => {
  test("the office's stated figure until enough cases passed a stage, then the measured median", async () => {
    const office = { statedClearingDays: 10, statedProcessingWeeks: 8 };
    const later = new Date("2027-01-10T09:00:00Z");
    expect(await typicalDuration(tdb.db, "clearing", office, later)).toMatchObject({ days: 10, source: "stated" });
    expect(await typicalDuration(tdb.db, "processing", office, later)).toMatchObject({ days: 56, source: "stated" });
    for (let i = 0; i < MIN_SAMPLES; i++) {
      const draft = await draftWithDetails();
      const submittedAt = new Date(now.getTime() + i * 3_600_000);
      await submitDraft(tdb.db, draft.id, applicant, submittedAt);
      // Completed 4 days after submission, as a clerk would mark it.
      await tdb.db.insert(schema.caseEvents).values({
        applicationId: draft.id,
        type: "marked_complete",
        fromState: "in_clearing",
        toState: "complete",
        actorKind: "staff",
        actorId: "test",
        at: new Date(submittedAt.getTime() + 4 * 86_400_000),
      });
    }
    expect(await typicalDuration(tdb.db, "clearing", office, later)).toEqual({ days: 4, source: "measured", samples: MIN_SAMPLES });
  });
});
