import { describe, expect, test } from "vitest";
import { ConfigError, parseEnv } from "./env.server";

function problems(env: Record<string, string>): string[] {
  try {
    parseEnv(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("parseEnv", () => {
  test("defaults: embedded database, demo mode on, port 3000", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ databaseUrl: undefined, demoMode: true, port: 3000, dataDir: "./data" });
    expect(env.publicUrl).toBe("http://localhost:3000");
  });

  test("with DATABASE_URL demo mode is off and a session secret is required", () => {
    const p = problems({ DATABASE_URL: "postgres://u@localhost/db" });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^SESSION_SECRET is required/);
    const env = parseEnv({ DATABASE_URL: "postgres://u@localhost/db", SESSION_SECRET: "x".repeat(32) });
    expect(env.demoMode).toBe(false);
  });

  test("demo mode can be switched on explicitly with PostgreSQL", () => {
    expect(parseEnv({ DATABASE_URL: "postgresql://localhost/db", DEMO_MODE: "true" }).demoMode).toBe(true);
  });

  test("a wrong value names the setting and what was given", () => {
    expect(problems({ PORT: "eighty" })).toEqual(['PORT must be a whole number between 1 and 65535 (got "eighty")']);
    expect(problems({ PORT: "70000" })[0]).toMatch(/^PORT must be a whole number/);
    expect(problems({ DATABASE_URL: "mysql://localhost/db" })[0]).toMatch(/^DATABASE_URL must be a postgres/);
    expect(problems({ PUBLIC_URL: "ftp://x" })[0]).toMatch(/^PUBLIC_URL must be an http/);
    expect(problems({ DEMO_MODE: "maybe" })[0]).toMatch(/^DEMO_MODE must be true or false/);
  });

  test("secrets and passwords are not repeated in messages", () => {
    const [p] = problems({ SESSION_SECRET: "short" });
    expect(p).toContain("SESSION_SECRET must be at least 32 characters");
    expect(p).not.toContain("short");
    const [q] = problems({ DATABASE_URL: "postgres://lotse:hunter2@/", PORT: "x" }).filter((m) => m.startsWith("DATABASE_URL"));
    expect(q ?? "").not.toContain("hunter2");
  });

  test("the proof-of-work difficulty defaults to 50,000 and refuses trivial values", () => {
    expect(parseEnv({}).powMaxNumber).toBe(50_000);
    expect(parseEnv({ POW_MAX_NUMBER: "1000" }).powMaxNumber).toBe(1_000);
    expect(problems({ POW_MAX_NUMBER: "999" })).toEqual(['POW_MAX_NUMBER must be a whole number between 1000 and 1000000 (got "999")']);
    expect(problems({ POW_MAX_NUMBER: "lots" })[0]).toMatch(/^POW_MAX_NUMBER must be a whole number/);
  });

  test("WEB_CONCURRENCY: one process by default, several only with PostgreSQL", () => {
    expect(parseEnv({}).processes).toBe(1);
    expect(parseEnv({ DATABASE_URL: "postgres://u@h/db", SESSION_SECRET: "x".repeat(32), WEB_CONCURRENCY: "4" }).processes).toBe(4);
    expect(problems({ WEB_CONCURRENCY: "2" })[0]).toMatch(/^WEB_CONCURRENCY must be 1 with the embedded database \(got 2\)/);
    expect(problems({ WEB_CONCURRENCY: "0" })).toEqual(['WEB_CONCURRENCY must be the number of app processes to run (1 to 64) (got "0")']);
  });

  test("several problems are reported together", () => {
    expect(problems({ PORT: "0", PUBLIC_URL: "nope" })).toHaveLength(2);
  });
  test("documents: local disk under DATA_DIR by default, 20 MiB per file, 100 MiB per application, no scanning", () => {
    expect(parseEnv({ DATA_DIR: "/srv/lotse" }).documents).toEqual({
      storage: { kind: "local", dir: "/srv/lotse/documents" },
      clamd: undefined,
      uploadMaxBytes: 20_971_520,
      applicationQuotaBytes: 104_857_600,
    });
    expect(parseEnv({ DOCUMENT_DIR: "/var/lib/lotse-docs", CLAMD_HOST: "clamav" }).documents).toMatchObject({
      storage: { kind: "local", dir: "/var/lib/lotse-docs" },
      clamd: { host: "clamav", port: 3310 },
    });
  });

  test("documents: S3 needs a bucket, and both keys or neither", () => {
    expect(parseEnv({ DOCUMENT_STORAGE: "s3", S3_BUCKET: "lotse-docs", S3_ENDPOINT: "http://minio:9000" }).documents.storage).toEqual({
      kind: "s3",
      endpoint: "http://minio:9000",
      bucket: "lotse-docs",
      region: "us-east-1",
      credentials: undefined,
    });
    expect(problems({ DOCUMENT_STORAGE: "s3" })).toEqual(["S3_BUCKET is required when DOCUMENT_STORAGE is s3"]);
    expect(problems({ DOCUMENT_STORAGE: "s3", S3_BUCKET: "lotse-docs", S3_ACCESS_KEY_ID: "id" })[0]).toMatch(
      /^S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together/,
    );
    expect(problems({ DOCUMENT_STORAGE: "ftp" })).toEqual(['DOCUMENT_STORAGE must be local or s3 (got "ftp")']);
    expect(problems({ S3_BUCKET: "Not_A_Bucket" })[0]).toMatch(/^S3_BUCKET must be an S3 bucket name/);
    expect(problems({ S3_ENDPOINT: "minio:9000" })[0]).toMatch(/^S3_ENDPOINT must be an http/);
  });

  test("documents: the secret key is not repeated in messages", () => {
    const p = problems({ DOCUMENT_STORAGE: "s3", S3_SECRET_ACCESS_KEY: "hunter2", S3_BUCKET: "x" });
    expect(p.join("\n")).not.toContain("hunter2");
  });

  test("documents: never inside the web root; limits within bounds and the quota holds at least one file", () => {
    expect(problems({ DOCUMENT_DIR: "public/uploads" })[0]).toMatch(/^DOCUMENT_DIR must be outside the web root/);
    expect(problems({ DATA_DIR: "build/client/data" })[0]).toMatch(/^DOCUMENT_DIR must be outside the web root/);
    expect(problems({ UPLOAD_MAX_BYTES: "100" })[0]).toMatch(/^UPLOAD_MAX_BYTES must be a whole number of bytes between 1048576/);
    expect(problems({ UPLOAD_MAX_BYTES: "31457280", APPLICATION_QUOTA_BYTES: "20971520" })).toEqual([
      "APPLICATION_QUOTA_BYTES must be at least UPLOAD_MAX_BYTES (31457280) (got 20971520)",
    ]);
    expect(problems({ CLAMD_PORT: "0" })[0]).toMatch(/^CLAMD_PORT must be a whole number/);
  });
});
