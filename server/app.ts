// The Lotse server: reads the configuration, opens and migrates the database (seeding the
// demo office in demo mode), and serves React Router's request handler behind Express.
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import { createRequestHandler } from "@react-router/express";
import compression from "compression";
import express, { type RequestHandler } from "express";
import { RouterContextProvider } from "react-router";
import { seedDemoOffice } from "#db/seed/seed";
import { DEMO_CASE_WORKER_PASSWORD, demoCaseWorkers, seedDemoStaff } from "#db/seed/demo-staff";
import { appContext } from "#app/lib/context";
import { migrateDatabase, openDatabase, type DatabaseHandle } from "#app/lib/db.server";
import { ConfigError, type Env, parseEnv } from "#app/lib/env.server";
import { projectPath } from "#app/lib/project-path.server";
import { backgroundTick } from "#app/jobs.server";
import { documentsFor } from "#app/domain/applications/applications.server";
import { startWorker } from "#app/lib/jobs.server";
import { createMailer } from "#app/lib/mail.server";

export type StartOptions = {
  /** Vite's dev middleware; absent in production, where build/client is served. */
  devMiddleware?: RequestHandler;
  /** Loads the React Router server build (dev: through Vite). */
  loadBuild?: () => Promise<unknown>;
  environment?: Record<string, string | undefined>;
};

export type Running = { server: Server; env: Env; database: DatabaseHandle; stop(): Promise<void> };

function securityHeaders(env: Env): RequestHandler {
  return (_req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.nonce = nonce;
    if (env.nodeEnv !== "development") {
      res.setHeader(
        "Content-Security-Policy",
        [
          "default-src 'self'",
          `script-src 'self' 'nonce-${nonce}'`,
          "style-src 'self'",
          "img-src 'self' data: blob:",
          "font-src 'self'",
          "connect-src 'self'",
          "form-action 'self'",
          "frame-ancestors 'none'",
          "base-uri 'none'",
          "object-src 'none'",
        ].join("; "),
      );
    }
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Permissions-Policy", "camera=(self), geolocation=(), microphone=()");
    next();
  };
}

