import { describe, expect, test } from "vitest";
import { dayNumber, daysBetween, isIsoDay, officeDay, plusDays } from "./days";

describe("calendar days", () => {
  test("only real calendar days in YYYY-MM-DD are days", () => {
    expect(isIsoDay("2024-02-29")).toBe(true);
    expect(isIsoDay("2025-02-29")).toBe(false);
    expect(isIsoDay("2025-04-31")).toBe(false);
    expect(isIsoDay("2025-4-01")).toBe(false);
    expect(isIsoDay("2025-04-01T00:00:00Z")).toBe(false);
    expect(() => dayNumber("01.04.2025")).toThrow(RangeError);
  });

  test("differences and sums ignore daylight-saving changes", () => {
    // Berlin's clocks go forward on 30 March 2025 and back on 26 October 2025: still one day each.
    expect(daysBetween("2025-03-29", "2025-03-31")).toBe(2);
    expect(daysBetween("2025-10-25", "2025-10-27")).toBe(2);
    expect(daysBetween("2025-03-31", "2025-03-29")).toBe(-2);
    expect(plusDays("2025-03-29", 2)).toBe("2025-03-31");
    expect(plusDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(plusDays("2025-01-01", -1)).toBe("2024-12-31");
  });

  test("the office's day of an instant is its calendar day in Berlin", () => {
    expect(officeDay(new Date("2025-03-30T21:59:59Z"))).toBe("2025-03-30"); // 23:59:59 CEST
    expect(officeDay(new Date("2025-03-30T22:00:00Z"))).toBe("2025-03-31"); // midnight CEST
    expect(officeDay(new Date("2025-01-15T22:59:59Z"))).toBe("2025-01-15"); // 23:59:59 CET
    expect(officeDay(new Date("2025-01-15T23:00:00Z"))).toBe("2025-01-16");
    expect(officeDay(new Date("2025-01-15T23:00:00Z"), "UTC")).toBe("2025-01-15");
  });
});
