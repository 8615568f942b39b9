import { describe, expect, test } from "vitest";
import { isRole, needsUnit, passwordProblem, safeNext } from "./roles";

describe("roles", () => {
  test("only unit roles need a unit", () => {
    expect(["clearing", "case_worker", "service_point", "team_lead", "admin"].filter((r) => isRole(r) && needsUnit(r))).toEqual([
      "clearing",
      "case_worker",
      "service_point",
    ]);
    expect(isRole("root")).toBe(false);
  });
});

describe("where to go after logging in", () => {
  test.each([
    ["/staff/accounts?lng=ar", "/staff/accounts?lng=ar"],
    ["//evil.example/", "/staff"],
    ["/\\evil.example", "/staff"],
    ["https://evil.example/", "/staff"],
    ["javascript:alert(1)", "/staff"],
    ["/staff\n/x", "/staff"],
    [null, "/staff"],
  ])("%j -> %s", (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});

test("password rules", () => {
  expect(passwordProblem("short")).toBe("errors.passwordTooShort");
  expect(passwordProblem("a".repeat(129))).toBe("errors.passwordTooLong");
  expect(passwordProblem("a sentence of words")).toBeNull();
});
