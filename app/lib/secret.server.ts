import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import * as schema from "#db/schema";
import type { Database } from "./db.server";
import type { Env } from "./env.server";

/**
 * The key for signing (proof-of-work challenges, wait tickets, later sessions): SESSION_SECRET,
 * or in demo mode without it a random key generated once and kept in the database, so that every
 * app process uses the same one.
 */
export async function instanceSecret(db: Database, env: Env): Promise<string> {
  if (env.sessionSecret) return env.sessionSecret;
  // Never changes once stored, so each process reads it once.
  let secret = generated.get(db);
  if (!secret) {
    secret = readOrCreate(db);
    generated.set(db, secret);
    secret.catch(() => generated.delete(db));
  }
  return secret;
}

const generated = new WeakMap<Database, Promise<string>>();

async function readOrCreate(db: Database): Promise<string> {
  await db
    .insert(schema.instanceSettings)
    .values({ key: "signing-secret", value: randomBytes(32).toString("base64url") })
    .onConflictDoNothing();
  const [row] = await db.select().from(schema.instanceSettings).where(eq(schema.instanceSettings.key, "signing-secret"));
  return row!.value;
}
