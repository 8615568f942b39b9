import { solveChallenge } from "altcha-lib/v1";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { acceptPow, issueWaitTicket, powChallenge, redeemWaitTicket, sweepFairness } from "#app/domain/booking/fairness.server";
import { withinLimit } from "#app/lib/rate-limit.server";
import { createTestDatabase, type TestDatabase } from "#tests/support/database";

let tdb: TestDatabase;
const secret = "s".repeat(32);
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb?.drop());

describe("rate limits in the database", () => {
  test("50 concurrent hits against a limit of 10: exactly 10 pass, across connections", async () => {
    const rule = { limit: 10, windowSeconds: 600 };
    const now = new Date("2026-11-23T10:00:00Z");
    const results = await Promise.all(Array.from({ length: 50 }, () => withinLimit(tdb.db, "hold:198.51.100.7", rule, now)));
    expect(results.filter(Boolean)).toHaveLength(10);
    // Another address has its own budget; a new window starts afresh.
    expect(await withinLimit(tdb.db, "hold:198.51.100.8", rule, now)).toBe(true);
    expect(await withinLimit(tdb.db, "hold:198.51.100.7", rule, new Date("2026-11-23T10:10:00Z"))).toBe(true);
  });
});

describe("proof of work", () => {
  test("a real solution is accepted once; a reused or tampered one is refused", async () => {
    const challenge = await powChallenge(secret, 50_000);
    const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise;
    const payload = Buffer.from(JSON.stringify({ ...challenge, number: solution!.number })).toString("base64");
    expect(await acceptPow(tdb.db, secret, payload)).toBe(true);
    expect(await acceptPow(tdb.db, secret, payload)).toBe(false);
    const wrong = Buffer.from(JSON.stringify({ ...challenge, number: solution!.number + 1 })).toString("base64");
    expect(await acceptPow(tdb.db, secret, wrong)).toBe(false);
    expect(await acceptPow(tdb.db, "another-secret-another-secret-xx", payload)).toBe(false);
    expect(await acceptPow(tdb.db, secret, "not base64 json")).toBe(false);
  });
});

describe("the wait ticket for people without JavaScript", () => {
  test("works only after the wait, only once, only unaltered", async () => {
    const issued = new Date("2026-11-23T10:00:00Z");
    const ticket = issueWaitTicket(secret, "residence-extension", new Date("2026-11-24T07:00:00Z"), issued);
    expect((await redeemWaitTicket(tdb.db, secret, ticket, new Date(issued.getTime() + 2000))).ok).toBe(false);
    const early = await redeemWaitTicket(tdb.db, secret, ticket, new Date(issued.getTime() + 2000));
    expect(early).toMatchObject({ ok: false, reason: "early" });
    const ok = await redeemWaitTicket(tdb.db, secret, ticket, new Date(issued.getTime() + 6000));
    expect(ok).toMatchObject({ ok: true, ticket: { serviceId: "residence-extension", startsAt: "2026-11-24T07:00:00.000Z" } });
    expect(await redeemWaitTicket(tdb.db, secret, ticket, new Date(issued.getTime() + 7000))).toMatchObject({ ok: false, reason: "used" });
    const [body, mac] = ticket.split(".");
    const altered = Buffer.from(Buffer.from(body!, "base64url").toString().replace("residence-extension", "blue-card")).toString("base64url");
    expect(await redeemWaitTicket(tdb.db, secret, `${altered}.${mac}`, new Date(issued.getTime() + 6000))).toMatchObject({ ok: false, reason: "invalid" });
    const late = issueWaitTicket(secret, "residence-extension", new Date("2026-11-24T07:00:00Z"), issued);
    expect(await redeemWaitTicket(tdb.db, secret, late, new Date(issued.getTime() + 10 * 60_000))).toMatchObject({ ok: false, reason: "expired" });
    await sweepFairness(tdb.db, new Date(issued.getTime() + 2 * 86_400_000));
  });
});
