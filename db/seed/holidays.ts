// Public holidays of the demo office's state (Baden-Württemberg, like Freiburg and Stuttgart),
// computed for any year so that the seed always covers the current and the next year.

export type Holiday = { key: string; day: string };

function easterSunday(year: number): Date {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function plusDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

export function holidaysOf(year: number): Holiday[] {
  const easter = easterSunday(year);
  const fixed = (key: string, month: number, day: number): Holiday => ({
    key,
    day: isoDay(new Date(Date.UTC(year, month - 1, day))),
  });
  const moving = (key: string, offset: number): Holiday => ({ key, day: isoDay(plusDays(easter, offset)) });
  return [
    fixed("new-year", 1, 1),
    fixed("epiphany", 1, 6),
    moving("good-friday", -2),
    moving("easter-monday", 1),
    fixed("labour-day", 5, 1),
    moving("ascension", 39),
    moving("whit-monday", 50),
    moving("corpus-christi", 60),
    fixed("unity-day", 10, 3),
    fixed("all-saints", 11, 1),
    fixed("christmas", 12, 25),
    fixed("boxing-day", 12, 26),
  ];
}
