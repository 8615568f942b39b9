// Starts the built server once for the whole Playwright run, on a database of its own:
// E2E_DB=postgres (default) creates a fresh PostgreSQL database; E2E_DB=pglite uses the
// embedded default in a fresh data folder. Returns the teardown.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPostgresDatabase } from "#tests/support/postgres";

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env.E2E_BASE_URL) return async () => {};
  const server = await startJourneyServer({
    // E2E_PORT lets two runs (e.g. two developers' sessions on one machine) use different ports.
    port: Number(process.env.E2E_PORT ?? 3917),
    driver: process.env.E2E_DB === "pglite" ? "pglite" : "postgres",
  });
  // Workers start after this and inherit it: journeys that need to arrange data a person
  // cannot create (a fully booked service, a lottery window that has closed) use it.
  if (server.databaseUrl) process.env.E2E_DATABASE_URL = server.databaseUrl;
  return server.stop;
}

export type JourneyServer = { databaseUrl: string | null; stop(): Promise<void> };

/**
 * The built server on `port` with a database of its own. Refuses to start when the port is
 * taken: the journeys would otherwise run against whatever answers there (another run's
 * server, an old build) and pass or fail for the wrong reasons.
 */
export async function startJourneyServer(options: { port: number; driver: "postgres" | "pglite" }): Promise<JourneyServer> {
  const { port, driver } = options;
  await assertPortFree(port);
  const env: Record<string, string> = {
    // The smallest proof of work the setting allows (default 50,000 hashes): the journeys take
    // the same path through the puzzle, the hold endpoint and the refusals, but a browser (or
    // holdAsSomeoneElse in Node) under CI's load solves it in milliseconds instead of seconds.
    POW_MAX_NUMBER: "1000",
    ...(process.env as Record<string, string>),
    PORT: String(port),
    HOST: "127.0.0.1",
    TRUST_PROXY: "1",
  };
  delete env.DATABASE_URL;
  let cleanup: () => Promise<void>;
  let databaseUrl: string | null = null;
  if (driver === "postgres") {
    const database = await createPostgresDatabase("lotse_e2e");
    Object.assign(env, { DATABASE_URL: database.url, DEMO_MODE: "true" });
    databaseUrl = database.url;
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
  try {
    await waitForHealth(server, port, () => log);
  } catch (error) {
    await stop(server);
    await cleanup();
    throw error;
  }

  return {
    databaseUrl,
    async stop() {
      await stop(server);
      await cleanup();
    },
  };
}

/** Throws a clear error when something listens on the port already (on any address). */
export async function assertPortFree(port: number): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
  const answers = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_000) }).then(
    () => true,
    () => false,
  );
  if (!free || answers) {
    throw new Error(
      `Port ${port} is already in use (another test run's server or an old one?). The journeys would run against whatever answers there. ` +
        "Stop that process or choose a free port with E2E_PORT.",
    );
  }
}

async function waitForHealth(server: ChildProcess, port: number, log: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The server exited during start:\n${log()}`);
    // Only our own process's answer counts: it says so once it holds the port.
    if (log().includes(`(port ${port})`)) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (res.ok) return;
      } catch {
        // not answering yet
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The server did not become healthy within 60 s:\n${log()}`);
}

function stop(server: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (server.exitCode !== null || server.signalCode !== null) return resolve();
    const force = setTimeout(() => server.kill("SIGKILL"), 10_000);
    server.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    server.kill("SIGTERM");
  });
}
