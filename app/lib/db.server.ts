import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { join } from "node:path";
import postgres from "postgres";
import * as schema from "#db/schema";
import { lockDataDir } from "./data-dir-lock.server";
import { projectPath } from "./project-path.server";

// One data-access layer over two drivers: postgres.js when DATABASE_URL is set, PGlite in a
// local folder otherwise. Both run the same migrations and are used through Drizzle's query
// builder, which hides their differences (raw result shapes, bigint as string or number).

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = "postgres" | "pglite";

/** A transaction, as `db.transaction` hands it to its callback. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/**
 * Whatever runs statements: the database or a transaction. A function that takes a `Queryable`
 * runs inside its caller's transaction when given one, and on its own otherwise.
 */
export type Queryable = Database | Tx;

export type DatabaseHandle = {
  db: Database;
  kind: DatabaseKind;
  close(): Promise<void>;
};

export type DatabaseOptions = {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Connections per app process (postgres only). */
  poolSize?: number;
};

/** Arbitrary but fixed: the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK = 7_411_001;

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const client = postgres(options.databaseUrl, {
      max: options.poolSize ?? 10,
      onnotice: () => {},
      connection: { application_name: "lotse" },
    });
    const db = drizzlePostgres(client, { schema }) as unknown as Database;
    return { db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  const lock = await lockDataDir(options.dataDir);
  try {
    const client = await PGlite.create(join(options.dataDir, "pglite"), { extensions: { btree_gist } });
    const db = drizzlePglite(client, { schema }) as unknown as Database;
    return {
      db,
      kind: "pglite",
      async close() {
        await client.close();
        await lock.release();
      },
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/**
 * Applies db/migrations, then runs `afterMigrate` (e.g. the demo seed) while still holding a
 * PostgreSQL advisory lock, so that several processes starting at once migrate and seed once.
 */
export async function migrateDatabase(options: DatabaseOptions, handle: DatabaseHandle, afterMigrate?: (db: Database) => Promise<void>): Promise<void> {
  const migrationsFolder = projectPath("db/migrations");
  if (handle.kind === "pglite") {
    // One process per data folder is guaranteed by the folder lock.
    await migratePglite(handle.db as never, { migrationsFolder });
    await afterMigrate?.(handle.db);
    return;
  }
  // A dedicated connection: advisory locks belong to a session, not to a pool.
  const client = postgres(options.databaseUrl!, { max: 1, onnotice: () => {} });
  try {
    const db = drizzlePostgres(client, { schema });
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await migratePostgres(db, { migrationsFolder });
      await afterMigrate?.(db as unknown as Database);
    } finally {
      await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** True when the database answers a trivial query; used by /healthz. */
export async function pingDatabase(db: Database): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Rows of one statement, run as a prepared statement on PostgreSQL: planned once per connection
 * instead of on every call. Drizzle prepares only statements given a name, and its `execute`
 * takes none; for the few statements on the hottest paths (a booking rush) planning cost more
 * than running them (decision 0015). `text` uses $1, $2… placeholders. On PGlite, an ordinary query.
 */
export async function preparedRows<Row>(db: Database, text: string, params: unknown[]): Promise<Row[]> {
  const client = (db as unknown as { $client: postgres.Sql | PGlite }).$client;
  if ("unsafe" in client) return (await client.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true })) as unknown as Row[];
  return (await client.query<Row>(text, params)).rows;
}
