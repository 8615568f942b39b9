// A date typed into three fields (day, month, year), as forms without a date picker ask for it:
// shared by the booking's contact form and the application's pages.

/** The date of day/month/year fields as YYYY-MM-DD, or null if it is not a real date. */
export function dateOfParts(day: string, month: string, year: string): string | null {
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return null;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return null;
  return date.toISOString().slice(0, 10);
}
