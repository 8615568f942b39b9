// Which times can be booked: derived from opening hours, slot length, capacity, holidays, and
// how soon and how far ahead booking is allowed. Pure; times are computed in the office's zone.

export type OpeningRange = { weekday: number; opens: string; closes: string };

export type SlotRules = {
  timeZone: string;
  slotMinutes: number;
  capacity: number;
  minLeadHours: number;
  bookingHorizonDays: number;
};

export type CandidateSlot = { startsAt: Date; endsAt: Date };

const DAY_MS = 86_400_000;

/** The UTC instant of a wall-clock time on a day in a time zone (DST-safe). */
export function zonedTimeToUtc(day: string, time: string, timeZone: string): Date {
  const [y, mo, d] = day.split("-").map(Number) as [number, number, number];
  const [h, mi] = time.split(":").map(Number) as [number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // Two passes: the offset at the guessed instant, then at the corrected one.
  let instant = asUtc - offsetMs(asUtc, timeZone);
  instant = asUtc - offsetMs(instant, timeZone);
  return new Date(instant);
}

// Creating an Intl.DateTimeFormat costs about 0.1 ms and every hold computes a day's slots:
// one formatter per time zone, reused (an office has one time zone).
const wallClocks = new Map<string, Intl.DateTimeFormat>();
const calendarDays = new Map<string, Intl.DateTimeFormat>();

function cached(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, create: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = cache.get(timeZone);
  if (!format) {
    format = create();
    cache.set(timeZone, format);
  }
  return format;
}

function offsetMs(instant: number, timeZone: string): number {
  const parts = cached(
    wallClocks,
    timeZone,
    () =>
      new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      }),
  ).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The calendar day ("YYYY-MM-DD") of an instant in a time zone. */
export function dayIn(instant: Date, timeZone: string): string {
  return cached(calendarDays, timeZone, () => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })).format(instant);
}

/** ISO weekday (1 = Monday) of a calendar day. */
export function isoWeekday(day: string): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return w === 0 ? 7 : w;
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Days without appointments (public holidays, closures, days not released): only `has` is needed. */
export type ClosedDays = { has(day: string): boolean };

/** The bookable slots of one day, before counting what is taken. */
export function slotsForDay(day: string, hours: OpeningRange[], holidays: ClosedDays, rules: SlotRules, now: Date): CandidateSlot[] {
  const today = dayIn(now, rules.timeZone);
  if (day < today || day > addDays(today, rules.bookingHorizonDays) || holidays.has(day)) return [];
  const earliest = now.getTime() + rules.minLeadHours * 3_600_000;
  return startsOfDay(day, hours, rules)
    .filter((start) => start >= earliest)
    .map((start) => ({ startsAt: new Date(start), endsAt: new Date(start + rules.slotMinutes * 60_000) }));
}

/**
 * The slot starts (ms) of a day from the opening hours alone, sorted. Remembered per `hours`
 * array (one per kept configuration, so a changed configuration brings a new array) and day:
 * the time-zone arithmetic is the costly part of answering a refused hold in a rush.
 */
function startsOfDay(day: string, hours: OpeningRange[], rules: SlotRules): number[] {
  let days = dayStarts.get(hours);
  if (!days) {
    days = new Map();
    dayStarts.set(hours, days);
  }
  const key = `${day}|${rules.timeZone}|${rules.slotMinutes}`;
  let starts = days.get(key);
  if (starts) return starts;
  const weekday = isoWeekday(day);
  starts = [];
  for (const range of hours.filter((h) => h.weekday === weekday)) {
    const opens = zonedTimeToUtc(day, range.opens, rules.timeZone).getTime();
    const closes = zonedTimeToUtc(day, range.closes, rules.timeZone).getTime();
    for (let start = opens; start + rules.slotMinutes * 60_000 <= closes; start += rules.slotMinutes * 60_000) starts.push(start);
  }
  starts.sort((a, b) => a - b);
  // Bounded: the horizon's days for a handful of variants; beyond that, start afresh.
  if (days.size >= 400) days.clear();
  days.set(key, starts);
  return starts;
}

const dayStarts = new WeakMap<OpeningRange[], Map<string, number[]>>();

/** Whether an instant is one of the day's bookable slot starts. */
export function isSlotStart(startsAt: Date, hours: OpeningRange[], holidays: ClosedDays, rules: SlotRules, now: Date): CandidateSlot | null {
  const day = dayIn(startsAt, rules.timeZone);
  return slotsForDay(day, hours, holidays, rules, now).find((s) => s.startsAt.getTime() === startsAt.getTime()) ?? null;
}