export async function start(options: StartOptions = {}): Promise<Running> {
  const env = parseEnv(options.environment ?? process.env);
  const dbOptions = { databaseUrl: env.databaseUrl, dataDir: env.dataDir };
  const database = await openDatabase(dbOptions);
  let demoLogins: Awaited<ReturnType<typeof seedDemoStaff>> = [];
  try {
    let seeded = false;
    await migrateDatabase(dbOptions, database, async (db) => {
      if (env.demoMode) {
        seeded = await seedDemoOffice(db);
        demoLogins = await seedDemoStaff(db);
      }
    });
    const where = database.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite in ${env.dataDir}`;
    console.log(`Lotse: database ${where} migrated${seeded ? ", demo office seeded" : ""}.`);
  } catch (error) {
    await database.close();
    throw error;
  }

  // Background work (reminders, e-mail, sweeps) runs in every process; jobs are taken from
  // PostgreSQL with SKIP LOCKED, so processes share the work instead of repeating it.
  const mailer = createMailer(env.smtpUrl, env.mailFrom);
  const { storage } = documentsFor(env.documents);
  const worker = startWorker(() => backgroundTick(database.db, mailer, env.publicUrl, new Date(), storage), 5_000);

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.trustProxy);
  app.use(compression());
  app.use(securityHeaders(env));
  if (options.devMiddleware) {
    app.use(options.devMiddleware);
  } else {
    const client = projectPath("build/client");
    app.use("/assets", express.static(`${client}/assets`, { immutable: true, maxAge: "1y" }));
    app.use(express.static(client, { maxAge: "1h" }));
  }
  app.use(
    createRequestHandler({
      // Dev: a function, called per request, so that edits show. Production: the build itself;
      // given a function, React Router re-imports the build and rebuilds its route tree on every
      // request (measured with npm run bench:booking).
      build: (options.loadBuild ?? (await import("virtual:react-router/server-build"))) as never,
      mode: env.nodeEnv,
      getLoadContext(req, res) {
        const context = new RouterContextProvider();
        context.set(appContext, {
          db: database.db,
          dbKind: database.kind,
          env,
          nonce: String(res.locals.nonce),
          clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
          memo: new Map(),
        });
        return context;
      },
    }),
  );

  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(env.port, env.host, () => resolve(s));
    s.once("error", reject);
  });
  const worker1 = !cluster.isWorker || cluster.worker?.id === 1;
  console.log(`Lotse: ${cluster.isWorker ? `process ${cluster.worker?.id} ` : ""}listening on ${env.publicUrl} (port ${env.port}).`);
  if (env.demoMode && worker1) console.log("Lotse: demo mode is on; every page says that this is a demonstration.");
  if (env.demoMode && worker1 && demoLogins.length > 0) {
    console.log(`Lotse: demo staff logins (${env.publicUrl}/staff/login):`);
    for (const s of demoLogins) console.log(`Lotse:   ${s.role.padEnd(13)} ${s.email.padEnd(34)} ${s.password}`);
    const others = demoCaseWorkers.filter((c) => c.email !== "case-worker@demo.lotse.example").map((c) => c.email);
    console.log(`Lotse:   other case workers (one per letter range, password ${DEMO_CASE_WORKER_PASSWORD}): ${others.join(", ")}`);
  }
  if (worker1) console.log(mailer ? "Lotse: e-mail goes out through SMTP_URL." : "Lotse: no SMTP_URL; messages stay in the outbox (in demo mode: /demo/outbox).");

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await worker.stop();
      await database.close();
    })());
  return { server, env, database, stop };
}

/** Starts the server for `node server.js`: clear messages for configuration errors, clean shutdown. */
export async function main(options: StartOptions = {}): Promise<void> {
  let running: Running;
  try {
    if (!options.devMiddleware && cluster.isPrimary) {
      const { processes } = parseEnv(options.environment ?? process.env);
      if (processes > 1) return supervise(processes);
    }
    running = await start(options);
  } catch (error) {
    if (error instanceof ConfigError || (error instanceof Error && error.name === "DataDirInUseError")) {
      console.error(error.message);
    } else {
      console.error("Lotse could not start:", error);
    }
    process.exit(1);
  }
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.log(`Lotse: ${signal} received, shutting down.`);
      const force = setTimeout(() => process.exit(1), 10_000);
      force.unref();
      void running.stop().then(() => process.exit(0));
    });
  }
}

/**
 * WEB_CONCURRENCY > 1: this process only supervises that many app processes (node:cluster), which
 * share the port and one PostgreSQL. Nothing is kept in one process that another needs (sessions,
 * holds, rate limits and jobs live in PostgreSQL), so a request may reach any of them. A process
 * that dies is replaced; if one dies within seconds of its start (e.g. the database is
 * unreachable), the whole server stops with an error instead of restarting in a loop.
 */
function supervise(processes: number): void {
  const STARTUP_MS = 15_000;
  let stopping = false;
  const fork = () => {
    const worker = cluster.fork();
    const started = Date.now();
    worker.once("exit", (code, signal) => {
      if (stopping) return;
      if (Date.now() - started < STARTUP_MS) {
        console.error(`Lotse: process ${worker.id} stopped during start (${signal ?? `exit code ${code}`}); shutting down.`);
        stopping = true;
        for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
        process.exitCode = 1;
        return;
      }
      console.error(`Lotse: process ${worker.id} stopped (${signal ?? `exit code ${code}`}); starting a new one.`);
      fork();
    });
  };
  console.log(`Lotse: starting ${processes} app processes (WEB_CONCURRENCY).`);
  for (let i = 0; i < processes; i++) fork();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.log(`Lotse: ${signal} received, stopping ${processes} processes.`);
      stopping = true;
      const force = setTimeout(() => process.exit(1), 15_000);
      force.unref();
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
      const check = setInterval(() => {
        if (Object.keys(cluster.workers ?? {}).length === 0) {
          clearInterval(check);
          process.exit(0);
        }
      }, 50);
    });
  }
}
