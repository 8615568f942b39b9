import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { z } from "zod";

// The environment is read once, at start. A wrong value stops the start with a message that
// names the setting, rather than failing later in some request.

const flag = z.enum(["true", "false", "1", "0", "yes", "no"], { error: "must be true or false" }).transform((v) => v === "true" || v === "1" || v === "yes");

const emptyAsUnset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

function wholeNumber(min: number, max: number, fallback: number, error: string) {
  return z.preprocess(emptyAsUnset, z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error }).default(fallback));
}

const schema = z.object({
  DATABASE_URL: z.preprocess(emptyAsUnset, z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" }).optional()),
  PORT: wholeNumber(1, 65535, 3000, "must be a whole number between 1 and 65535"),
  HOST: z.preprocess(emptyAsUnset, z.string().default("0.0.0.0")),
  DATA_DIR: z.preprocess(emptyAsUnset, z.string().default("./data")),
  PUBLIC_URL: z.preprocess(emptyAsUnset, z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" }).optional()),
  DEMO_MODE: z.preprocess(emptyAsUnset, flag.optional()),
  SESSION_SECRET: z.preprocess(emptyAsUnset, z.string().min(32, { error: "must be at least 32 characters long" }).optional()),
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
  DOCUMENT_STORAGE: z.preprocess(emptyAsUnset, z.enum(["local", "s3"], { error: "must be local or s3" }).default("local")),
  DOCUMENT_DIR: z.preprocess(emptyAsUnset, z.string().optional()),
  S3_ENDPOINT: z.preprocess(emptyAsUnset, z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL, e.g. https://s3.example.org" }).optional()),
  S3_BUCKET: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: "must be an S3 bucket name (3 to 63 lower-case letters, digits, dots and hyphens)" })
      .optional(),
  ),
  S3_REGION: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .regex(/^[a-z0-9-]+$/, { error: "must be a region name such as eu-central-1" })
      .default("us-east-1"),
  ),
  S3_ACCESS_KEY_ID: z.preprocess(emptyAsUnset, z.string().optional()),
  S3_SECRET_ACCESS_KEY: z.preprocess(emptyAsUnset, z.string().optional()),
  CLAMD_HOST: z.preprocess(emptyAsUnset, z.string().optional()),
  CLAMD_PORT: wholeNumber(1, 65535, 3310, "must be a whole number between 1 and 65535"),
  // Per file, as uploaded. clamd's StreamMaxLength must be at least this (its default is 25 MB).
  UPLOAD_MAX_BYTES: wholeNumber(1_048_576, 104_857_600, 20_971_520, "must be a whole number of bytes between 1048576 (1 MiB) and 104857600 (100 MiB)"),
  // Per application, counted in stored bytes (after images are re-encoded).
  APPLICATION_QUOTA_BYTES: wholeNumber(1_048_576, 10_737_418_240, 104_857_600, "must be a whole number of bytes between 1048576 (1 MiB) and 10737418240 (10 GiB)"),
  NODE_ENV: z.preprocess(emptyAsUnset, z.enum(["development", "production", "test"]).default("production")),
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
  documents: DocumentSettings;
};

export type DocumentSettings = {
  storage:
    | { kind: "local"; dir: string }
    | {
        kind: "s3";
        /** Unset: Amazon S3 itself. */
        endpoint: string | undefined;
        bucket: string;
        region: string;
        /** Unset: the SDK's default credential chain (e.g. an instance role). */
        credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
      };
  /** clamd to scan every upload with; unset: no virus scanning. */
  clamd: { host: string; port: number } | undefined;
  /** Largest file accepted, in bytes as uploaded. */
  uploadMaxBytes: number;
  /** Stored bytes one application may hold. */
  applicationQuotaBytes: number;
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
  const problems: string[] = [];
  if (e.WEB_CONCURRENCY > 1 && e.DATABASE_URL === undefined) {
    problems.push(
      `WEB_CONCURRENCY must be 1 with the embedded database (got ${e.WEB_CONCURRENCY}): one process owns the data folder. Set DATABASE_URL to run several processes.`,
    );
  }
  if (!demoMode && e.SESSION_SECRET === undefined) {
    problems.push("SESSION_SECRET is required when DEMO_MODE is off (at least 32 random characters, e.g. from `openssl rand -base64 48`)");
  }
  const documents = documentSettings(e, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    documents,
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

function documentSettings(e: z.infer<typeof schema>, problems: string[]): DocumentSettings {
  let storage: DocumentSettings["storage"];
  if (e.DOCUMENT_STORAGE === "s3") {
    if (e.S3_BUCKET === undefined) problems.push("S3_BUCKET is required when DOCUMENT_STORAGE is s3");
    if ((e.S3_ACCESS_KEY_ID === undefined) !== (e.S3_SECRET_ACCESS_KEY === undefined)) {
      problems.push("S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together (or both left unset to use the default credential chain)");
    }
    storage = {
      kind: "s3",
      endpoint: e.S3_ENDPOINT,
      bucket: e.S3_BUCKET ?? "",
      region: e.S3_REGION,
      credentials:
        e.S3_ACCESS_KEY_ID !== undefined && e.S3_SECRET_ACCESS_KEY !== undefined
          ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
          : undefined,
    };
  } else {
    const dir = e.DOCUMENT_DIR ?? join(e.DATA_DIR, "documents");
    // Documents are served only by a route that checks who asks; a folder the static file
    // server also serves would hand them to anyone who guesses a name.
    const webRoots = ["public", "build"].map((d) => resolve(d));
    if (webRoots.some((root) => isInside(resolve(dir), root))) {
      problems.push(`DOCUMENT_DIR must be outside the web root (public/ and build/) (got ${JSON.stringify(dir)})`);
    }
    storage = { kind: "local", dir };
  }
  if (e.APPLICATION_QUOTA_BYTES < e.UPLOAD_MAX_BYTES) {
    problems.push(`APPLICATION_QUOTA_BYTES must be at least UPLOAD_MAX_BYTES (${e.UPLOAD_MAX_BYTES}) (got ${e.APPLICATION_QUOTA_BYTES})`);
  }
  return {
    storage,
    clamd: e.CLAMD_HOST === undefined ? undefined : { host: e.CLAMD_HOST, port: e.CLAMD_PORT },
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    applicationQuotaBytes: e.APPLICATION_QUOTA_BYTES,
  };
}

function isInside(path: string, root: string): boolean {
  const r = relative(root, path);
  return r === "" || (r.split(sep)[0] !== ".." && !isAbsolute(r));
}

function redact(key: string, value: string): string {
  if (key === "SESSION_SECRET" || key === "S3_SECRET_ACCESS_KEY") return "…";
  if (key === "DATABASE_URL" || key === "SMTP_URL") return value.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:…@");
  return value;
}
