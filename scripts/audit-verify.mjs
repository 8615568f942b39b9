// `npm run audit:verify`: recomputes the audit log's hash chain in Node (scripts/audit-chain.mjs)
// and compares it with what the database stored. Reads PostgreSQL at DATABASE_URL, or, when that
// is unset, the embedded database in DATA_DIR (default ./data), as the app does. Prints
// "audit log: N entries, chain intact" and exits 0, or names the first broken entry and exits 1.
// The embedded database can be opened by one process only: stop the app first.
import { createHash } from "node:crypto";
import { existsSync, realpathSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { describeResult, verifyAuditLog } from "./audit-chain.mjs";

const unset = (/** @type {string | undefined} */ v) => (v === undefined || v.trim() === "" ? undefined : v);
const databaseUrl = unset(process.env.DATABASE_URL);

/** @returns {Promise<import("./audit-chain.mjs").ChainResult>} */
async function verifyPostgres(/** @type {string} */ url) {
  const { default: postgres } = await import("postgres");
  const sql = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: "lotse-audit-verify" } });
  try {
    // One snapshot for the whole read: entries appended meanwhile are not half seen.
    return await sql.begin("isolation level repeatable read read only", (tx) =>
      verifyAuditLog(async (text, params) => /** @type {any} */ (await tx.unsafe(text, params))),
    );
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** The app's lock on the data folder (app/lib/data-dir-lock.server.ts): refuse while it runs. */
async function lockDataDir(/** @type {string} */ dir) {
  const name = `\0lotse-data-${createHash("sha256").update(realpathSync(dir)).digest("hex").slice(0, 40)}`;
  const server = createServer((socket) => socket.end(`${process.pid}\n`));
  await new Promise((resolve, reject) => {
    server.once("error", (/** @type {NodeJS.ErrnoException} */ error) =>
      reject(error.code === "EADDRINUSE" ? new Error(`The data folder ${dir} is in use by a running Lotse process: stop it first, or set DATABASE_URL.`) : error),
    );
    server.listen({ path: name, exclusive: true }, () => resolve(undefined));
  });
  server.unref();
  return () => new Promise((resolve) => server.close(() => resolve(undefined)));
}

/** @returns {Promise<import("./audit-chain.mjs").ChainResult>} */
async function verifyEmbedded(/** @type {string} */ dataDir) {
  const folder = join(dataDir, "pglite");
  // Opening a folder without a database would create an empty one.
  if (!existsSync(join(folder, "PG_VERSION"))) throw new Error(`No embedded database in ${folder} (set DATA_DIR or DATABASE_URL).`);
  const release = await lockDataDir(dataDir);
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const { btree_gist } = await import("@electric-sql/pglite/contrib/btree_gist");
    const db = await PGlite.create(folder, { extensions: { btree_gist } });
    try {
      return await verifyAuditLog(async (text, params) => /** @type {any} */ ((await db.query(text, params)).rows));
    } finally {
      await db.close();
    }
  } finally {
    await release();
  }
}

try {
  const result = databaseUrl ? await verifyPostgres(databaseUrl) : await verifyEmbedded(unset(process.env.DATA_DIR) ?? "./data");
  console.log(describeResult(result));
  process.exitCode = result.ok ? 0 : 1;
} catch (error) {
  console.error(`audit log: could not be read: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
