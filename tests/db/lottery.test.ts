// Fair release against the real database: requests race the draw, several processes race to
// draw, winners get exactly the free places, everyone gets a message, leftovers open up.
import { and, count, eq, gte, lt, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as schema from "#db/schema";
import { seedDemoOffice } from "#db/seed/seed";
import { bookingConfig } from "#app/domain/booking/availability.server";
import { drawDueRounds, planRounds, releaseRequestByToken, requestInRound, roundsOf } from "#app/domain/booking/lottery.server";
import { slotsForDay } from "#app/domain/booking/slots";
import { createTestDatabase, type TestDatabase } from "#tests/support/database";

const url = "http://lotse.test";
const service = "settlement-permit"; // lottery mode in the demo office
const now = new Date("2026-11-23T09:00:00Z"); // Monday
const day = "2026-12-09"; // a Wednesday, released by the test round
let tdb: TestDatabase;
let roundId: number;
let freePlaces: number;

const person = (i: number, permitExpires: string | null = null) => ({
  person: {
    name: `Person Number${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`,
    birthDate: "1979-09-09",
    email: `p${i}@example.org`,
    phone: null,
    language: (["de", "ar", "tr"] as const)[i % 3]!,
  },
  permitExpires,
});

beforeAll(async () => {
  tdb = await createTestDatabase(async (db) => {
    await seedDemoOffice(db, now);
  });
  const [round] = await tdb.db
    .insert(schema.releaseRounds)
    .values({
      serviceId: service,
      windowOpensAt: new Date(now.getTime() - 3_600_000),
      windowClosesAt: new Date(now.getTime() + 3_600_000),
      slotsFrom: day,
      slotsTo: day,
      urgentSharePercent: 50,
      urgentWithinDays: 42,
    })
    .returning({ id: schema.releaseRounds.id });
  roundId = round!.id;
  // Most of the day is already gone (e.g. to people who booked before lottery mode): only
  // four places stay free, so that there are winners and losers.
  const config = (await bookingConfig(tdb.db, service, { forDraw: true }))!;
  const slots = slotsForDay(day, config.hours, config.holidays, { ...config.rules, bookingHorizonDays: 366 }, now);
  expect(slots.length).toBeGreaterThan(2);
  for (const [i, s] of slots.entries()) {
    const taken = i < 2 ? config.rules.capacity - 2 : config.rules.capacity;
    await tdb.db
      .insert(schema.appointmentSlots)
      .values({ serviceId: service, unitId: config.unitId, startsAt: s.startsAt, endsAt: s.endsAt, capacity: config.rules.capacity, taken });
  }
  freePlaces = 4;
});
afterAll(() => tdb?.drop());

const tokens: string[] = [];

describe("requests", () => {
  test("the calendar offers nothing of a lottery service before a draw", async () => {
    const config = (await bookingConfig(tdb.db, service))!;
    expect(config.holidays.has(day)).toBe(true);
    expect((await roundsOf(tdb.db, service, now)).open.map((r) => r.id)).toEqual([roundId]);
  });

  test("ten people request; one request per person; urgency is decided by the permit's expiry", async () => {
    for (let i = 0; i < 10; i++) {
      const { person: p, permitExpires } = person(i, i < 3 ? "2026-12-20" : i === 3 ? "2027-06-01" : null);
      const r = await requestInRound(tdb.db, roundId, p, permitExpires, url, new Date(now.getTime() + i * 1000));
      expect(r.ok).toBe(true);
      if (r.ok) tokens.push(r.token);
    }
    const again = person(0);
    expect(await requestInRound(tdb.db, roundId, { ...again.person, email: "new@example.org" }, null, url, now)).toEqual({
      ok: false,
      reason: "already-requested",
    });
    const [urgent] = await tdb.db.select({ n: count() }).from(schema.releaseRequests).where(eq(schema.releaseRequests.urgent, true));
    expect(urgent!.n).toBe(3);
    const receipts = await tdb.db.select().from(schema.outbox).where(eq(schema.outbox.kind, "lottery-request"));
    expect(receipts).toHaveLength(10);
    expect(receipts.every((m) => /\/lottery\/[A-Za-z0-9_-]{22}/.test(m.body))).toBe(true);
  });

  test("a request before the window or after it is refused", async () => {
    const late = new Date(now.getTime() + 2 * 3_600_000);
    expect(await requestInRound(tdb.db, roundId, person(40).person, null, url, late)).toEqual({ ok: false, reason: "closed" });
    const early = new Date(now.getTime() - 2 * 3_600_000);
    expect(await requestInRound(tdb.db, roundId, person(41).person, null, url, early)).toEqual({ ok: false, reason: "closed" });
  });
});

describe("the draw", () => {
  const closed = new Date(now.getTime() + 3_600_000 + 1000);

  test("three processes racing to draw: drawn once; requests racing the draw are in it or refused", async () => {
    const lateRequests = Array.from({ length: 6 }, (_, i) => requestInRound(tdb.db, roundId, person(20 + i).person, null, url, new Date(closed.getTime() - 500)));
    const [drawn, ...requested] = await Promise.all([
      Promise.all([drawDueRounds(tdb.db, url, closed), drawDueRounds(tdb.db, url, closed), drawDueRounds(tdb.db, url, closed)]),
      ...lateRequests,
    ]);
    expect(drawn!.reduce((a, b) => a + b, 0)).toBe(1);
    const [round] = await tdb.db.select().from(schema.releaseRounds).where(eq(schema.releaseRounds.id, roundId));
    expect(round!.status).toBe("drawn");
    expect(round!.places).toBe(freePlaces);
    // Every request that was accepted has a result; none is left pending.
    const accepted = (requested as Array<{ ok: boolean }>).filter((r) => r.ok).length;
    const results = await tdb.db.select({ result: schema.releaseRequests.result, urgent: schema.releaseRequests.urgent }).from(schema.releaseRequests);
    expect(results).toHaveLength(10 + accepted);
    expect(results.filter((r) => r.result === "pending")).toEqual([]);
    expect(results.filter((r) => r.result === "won")).toHaveLength(freePlaces);
    // 50 % of 4 places are reserved for the three urgent requests.
    expect(results.filter((r) => r.result === "won" && r.urgent).length).toBeGreaterThanOrEqual(2);
  });

  test("winners hold appointments in exactly the free places; no slot is over capacity", async () => {
    const [over] = await tdb.db.select({ n: count() }).from(schema.appointmentSlots).where(sql`${schema.appointmentSlots.taken} > ${schema.appointmentSlots.capacity}`);
    expect(over!.n).toBe(0);
    const booked = await tdb.db
      .select({ source: schema.appointments.source })
      .from(schema.appointments)
      .where(and(eq(schema.appointments.serviceId, service), eq(schema.appointments.status, "booked")));
    expect(booked).toHaveLength(freePlaces);
    expect(booked.every((b) => b.source === "lottery")).toBe(true);
    const full = await tdb.db
      .select({ n: count() })
      .from(schema.appointmentSlots)
      .where(and(eq(schema.appointmentSlots.serviceId, service), gte(schema.appointmentSlots.taken, schema.appointmentSlots.capacity)));
    const all = await tdb.db.select({ n: count() }).from(schema.appointmentSlots).where(eq(schema.appointmentSlots.serviceId, service));
    expect(full[0]!.n).toBe(all[0]!.n);
  });

  test("everyone learns the result by message, in their language, and on their request page", async () => {
    const won = await tdb.db.select().from(schema.outbox).where(eq(schema.outbox.kind, "lottery-won"));
    const lost = await tdb.db.select().from(schema.outbox).where(eq(schema.outbox.kind, "lottery-lost"));
    const [requests] = await tdb.db.select({ n: count() }).from(schema.releaseRequests);
    expect(won).toHaveLength(freePlaces);
    expect(won.length + lost.length).toBe(requests!.n);
    expect(won.every((m) => /\/appointment\/[A-Za-z0-9_-]{22}/.test(m.body))).toBe(true);
    const mine = await releaseRequestByToken(tdb.db, tokens[0]!);
    expect(["won", "lost"]).toContain(mine!.result);
    if (mine!.result === "won") expect(mine!.appointmentStartsAt).not.toBeNull();
  });

  test("after the draw the day counts as released for the calendar", async () => {
    const config = (await bookingConfig(tdb.db, service))!;
    expect(config.holidays.has(day)).toBe(false);
    expect(config.holidays.has("2026-12-10")).toBe(true);
  });
});

describe("planning", () => {
  test("rounds are planned one week at a time, once, however many processes plan at once", async () => {
    const created = await Promise.all([planRounds(tdb.db, now), planRounds(tdb.db, now), planRounds(tdb.db, now)]);
    const rounds = await tdb.db
      .select()
      .from(schema.releaseRounds)
      .where(and(eq(schema.releaseRounds.serviceId, service), lt(schema.releaseRounds.id, 1_000_000)));
    const planned = rounds.filter((r) => r.id !== roundId);
    expect(created.reduce((a, b) => a + b, 0)).toBe(planned.length);
    expect(planned.length).toBeGreaterThan(0);
    for (const r of planned) {
      expect(new Date(`${r.slotsFrom}T12:00:00Z`).getUTCDay()).toBe(1); // Monday
      expect(r.windowClosesAt > now).toBe(true);
      expect(r.windowClosesAt.getTime() - r.windowOpensAt.getTime()).toBe(48 * 3_600_000);
    }
    // Planning again adds nothing.
    expect(await planRounds(tdb.db, now)).toBe(0);
  });
});
