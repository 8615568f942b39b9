import { count } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import * as schema from "#db/schema";
import { seedDemoOffice } from "#db/seed/seed";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataDirInUseError } from "#app/lib/data-dir-lock.server";
import { migrateDatabase, openDatabase } from "#app/lib/db.server";

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe("the embedded database", () => {
  test("PGlite keeps committed rows across a reopen", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lotse-pglite-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const options = { dataDir: dir };
    const first = await openDatabase(options);
    await migrateDatabase(options, first, async (db) => {
      await seedDemoOffice(db);
    });
    await expect(openDatabase(options)).rejects.toBeInstanceOf(DataDirInUseError);
    await first.close();
    const second = await openDatabase(options);
    const [units] = await second.db.select({ n: count() }).from(schema.units);
    expect(units!.n).toBe(6);
    await second.close();
  });
});
