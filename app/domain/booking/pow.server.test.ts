// The proof of work is ALTCHA v1, checked with node:crypto: interchangeable with altcha-lib in
// both directions, and strict about what it accepts.
import { createChallenge, solveChallenge, verifySolution } from "altcha-lib/v1";
import { describe, expect, test } from "vitest";
import { createPowChallenge, verifyPowSolution } from "./pow.server";

const key = "k".repeat(32);
const now = new Date("2026-11-23T10:00:00Z");
const inTenMinutes = new Date(now.getTime() + 10 * 60_000);

async function solved(challenge: { algorithm: string; challenge: string; salt: string; maxnumber?: number; signature: string }, number?: number) {
  const n = number ?? (await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise)!.number;
  return { payload: Buffer.from(JSON.stringify({ ...challenge, number: n })).toString("base64"), number: n };
}

describe("ALTCHA v1 with node:crypto", () => {
  test("our challenge, solved by altcha-lib, passes our check and altcha-lib's", async () => {
    const challenge = createPowChallenge(key, 2_000, new Date(Date.now() + 60_000));
    expect(challenge.algorithm).toBe("SHA-256");
    expect(challenge.salt).toMatch(/^[0-9a-f]{24}\?expires=\d+&$/);
    const { payload } = await solved(challenge);
    expect(verifyPowSolution(payload, key, new Date())).toBe(true);
    expect(await verifySolution(payload, key, true)).toBe(true);
  });

  test("altcha-lib's challenge with an expiry passes our check", async () => {
    const challenge = await createChallenge({ hmacKey: key, maxNumber: 2_000, expires: new Date(Date.now() + 60_000) });
    const { payload } = await solved(challenge);
    expect(verifyPowSolution(payload, key, new Date())).toBe(true);
  });

  test("the number can be anything up to and including the maximum", () => {
    const seen = new Set<number>();
    for (let i = 0; i < 300; i++) {
      const c = createPowChallenge(key, 3, inTenMinutes);
      for (let n = 0; n <= 3; n++) if (verifyPowSolution(Buffer.from(JSON.stringify({ ...c, number: n })).toString("base64"), key, now)) seen.add(n);
    }
    expect([...seen].sort()).toEqual([0, 1, 2, 3]);
  });

  test("refuses a wrong number, another key, an expired challenge, a changed expiry, other algorithms and junk", async () => {
    const challenge = createPowChallenge(key, 1_000, inTenMinutes);
    const { payload, number } = await solved(challenge);
    expect(verifyPowSolution(payload, key, now)).toBe(true);
    expect(verifyPowSolution((await solved(challenge, number + 1)).payload, key, now)).toBe(false);
    expect(verifyPowSolution(payload, "another-key-another-key-another-k", now)).toBe(false);
    expect(verifyPowSolution(payload, key, new Date(inTenMinutes.getTime() + 1_000))).toBe(false);
    // A later expiry written into the salt changes the challenge's hash: refused.
    const later = { ...challenge, salt: challenge.salt.replace(/expires=\d+/, `expires=${Math.floor(inTenMinutes.getTime() / 1000) + 3600}`) };
    expect(verifyPowSolution((await solved(later, number)).payload, key, now)).toBe(false);
    // SHA-1 (altcha-lib would accept what the payload names) and a challenge without expiry.
    const sha1 = await createChallenge({ hmacKey: key, maxNumber: 50, algorithm: "SHA-1", expires: inTenMinutes });
    expect(verifyPowSolution((await solved(sha1)).payload, key, now)).toBe(false);
    const forever = await createChallenge({ hmacKey: key, maxNumber: 50 });
    expect(verifyPowSolution((await solved(forever)).payload, key, now)).toBe(false);
    for (const junk of ["", "not base64 json", Buffer.from("null").toString("base64"), Buffer.from('{"number":"1"}').toString("base64"), "A".repeat(2_001)]) {
      expect(verifyPowSolution(junk, key, now)).toBe(false);
    }
    const negative = Buffer.from(JSON.stringify({ ...challenge, number: -1 })).toString("base64");
    expect(verifyPowSolution(negative, key, now)).toBe(false);
  });
});
