import { expect, test } from "vitest";
import { afterLanguage, withLanguage } from "./urls";

test("the language is added, encoded, beside an existing query and before a hash", () => {
  expect(withLanguage("/book/residence", "ar")).toBe("/book/residence?lng=ar");
  expect(withLanguage("/case/X?answered=1", "fa")).toBe("/case/X?answered=1&lng=fa");
  expect(withLanguage("/case/X#documents", "uk", { uploaded: 2 })).toBe("/case/X?uploaded=2&lng=uk#documents");
  expect(withLanguage("/status", "x&admin=1")).toBe("/status?lng=x%26admin%3D1");
  expect(withLanguage("/status", null)).toBe("/status");
  expect(withLanguage("https://lotse.example/offer/abc", "tr")).toBe("https://lotse.example/offer/abc?lng=tr");
});

test("afterLanguage keeps the language first and encodes the rest", () => {
  expect(afterLanguage("/appointment/abc", "de", { new: 1 })).toBe("/appointment/abc?lng=de&new=1");
  expect(afterLanguage("/book/x/sent", "tr", { code: "AB CD" })).toBe("/book/x/sent?lng=tr&code=AB+CD");
  expect(afterLanguage("/lottery/t", null, { new: 1 })).toBe("/lottery/t?new=1");
});
