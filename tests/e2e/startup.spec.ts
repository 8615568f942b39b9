// Start-up as an operator meets it: the built server refuses a wrong setting by name, refuses a
// second process on the same embedded data folder, and several processes starting at once on
// one PostgreSQL database migrate and seed it once. Also the journeys' own set-up: it refuses a
// port that something else answers on.
import { expect, test } from "@playwright/test";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { freePort } from "#tests/support/ports";
import { createPostgresDatabase } from "#tests/support/postgres";
import { startJourneyServer } from "./global-setup";

type Started = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function startServer(env: Record<string, string>): Started {
  const base = { ...process.env } as Record<string, string>;
  delete base.DATABASE_URL;
  const child = spawn(process.execPath, ["server.js"], { env: { ...base, HOST: "127.0.0.1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function healthy(port: number, server: Started) {
  await expect
    .poll(
      async () => {
        if (server.child.exitCode !== null) throw new Error(`server exited:\n${server.output()}`);
        return fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.status,
          () => 0,
        );
      },
      { timeout: 60_000 },
    )
    .toBe(200);
}

async function stop(server: Started) {
  if (server.child.exitCode === null) server.child.kill("SIGTERM");
  return server.exited;
}

test("a wrong setting stops the start with a message that names it", async () => {
  const server = startServer({ PORT: "eighty", DATA_DIR: "/nonexistent-never-created" });
  expect(await server.exited).toBe(1);
  expect(server.output()).toContain('PORT must be a whole number between 1 and 65535 (got "eighty")');
  const pg = startServer({ DATABASE_URL: "postgres://localhost/x", PORT: String(await freePort()) });
  expect(await pg.exited).toBe(1);
  expect(pg.output()).toContain("SESSION_SECRET is required when DEMO_MODE is off");
});

test("a second process on the same embedded data folder is refused clearly", async () => {
  const dir = mkdtempSync(join(tmpdir(), "lotse-start-"));
  const [port1, port2, port3] = [await freePort(), await freePort(), await freePort()];
  const first = startServer({ PORT: String(port1), DATA_DIR: dir });
  try {
    await healthy(port1, first);
    expect(first.output()).toContain("demo office seeded");
    const second = startServer({ PORT: String(port2), DATA_DIR: dir });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain("is already in use by another Lotse process");
    // The first one is unharmed.
    expect((await fetch(`http://127.0.0.1:${port1}/healthz`)).status).toBe(200);
    // After a clean stop, a new process opens the folder and finds the office (not seeded again).
    expect(await stop(first)).toBe(0);
    const third = startServer({ PORT: String(port3), DATA_DIR: dir });
    await healthy(port3, third);
    expect(third.output()).not.toContain("demo office seeded");
    await stop(third);
  } finally {
    await stop(first);
    rmSync(dir, { recursive: true, force: true });
  }
});

test("three processes starting at once on one PostgreSQL database migrate and seed it once", async () => {
  const database = await createPostgresDatabase("lotse_start");
  const ports = [await freePort(), await freePort(), await freePort()];
  const servers = ports.map((port) => startServer({ PORT: String(port), DATABASE_URL: database.url, DEMO_MODE: "true" }));
  try {
    await Promise.all(servers.map((s, i) => healthy(ports[i]!, s)));
    expect(servers.filter((s) => s.output().includes("demo office seeded"))).toHaveLength(1);
    const db = postgres(database.url, { max: 1 });
    const [row] = await db<{ n: number }[]>`select count(*)::int as n from units`;
    await db.end();
    expect(row?.n).toBe(6);
  } finally {
    await Promise.all(servers.map(stop));
    await database.drop();
  }
});

test("WEB_CONCURRENCY runs several app processes on one port; SIGTERM stops them all", async () => {
  const database = await createPostgresDatabase("lotse_cluster");
  const port = await freePort();
  const server = startServer({ PORT: String(port), DATABASE_URL: database.url, DEMO_MODE: "true", WEB_CONCURRENCY: "2" });
  try {
    await healthy(port, server);
    await expect.poll(() => server.output(), { timeout: 60_000 }).toContain("process 2 listening");
    expect(server.output()).toContain("starting 2 app processes");
    expect(server.output()).toContain("process 1 listening");
    // Seeded once and the demo logins printed once, not once per process.
    expect(server.output().match(/demo office seeded/g)).toHaveLength(1);
    expect(server.output().match(/demo staff logins/g)).toHaveLength(1);
    // Both processes answer pages (the operating system hands connections to either).
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`http://127.0.0.1:${port}/services?lng=en`, { headers: { Connection: "close" } });
      expect(res.status).toBe(200);
    }
  } finally {
    expect(await stop(server)).toBe(0);
    await database.drop();
  }
  // No app process outlives the supervisor.
  await expect
    .poll(() =>
      fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status,
        () => 0,
      ),
    )
    .toBe(0);
});

test("the journeys' set-up refuses a port that something else listens on, instead of testing it", async () => {
  // Something that looks healthy (another run's server, an old build left running), and
  // something that listens but does not speak HTTP.
  const impostor = createServer((_, res) => res.writeHead(200, { "Content-Type": "application/json" }).end('{"status":"ok","database":"ok"}'));
  const silent = createNetServer((socket) => socket.destroy());
  const [healthyPort, silentPort] = [await freePort(), await freePort()];
  await new Promise<void>((resolve) => impostor.listen(healthyPort, "127.0.0.1", resolve));
  await new Promise<void>((resolve) => silent.listen(silentPort, "127.0.0.1", resolve));
  try {
    await expect(startJourneyServer({ port: healthyPort, driver: "pglite" })).rejects.toThrow(`Port ${healthyPort} is already in use`);
    await expect(startJourneyServer({ port: silentPort, driver: "pglite" })).rejects.toThrow(`Port ${silentPort} is already in use`);
  } finally {
    impostor.closeAllConnections();
    await new Promise((resolve) => impostor.close(resolve));
    await new Promise((resolve) => silent.close(resolve));
  }
});
