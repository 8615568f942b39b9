// The migrations as a whole, on the driver under test (TEST_DB): each applies to an empty
// database, applying them again changes nothing, the journal and the SQL files agree, and the
// database they leave is the one the Drizzle schema (db/schema) describes. Also the embedded
// database's folder lock.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { is, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DataDirInUseError, lockDataDir } from "#app/lib/data-dir-lock.server";
import { type Database, type DatabaseHandle, migrateDatabase, openDatabase } from "#app/lib/db.server";
import * as schema from "#db/schema";
import { createEmptyDatabase } from "#tests/support/database";

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const migrationsDir = join(import.meta.dirname, "../../db/migrations");
type JournalEntry = { idx: number; version: string; when: number; tag: string; breakpoints: boolean };
const journal: { dialect: string; entries: JournalEntry[] } = JSON.parse(readFileSync(join(migrationsDir, "meta/_journal.json"), "utf8"));
const sqlFiles = readdirSync(migrationsDir)
  .filter((f) => f.endsWith(".sql"))
  .sort();

describe("the journal and the SQL files", () => {
  test("name the same migrations, in the same order, numbered without gaps", () => {
    expect(journal.dialect).toBe("postgresql");
    expect(journal.entries.map((e) => `${e.tag}.sql`)).toEqual(sqlFiles);
    expect(journal.entries.map((e) => e.idx)).toEqual(journal.entries.map((_, i) => i));
    for (const [i, entry] of journal.entries.entries()) {
      expect(entry.tag.startsWith(`${String(i).padStart(4, "0")}_`), entry.tag).toBe(true);
    }
  });

  test("are written in the order they were generated, each with its snapshot and some SQL", () => {
    const times = journal.entries.map((e) => e.when);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (const entry of journal.entries) {
      expect(existsSync(join(migrationsDir, "meta", `${entry.tag.slice(0, 4)}_snapshot.json`)), entry.tag).toBe(true);
      expect(readFileSync(join(migrationsDir, `${entry.tag}.sql`), "utf8").trim(), entry.tag).not.toBe("");
    }
  });
});

describe("migrating an empty database", () => {
  let handle: DatabaseHandle;
  let options: Parameters<typeof migrateDatabase>[0];

  beforeAll(async () => {
    const empty = await createEmptyDatabase();
    options = empty.options;
    handle = await openDatabase(options);
    cleanups.push(async () => {
      await handle.close();
      await empty.drop();
    });
  });

  test("applies every migration, each recorded once", async () => {
    await migrateDatabase(options, handle);
    const applied = await rows<{ hash: string; created_at: string }>(handle.db, sql`select hash, created_at from drizzle.__drizzle_migrations order by id`);
    expect(applied).toHaveLength(journal.entries.length);
    // Drizzle records each migration by the time it was generated: the journal's `when`.
    expect(applied.map((r) => Number(r.created_at))).toEqual(journal.entries.map((e) => e.when));
  });

  test("applying them again changes nothing", async () => {
    const before = await shapeOf(handle.db);
    await migrateDatabase(options, handle);
    expect(await shapeOf(handle.db)).toEqual(before);
    const applied = await rows(handle.db, sql`select id from drizzle.__drizzle_migrations`);
    expect(applied).toHaveLength(journal.entries.length);
  });

  test("every table of db/schema exists with exactly its columns, types and nullability", async () => {
    const actual = await rows<{ table_name: string; column_name: string; type: string; not_null: boolean }>(
      handle.db,
      sql`select c.relname as table_name, a.attname as column_name, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null
          from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped`,
    );
    const inDatabase = new Map<string, Map<string, { type: string; notNull: boolean }>>();
    for (const r of actual) {
      if (!inDatabase.has(r.table_name)) inDatabase.set(r.table_name, new Map());
      inDatabase.get(r.table_name)!.set(r.column_name, { type: r.type, notNull: r.not_null });
    }
    const tables = drizzleTables();
    expect(tables.length).toBeGreaterThan(20);
    for (const table of tables) {
      const config = getTableConfig(table);
      const columns = inDatabase.get(config.name);
      expect(columns, `table ${config.name}`).toBeDefined();
      const expected = Object.fromEntries(config.columns.map((c) => [c.name, { type: postgresType(c.getSQLType()), notNull: c.notNull }]));
      expect(Object.fromEntries(columns!), `columns of ${config.name}`).toEqual(expected);
    }
  });

  test("every named index, unique, check and foreign key of db/schema exists", async () => {
    const constraints = new Set(
      (
        await rows<{ name: string }>(handle.db, sql`select conname as name from pg_constraint c join pg_namespace n on n.oid = c.connamespace where n.nspname = 'public'`)
      ).map((r) => r.name),
    );
    const indexes = new Set((await rows<{ name: string }>(handle.db, sql`select indexname as name from pg_indexes where schemaname = 'public'`)).map((r) => r.name));
    for (const table of drizzleTables()) {
      const config = getTableConfig(table);
      for (const check of config.checks) expect(constraints.has(check.name), `check ${check.name} on ${config.name}`).toBe(true);
      for (const unique of config.uniqueConstraints) {
        const name = unique.getName();
        expect(name && (constraints.has(name) || indexes.has(name)), `unique ${name} on ${config.name}`).toBeTruthy();
      }
      for (const foreignKey of config.foreignKeys) expect(constraints.has(foreignKey.getName()), `foreign key ${foreignKey.getName()} on ${config.name}`).toBe(true);
      for (const index of config.indexes) {
        if (index.config.name) expect(indexes.has(index.config.name), `index ${index.config.name} on ${config.name}`).toBe(true);
      }
    }
  });
});

