import { describe, expect, test } from "vitest";
import { fieldErrors } from "#app/lib/forms";
import {
  closureSchema,
  hoursInput,
  hoursSchema,
  officeActionInput,
  officeActionSchema,
  officeFieldErrors,
  serviceActionSchema,
  slotSettingsSchema,
} from "./office-schemas";

const form = (values: Record<string, string>) => (name: string) => values[name] ?? "";

function hours(values: Record<string, string>) {
  return hoursSchema.safeParse(hoursInput(form({ unit: "service-point", weekday: "2", ...values })));
}

describe("opening hours form", () => {
  test("ranges are sorted, empty rows dropped, times cut to minutes", () => {
    const r = hours({ opens_0: "13:00", closes_0: "15:30", counters_0: "2", opens_2: "08:00:00", closes_2: "12:00", counters_2: "3" });
    expect(r.success && r.data).toEqual({
      unitId: "service-point",
      weekday: 2,
      ranges: [
        { opens: "08:00", closes: "12:00", counters: 3 },
        { opens: "13:00", closes: "15:30", counters: 2 },
      ],
    });
  });

  test("no ranges at all: closed that day; the building is unit ''", () => {
    const r = hoursSchema.safeParse(hoursInput(form({ unit: "", weekday: "7" })));
    expect(r.success && r.data).toEqual({ unitId: null, weekday: 7, ranges: [] });
  });

  test("end before start, overlaps, half-filled rows, bad times and counters are named per field", () => {
    const r = hours({
      opens_0: "10:00",
      closes_0: "09:00",
      opens_1: "08:00",
      closes_1: "12:00",
      opens_2: "11:00",
      closes_2: "13:00",
      opens_3: "14:00",
    });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(officeFieldErrors(r.error)).toEqual({
      closes_0: "hours.errors.order",
      opens_2: "hours.errors.overlap",
      closes_3: "hours.errors.timeMissing",
    });
    const bad = hours({ opens_0: "25:00", closes_0: "26:00", counters_0: "0", opens_1: "08:00", closes_1: "09:00", counters_1: "51" });
    expect(bad.success).toBe(false);
    if (bad.success) return;
    expect(officeFieldErrors(bad.error)).toMatchObject({
      opens_0: "hours.errors.time",
      closes_0: "hours.errors.time",
      counters_0: "hours.errors.counters",
      counters_1: "hours.errors.counters",
    });
    // Touching ranges (one ends when the next begins) are fine.
    expect(hours({ opens_0: "08:00", closes_0: "12:00", opens_1: "12:00", closes_1: "14:00" }).success).toBe(true);
    expect(hours({ weekday: "8" }).success).toBe(false);
  });
});

describe("slot settings form", () => {
  const good = {
    serviceId: "passport-transfer",
    slotMinutes: "15",
    parallel: "3",
    horizonDays: "28",
    minLeadHours: "0",
    releaseMode: "first_come",
    lotteryLeadDays: "14",
    lotteryWindowHours: "48",
    lotteryUrgentSharePercent: "0",
    lotteryUrgentDays: "42",
  };
  test("whole numbers within the limits", () => {
    expect(slotSettingsSchema.parse(good)).toEqual({
      ...good,
      slotMinutes: 15,
      parallel: 3,
      horizonDays: 28,
      minLeadHours: 0,
      lotteryLeadDays: 14,
      lotteryWindowHours: 48,
      lotteryUrgentSharePercent: 0,
      lotteryUrgentDays: 42,
    });
    const r = slotSettingsSchema.safeParse({
      ...good,
      slotMinutes: "4",
      parallel: "1.5",
      horizonDays: "366",
      minLeadHours: "-1",
      releaseMode: "whoever",
      lotteryLeadDays: "0",
      lotteryWindowHours: "337",
      lotteryUrgentSharePercent: "101",
      lotteryUrgentDays: "",
    });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(officeFieldErrors(r.error)).toEqual({
      slotMinutes: "slots.errors.slotMinutes",
      parallel: "slots.errors.parallel",
      horizonDays: "slots.errors.horizonDays",
      minLeadHours: "slots.errors.minLeadHours",
      releaseMode: "slots.errors.releaseMode",
      lotteryLeadDays: "slots.errors.lotteryLeadDays",
      lotteryWindowHours: "slots.errors.lotteryWindowHours",
      lotteryUrgentSharePercent: "slots.errors.lotteryUrgentSharePercent",
      lotteryUrgentDays: "slots.errors.lotteryUrgentDays",
    });
  });
});

