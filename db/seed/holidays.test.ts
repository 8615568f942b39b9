import { expect, test } from "vitest";
import { holidaysOf } from "./holidays";

test("Easter-based holidays fall on the right days", () => {
  const days = (year: number) => Object.fromEntries(holidaysOf(year).map((h) => [h.key, h.day]));
  expect(days(2026)).toMatchObject({
    "good-friday": "2026-04-03",
    "easter-monday": "2026-04-06",
    ascension: "2026-05-14",
    "whit-monday": "2026-05-25",
    "corpus-christi": "2026-06-04",
  });
  expect(days(2027)).toMatchObject({ "good-friday": "2027-03-26", "easter-monday": "2027-03-29" });
  expect(days(2027)["unity-day"]).toBe("2027-10-03");
});
