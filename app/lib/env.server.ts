import { z } from "zod";

// The environment is read once, at start. A wrong value stops the start with a message that
// names the setting, rather than failing later in some request.

const flag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "must be true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const emptyAsUnset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

function wholeNumber(min: number, max: number, fallback: number, error: string) {
  return z.preprocess(emptyAsUnset, z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error }).default(fallback));
}

const schema = z.object({
  DATABASE_URL: z.preprocess(
    emptyAsUnset,
    z
      .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
      .optional(),
  ),
  PORT: wholeNumber(1, 65535, 3000, "must be a whole number between 1 and 65535"),
  HOST: z.preprocess(emptyAsUnset, z.string().default("0.0.0.0")),
  DATA_DIR: z.preprocess(emptyAsUnset, z.string().default("./data")),
  PUBLIC_URL: z.preprocess(
    emptyAsUnset,
    z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" }).optional(),
  ),
  DEMO_MODE: z.preprocess(emptyAsUnset, flag.optional()),
  SESSION_SECRET: z.preprocess(
    emptyAsUnset,
    z.string().min(32, { error: "must be at least 32 characters long" }).optional(),
  ),
  SMTP_URL: z.preprocess(
    emptyAsUnset,
    z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL, e.g. smtps://user:password@mail.example.org" }).optional(),
  ),
  MAIL_FROM: z.preprocess(emptyAsUnset, z.string().min(3).default("Lotse <no-reply@localhost>")),
  TRUST_PROXY: wholeNumber(0, 5, 0, "must be the number of proxies in front of Lotse (0 to 5)"),
  // Work per hold: at most this many hashes, about half a second on a cheap phone at 50,000.
  // Lower only for load tests (npm run bench:booking); higher slows down people, not only bots.
  POW_MAX_NUMBER: wholeNumber(1_000, 1_000_000, 50_000, "must be a whole number between 1000 and 1000000"),
  WEB_CONCURRENCY: wholeNumber(1, 64, 1, "must be the number of app processes to run (1 to 64)"),
  NODE_ENV: z.preprocess(
    emptyAsUnset,
    z.enum(["development", "production", "test"]).default("production"),
  ),
});

export type Env = {
  databaseUrl: string | undefined;
  port: number;
  host: string;
  dataDir: string;
  publicUrl: string;
  demoMode: boolean;
  sessionSecret: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** How many reverse proxies to trust for the client's address. */
  trustProxy: number;
  /** Difficulty of the proof of work for holding a time: the largest number a client may have to try. */
  powMaxNumber: number;
  /** App processes that `node server.js` runs (node:cluster; they share the port and the database). */
  processes: number;
  nodeEnv: "development" | "production" | "test";
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Lotse cannot start: the configuration is wrong.\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const key = String(issue.path[0] ?? "environment");
        const given = source[key];
        return `${key} ${issue.message}${given === undefined ? "" : ` (got ${JSON.stringify(redact(key, given))})`}`;
      }),
    );
  }
  const e = result.data;
  const demoMode = e.DEMO_MODE ?? e.DATABASE_URL === undefined;
  if (e.WEB_CONCURRENCY > 1 && e.DATABASE_URL === undefined) {
    throw new ConfigError([
      `WEB_CONCURRENCY must be 1 with the embedded database (got ${e.WEB_CONCURRENCY}): one process owns the data folder. Set DATABASE_URL to run several processes.`,
    ]);
  }
  if (!demoMode && e.SESSION_SECRET === undefined) {
    throw new ConfigError([
      "SESSION_SECRET is required when DEMO_MODE is off (at least 32 random characters, e.g. from `openssl rand -base64 48`)",
    ]);
  }
  return {
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    demoMode,
    sessionSecret: e.SESSION_SECRET,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    trustProxy: e.TRUST_PROXY,
    powMaxNumber: e.POW_MAX_NUMBER,
    processes: e.WEB_CONCURRENCY,
    nodeEnv: e.NODE_ENV,
  };
}

function redact(key: string, value: string): string {
  if (key === "SESSION_SECRET") return "…";
  if (key === "DATABASE_URL" || key === "SMTP_URL") return value.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:…@");
  return value;
}