/** The tables db/schema declares. */
function drizzleTables(): PgTable[] {
  return (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));
}

/** Drizzle's column type as PostgreSQL's format_type() names it. */
function postgresType(drizzleType: string): string {
  const aliases: Record<string, string> = {
    serial: "integer",
    smallserial: "smallint",
    bigserial: "bigint",
    timestamp: "timestamp without time zone",
    time: "time without time zone",
  };
  const [base, array = ""] = drizzleType.split(/(?=\[)/);
  return `${aliases[base!] ?? base!.replace(/^varchar/, "character varying")}${array}`;
}

/** What a migration can change: tables and columns, constraints, indexes, functions and triggers. */
async function shapeOf(db: Database) {
  return {
    columns: await rows(
      db,
      sql`select table_name, column_name, data_type, is_nullable, column_default from information_schema.columns
          where table_schema = 'public' order by table_name, column_name`,
    ),
    constraints: await rows(
      db,
      sql`select conrelid::regclass::text as on_table, conname, pg_get_constraintdef(c.oid) as definition
          from pg_constraint c join pg_namespace n on n.oid = c.connamespace where n.nspname = 'public' order by 1, 2`,
    ),
    indexes: await rows(db, sql`select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by 1, 2`),
    functions: await rows(
      db,
      sql`select p.proname, pg_get_function_identity_arguments(p.oid) as arguments, md5(p.prosrc) as body
          from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' order by 1, 2`,
    ),
    triggers: await rows(db, sql`select tgrelid::regclass::text as on_table, tgname from pg_trigger where not tgisinternal order by 1, 2`),
  };
}

/** Rows of a query on either driver (postgres.js answers an array, PGlite an object with rows). */
async function rows<Row = Record<string, unknown>>(db: Database, query: ReturnType<typeof sql>): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as Row[] | { rows: Row[] };
  return Array.isArray(result) ? [...result] : result.rows;
}

describe("the embedded database's folder lock", () => {
  test("a second opener of the same folder gets a clear error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lotse-lock-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const first = await lockDataDir(dir);
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirInUseError);
    await expect(lockDataDir(dir)).rejects.toThrow(/already in use by another Lotse process/);
    await first.release();
    const again = await lockDataDir(dir);
    await again.release();
  });

  test("the lock is released when its holder is killed with SIGKILL", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lotse-lock-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    // A child process takes the lock with the same module, then is killed with -9.
    const module = new URL("../../app/lib/data-dir-lock.server.ts", import.meta.url).href;
    const script = `const { lockDataDir } = await import(${JSON.stringify(module)});
      await lockDataDir(${JSON.stringify(dir)}); console.log("locked"); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirInUseError);
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    const lock = await lockDataDir(dir);
    await lock.release();
  });
});
