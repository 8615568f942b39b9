import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as schema from "#db/schema";
import { seedDemoOffice } from "#db/seed/seed";
import { getOfficeInfo, getService } from "#app/domain/catalogue/catalogue.server";
import { buildChecklist, ruleHints } from "#app/domain/catalogue/checklist";
import { createTestDatabase, type TestDatabase } from "#tests/support/database";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase(async (db) => {
    await seedDemoOffice(db, new Date("2026-11-21T10:00:00Z"));
  });
});
afterAll(() => tdb?.drop());

async function checklistFor(serviceId: string, answers: Record<string, string>) {
  const service = (await getService(tdb.db, serviceId))!;
  return buildChecklist(service.rules, service.questions, answers);
}

describe("the demo office", () => {
  test("has the six units, letter ranges for the specialist units, and at least ten services", async () => {
    const units = await tdb.db.select().from(schema.units);
    expect(units.map((u) => u.id).sort()).toEqual(["asylum-eu", "clearing", "naturalisation", "residence", "service-point", "skilled"].sort());
    const ranges = await tdb.db.select().from(schema.letterRanges).where(eq(schema.letterRanges.unitId, "residence"));
    expect(ranges.map((r) => `${r.firstLetter}-${r.lastLetter}`).sort()).toEqual(["A-F", "G-L", "M-R", "S-Z"]);
    const [services] = await tdb.db.select({ n: count() }).from(schema.services);
    expect(services!.n).toBeGreaterThanOrEqual(10);
  });

  test("has public holidays of the current and the next year, reason codes and opening hours", async () => {
    const days = (await tdb.db.select().from(schema.holidays)).map((h) => h.day);
    expect(days).toContain("2026-12-25");
    expect(days).toContain("2027-01-01");
    expect(days).toContain("2027-12-26");
    const [reasons] = await tdb.db.select({ n: count() }).from(schema.reasonCodes);
    expect(reasons!.n).toBeGreaterThanOrEqual(5);
    const info = (await getOfficeInfo(tdb.db, new Date("2026-11-21T10:00:00Z")))!;
    expect(info.office.name).toBe("Ausländerbehörde Musterstadt");
    expect(info.hours.length).toBeGreaterThan(0);
    expect(info.nextHoliday?.day).toBe("2026-12-25");
  });

  test("names every service in all eight languages", async () => {
    const [service] = await tdb.db.select().from(schema.services).where(eq(schema.services.id, "residence-extension"));
    expect(Object.keys(service!.name).sort()).toEqual(["ar", "de", "en", "fa", "fr", "ru", "tr", "uk"]);
    expect(service!.name.de).toBe("Aufenthaltserlaubnis verlängern");
  });

  test("seeding again changes nothing", async () => {
    expect(await seedDemoOffice(tdb.db)).toBe(false);
    const [n] = await tdb.db.select({ n: count() }).from(schema.units);
    expect(n!.n).toBe(6);
  });
});

describe("the checklist for extending a residence permit", () => {
  test("for employment: passport, residence card, photo, registration, health insurance, contract and 3 payslips", async () => {
    const c = await checklistFor("residence-extension", { purpose: "employment" });
    expect(c.unanswered).toEqual([]);
    const byId = Object.fromEntries(c.items.map((i) => [i.documentTypeId, i]));
    expect(Object.keys(byId)).toEqual([
      "passport",
      "residence-card",
      "biometric-photo",
      "registration-certificate",
      "health-insurance",
      "employment-contract",
      "payslip",
    ]);
    expect(byId.payslip!.minCount).toBe(3);
    // Every document carries a freshness or validity rule.
    for (const item of c.items) expect(ruleHints(item).length).toBeGreaterThan(0);
    expect(ruleHints(byId.passport!)).toEqual([{ key: "validMonths", count: 3 }]);
    expect(ruleHints(byId.payslip!)).toEqual([{ key: "ageMonths", count: 3 }]);
    expect(ruleHints(byId["biometric-photo"]!)).toEqual([{ key: "ageMonths", count: 6 }]);
    expect(byId["marriage-certificate"]).toBeUndefined();
  });

  test("for a family living with a spouse: the marriage certificate and no payslips", async () => {
    const c = await checklistFor("residence-extension", { purpose: "family_spouse" });
    const ids = c.items.map((i) => i.documentTypeId);
    expect(ids).toContain("marriage-certificate");
    expect(ids).not.toContain("payslip");
    expect(ids).not.toContain("employment-contract");
  });
});

describe("the database guards the office data", () => {
  test("refuses overlapping letter ranges within a unit", async () => {
    await expect(tdb.db.insert(schema.letterRanges).values({ unitId: "residence", firstLetter: "F", lastLetter: "H", caseWorker: "X" })).rejects.toThrow();
    // The same letters in another unit are fine (inside a transaction we roll back).
    await tdb.db
      .transaction(async (tx) => {
        await tx.insert(schema.letterRanges).values({ unitId: "clearing", firstLetter: "F", lastLetter: "H", caseWorker: "X" });
        tx.rollback();
      })
      .catch((e: unknown) => {
        if (!(e instanceof Error && /rollback/i.test(e.message))) throw e;
      });
  });

  test("refuses a letter range that is not A-Z or runs backwards", async () => {
    await expect(tdb.db.insert(schema.letterRanges).values({ unitId: "skilled", firstLetter: "Ö", lastLetter: "Ö", caseWorker: "X" })).rejects.toThrow();
    await expect(tdb.db.insert(schema.letterRanges).values({ unitId: "clearing", firstLetter: "M", lastLetter: "C", caseWorker: "X" })).rejects.toThrow();
  });

  test("refuses a service name missing a language", async () => {
    const name = { de: "Test", en: "Test", ar: "Test", fa: "Test", tr: "Test", uk: "Test", ru: "Test" } as never;
    await expect(
      tdb.db.insert(schema.services).values({
        id: "incomplete",
        unitId: "clearing",
        name,
        summary: name,
        legalBasis: "-",
        appointment: "none",
        takesApplication: false,
      }),
    ).rejects.toThrow();
    const [found] = await tdb.db.select({ n: count() }).from(schema.services).where(eq(schema.services.id, "incomplete"));
    expect(found!.n).toBe(0);
  });

  test("refuses a document rule whose condition names a question the service does not ask", async () => {
    await expect(
      tdb.db.insert(schema.documentRules).values({
        serviceId: "blue-card",
        documentTypeId: "marriage-certificate",
        conditionQuestion: "married",
        conditionOptions: ["yes"],
      }),
    ).rejects.toThrow();
  });

  test("refuses a freshness of zero days and a count of zero", async () => {
    await expect(tdb.db.insert(schema.documentRules).values({ serviceId: "blue-card", documentTypeId: "cv", maxAgeDays: 0 })).rejects.toThrow();
    await expect(tdb.db.insert(schema.documentRules).values({ serviceId: "blue-card", documentTypeId: "cv", minCount: 0 })).rejects.toThrow();
  });

  test("answers a trivial query (as /healthz does)", async () => {
    const rows = await tdb.db.execute(sql`select 1 as one`);
    expect(rows).toBeTruthy();
  });
});
