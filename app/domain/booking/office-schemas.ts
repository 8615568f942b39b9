// The forms of the service point and the office settings: one zod schema per form, client-safe.
// Messages are i18n keys of the servicepoint namespace; field names are the form's input names.
import { fieldErrors } from "#app/lib/forms";
import { z } from "zod";

const text = (v: unknown) => (typeof v === "string" ? v.trim() : v);
const emptyAsUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : text(v));
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A whole number from a form field, in a range, with one message for anything else. */
function wholeNumber(min: number, max: number, error: string) {
  return z.preprocess(
    (v) => (typeof v === "string" && /^\s*\d{1,6}\s*$/.test(v) ? Number(v) : v),
    z.number({ error }).int({ error }).min(min, { error }).max(max, { error }),
  );
}

/** A unit id, or "" for the whole office / the building. */
const unitField = z.preprocess(
  text,
  z
    .string()
    .regex(/^([a-z][a-z0-9-]*)?$/, { error: "errors.unit" })
    .max(60),
);

export const checkInSchema = z.object({
  code: z.preprocess(text, z.string({ error: "checkIn.errors.empty" }).min(1, { error: "checkIn.errors.empty" }).max(40, { error: "checkIn.errors.invalid" })),
});

const appointmentId = wholeNumber(1, 2_147_483_647, "errors.badRequest");

/** Every button of the service point's page; an intent it does not know is a bad request. */
export const serviceActionSchema = z.discriminatedUnion(
  "intent",
  [
    checkInSchema.extend({ intent: z.literal("check-in") }),
    z.object({ intent: z.literal("call"), appointmentId, counter: wholeNumber(1, 50, "errors.counter") }),
    z.object({ intent: z.literal("complete"), appointmentId }),
    z.object({ intent: z.literal("no-show"), appointmentId }),
  ],
  { error: "errors.badRequest" },
);
export type ServiceAction = z.output<typeof serviceActionSchema>;

/** How many time ranges one weekday's form offers (e.g. morning and afternoon). */
export const MAX_RANGES = 4;

export type HoursRange = { opens: string; closes: string; counters: number };

/** Minutes since midnight of "HH:MM[:SS]". */
export function minutesOf(time: string): number {
  const [h = 0, m = 0] = time.split(":").map(Number);
  return h * 60 + m;
}

/**
 * One weekday's opening hours of a unit (or of the building: unit ""). Rows left empty are
 * dropped; no rows at all means closed on that weekday. Ranges must not overlap.
 */
const hoursFields = z.object({
  unit: unitField,
  weekday: wholeNumber(1, 7, "errors.badRequest"),
  ranges: z
    .array(
      z.object({
        opens: z.preprocess(emptyAsUndefined, z.string().regex(TIME, { error: "hours.errors.time" }).optional()),
        closes: z.preprocess(emptyAsUndefined, z.string().regex(TIME, { error: "hours.errors.time" }).optional()),
        counters: wholeNumber(1, 50, "hours.errors.counters"),
      }),
    )
    .max(MAX_RANGES),
});
type HoursFields = z.output<typeof hoursFields>;

function checkRanges(v: HoursFields, ctx: z.RefinementCtx) {
  v.ranges.forEach((r, i) => {
    if (!r.opens && !r.closes) return;
    if (!r.opens) ctx.addIssue({ code: "custom", path: [`opens_${i}`], message: "hours.errors.timeMissing" });
    if (!r.closes) ctx.addIssue({ code: "custom", path: [`closes_${i}`], message: "hours.errors.timeMissing" });
    if (r.opens && r.closes && minutesOf(r.opens) >= minutesOf(r.closes)) {
      ctx.addIssue({ code: "custom", path: [`closes_${i}`], message: "hours.errors.order" });
    }
  });
  const filled = v.ranges
    .map((r, i) => ({ ...r, i }))
    .filter((r) => r.opens && r.closes && minutesOf(r.opens) < minutesOf(r.closes))
    .sort((a, b) => minutesOf(a.opens!) - minutesOf(b.opens!));
  for (let k = 1; k < filled.length; k++) {
    if (minutesOf(filled[k]!.opens!) < minutesOf(filled[k - 1]!.closes!)) {
      ctx.addIssue({ code: "custom", path: [`opens_${filled[k]!.i}`], message: "hours.errors.overlap" });
    }
  }
}

function hoursOutput(v: HoursFields) {
  return {
    unitId: v.unit === "" ? null : v.unit,
    weekday: v.weekday,
    ranges: v.ranges
      .filter((r): r is { opens: string; closes: string; counters: number } => Boolean(r.opens && r.closes))
      .map((r) => ({ opens: r.opens.slice(0, 5), closes: r.closes.slice(0, 5), counters: r.counters }))
      .sort((a, b) => minutesOf(a.opens) - minutesOf(b.opens)),
  };
}

