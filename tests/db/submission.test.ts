// Submission and its message against the real database: the message that carries the access code
// is queued in the submission's own transaction, so a failure after it was built leaves neither
// a message nor a submitted case; a submission leaves exactly one message, with the code, in the
// applicant's language and with the time of submission in the office's time zone.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as schema from "#db/schema";
import { seedDemoOffice } from "#db/seed/seed";
import { applicationByAccessCode, applicationByDraftSecret, createDraft } from "#app/domain/applications/applications.server";
import { groupCode } from "#app/domain/applications/codes";
import { submitApplication } from "#app/domain/applications/submission.server";
import { getService } from "#app/domain/catalogue/catalogue.server";
import { formatDateTime } from "#app/lib/i18n/format";
import { createTestDatabase, type TestDatabase } from "#tests/support/database";

let tdb: TestDatabase;
// 20:30 UTC: still the 23rd in Berlin (21:30), already the 24th in Tokyo (05:30).
const now = new Date("2026-11-23T20:30:00Z");
const applicant = { kind: "applicant" as const, id: "self" };
const publicUrl = "https://lotse.example";

beforeAll(async () => {
  tdb = await createTestDatabase(async (db) => {
    await seedDemoOffice(db);
  });
});
afterAll(async () => {
  await tdb?.drop();
});

async function draft(contact: { email?: string; phone?: string }) {
  const { id, secret } = await createDraft(tdb.db, "residence-extension", "en");
  await tdb.db
    .update(schema.applications)
    .set({
      details: {
        familyName: "Haddad",
        givenNames: "Amira",
        birthDate: "1990-03-27",
        nationality: "SY",
        street: "Hauptstraße 1",
        postcode: "12345",
        city: "Musterstadt",
        ...contact,
      },
      answers: { purpose: "employment" },
    })
    .where(eq(schema.applications.id, id));
  const application = (await applicationByDraftSecret(tdb.db, secret))!;
  const service = (await getService(tdb.db, "residence-extension"))!;
  return { application, input: { application, serviceName: service.name, publicUrl, actor: applicant, now } };
}

async function messagesTo(email: string) {
  return tdb.db
    .select()
    .from(schema.outbox)
    .where(and(eq(schema.outbox.kind, "application-submitted"), eq(schema.outbox.toEmail, email)));
}

describe("the submission and its message", () => {
  test("a submission that fails after its message was built leaves no message and no submitted case", async () => {
    const { application, input } = await draft({ email: "refused@example.org" });
    // The outbox refuses the row: the failure comes after the message was built, inside the submission.
    await tdb.db.execute(sql`CREATE FUNCTION refuse_outbox() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'outbox refused'; END $$`);
    await tdb.db.execute(sql`CREATE TRIGGER refuse_outbox BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION refuse_outbox()`);
    try {
      await expect(submitApplication(tdb.db, input)).rejects.toThrow();
    } finally {
      await tdb.db.execute(sql`DROP TRIGGER refuse_outbox ON outbox`);
      await tdb.db.execute(sql`DROP FUNCTION refuse_outbox()`);
    }
    expect(await messagesTo("refused@example.org")).toHaveLength(0);
    const [row] = await tdb.db.select().from(schema.applications).where(eq(schema.applications.id, application.id));
    expect(row!.state).toBe("draft");
    expect(row!.reference).toBeNull();
    expect(row!.accessHash).toBeNull();
    expect(await tdb.db.select().from(schema.caseEvents).where(eq(schema.caseEvents.applicationId, application.id))).toHaveLength(0);

    // Nothing was half-done: the same draft can be submitted once the outbox takes messages again.
    const submitted = await submitApplication(tdb.db, input);
    expect(submitted?.reference).toMatch(/^LT-/);
    expect(await messagesTo("refused@example.org")).toHaveLength(1);
  });

  test("a submission leaves exactly one message, with the access code and the status link, however often it is clicked", async () => {
    const { input } = await draft({ email: "amira@example.org" });
    const results = await Promise.all(Array.from({ length: 3 }, () => submitApplication(tdb.db, input)));
    const winners = results.filter((r) => r !== null);
    expect(winners).toHaveLength(1);
    const submitted = winners[0]!;
    expect(submitted.messaged).toBe(true);

    const messages = await messagesTo("amira@example.org");
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message!.language).toBe("en");
    expect(message!.toPhone).toBeNull();
    expect(message!.subject).toContain(submitted.reference);
    expect(message!.body).toContain("Amira Haddad");
    expect(message!.body).toContain(groupCode(submitted.accessCode));
    expect(message!.body).toContain(`${publicUrl}/case/${submitted.accessCode}?lng=en`);
    // The code in the message opens the case it was sent for.
    expect((await applicationByAccessCode(tdb.db, groupCode(submitted.accessCode)))?.reference).toBe(submitted.reference);
  });

  test("without an e-mail address the message goes to the phone; without either there is none", async () => {
    const byPhone = await draft({ phone: "+49 151 23456789" });
    expect((await submitApplication(tdb.db, byPhone.input))?.messaged).toBe(true);
    const [sms] = await tdb.db.select().from(schema.outbox).where(eq(schema.outbox.toPhone, "+49 151 23456789"));
    expect(sms?.toEmail).toBeNull();

    const silent = await draft({});
    const before = await tdb.db.select().from(schema.outbox);
    const submitted = await submitApplication(tdb.db, silent.input);
    expect(submitted?.messaged).toBe(false);
    expect(await tdb.db.select().from(schema.outbox)).toHaveLength(before.length);
  });

  test("the time of submission is stated in the office's time zone, in the page's answer and the message", async () => {
    await tdb.db.update(schema.office).set({ timeZone: "Asia/Tokyo" });
    try {
      const { input } = await draft({ email: "tokyo@example.org" });
      const submitted = await submitApplication(tdb.db, input);
      expect(submitted?.timeZone).toBe("Asia/Tokyo");
      const [message] = await messagesTo("tokyo@example.org");
      const tokyo = formatDateTime("en", now, "Asia/Tokyo");
      expect(tokyo).not.toBe(formatDateTime("en", now, "Europe/Berlin"));
      expect(message!.body).toContain(tokyo);
      expect(message!.body).not.toContain(formatDateTime("en", now, "Europe/Berlin"));
    } finally {
      await tdb.db.update(schema.office).set({ timeZone: "Europe/Berlin" });
    }
  });
});
