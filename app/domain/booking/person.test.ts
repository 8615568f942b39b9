import { expect, test } from "vitest";
import { emailKey, personKey, phoneKey } from "./person";

test("one person, however the name is typed", () => {
  const key = personKey("Özdemir, Ayşe", "1990-04-01");
  expect(personKey("  ayse   OZDEMIR ", "1990-04-01")).toBe(key);
  expect(personKey("Ayşe Özdemir", "1990-04-02")).not.toBe(key);
  expect(personKey("Groß Anna", "1980-01-01")).toBe(personKey("anna gross", "1980-01-01"));
});

test("contacts are compared in one form", () => {
  expect(emailKey(" Anna@Example.org ")).toBe("anna@example.org");
  expect(phoneKey("0151 234 567")).toBe(phoneKey("+49 151 234567"));
  expect(phoneKey("0049 151 234567")).toBe("+49151234567");
  expect(phoneKey(null)).toBeNull();
});
