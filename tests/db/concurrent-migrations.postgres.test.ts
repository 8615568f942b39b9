import { count } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import * as schema from "#db/schema";
import { seedDemoOffice } from "#db/seed/seed";
import { migrateDatabase, openDatabase } from "#app/lib/db.server";
import { createEmptyDatabase } from "#tests/support/database";

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe("migrations on PostgreSQL", () => {
  test("several processes starting at once migrate and seed exactly once", async () => {
    const empty = await createEmptyDatabase();
    cleanups.push(empty.drop);
    const handles = await Promise.all([1, 2, 3, 4].map(() => openDatabase(empty.options)));
    cleanups.push(async () => {
      for (const h of handles) await h.close();
    });
    const seeded = await Promise.all(
      handles.map(async (h) => {
        let didSeed = false;
        await migrateDatabase(empty.options, h, async (db) => {
          didSeed = await seedDemoOffice(db);
        });
        return didSeed;
      }),
    );
    expect(seeded.filter(Boolean)).toHaveLength(1);
    const [units] = await handles[0]!.db.select({ n: count() }).from(schema.units);
    expect(units!.n).toBe(6);
  });
});
