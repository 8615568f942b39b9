// Calendar-day arithmetic on plain ISO dates ("YYYY-MM-DD"). Document dates, expiry dates and
// deadlines are days, not instants: counting them as UTC days avoids every daylight-saving and
// time-zone slip. The one place where an instant becomes a day is `officeDay`, in the office's zone.
import { todayIn } from "#app/lib/i18n/format";

/** A calendar day, "YYYY-MM-DD". */
export type IsoDay = string;

export const OFFICE_TIME_ZONE = "Europe/Berlin";

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDay(value: string): boolean {
  const m = ISO_DAY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  // Date.UTC rolls 2025-02-30 over to 2025-03-02: a real day survives the round trip.
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Days since 1970-01-01; refuses anything that is not a real calendar day. */
export function dayNumber(day: IsoDay): number {
  if (!isIsoDay(day)) throw new RangeError(`Not a calendar day (YYYY-MM-DD): ${JSON.stringify(day)}`);
  const [y, mo, d] = day.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, mo - 1, d) / DAY_MS;
}

/** `to` minus `from`, in days (negative when `to` is earlier). */
export function daysBetween(from: IsoDay, to: IsoDay): number {
  return dayNumber(to) - dayNumber(from);
}

export function plusDays(day: IsoDay, n: number): IsoDay {
  return new Date((dayNumber(day) + n) * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar day of an instant in the office's time zone (Europe/Berlin unless the office says otherwise). */
export function officeDay(now: Date, timeZone: string = OFFICE_TIME_ZONE): IsoDay {
  return todayIn(timeZone, now);
}