describe("closure form", () => {
  test("a real calendar day, a short note, an optional confirmation", () => {
    expect(closureSchema.parse({ day: "2026-12-24", unit: "", note: " Feier ", confirmed: "" })).toEqual({
      day: "2026-12-24",
      unitId: null,
      note: "Feier",
      confirmed: undefined,
    });
    expect(closureSchema.parse({ day: "2026-12-24", unit: "clearing", note: "", confirmed: "3" })).toMatchObject({ unitId: "clearing", confirmed: 3 });
    for (const day of ["2026-02-30", "24.12.2026", ""]) {
      const r = closureSchema.safeParse({ day, unit: "", note: "", confirmed: "" });
      expect(r.success).toBe(false);
      if (!r.success) expect(officeFieldErrors(r.error).day).toBe("closures.errors.day");
    }
    const long = closureSchema.safeParse({ day: "2026-12-24", unit: "", note: "x".repeat(501), confirmed: "" });
    expect(!long.success && officeFieldErrors(long.error).note).toBe("closures.errors.noteTooLong");
    expect(closureSchema.safeParse({ day: "2026-12-24", unit: "Bad Unit", note: "" }).success).toBe(false);
  });
});

describe("service point buttons", () => {
  test("one intent each; the counter must be 1..50", () => {
    expect(serviceActionSchema.parse({ intent: "call", appointmentId: "7", counter: "2" })).toEqual({ intent: "call", appointmentId: 7, counter: 2 });
    expect(serviceActionSchema.parse({ intent: "no-show", appointmentId: "7", counter: "" })).toEqual({ intent: "no-show", appointmentId: 7 });
    expect(serviceActionSchema.safeParse({ intent: "call", appointmentId: "7", counter: "0" }).success).toBe(false);
    expect(serviceActionSchema.safeParse({ intent: "delete", appointmentId: "7" }).success).toBe(false);
  });

  test("check-in is one of the intents; an unknown intent is a bad request, named as such", () => {
    expect(serviceActionSchema.parse({ intent: "check-in", code: " abcd-efgh ", appointmentId: "" })).toEqual({ intent: "check-in", code: "abcd-efgh" });
    const empty = serviceActionSchema.safeParse({ intent: "check-in", code: "" });
    expect(!empty.success && fieldErrors(empty.error)).toEqual({ code: "checkIn.errors.empty" });
    for (const intent of ["delete", ""]) {
      const r = serviceActionSchema.safeParse({ intent, appointmentId: "7" });
      expect(!r.success && fieldErrors(r.error)).toEqual({ intent: "errors.badRequest" });
    }
  });
});

describe("office page forms", () => {
  const form = (entries: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(entries)) data.set(k, v);
    return officeActionInput(data);
  };

  test("one union: each intent gives its form's output with the intent beside it", () => {
    const hours = form({ intent: "hours", unit: "", weekday: "3", opens_1: "08:00", closes_1: "12:00" });
    expect(officeActionSchema.parse(hours.input)).toEqual({ intent: "hours", unitId: null, weekday: 3, ranges: [{ opens: "08:00", closes: "12:00", counters: 1 }] });
    expect(hours.values).toMatchObject({ intent: "hours", opens_1: "08:00" });
    expect(officeActionSchema.parse(form({ intent: "close", day: "2026-12-24", unit: "clearing", note: "", confirmed: "2" }).input)).toEqual({
      intent: "close",
      day: "2026-12-24",
      unitId: "clearing",
      note: "",
      confirmed: 2,
    });
    expect(officeActionSchema.parse(form({ intent: "remove-closure", closureId: "12" }).input)).toEqual({ intent: "remove-closure", closureId: 12 });
    const slots = officeActionSchema.parse(
      form({
        intent: "slots",
        serviceId: "naturalisation",
        slotMinutes: "30",
        parallel: "1",
        horizonDays: "90",
        minLeadHours: "24",
        releaseMode: "lottery",
        lotteryLeadDays: "14",
        lotteryWindowHours: "48",
        lotteryUrgentSharePercent: "10",
        lotteryUrgentDays: "42",
      }).input,
    );
    expect(slots).toMatchObject({ intent: "slots", serviceId: "naturalisation", slotMinutes: 30, releaseMode: "lottery" });
  });

  test("the forms' own checks still apply inside the union; values are kept as sent, cut to 1000 characters", () => {
    const order = officeActionSchema.safeParse(form({ intent: "hours", unit: "service-point", weekday: "1", opens_0: "12:00", closes_0: "08:00" }).input);
    expect(!order.success && officeFieldErrors(order.error)).toEqual({ closes_0: "hours.errors.order" });
    const day = officeActionSchema.safeParse(form({ intent: "close", day: "2026-02-30", unit: "", note: "" }).input);
    expect(!day.success && officeFieldErrors(day.error)).toEqual({ day: "closures.errors.day" });
    const removal = officeActionSchema.safeParse(form({ intent: "remove-closure", closureId: "x" }).input);
    expect(!removal.success && officeFieldErrors(removal.error)).toEqual({ closureId: "errors.badRequest" });
    expect(form({ intent: "close", note: "x".repeat(2000) }).values.note).toHaveLength(1000);
  });

  test("an unknown or missing intent is a bad request, not a form error", () => {
    for (const intent of ["delete-everything", ""]) {
      const r = officeActionSchema.safeParse(form({ intent, closureId: "1" }).input);
      expect(!r.success && officeFieldErrors(r.error)).toEqual({ intent: "errors.badRequest" });
    }
  });
});
