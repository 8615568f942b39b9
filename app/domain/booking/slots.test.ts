import { describe, expect, test } from "vitest";
import { addDays, dayIn, isoWeekday, slotsForDay, type SlotRules, zonedTimeToUtc } from "./slots";

const rules: SlotRules = { timeZone: "Europe/Berlin", slotMinutes: 20, capacity: 4, minLeadHours: 12, bookingHorizonDays: 42 };
const hours = [
  { weekday: 2, opens: "08:00", closes: "09:00" },
  { weekday: 2, opens: "13:30", closes: "14:10" },
];

describe("time zones", () => {
  test("wall-clock times become the right instants in winter and in summer", () => {
    expect(zonedTimeToUtc("2026-11-24", "08:00", "Europe/Berlin").toISOString()).toBe("2026-11-24T07:00:00.000Z");
    expect(zonedTimeToUtc("2026-07-07", "08:00", "Europe/Berlin").toISOString()).toBe("2026-07-07T06:00:00.000Z");
    // The day clocks go forward (29 March 2026): 08:00 is already summer time.
    expect(zonedTimeToUtc("2026-03-29", "08:00", "Europe/Berlin").toISOString()).toBe("2026-03-29T06:00:00.000Z");
    expect(dayIn(new Date("2026-11-23T23:30:00Z"), "Europe/Berlin")).toBe("2026-11-24");
    expect(isoWeekday("2026-11-24")).toBe(2);
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});

describe("slotsForDay", () => {
  const now = new Date("2026-11-23T06:00:00Z"); // Monday 07:00 in Berlin

  test("cuts the opening hours into slots that fit whole", () => {
    const slots = slotsForDay("2026-11-24", hours, new Set(), rules, now);
    expect(slots.map((s) => s.startsAt.toISOString())).toEqual([
      "2026-11-24T07:00:00.000Z",
      "2026-11-24T07:20:00.000Z",
      "2026-11-24T07:40:00.000Z",
      "2026-11-24T12:30:00.000Z",
      "2026-11-24T12:50:00.000Z",
    ]);
    expect(slots[0]!.endsAt.toISOString()).toBe("2026-11-24T07:20:00.000Z");
  });

  test("nothing on a day without hours, on a holiday, in the past or beyond the horizon", () => {
    expect(slotsForDay("2026-11-25", hours, new Set(), rules, now)).toEqual([]);
    expect(slotsForDay("2026-11-24", hours, new Set(["2026-11-24"]), rules, now)).toEqual([]);
    expect(slotsForDay("2026-11-17", hours, new Set(), rules, now)).toEqual([]);
    expect(slotsForDay("2027-01-05", hours, new Set(), rules, now)).toEqual([]);
    expect(slotsForDay("2027-01-05", hours, new Set(), { ...rules, bookingHorizonDays: 60 }, now)).toHaveLength(5);
  });

  test("not sooner than the lead time", () => {
    const late = new Date("2026-11-23T19:10:00Z"); // 20:10 Berlin; + 12 h = 08:10 next day
    const slots = slotsForDay("2026-11-24", hours, new Set(), rules, late);
    expect(slots[0]!.startsAt.toISOString()).toBe("2026-11-24T07:20:00.000Z");
  });
});
