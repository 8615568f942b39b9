// Dates, times and numbers for a language, through Intl. Always the Gregorian calendar: the
// office's documents and deadlines are Gregorian, also for people reading Persian or Arabic.
import type { Language } from "./languages";

function locale(lng: Language): string {
  return `${lng}-u-ca-gregory`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A shared formatter per locale and options: creating an Intl.DateTimeFormat costs about 0.1 ms,
 * and a day page formats a hundred times (measured with npm run bench:booking). The cache is small:
 * languages × option sets × the office's time zone.
 */
function dateTimeFormat(localeTag: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${localeTag}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(localeTag, options);
    formatters.set(key, format);
  }
  return format;
}

/** "08:00:00" (a PostgreSQL time) as the language writes a time of day. */
export function formatTimeOfDay(lng: Language, time: string): string {
  const [h = 0, m = 0] = time.split(":").map(Number);
  return dateTimeFormat(locale(lng), { hour: "numeric", minute: "2-digit", timeZone: "UTC" }).format(Date.UTC(2024, 0, 1, h, m));
}

/** ISO weekday (1 = Monday) as the language names it. */
export function weekdayName(lng: Language, isoWeekday: number): string {
  // 2024-01-01 was a Monday.
  return dateTimeFormat(locale(lng), { weekday: "long", timeZone: "UTC" }).format(Date.UTC(2024, 0, isoWeekday));
}

/** "2026-12-25" (a calendar day) as a long date in the language. */
export function formatDay(lng: Language, day: string): string {
  const [y = 1970, mo = 1, d = 1] = day.split("-").map(Number);
  return dateTimeFormat(locale(lng), { dateStyle: "long", timeZone: "UTC" }).format(Date.UTC(y, mo - 1, d));
}

/** Today's calendar day in the office's time zone, as "YYYY-MM-DD". */
export function todayIn(timeZone: string, now = new Date()): string {
  return dateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** An instant as a long date with weekday, in a time zone ("Dienstag, 24. November 2026"). */
export function formatDate(lng: Language, instant: Date, timeZone: string): string {
  return dateTimeFormat(locale(lng), { dateStyle: "full", timeZone }).format(instant);
}

/** An instant's time of day in a time zone ("08:20"). */
export function formatTime(lng: Language, instant: Date, timeZone: string): string {
  return dateTimeFormat(locale(lng), { hour: "numeric", minute: "2-digit", timeZone }).format(instant);
}

/** A month's name and year ("November 2026") for the first day of a month "YYYY-MM". */
export function formatMonth(lng: Language, month: string): string {
  const [y = 1970, m = 1] = month.split("-").map(Number);
  return dateTimeFormat(locale(lng), { month: "long", year: "numeric", timeZone: "UTC" }).format(Date.UTC(y, m - 1, 1));
}

/** Weekday names for a calendar's column heads, Monday first: short, or a letter where short names are whole words. */
export function weekdayShortNames(lng: Language): string[] {
  const weekday = lng === "ar" || lng === "fa" ? "narrow" : "short";
  return [1, 2, 3, 4, 5, 6, 7].map((d) => dateTimeFormat(locale(lng), { weekday, timeZone: "UTC" }).format(Date.UTC(2024, 0, d)));
}

/** "Monday, 1 December 2026, 09:30": an instant's date and time in the language and time zone. */
export function formatDateTime(lng: Language, instant: Date, timeZone: string): string {
  return `${formatDate(lng, instant, timeZone)}, ${formatTime(lng, instant, timeZone)}`;
}
