import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as schema from "#db/schema";
import { seedDemoOffice } from "#db/seed/seed";
import { call, checkIn, complete, displayBoard, markNoShow, normaliseCode, todaysAppointments } from "#app/domain/booking/service-point.server";
import { createTestDatabase, type TestDatabase } from "#tests/support/database";
import { bookAppointment } from "#tests/support/factories";

let tdb: TestDatabase;
// Monday 23 November 2026, 07:00 in Berlin. The service point opens 08:00-12:00 with 3 counters.
const booked = new Date("2026-11-23T06:00:00Z");
const at = (berlinTime: string, day = "2026-11-23") => new Date(`${day}T${berlinTime}:00+01:00`);

beforeAll(async () => {
  tdb = await createTestDatabase(async (db) => {
    await seedDemoOffice(db, booked);
  });
});
afterAll(() => tdb?.drop());

/** Books as the booking journey does (hold, then confirm), as a new person each time. */
const book = (serviceId: string, startsAt: Date, now = booked) => bookAppointment(tdb.db, { serviceId, startsAt, now });

async function statusOf(id: number) {
  const [row] = await tdb.db.select().from(schema.appointments).where(eq(schema.appointments.id, id));
  return row!;
}

describe("booking codes as typed or scanned", () => {
  test("lower case, spaces, a missing or different dash, and scanner layout mix-ups are accepted", () => {
    expect(normaliseCode("ACDE-FGHJ")).toBe("ACDE-FGHJ");
    expect(normaliseCode("  acde-fghj \n")).toBe("ACDE-FGHJ");
    expect(normaliseCode("ACDEFGHJ")).toBe("ACDE-FGHJ");
    expect(normaliseCode("acde fghj")).toBe("ACDE-FGHJ");
    expect(normaliseCode("ACDE–FGHJ")).toBe("ACDE-FGHJ");
    // A US-layout scanner on a German keyboard: ß for the dash, Z for Y.
    expect(normaliseCode("ACDEßFGHZ")).toBe("ACDE-FGHY");
  });

  test("anything that cannot be a code is refused", () => {
    expect(normaliseCode("")).toBeNull();
    expect(normaliseCode("ACDE-FGH")).toBeNull();
    expect(normaliseCode("ACDE-FGHJK")).toBeNull();
    // 0, O, 1, I, L, 5, S, 2, 8, B are not in the alphabet.
    expect(normaliseCode("ACD0-FGHJ")).toBeNull();
    expect(normaliseCode("ACDE-FGHB")).toBeNull();
    expect(normaliseCode("<script>")).toBeNull();
  });
});

describe("today's appointments", () => {
  test("are grouped by the unit where they take place, in time order, with the unit's counters", async () => {
    const a = await book("passport-transfer", at("09:30"));
    const b = await book("passport-transfer", at("09:00"));
    // Booked the day before: residence extensions need 12 hours' notice.
    const c = await book("residence-extension", at("09:20"), at("12:00", "2026-11-22"));
    const tomorrow = await book("passport-transfer", at("09:00", "2026-11-24"));
    const { day, units } = await todaysAppointments(tdb.db, at("08:00"));
    expect(day).toBe("2026-11-23");
    const ids = units.map((u) => u.unitId);
    expect(ids).toEqual(["clearing", "service-point"]);
    const sp = units.find((u) => u.unitId === "service-point")!;
    expect(sp.counters).toBe(3);
    expect(sp.unitName.de).toBeTruthy();
    const spIds = sp.appointments.map((x) => x.id);
    expect(spIds.indexOf(b.id)).toBeLessThan(spIds.indexOf(a.id));
    expect(spIds).not.toContain(tomorrow.id);
    expect(units.find((u) => u.unitId === "clearing")!.appointments.map((x) => x.id)).toContain(c.id);
    const row = sp.appointments.find((x) => x.id === a.id)!;
    expect(row).toMatchObject({ code: a.code, name: a.contact.name, status: "booked", ticket: null, calledCounter: null, serviceId: "passport-transfer" });
    expect(row.serviceName.de).toBeTruthy();

    const onlySp = await todaysAppointments(tdb.db, at("08:00"), "service-point");
    expect(onlySp.units.map((u) => u.unitId)).toEqual(["service-point"]);
  });
});

