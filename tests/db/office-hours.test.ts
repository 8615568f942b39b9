import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as schema from "#db/schema";
import { seedDemoOffice } from "#db/seed/seed";
import { availabilityOfDay, bookingConfig } from "#app/domain/booking/availability.server";
import { confirmBooking } from "#app/domain/booking/booking.server";
import { holdSlot } from "#app/domain/booking/holds.server";
import { closureMessage } from "#app/domain/booking/closure-message.server";
import {
  addClosure,
  bookedOn,
  listSlotSettings,
  openingHoursOf,
  removeClosure,
  setWeekdayHours,
  updateSlotSettings,
  upcomingClosures,
} from "#app/domain/booking/office-hours.server";
import { serverI18n } from "#app/lib/i18n/instance.server";
import { createTestDatabase, type TestDatabase } from "#tests/support/database";
import { bookAppointment, personDetails } from "#tests/support/factories";

let tdb: TestDatabase;
// Monday 23 November 2026, 07:00 in Berlin.
const now = new Date("2026-11-23T06:00:00Z");
const at = (day: string, berlinTime: string) => new Date(`${day}T${berlinTime}:00+01:00`);
const publicUrl = "https://lotse.example";

beforeAll(async () => {
  tdb = await createTestDatabase(async (db) => {
    await seedDemoOffice(db, now);
  });
});
afterAll(() => tdb?.drop());

/** Books as the booking journey does (hold, then confirm), as a new person each time. */
async function book(serviceId: string, startsAt: Date, language: "de" | "ar" | "tr" | "uk" = "de", when = now) {
  const booked = await bookAppointment(tdb.db, { serviceId, startsAt, now: when, contact: personDetails({ language }) });
  return { ...booked, language, email: booked.contact.email! };
}

async function message() {
  const i18n = await serverI18n();
  return (a: Parameters<typeof closureMessage>[2]) => closureMessage(i18n, publicUrl, a);
}

async function slotOf(serviceId: string, startsAt: Date) {
  const [row] = await tdb.db
    .select()
    .from(schema.appointmentSlots)
    .where(and(eq(schema.appointmentSlots.serviceId, serviceId), eq(schema.appointmentSlots.startsAt, startsAt)));
  return row;
}

describe("opening hours", () => {
  test("a weekday's ranges of a unit are replaced in one go; other days and units stay", async () => {
    const before = await openingHoursOf(tdb.db, "service-point");
    expect(before.filter((h) => h.weekday === 1)).toEqual([{ weekday: 1, opens: "08:00:00", closes: "12:00:00", counters: 3 }]);
    expect(
      await setWeekdayHours(tdb.db, "service-point", 1, [
        { opens: "07:30", closes: "11:00", counters: 2 },
        { opens: "13:00", closes: "15:30", counters: 4 },
      ]),
    ).toEqual({ ok: true });
    const after = await openingHoursOf(tdb.db, "service-point");
    expect(after.filter((h) => h.weekday === 1)).toEqual([
      { weekday: 1, opens: "07:30:00", closes: "11:00:00", counters: 2 },
      { weekday: 1, opens: "13:00:00", closes: "15:30:00", counters: 4 },
    ]);
    expect(after.filter((h) => h.weekday !== 1)).toEqual(before.filter((h) => h.weekday !== 1));
    expect((await openingHoursOf(tdb.db, "clearing")).filter((h) => h.weekday === 1)).toHaveLength(1);

    // The booking calendar follows at once.
    const config = (await bookingConfig(tdb.db, "passport-transfer"))!;
    const times = (await availabilityOfDay(tdb.db, config, "2026-11-30", now)).map((s) => s.startsAt.getTime());
    expect(times).toContain(at("2026-11-30", "07:30").getTime());
    expect(times).toContain(at("2026-11-30", "15:15").getTime());
    expect(times).not.toContain(at("2026-11-30", "11:00").getTime());
  });

  test("no ranges: closed on that weekday; the building's hours are edited apart from the units'", async () => {
    expect(await setWeekdayHours(tdb.db, "service-point", 5, [])).toEqual({ ok: true });
    expect((await openingHoursOf(tdb.db, "service-point")).filter((h) => h.weekday === 5)).toEqual([]);
    expect(await setWeekdayHours(tdb.db, null, 6, [{ opens: "09:00", closes: "12:00", counters: 1 }])).toEqual({ ok: true });
    expect((await openingHoursOf(tdb.db, null)).filter((h) => h.weekday === 6)).toEqual([{ weekday: 6, opens: "09:00:00", closes: "12:00:00", counters: 1 }]);
    expect((await openingHoursOf(tdb.db, "service-point")).filter((h) => h.weekday === 6)).toEqual([]);
  });

  test("an unknown unit is refused, and the database refuses what the form would not let through", async () => {
    expect(await setWeekdayHours(tdb.db, "no-such-unit", 1, [])).toEqual({ ok: false, reason: "unknown-unit" });
    await expect(setWeekdayHours(tdb.db, "clearing", 2, [{ opens: "10:00", closes: "09:00", counters: 1 }])).rejects.toThrow();
    await expect(setWeekdayHours(tdb.db, "clearing", 2, [{ opens: "08:00", closes: "09:00", counters: 51 }])).rejects.toThrow();
    // The failed transaction left Tuesday as it was.
    expect((await openingHoursOf(tdb.db, "clearing")).filter((h) => h.weekday === 2)).toEqual([{ weekday: 2, opens: "08:00:00", closes: "15:00:00", counters: 4 }]);
  });
});

