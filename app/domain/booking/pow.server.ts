// ALTCHA v1 proofs of work (SHA-256), created and checked with node:crypto. The format is
// altcha-lib's, so any ALTCHA v1 solver (ours in /enhance.js, altcha-lib's, the widget) works;
// tests check both directions against altcha-lib. altcha-lib itself awaits WebCrypto for every
// hash and key import, which in a booking rush cost more than the rest of a refusal together
// (docs/decisions/0015).
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

export const POW_ALGORITHM = "SHA-256";

export type PowChallenge = { algorithm: typeof POW_ALGORITHM; challenge: string; maxnumber: number; salt: string; signature: string };

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const hmac = (key: string, text: string) => createHmac("sha256", key).update(text).digest("hex");

/** A challenge whose solution is a whole number up to `maxNumber`, valid until `expires`. */
export function createPowChallenge(hmacKey: string, maxNumber: number, expires: Date): PowChallenge {
  // As altcha-lib: the parameters ride in the salt, ended by "&" so that none can be spliced on.
  const salt = `${randomBytes(12).toString("hex")}?expires=${Math.floor(expires.getTime() / 1000)}&`;
  const challenge = sha256(salt + randomInt(maxNumber + 1));
  return { algorithm: POW_ALGORITHM, challenge, maxnumber: maxNumber, salt, signature: hmac(hmacKey, challenge) };
}

/**
 * Whether `payload` (base64 JSON, as ALTCHA clients send it) solves a challenge this key signed
 * and that has not expired. Only SHA-256 is accepted. It says nothing about reuse: the caller
 * spends each solution once.
 */
export function verifyPowSolution(payload: string, hmacKey: string, now: Date): boolean {
  if (payload.length > 2000) return false;
  let solution: unknown;
  try {
    solution = JSON.parse(Buffer.from(payload, "base64").toString("utf8"));
  } catch {
    return false;
  }
  if (typeof solution !== "object" || solution === null) return false;
  const { algorithm, challenge, number, salt, signature } = solution as Record<string, unknown>;
  if (algorithm !== POW_ALGORITHM || typeof challenge !== "string" || typeof salt !== "string" || typeof signature !== "string") return false;
  if (typeof number !== "number" || !Number.isSafeInteger(number) || number < 0) return false;
  const query = salt.split("?")[1] ?? "";
  const expires = Number(new URLSearchParams(query).get("expires"));
  // Our challenges always carry an expiry; one without it was not made here.
  if (!Number.isFinite(expires) || expires <= 0 || expires * 1000 < now.getTime()) return false;
  return same(sha256(salt + number), challenge) && same(hmac(hmacKey, challenge), signature);
}

function same(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
