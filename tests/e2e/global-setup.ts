// Starts the built server once for the whole Playwright run, on a database of its own:
// E2E_DB=postgres (default) creates a fresh PostgreSQL database; E2E_DB=pglite uses the
// embedded default in a fresh data folder. Returns the teardown.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPostgresDatabase } from "#tests/support/postgres";

// E2E_PORT lets two runs (e.g. two developers' sessions on one machine) use different ports.
const port = Number(process.env.E2E_PORT ?? 3917);

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env.E2E_BASE_URL) return async () => {};
  const driver = process.env.E2E_DB === "pglite" ? "pglite" : "postgres";
  const env: Record<string, string> = { ...(process.env as Record<string, string>), PORT: String(port), HOST: "127.0.0.1", TRUST_PROXY: "1" };
  delete env.DATABASE_URL;
  let cleanup: () => Promise<void>;
  if (driver === "postgres") {
    const database = await createPostgresDatabase("lotse_e2e");
    Object.assign(env, { DATABASE_URL: database.url, DEMO_MODE: "true" });
    // Workers start after this and inherit it: journeys that need to arrange data a person
    // cannot create (a fully booked service, a lottery window that has closed) use it.
    process.env.E2E_DATABASE_URL = database.url;
    cleanup = database.drop;
  } else {
    const dir = mkdtempSync(join(tmpdir(), "lotse-e2e-"));
    env.DATA_DIR = dir;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }

  const server = spawn(process.execPath, ["server.js"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  server.stdout!.on("data", (d) => (log += d));
  server.stderr!.on("data", (d) => (log += d));
  await waitForHealth(server, () => log);

  return async () => {
    await stop(server);
    await cleanup();
  };
}

async function waitForHealth(server: ChildProcess, log: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The server exited during start:\n${log()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  server.kill("SIGKILL");
  throw new Error(`The server did not become healthy within 60 s:\n${log()}`);
}

function stop(server: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (server.exitCode !== null) return resolve();
    const force = setTimeout(() => server.kill("SIGKILL"), 10_000);
    server.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    server.kill("SIGTERM");
  });
}