describe("slot settings", () => {
  test("fewer parallel places never take a booked place away; past slots stay as they were", async () => {
    const future = at("2026-11-24", "09:00");
    const emptyFuture = at("2026-11-24", "09:15");
    for (let i = 0; i < 3; i++) await book("passport-transfer", future);
    const hold = await holdSlot(tdb.db, (await bookingConfig(tdb.db, "passport-transfer"))!, emptyFuture, now);
    expect(hold.ok).toBe(true);
    // A slot that has already begun (created in the past).
    const earlier = at("2026-11-23", "09:00");
    await book("passport-transfer", earlier, "de", at("2026-11-23", "06:00"));
    const later = at("2026-11-23", "10:00");

    const result = await updateSlotSettings(
      tdb.db,
      {
        serviceId: "passport-transfer",
        slotMinutes: 15,
        parallel: 1,
        horizonDays: 20,
        minLeadHours: 1,
        releaseMode: "first_come",
        lotteryLeadDays: 14,
        lotteryWindowHours: 48,
        lotteryUrgentSharePercent: 30,
        lotteryUrgentDays: 42,
      },
      later,
    );
    expect(result).toMatchObject({ ok: true });
    expect(await slotOf("passport-transfer", future)).toMatchObject({ taken: 3, capacity: 3 });
    expect(await slotOf("passport-transfer", emptyFuture)).toMatchObject({ taken: 1, capacity: 1 });
    expect(await slotOf("passport-transfer", earlier)).toMatchObject({ capacity: 3 });

    const config = (await bookingConfig(tdb.db, "passport-transfer"))!;
    expect(config.rules).toMatchObject({ capacity: 1, bookingHorizonDays: 20, minLeadHours: 1, slotMinutes: 15 });

    await updateSlotSettings(
      tdb.db,
      {
        serviceId: "passport-transfer",
        slotMinutes: 15,
        parallel: 5,
        horizonDays: 28,
        minLeadHours: 2,
        releaseMode: "first_come",
        lotteryLeadDays: 14,
        lotteryWindowHours: 48,
        lotteryUrgentSharePercent: 30,
        lotteryUrgentDays: 42,
      },
      later,
    );
    expect(await slotOf("passport-transfer", future)).toMatchObject({ taken: 3, capacity: 5 });
    const listed = (await listSlotSettings(tdb.db)).find((s) => s.serviceId === "passport-transfer")!;
    expect(listed).toMatchObject({ parallel: 5, horizonDays: 28, minLeadHours: 2, slotMinutes: 15, releaseMode: "first_come", unitId: "service-point" });
    // The four lottery settings are saved with the rest and reach the booking configuration.
    await updateSlotSettings(
      tdb.db,
      {
        serviceId: "passport-transfer",
        slotMinutes: 15,
        parallel: 5,
        horizonDays: 28,
        minLeadHours: 2,
        releaseMode: "lottery",
        lotteryLeadDays: 21,
        lotteryWindowHours: 72,
        lotteryUrgentSharePercent: 50,
        lotteryUrgentDays: 60,
      },
      later,
    );
    expect((await listSlotSettings(tdb.db)).find((s) => s.serviceId === "passport-transfer")).toMatchObject({
      releaseMode: "lottery",
      lotteryLeadDays: 21,
      lotteryWindowHours: 72,
      lotteryUrgentSharePercent: 50,
      lotteryUrgentDays: 60,
    });
    const lottery = (await bookingConfig(tdb.db, "passport-transfer"))!;
    expect(lottery.releaseMode).toBe("lottery");
    expect(lottery.lottery).toEqual({ leadDays: 21, windowHours: 72, urgentSharePercent: 50, urgentDays: 60 });
    await updateSlotSettings(
      tdb.db,
      {
        serviceId: "passport-transfer",
        slotMinutes: 15,
        parallel: 5,
        horizonDays: 28,
        minLeadHours: 2,
        releaseMode: "first_come",
        lotteryLeadDays: 14,
        lotteryWindowHours: 48,
        lotteryUrgentSharePercent: 30,
        lotteryUrgentDays: 42,
      },
      later,
    );
    expect(
      await updateSlotSettings(
        tdb.db,
        {
          serviceId: "no-such",
          slotMinutes: 15,
          parallel: 1,
          horizonDays: 1,
          minLeadHours: 0,
          releaseMode: "first_come",
          lotteryLeadDays: 14,
          lotteryWindowHours: 48,
          lotteryUrgentSharePercent: 30,
          lotteryUrgentDays: 42,
        },
        later,
      ),
    ).toEqual({ ok: false, reason: "unknown-service" });
  });
});

