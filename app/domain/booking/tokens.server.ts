// The random parts of the booking: link tokens (stored only as hashes) and booking codes.
import { createHash, randomBytes, randomInt } from "node:crypto";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** 128 bits of randomness, URL-safe. */
export function newToken(): string {
  return randomBytes(16).toString("base64url");
}

// Booking codes avoid letters and digits that are easy to confuse (0/O, 1/I/L, 5/S, 2/Z, 8/B).
const CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
export function newBookingCode(): string {
  let code = "";
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
