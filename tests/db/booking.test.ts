// The booking invariants, proved by racing concurrent transactions against the database.
import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as schema from "#db/schema";
import { seedDemoOffice } from "#db/seed/seed";
import { availabilityOfDay, bookingConfig, type BookingConfig } from "#app/domain/booking/availability.server";
import { cancelBooking, confirmBooking } from "#app/domain/booking/booking.server";
import { extendHold, findHold, holdSlot, releaseHold, sweepExpiredHolds } from "#app/domain/booking/holds.server";
import { MAX_HOLD_EXTENSIONS } from "#app/domain/booking/limits";
import { availabilityFrom } from "#app/domain/booking/availability.server";
import { holdAttempt, powChallenge } from "#app/domain/booking/fairness.server";
import { createTestDatabase, type TestDatabase } from "#tests/support/database";

let tdb: TestDatabase;
let config: BookingConfig;
const now = new Date("2026-11-23T06:00:00Z"); // Monday, 07:00 in Berlin
const slotAt = (iso: string) => new Date(iso);
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

beforeAll(async () => {
  tdb = await createTestDatabase(async (db) => {
    await seedDemoOffice(db, now);
  });
  config = (await bookingConfig(tdb.db, "residence-extension"))!;
});
afterAll(() => tdb?.drop());

async function takenOf(startsAt: Date) {
  const [row] = await tdb.db
    .select({ taken: schema.appointmentSlots.taken, capacity: schema.appointmentSlots.capacity })
    .from(schema.appointmentSlots)
    .where(and(eq(schema.appointmentSlots.serviceId, "residence-extension"), eq(schema.appointmentSlots.startsAt, startsAt)));
  return row;
}

const person = (name: string, extra: Partial<{ email: string; phone: string }> = {}) => ({
  name,
  birthDate: "1990-04-01",
  email: extra.email ?? `${name.replace(/\W/g, "").toLowerCase()}@example.org`,
  phone: extra.phone ?? null,
  language: "de" as const,
});

describe("capacity", () => {
  test("40 people racing for one slot with 4 places: exactly 4 holds", async () => {
    const startsAt = slotAt("2026-11-24T07:00:00Z");
    expect(config.rules.capacity).toBe(4);
    const results = await Promise.all(Array.from({ length: 40 }, () => holdSlot(tdb.db, config, startsAt, now)));
    expect(results.filter((r) => r.ok)).toHaveLength(4);
    expect(results.filter((r) => !r.ok && r.reason === "full")).toHaveLength(36);
    expect(await takenOf(startsAt)).toEqual({ taken: 4, capacity: 4 });
  });

  test("expired holds give their places back, and never more than the capacity", async () => {
    const startsAt = slotAt("2026-11-24T07:00:00Z");
    const later = minutes(11);
    const results = await Promise.all(Array.from({ length: 10 }, () => holdSlot(tdb.db, config, startsAt, later)));
    expect(results.filter((r) => r.ok)).toHaveLength(4);
    expect(await takenOf(startsAt)).toEqual({ taken: 4, capacity: 4 });
    const free = await availabilityOfDay(tdb.db, config, "2026-11-24", minutes(30));
    expect(free.find((s) => s.startsAt.getTime() === startsAt.getTime())!.free).toBe(4);
    expect(await sweepExpiredHolds(tdb.db, minutes(30))).toBe(4);
    expect(await takenOf(startsAt)).toEqual({ taken: 0, capacity: 4 });
  });

  test("the database itself refuses more taken places than capacity", async () => {
    const startsAt = slotAt("2026-11-24T07:00:00Z");
    await expect(tdb.db.update(schema.appointmentSlots).set({ taken: 5 }).where(eq(schema.appointmentSlots.startsAt, startsAt))).rejects.toThrow();
    await expect(tdb.db.update(schema.appointmentSlots).set({ taken: sql`-1` }).where(eq(schema.appointmentSlots.startsAt, startsAt))).rejects.toThrow();
  });

  test("a time that is not a slot cannot be held", async () => {
    expect(await holdSlot(tdb.db, config, slotAt("2026-11-24T07:05:00Z"), now)).toEqual({ ok: false, reason: "not-a-slot" });
    expect(await holdSlot(tdb.db, config, slotAt("2026-12-25T08:00:00Z"), now)).toEqual({ ok: false, reason: "not-a-slot" });
  });
});

