// The numbers and secrets an applicant reads, types or says on the phone: Crockford's base 32
// (digits and capitals without I, L, O, U), so that 0/O and 1/I/L cannot be confused, grouped in
// fours, case-insensitive, with spaces and dashes ignored.
//
// - The reference (Aktenzeichen of the application) "LT-7K4M-9QXD": 7 random characters and a
//   check character (Luhn mod 32), so that any single mistyped character and any swap of two
//   neighbours (except 0 and Z, Luhn's one blind spot) is caught before a lookup. Not a secret: it is printed on the receipt.
// - Secret codes (the draft's resume code, the access code): 28 characters, 140 random bits.
//   Only their SHA-256 is stored.
import { createHash, randomBytes } from "node:crypto";

export const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));
const CONFUSABLE: Readonly<Record<string, string>> = { O: "0", I: "1", L: "1", U: "V" };

export const SECRET_LENGTH = 28;

function randomChars(count: number): string {
  const bytes = randomBytes(count);
  // 256 is a multiple of 32: each byte's low five bits are uniform.
  return Array.from(bytes, (b) => ALPHABET[b & 31]).join("");
}

/** Upper case, confusable letters mapped to digits, everything but the alphabet dropped. */
export function normalizeCode(input: string): string {
  return [...input.toUpperCase()]
    .map((c) => CONFUSABLE[c] ?? c)
    .filter((c) => VALUE.has(c))
    .join("");
}

/** A new secret (the draft's resume code or the access code), ungrouped. */
export function newSecret(): string {
  return randomChars(SECRET_LENGTH);
}

/** Normalises a typed or linked secret; null when it cannot be one (wrong length). */
export function parseSecret(input: string): string | null {
  if (input.length > 100) return null;
  const code = normalizeCode(input);
  return code.length === SECRET_LENGTH ? code : null;
}

/** "K7M2-9QXD-…": groups of four for reading and typing. */
export function groupCode(code: string): string {
  return code.match(/.{1,4}/g)!.join("-");
}

export function hashSecret(code: string): string {
  return createHash("sha256").update(`lotse-secret:${code}`).digest("hex");
}

/** Luhn mod N over the alphabet: the character that makes the weighted sum divisible by 32. */
export function checkCharacter(payload: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = payload.length - 1; i >= 0; i--) {
    let addend = factor * VALUE.get(payload[i]!)!;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / 32) + (addend % 32);
    sum += addend;
  }
  return ALPHABET[(32 - (sum % 32)) % 32]!;
}

function formatReference(chars: string): string {
  return `LT-${chars.slice(0, 4)}-${chars.slice(4, 8)}`;
}

export function newReference(): string {
  const payload = randomChars(7);
  return formatReference(payload + checkCharacter(payload));
}

/** The reference in its stored form, or null when it is not one (wrong length or check character). */
export function parseReference(input: string): string | null {
  if (input.length > 40) return null;
  let chars = normalizeCode(input);
  // "LT" itself normalises to "1T"; a reference typed with or without its prefix is accepted.
  if (chars.length === 10 && chars.startsWith("1T")) chars = chars.slice(2);
  if (chars.length !== 8) return null;
  const payload = chars.slice(0, 7);
  return checkCharacter(payload) === chars[7] ? formatReference(chars) : null;
}
