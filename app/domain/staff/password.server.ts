// Password hashing with argon2id (Node's built-in crypto.argon2), stored as PHC strings:
// $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>, base64 without padding.
import { argon2, randomBytes, timingSafeEqual } from "node:crypto";

/** OWASP's minimum recommendation for argon2id: 19 MiB, two passes, one lane. */
export const argon2Params = { memory: 19_456, passes: 2, parallelism: 1, tagLength: 32 } as const;
const SALT_BYTES = 16;

type Params = { memory: number; passes: number; parallelism: number; tagLength: number };

function derive(password: string, salt: Buffer, params: Params): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    argon2(
      "argon2id",
      {
        message: Buffer.from(password.normalize("NFC"), "utf8"),
        nonce: salt,
        parallelism: params.parallelism,
        tagLength: params.tagLength,
        memory: params.memory,
        passes: params.passes,
      },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

const b64 = (bytes: Buffer) => bytes.toString("base64").replace(/=+$/, "");

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, argon2Params);
  const { memory, passes, parallelism } = argon2Params;
  return `$argon2id$v=19$m=${memory},t=${passes},p=${parallelism}$${b64(salt)}$${b64(hash)}`;
}

type Parsed = { params: Params; salt: Buffer; hash: Buffer };

const PHC = /^\$argon2id\$v=19\$m=(\d{1,7}),t=(\d{1,3}),p=(\d{1,2})\$([A-Za-z0-9+/]{11,})\$([A-Za-z0-9+/]{22,})$/;

/** Reads a PHC string; null for anything else, or for parameters no sane hash would use. */
export function parsePhc(phc: string): Parsed | null {
  const m = PHC.exec(phc);
  if (!m) return null;
  const [memory, passes, parallelism] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (memory < 8 * parallelism || memory > 1_048_576 || passes < 1 || passes > 20 || parallelism < 1) return null;
  const salt = Buffer.from(m[4]!, "base64");
  const hash = Buffer.from(m[5]!, "base64");
  if (salt.length < 8 || hash.length < 16 || hash.length > 64) return null;
  return { params: { memory, passes, parallelism, tagLength: hash.length }, salt, hash };
}

/** Whether the password matches the stored hash; a malformed hash never matches. */
export async function verifyPassword(password: string, phc: string): Promise<boolean> {
  const parsed = parsePhc(phc);
  if (!parsed) return false;
  const computed = await derive(password, parsed.salt, parsed.params);
  return timingSafeEqual(computed, parsed.hash);
}

/** Whether a stored hash was made with weaker parameters than today's (rehash on login). */
export function needsRehash(phc: string): boolean {
  const parsed = parsePhc(phc);
  if (!parsed) return true;
  const p = parsed.params;
  return p.memory < argon2Params.memory || p.passes < argon2Params.passes || p.tagLength < argon2Params.tagLength;
}

// A real hash of a password nobody knows, so that a login for an unknown e-mail address costs
// the same time as one for a known address.
let dummy: Promise<string> | undefined;
export async function dummyVerify(password: string): Promise<void> {
  dummy ??= hashPassword(randomBytes(16).toString("hex"));
  await verifyPassword(password, await dummy);
}

/** A random password for a new account or a reset: 20 characters, unambiguous letters and digits. */
export function generatePassword(): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY345679";
  const bytes = randomBytes(40);
  let out = "";
  // Rejection sampling keeps every character equally likely.
  for (const byte of bytes) {
    if (byte >= 256 - (256 % alphabet.length)) continue;
    out += alphabet[byte % alphabet.length];
    if (out.length === 20) break;
  }
  return out.length === 20 ? `${out.slice(0, 5)}-${out.slice(5, 10)}-${out.slice(10, 15)}-${out.slice(15)}` : generatePassword();
}
