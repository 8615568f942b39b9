// Test databases: each test file gets a database of its own, created and dropped by the run,
// so that runs never collide. TEST_DB=postgres (default) uses the real PostgreSQL server at
// TEST_DATABASE_URL; TEST_DB=pglite uses the embedded database in a temporary folder.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPostgresDatabase } from "./postgres";
import { migrateDatabase, openDatabase, type DatabaseHandle, type DatabaseOptions } from "#app/lib/db.server";

export const testDriver = process.env.TEST_DB === "pglite" ? "pglite" : "postgres";

export type TestDatabase = DatabaseHandle & { options: DatabaseOptions; drop(): Promise<void> };

/** A fresh, empty database (no migrations). */
export async function createEmptyDatabase(): Promise<{ options: DatabaseOptions; drop(): Promise<void> }> {
  if (testDriver === "pglite") {
    const dataDir = mkdtempSync(join(tmpdir(), "lotse-test-"));
    return { options: { dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const database = await createPostgresDatabase("lotse_test");
  return { options: { databaseUrl: database.url, dataDir: "unused", poolSize: 5 }, drop: database.drop };
}

/** A fresh database with all migrations applied, optionally seeded. */
export async function createTestDatabase(seed?: Parameters<typeof migrateDatabase>[2]): Promise<TestDatabase> {
  const empty = await createEmptyDatabase();
  const handle = await openDatabase(empty.options);
  await migrateDatabase(empty.options, handle, seed);
  return {
    ...handle,
    options: empty.options,
    async drop() {
      await handle.close();
      await empty.drop();
    },
  };
}