describe("check-in", () => {
  test("gives ticket numbers, refuses other days, cancelled, unknown and repeated check-ins clearly", async () => {
    const today = await book("passport-transfer", at("10:00"));
    const tomorrow = await book("passport-transfer", at("10:00", "2026-11-24"));
    const now = at("09:45");

    expect(await checkIn(tdb.db, "nonsense", now)).toEqual({ ok: false, reason: "invalid" });
    expect(await checkIn(tdb.db, "AAAA-AAAA", now)).toEqual({ ok: false, reason: "unknown" });
    expect(await checkIn(tdb.db, tomorrow.code, now)).toEqual({ ok: false, reason: "not-today", day: "2026-11-24" });

    const first = await checkIn(tdb.db, ` ${today.code.replace("-", "").toLowerCase()}\n`, now);
    expect(first).toMatchObject({ ok: true, appointmentId: today.id, name: today.contact.name, code: today.code });
    if (!first.ok) throw new Error("no check-in");
    expect(first.ticket).toBeGreaterThanOrEqual(1);
    const row = await statusOf(today.id);
    expect(row).toMatchObject({ status: "checked_in", ticket: first.ticket, ticketDay: "2026-11-23" });
    expect(row.checkedInAt?.getTime()).toBe(now.getTime());

    expect(await checkIn(tdb.db, today.code, now)).toEqual({ ok: false, reason: "already", ticket: first.ticket, code: today.code });

    const cancelled = await book("passport-transfer", at("10:15"));
    await tdb.db.update(schema.appointments).set({ status: "cancelled", cancelledAt: now }).where(eq(schema.appointments.id, cancelled.id));
    expect(await checkIn(tdb.db, cancelled.code, now)).toEqual({ ok: false, reason: "cancelled" });
  });

  test("people checking in at the same moment never get the same ticket", async () => {
    const times = ["10:30", "10:45", "11:00", "11:15", "11:30", "11:45"];
    const appointments = [];
    for (const time of times) for (let i = 0; i < 3; i++) appointments.push(await book("passport-transfer", at(time)));
    const now = at("10:00");
    const results = await Promise.all(appointments.map((a) => checkIn(tdb.db, a.code, now)));
    expect(results.every((r) => r.ok)).toBe(true);
    const tickets = results.map((r) => (r.ok ? r.ticket : 0));
    expect(new Set(tickets).size).toBe(appointments.length);
    const [counter] = await tdb.db.select().from(schema.ticketCounters).where(eq(schema.ticketCounters.day, "2026-11-23"));
    // Every ticket of the day is below the counter, and the numbers run without gaps.
    expect(Math.max(...tickets)).toBe(counter!.last);
    const all = (await tdb.db.select({ ticket: schema.appointments.ticket }).from(schema.appointments).where(eq(schema.appointments.ticketDay, "2026-11-23")))
      .map((r) => r.ticket!)
      .sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: counter!.last }, (_, i) => i + 1));
  });

  test("the database itself refuses a ticket number twice on one day", async () => {
    const [x, y] = await tdb.db
      .select({ id: schema.appointments.id, ticket: schema.appointments.ticket })
      .from(schema.appointments)
      .where(eq(schema.appointments.ticketDay, "2026-11-23"))
      .limit(2);
    await expect(tdb.db.update(schema.appointments).set({ ticket: x!.ticket }).where(eq(schema.appointments.id, y!.id))).rejects.toThrow();
  });
});

