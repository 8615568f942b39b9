// The office configuration kept in memory (app/lib/config-cache.server.ts) is used only while
// the generation that triggers raise on every configuration change (migration 0008) is unchanged.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as schema from "#db/schema";
import { seedDemoOffice } from "#db/seed/seed";
import { bookingConfigFor } from "#app/domain/booking/availability.server";
import { officeInfoFor, serviceFor } from "#app/domain/catalogue/catalogue.server";
import { cachedConfig, configGeneration } from "#app/lib/config-cache.server";
import type { AppContext } from "#app/lib/context";
import { parseEnv } from "#app/lib/env.server";
import { createTestDatabase, type TestDatabase } from "#tests/support/database";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase(async (db) => {
    await seedDemoOffice(db, new Date("2026-11-21T10:00:00Z"));
  });
});
afterAll(() => tdb?.drop());

/** A fresh request's context. */
function request(db = tdb.db): AppContext {
  return { db, dbKind: tdb.kind, env: parseEnv({}), nonce: "n", clientIp: "127.0.0.1", memo: new Map() };
}

async function generation() {
  return (await configGeneration(request()))!;
}

describe("the configuration generation", () => {
  test("rises with every committed change to a configuration table, and only then", async () => {
    const before = await generation();
    await tdb.db.update(schema.openingHours).set({ closes: "12:30" }).where(eq(schema.openingHours.weekday, 5));
    const afterUpdate = await generation();
    expect(afterUpdate).toBeGreaterThan(before);

    await expect(
      tdb.db.transaction(async (tx) => {
        await tx.insert(schema.closures).values({ day: "2027-03-03", unitId: null, note: "x" });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await generation()).toBe(afterUpdate);

    // Tables that are not configuration (bookings, rate limits) leave it alone.
    await tdb.db.insert(schema.rateLimits).values({ bucket: "x", windowStart: new Date(), hits: 1 });
    expect(await generation()).toBe(afterUpdate);
  });

  test("is read once per request", async () => {
    const app = request();
    const first = configGeneration(app);
    expect(configGeneration(app)).toBe(first);
    await first;
  });
});

describe("configuration kept in memory", () => {
  test("is reused while the configuration is unchanged and reloaded after a change", async () => {
    let loads = 0;
    const load = async () => ++loads;
    expect(await cachedConfig(request(), "counter", load)).toBe(1);
    expect(await cachedConfig(request(), "counter", load)).toBe(1);
    await tdb.db.update(schema.services).set({ sort: 99 }).where(eq(schema.services.id, "settlement-permit"));
    expect(await cachedConfig(request(), "counter", load)).toBe(2);
    expect(loads).toBe(2);
  });

  test("a failed load is not kept", async () => {
    await expect(cachedConfig(request(), "failing", async () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await cachedConfig(request(), "failing", async () => "up")).toBe("up");
  });

  test("a new closure shows in the next request's booking configuration", async () => {
    const day = "2027-02-10";
    const before = (await bookingConfigFor(request(), "residence-extension"))!;
    expect(before.holidays.has(day)).toBe(false);
    await tdb.db.insert(schema.closures).values({ day, unitId: null, note: "Betriebsausflug" });
    const after = (await bookingConfigFor(request(), "residence-extension"))!;
    expect(after.holidays.has(day)).toBe(true);
  });

  test("a renamed service and changed office hours show in the next request", async () => {
    const name = (await serviceFor(request(), "residence-extension"))!.name;
    await tdb.db
      .update(schema.services)
      .set({ name: { ...name, en: "Renamed extension" } })
      .where(eq(schema.services.id, "residence-extension"));
    expect((await serviceFor(request(), "residence-extension"))!.name.en).toBe("Renamed extension");

    const now = new Date("2026-11-23T09:00:00Z");
    const hours = (await officeInfoFor(request(), now))!.hours;
    await tdb.db.delete(schema.openingHours).where(eq(schema.openingHours.weekday, 1));
    const after = (await officeInfoFor(request(), now))!.hours;
    expect(after.length).toBeLessThan(hours.length);
    expect(after.some((h) => h.weekday === 1)).toBe(false);
  });
});
