import { describe, expect, test } from "vitest";
import { isRole, needsUnit, passwordProblem, roleAllowed, safeNext, staffLinks } from "./roles";

describe("roles", () => {
  test("admins may use everything; others only what names them; no list means every role", () => {
    expect(roleAllowed("admin", ["service_point"])).toBe(true);
    expect(roleAllowed("admin", [])).toBe(true);
    expect(roleAllowed("service_point", ["service_point"])).toBe(true);
    expect(roleAllowed("clearing", ["service_point"])).toBe(false);
    expect(roleAllowed("team_lead", [])).toBe(false);
    expect(roleAllowed("case_worker")).toBe(true);
  });
  test("only unit roles need a unit", () => {
    expect(["clearing", "case_worker", "service_point", "team_lead", "admin"].filter((r) => isRole(r) && needsUnit(r))).toEqual([
      "clearing",
      "case_worker",
      "service_point",
    ]);
    expect(isRole("root")).toBe(false);
  });
  test("each role is offered the pages it may use", () => {
    const keys = (r: Parameters<typeof staffLinks>[0]) => staffLinks(r).map((l) => l.key);
    expect(keys("admin")).toEqual(["start", "queue", "inbox", "servicePoint", "office", "letterRanges", "accounts", "account"]);
    expect(keys("service_point")).toEqual(["start", "servicePoint", "office", "account"]);
    expect(keys("clearing")).toEqual(["start", "queue", "account"]);
    expect(keys("case_worker")).toEqual(["start", "inbox", "account"]);
    expect(keys("team_lead")).toEqual(["start", "queue", "inbox", "account"]);
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