describe("holds", () => {
  test("can be extended a limited number of times", async () => {
    const hold = await holdSlot(tdb.db, config, slotAt("2026-11-24T08:00:00Z"), now);
    if (!hold.ok) throw new Error("no hold");
    for (let i = 1; i <= MAX_HOLD_EXTENSIONS; i++) {
      expect((await extendHold(tdb.db, hold.token, minutes(i * 5)))!.getTime()).toBe(minutes(i * 5 + 10).getTime());
    }
    expect(await extendHold(tdb.db, hold.token, minutes(20))).toBeNull();
  });
});

describe("one active appointment per person and service", () => {
  test("the same person racing for two slots gets one appointment", async () => {
    const a = await holdSlot(tdb.db, config, slotAt("2026-11-24T08:20:00Z"), now);
    const b = await holdSlot(tdb.db, config, slotAt("2026-11-24T08:40:00Z"), now);
    if (!a.ok || !b.ok) throw new Error("no hold");
    const results = await Promise.all([
      confirmBooking(tdb.db, a.token, person("Ayşe Özdemir", { email: "ayse@example.org" }), "key-a", now),
      confirmBooking(tdb.db, b.token, person("ayse ozdemir", { email: "other@example.org" }), "key-b", now),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === "already-booked")).toHaveLength(1);
  });

  test("the same e-mail address counts as the same person", async () => {
    const a = await holdSlot(tdb.db, config, slotAt("2026-11-24T09:00:00Z"), now);
    if (!a.ok) throw new Error("no hold");
    const b = await holdSlot(tdb.db, config, slotAt("2026-11-24T09:00:00Z"), now);
    if (!b.ok) throw new Error("no hold");
    expect((await confirmBooking(tdb.db, a.token, person("Lena Weiss", { email: "lena@example.org" }), "key-c1", now)).ok).toBe(true);
    const r = await confirmBooking(tdb.db, b.token, person("Somebody Else", { email: " LENA@example.org" }), "key-c2", now);
    expect(r).toEqual({ ok: false, reason: "already-booked" });
  });

  test("a refused second booking gives its held place back at once", async () => {
    const startsAt = slotAt("2026-11-24T09:40:00Z");
    const takenNow = async () => {
      const [slot] = await tdb.db.select({ taken: schema.appointmentSlots.taken }).from(schema.appointmentSlots).where(eq(schema.appointmentSlots.startsAt, startsAt));
      return slot!.taken;
    };
    const a = await holdSlot(tdb.db, config, startsAt, now);
    const b = await holdSlot(tdb.db, config, startsAt, now);
    if (!a.ok || !b.ok) throw new Error("no hold");
    expect(await takenNow()).toBe(2);
    expect((await confirmBooking(tdb.db, a.token, person("Mira Held"), "key-r1", now)).ok).toBe(true);
    expect(await confirmBooking(tdb.db, b.token, person("Mira Held"), "key-r2", now)).toEqual({ ok: false, reason: "already-booked" });
    // One booked place; the refused hold is gone and its place free for somebody else.
    expect(await takenNow()).toBe(1);
    expect(await findHold(tdb.db, b.token, now)).toBeNull();
    expect(await releaseHold(tdb.db, b.token)).toBe(false);
  });

  test("after cancelling, the person can book again and the place is free", async () => {
    const first = await holdSlot(tdb.db, config, slotAt("2026-11-24T09:20:00Z"), now);
    if (!first.ok) throw new Error("no hold");
    const booked = await confirmBooking(tdb.db, first.token, person("Jana Novak"), "key-d", now);
    if (!booked.ok) throw new Error("not booked");
    expect(await takenOf(slotAt("2026-11-24T09:20:00Z"))).toMatchObject({ taken: 1 });
    expect(await cancelBooking(tdb.db, booked.manageToken!, now)).toBe(true);
    expect(await cancelBooking(tdb.db, booked.manageToken!, now)).toBe(false);
    expect(await takenOf(slotAt("2026-11-24T09:20:00Z"))).toMatchObject({ taken: 0 });
    const second = await holdSlot(tdb.db, config, slotAt("2026-11-24T09:40:00Z"), now);
    if (!second.ok) throw new Error("no hold");
    expect((await confirmBooking(tdb.db, second.token, person("Jana Novak"), "key-e", now)).ok).toBe(true);
  });
});