describe("closures", () => {
  const day = "2026-12-01"; // a Tuesday

  test("past days are refused", async () => {
    expect(await addClosure(tdb.db, { day: "2026-11-22", unitId: null, note: "" }, now, await message())).toEqual({ ok: false, reason: "past" });
    expect(await addClosure(tdb.db, { day, unitId: "no-such-unit", note: "" }, now, await message())).toEqual({ ok: false, reason: "unknown-unit" });
  });

  test("with people booked: first a confirmation, then closure, cancellations and messages together", async () => {
    const a = await book("passport-transfer", at(day, "09:00"), "ar");
    const b = await book("passport-transfer", at(day, "09:00"), "tr");
    const c = await book("formal-obligation", at(day, "10:00"), "de");
    // At the clearing counters: not affected by closing the service point.
    const other = await book("residence-extension", at(day, "09:00"), "uk");
    // Somebody is in the middle of booking a time that day.
    const hold = await holdSlot(tdb.db, (await bookingConfig(tdb.db, "passport-transfer"))!, at(day, "09:30"), now);
    if (!hold.ok) throw new Error("no hold");

    const asked = await addClosure(tdb.db, { day, unitId: "service-point", note: "Betriebsausflug" }, now, await message());
    expect(asked).toEqual({ ok: false, reason: "confirm", booked: 3 });
    expect(await tdb.db.select().from(schema.closures)).toHaveLength(0);
    expect(await bookedOn(tdb.db, day, "service-point")).toBe(3);
    expect(await bookedOn(tdb.db, day, null)).toBe(4);

    const outboxBefore = (await tdb.db.select().from(schema.outbox)).length;
    const closed = await addClosure(tdb.db, { day, unitId: "service-point", note: "Betriebsausflug", confirmed: 3 }, now, await message());
    expect(closed).toMatchObject({ ok: true, cancelled: 3 });

    const rows = await tdb.db
      .select()
      .from(schema.appointments)
      .where(inArray(schema.appointments.id, [a.id, b.id, c.id, other.id]));
    for (const id of [a.id, b.id, c.id]) {
      expect(rows.find((r) => r.id === id)).toMatchObject({ status: "cancelled", cancelledAt: now });
    }
    expect(rows.find((r) => r.id === other.id)!.status).toBe("booked");
    expect(await slotOf("passport-transfer", at(day, "09:00"))).toMatchObject({ taken: 0 });
    expect(await slotOf("formal-obligation", at(day, "10:00"))).toMatchObject({ taken: 0 });
    // The half-finished booking's hold is gone with its place, so it cannot complete.
    expect(await slotOf("passport-transfer", at(day, "09:30"))).toMatchObject({ taken: 0 });
    const late = await confirmBooking(
      tdb.db,
      hold.token,
      { name: "Late Person", birthDate: "1970-01-01", email: "late@example.org", phone: null, language: "de" },
      "late-key-123456789",
      now,
    );
    expect(late).toEqual({ ok: false, reason: "hold-expired" });

    // One message per person, in their language, with a link to book again.
    const messages = (await tdb.db.select().from(schema.outbox)).slice(outboxBefore);
    expect(messages).toHaveLength(3);
    const i18n = await serverI18n();
    for (const [person, serviceId] of [
      [a, "passport-transfer"],
      [b, "passport-transfer"],
      [c, "formal-obligation"],
    ] as const) {
      const m = messages.find((x) => x.toEmail === person.email)!;
      expect(m).toMatchObject({ kind: "closure-cancellation", language: person.language });
      expect(m.body).toContain(`${publicUrl}/book/${serviceId}?lng=${person.language}`);
      expect(m.body).toContain(person.code);
      const closedText = i18n.getFixedT(person.language, "servicepoint")("message.closure.sorry");
      expect(m.body).toContain(closedText);
    }
    expect(messages.find((x) => x.language === "ar")!.subject).not.toBe(messages.find((x) => x.language === "tr")!.subject);

    // The day is closed for the service point's services, open for the others.
    const sp = (await bookingConfig(tdb.db, "passport-transfer"))!;
    expect(await availabilityOfDay(tdb.db, sp, day, now)).toEqual([]);
    const clearing = (await bookingConfig(tdb.db, "residence-extension"))!;
    expect((await availabilityOfDay(tdb.db, clearing, day, now)).length).toBeGreaterThan(0);

    // Twice is refused; listed as upcoming with its note.
    expect(await addClosure(tdb.db, { day, unitId: "service-point", note: "", confirmed: 0 }, now, await message())).toEqual({ ok: false, reason: "exists" });
    expect(await upcomingClosures(tdb.db, now)).toEqual([expect.objectContaining({ day, unitId: "service-point", note: "Betriebsausflug" })]);
  });

  test("nothing is half done: a failure while telling people leaves the day open and everyone booked", async () => {
    const day2 = "2026-12-03";
    const a = await book("passport-transfer", at(day2, "09:00"));
    const b = await book("passport-transfer", at(day2, "09:15"));
    const outboxBefore = (await tdb.db.select().from(schema.outbox)).length;
    let calls = 0;
    const good = await message();
    await expect(
      addClosure(tdb.db, { day: day2, unitId: null, note: "", confirmed: 2 }, now, (x) => {
        if (++calls === 2) throw new Error("message failed");
        return good(x);
      }),
    ).rejects.toThrow("message failed");
    expect(await tdb.db.select().from(schema.closures).where(eq(schema.closures.day, day2))).toHaveLength(0);
    const rows = await tdb.db
      .select()
      .from(schema.appointments)
      .where(inArray(schema.appointments.id, [a.id, b.id]));
    expect(rows.map((r) => r.status)).toEqual(["booked", "booked"]);
    expect(await slotOf("passport-transfer", at(day2, "09:00"))).toMatchObject({ taken: 1 });
    expect((await tdb.db.select().from(schema.outbox)).length).toBe(outboxBefore);
  });

  test("a day without bookings closes at once; the whole office closes every unit; closures can be removed", async () => {
    const empty = await addClosure(tdb.db, { day: "2026-12-07", unitId: null, note: "Personalversammlung" }, now, await message());
    expect(empty).toMatchObject({ ok: true, cancelled: 0 });
    if (!empty.ok) throw new Error("not closed");
    const clearing = (await bookingConfig(tdb.db, "residence-extension"))!;
    expect(await availabilityOfDay(tdb.db, clearing, "2026-12-07", now)).toEqual([]);

    expect(await removeClosure(tdb.db, empty.closureId, now)).toEqual({ ok: true });
    expect((await availabilityOfDay(tdb.db, (await bookingConfig(tdb.db, "residence-extension"))!, "2026-12-07", now)).length).toBeGreaterThan(0);
    expect(await removeClosure(tdb.db, empty.closureId, now)).toEqual({ ok: false, reason: "not-found" });

    const [past] = await tdb.db.insert(schema.closures).values({ day: "2026-11-20", unitId: null, note: "" }).returning({ id: schema.closures.id });
    expect(await removeClosure(tdb.db, past!.id, now)).toEqual({ ok: false, reason: "past" });
    expect((await upcomingClosures(tdb.db, now)).map((c) => c.day)).not.toContain("2026-11-20");
  });

  test("two staff members closing the same day at once: one closure, each person cancelled and told once", async () => {
    const day3 = "2026-12-08";
    await book("passport-transfer", at(day3, "09:00"));
    const outboxBefore = (await tdb.db.select().from(schema.outbox)).length;
    const m = await message();
    const results = await Promise.all([
      addClosure(tdb.db, { day: day3, unitId: "service-point", note: "", confirmed: 1 }, now, m),
      addClosure(tdb.db, { day: day3, unitId: "service-point", note: "", confirmed: 1 }, now, m),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === "exists")).toHaveLength(1);
    expect((await tdb.db.select().from(schema.outbox)).length).toBe(outboxBefore + 1);
  });
});