describe("calling, done and no-show", () => {
  test("a checked-in person is called to a counter, re-called, then done; the display shows numbers only", async () => {
    const a = await book("passport-transfer", at("09:15"));
    const b = await book("passport-transfer", at("09:15"));
    const booked2 = await book("passport-transfer", at("09:15"));
    const now = at("09:10");
    const ta = await checkIn(tdb.db, a.code, now);
    const tb = await checkIn(tdb.db, b.code, now);
    if (!ta.ok || !tb.ok) throw new Error("no check-in");

    // Only checked-in people can be called or done.
    expect(await call(tdb.db, booked2.id, 1, now)).toEqual({ ok: false, reason: "wrong-status" });
    expect(await complete(tdb.db, booked2.id, now)).toEqual({ ok: false, reason: "wrong-status" });
    expect(await call(tdb.db, 999_999, 1, now)).toEqual({ ok: false, reason: "not-found" });
    await expect(call(tdb.db, a.id, 51, now)).rejects.toThrow(RangeError);

    expect(await call(tdb.db, a.id, 2, at("09:16"))).toEqual({ ok: true, ticket: ta.ticket });
    expect(await call(tdb.db, b.id, 1, at("09:17"))).toEqual({ ok: true, ticket: tb.ticket });
    expect(await statusOf(a.id)).toMatchObject({ calledCounter: 2, status: "checked_in" });

    let board = await displayBoard(tdb.db, at("09:18"));
    expect(board.slice(0, 2).map((e) => [e.ticket, e.counter])).toEqual([
      [tb.ticket, 1],
      [ta.ticket, 2],
    ]);
    expect(Object.keys(board[0]!).sort()).toEqual(["calledAt", "counter", "ticket"]);

    // Calling again moves the ticket to the top, at the new counter.
    expect(await call(tdb.db, a.id, 3, at("09:19"))).toEqual({ ok: true, ticket: ta.ticket });
    board = await displayBoard(tdb.db, at("09:20"));
    expect(board[0]).toMatchObject({ ticket: ta.ticket, counter: 3 });
    expect(board.filter((e) => e.ticket === ta.ticket)).toHaveLength(1);

    expect(await complete(tdb.db, a.id, at("09:30"))).toEqual({ ok: true, ticket: ta.ticket });
    expect((await statusOf(a.id)).status).toBe("completed");
    expect(await complete(tdb.db, a.id, at("09:31"))).toEqual({ ok: false, reason: "wrong-status" });
    expect(await call(tdb.db, a.id, 1, at("09:31"))).toEqual({ ok: false, reason: "wrong-status" });

    // Tomorrow's display starts empty.
    expect(await displayBoard(tdb.db, at("08:00", "2026-11-24"))).toEqual([]);
  });

  test("no-show only for a booked appointment, and only 15 minutes after its time began", async () => {
    const a = await book("passport-transfer", at("09:45"));
    const early = await markNoShow(tdb.db, a.id, at("09:59"));
    expect(early).toEqual({ ok: false, reason: "too-early", from: at("10:00") });
    expect((await statusOf(a.id)).status).toBe("booked");
    const list = await todaysAppointments(tdb.db, at("09:59"), "service-point");
    expect(list.units[0]!.appointments.find((x) => x.id === a.id)!.noShowAllowed).toBe(false);
    const later = await todaysAppointments(tdb.db, at("10:00"), "service-point");
    expect(later.units[0]!.appointments.find((x) => x.id === a.id)!.noShowAllowed).toBe(true);

    expect(await markNoShow(tdb.db, a.id, at("10:00"))).toEqual({ ok: true, ticket: null });
    expect((await statusOf(a.id)).status).toBe("no_show");
    expect(await markNoShow(tdb.db, a.id, at("10:05"))).toEqual({ ok: false, reason: "wrong-status" });
    // Someone marked as not come cannot check in any more.
    expect(await checkIn(tdb.db, a.code, at("10:05"))).toEqual({ ok: false, reason: "no-show" });

    const c = await book("passport-transfer", at("10:15"));
    const tc = await checkIn(tdb.db, c.code, at("09:45"));
    expect(tc.ok).toBe(true);
    expect(await markNoShow(tdb.db, c.id, at("10:40"))).toEqual({ ok: false, reason: "wrong-status" });
  });

  test("appointments of another day cannot be called, done or marked", async () => {
    const other = await book("passport-transfer", at("09:00", "2026-11-26"));
    expect(await markNoShow(tdb.db, other.id, at("11:00"))).toEqual({ ok: false, reason: "not-today" });
    expect(await call(tdb.db, other.id, 1, at("11:00"))).toEqual({ ok: false, reason: "not-today" });
  });
});