export const hoursSchema = hoursFields.superRefine(checkRanges).transform(hoursOutput);

/** The hours form's fields as the schema reads them, from flat form data (opens_0, closes_0, counters_0 …). */
export function hoursInput(get: (name: string) => string) {
  return {
    unit: get("unit"),
    weekday: get("weekday"),
    ranges: Array.from({ length: MAX_RANGES }, (_, i) => ({
      opens: get(`opens_${i}`),
      closes: get(`closes_${i}`),
      counters: get(`counters_${i}`) || "1",
    })),
  };
}

export const releaseModes = ["first_come", "lottery"] as const;

export const slotSettingsSchema = z.object({
  serviceId: z.preprocess(text, z.string().regex(/^[a-z][a-z0-9-]*$/, { error: "errors.badRequest" })),
  slotMinutes: wholeNumber(5, 240, "slots.errors.slotMinutes"),
  parallel: wholeNumber(1, 50, "slots.errors.parallel"),
  horizonDays: wholeNumber(1, 365, "slots.errors.horizonDays"),
  minLeadHours: wholeNumber(0, 720, "slots.errors.minLeadHours"),
  releaseMode: z.enum(releaseModes, { error: "slots.errors.releaseMode" }),
  lotteryLeadDays: wholeNumber(1, 180, "slots.errors.lotteryLeadDays"),
  lotteryWindowHours: wholeNumber(1, 336, "slots.errors.lotteryWindowHours"),
  lotteryUrgentSharePercent: wholeNumber(0, 100, "slots.errors.lotteryUrgentSharePercent"),
  lotteryUrgentDays: wholeNumber(1, 365, "slots.errors.lotteryUrgentDays"),
});
/** The fields of the slot settings form, in order. */
export const slotSettingsFields = Object.keys(slotSettingsSchema.shape) as (keyof typeof slotSettingsSchema.shape)[];
export type SlotSettings = z.output<typeof slotSettingsSchema>;

const closureFields = z.object({
  day: z.preprocess(text, z.string({ error: "closures.errors.day" }).regex(DAY, { error: "closures.errors.day" })),
  unit: unitField,
  note: z.preprocess(text, z.string().max(500, { error: "closures.errors.noteTooLong" })),
  /** How many booked people the staff member confirmed to be told (absent on the first POST). */
  confirmed: z.preprocess(emptyAsUndefined, wholeNumber(0, 100_000, "errors.badRequest").optional()),
});
type ClosureFields = z.output<typeof closureFields>;

function checkCalendarDay(v: ClosureFields, ctx: z.RefinementCtx) {
  const [y, m, d] = v.day.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    ctx.addIssue({ code: "custom", path: ["day"], message: "closures.errors.day" });
  }
}

function closureOutput(v: ClosureFields) {
  return { day: v.day, unitId: v.unit === "" ? null : v.unit, note: v.note, confirmed: v.confirmed };
}

export const closureSchema = closureFields.superRefine(checkCalendarDay).transform(closureOutput);

export const removeClosureSchema = z.object({ closureId: wholeNumber(1, 2_147_483_647, "errors.badRequest") });

/**
 * Every form of the office page, told apart by its button's `intent`; an intent it does not know
 * is a bad request. The parsed value carries the intent beside the form's own output.
 */
export const officeActionSchema = z.discriminatedUnion(
  "intent",
  [
    hoursFields
      .extend({ intent: z.literal("hours") })
      .superRefine(checkRanges)
      .transform((v) => ({ intent: v.intent, ...hoursOutput(v) })),
    slotSettingsSchema.extend({ intent: z.literal("slots") }),
    closureFields
      .extend({ intent: z.literal("close") })
      .superRefine(checkCalendarDay)
      .transform((v) => ({ intent: v.intent, ...closureOutput(v) })),
    removeClosureSchema.extend({ intent: z.literal("remove-closure") }),
  ],
  { error: "errors.badRequest" },
);
export type OfficeAction = z.output<typeof officeActionSchema>;

/**
 * The office form's data as sent (each value cut to 1000 characters), to show the form again, and
 * the input `officeActionSchema` reads: the same values with the hours' flat rows as `ranges`.
 */
export function officeActionInput(form: FormData) {
  const values: Record<string, string> = {};
  for (const [name, value] of form) if (typeof value === "string") values[name] = value.slice(0, 1000);
  return { values, input: { ...values, ranges: hoursInput((name) => values[name] ?? "").ranges } };
}

/** Field errors as i18n keys, first per field; errors inside the ranges array name the flat input (opens_0 …). */
export function officeFieldErrors(error: z.ZodError) {
  return fieldErrors(error, (path) => (path[0] === "ranges" && path.length >= 3 ? `${path[2]}_${path[1]}` : (path[0] ?? "form")));
}