describe("idempotency", () => {
  test("ten identical confirmations racing create one appointment", async () => {
    const hold = await holdSlot(tdb.db, config, slotAt("2026-11-24T10:00:00Z"), now);
    if (!hold.ok) throw new Error("no hold");
    const results = await Promise.all(Array.from({ length: 10 }, () => confirmBooking(tdb.db, hold.token, person("Petro Kovalenko"), "same-key", now)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => r.ok && r.code)).size).toBe(1);
    expect(results.filter((r) => r.ok && r.manageToken)).toHaveLength(1);
    const [n] = await tdb.db.select({ n: count() }).from(schema.appointments).where(eq(schema.appointments.idempotencyKey, "same-key"));
    expect(n!.n).toBe(1);
    expect(await takenOf(slotAt("2026-11-24T10:00:00Z"))).toMatchObject({ taken: 1 });
  });

  test("an expired hold cannot be confirmed", async () => {
    const hold = await holdSlot(tdb.db, config, slotAt("2026-11-24T10:20:00Z"), now);
    if (!hold.ok) throw new Error("no hold");
    expect(await confirmBooking(tdb.db, hold.token, person("Late Person"), "late", minutes(11))).toEqual({
      ok: false,
      reason: "hold-expired",
    });
  });
});

describe("the hold endpoint's one statement", () => {
  const rule = { limit: 5, windowSeconds: 600 };
  const pow = (n: number) => Buffer.from(JSON.stringify({ ...powChallenge("s".repeat(32), 10, now), number: n })).toString("base64");
  const attempt = (bucket: string, payload: string, at = now) =>
    holdAttempt(tdb.db, { bucket, rule, pow: payload, serviceId: "residence-extension", day: "2026-11-25", now: at });

  test("counts the address, spends a solution once even when raced, and reads the day as availabilityOfDay does", async () => {
    // Two of the day's places taken (one by a live hold, one by an expired hold), one other held.
    const a = slotAt("2026-11-25T08:00:00Z");
    const b = slotAt("2026-11-25T09:00:00Z");
    for (const [at, when] of [
      [a, now],
      [a, minutes(-20)],
      [b, now],
    ] as const) {
      if (!(await holdSlot(tdb.db, config, at, when)).ok) throw new Error("no hold");
    }
    const payload = pow(1);
    const raced = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(`hold:203.0.113.${i}`, payload)));
    expect(raced.filter((r) => r.spent)).toHaveLength(1);
    const [row] = await tdb.db.select({ generation: schema.configGeneration.generation }).from(schema.configGeneration);
    expect(raced[0]!.generation).toBe(Number(row!.generation));
    // The expired hold is not counted; the day's other slots read as free.
    expect(raced[0]!.taken.get(a.getTime())).toBe(1);
    expect(raced[0]!.taken.get(b.getTime())).toBe(1);
    const fromStatement = availabilityFrom(config, "2026-11-25", now, raced[0]!.taken);
    const fromPage = await availabilityOfDay(tdb.db, config, "2026-11-25", now);
    expect(fromStatement.map((s) => [s.startsAt.getTime(), s.free])).toEqual(fromPage.map((s) => [s.startsAt.getTime(), s.free]));
    expect(fromStatement.length).toBeGreaterThan(10);
  });

  test("over the address's limit nothing is spent; another address and the next window have their own count", async () => {
    const results = [];
    for (let i = 0; i < 7; i++) results.push(await attempt("hold:198.51.100.99", pow(100 + i)));
    expect(results.map((r) => r.hits)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(results.map((r) => r.spent)).toEqual([true, true, true, true, true, false, false]);
    // The refused solutions were not spent: from another address they still count once.
    expect((await attempt("hold:198.51.100.100", pow(105))).spent).toBe(true);
    const next = await attempt("hold:198.51.100.99", pow(200), new Date(now.getTime() + 600_000));
    expect(next).toMatchObject({ hits: 1, spent: true });
  });
});
