import { describe, expect, test } from "vitest";
import { roles, type Role } from "#app/domain/staff/roles";
import { type Action, type CaseResource, can, type Grant, type HelperActor, staffActor, staffLinks } from "./policy";

const staff = (role: Role, id = 7, unitId: string | null = "residence") => staffActor({ id, role, unitId });
const routedTo7: CaseResource = { id: "c1", state: "in_processing", routedUnitId: "residence", routedCaseWorkerId: 7 };
const inClearing: CaseResource = { id: "c2", state: "in_clearing", routedUnitId: null, routedCaseWorkerId: null };
const draft: CaseResource = { id: "c3", state: "draft", routedUnitId: null, routedCaseWorkerId: null };
const now = new Date("2026-12-03T12:00:00Z");
const grant = (over: Partial<Grant> = {}): Grant => ({ caseId: "c1", scopes: ["see", "upload"], validUntil: new Date("2026-12-10T00:00:00Z"), revokedAt: null, ...over });
const helper = (grants: Grant[], suspended = false): HelperActor => ({ kind: "helper", id: 1, suspended, grants, now });

describe("staff roles", () => {
  test.each<[Action, Role[]]>([
    ["staff:enter", ["clearing", "case_worker", "service_point", "team_lead", "admin"]],
    ["queue:view", ["clearing", "team_lead", "admin"]],
    ["case:clear", ["clearing", "team_lead", "admin"]],
    ["case:view", ["clearing", "case_worker", "team_lead", "admin"]],
    ["document:read", ["clearing", "case_worker", "team_lead", "admin"]],
    ["cases:oversee", ["team_lead", "admin"]],
    ["inbox:view", ["case_worker", "team_lead", "admin"]],
    ["case:process", ["case_worker", "team_lead", "admin"]],
    ["service-point:use", ["service_point", "admin"]],
    ["office:configure", ["service_point", "admin"]],
    ["letter-ranges:manage", ["admin"]],
    ["accounts:manage", ["admin"]],
    ["case:upload", []],
    ["case:book", []],
  ])("%s is open to %j", (action, allowed) => {
    expect(roles.filter((r) => can(staff(r), action))).toEqual(allowed);
  });

  test("nobody signed in may do nothing", () => {
    expect(can(null, "staff:enter")).toBe(false);
    expect(can(undefined, "case:view", routedTo7)).toBe(false);
  });

  test("a case worker sees and decides only the cases routed to them in their unit", () => {
    expect(can(staff("case_worker"), "case:view", routedTo7)).toBe(true);
    expect(can(staff("case_worker"), "case:process", routedTo7)).toBe(true);
    expect(can(staff("case_worker", 8), "case:view", routedTo7)).toBe(false);
    expect(can(staff("case_worker", 7, "naturalisation"), "case:process", routedTo7)).toBe(false);
    expect(can(staff("case_worker"), "case:view", inClearing)).toBe(false);
  });

  test("clearing and team leads see every submitted case; nobody on staff sees a draft", () => {
    for (const r of ["clearing", "team_lead", "admin"] as const) {
      expect(can(staff(r), "case:view", inClearing)).toBe(true);
      expect(can(staff(r), "case:view", draft)).toBe(false);
    }
    expect(can(staff("service_point"), "case:view", inClearing)).toBe(false);
    expect(can(staff("clearing"), "case:process", routedTo7)).toBe(false);
  });
});

describe("helpers act only through a client's grant", () => {
  test("a grant in force allows its scopes for its case and nothing else", () => {
    const h = helper([grant()]);
    expect(can(h, "case:view", routedTo7)).toBe(true);
    expect(can(h, "document:read", routedTo7)).toBe(true);
    expect(can(h, "case:upload", routedTo7)).toBe(true);
    expect(can(h, "case:withdraw", routedTo7)).toBe(false);
    expect(can(h, "case:view", inClearing)).toBe(false);
    expect(can(h, "queue:view")).toBe(false);
    expect(can(h, "staff:enter")).toBe(false);
    expect(can(h, "case:clear", routedTo7)).toBe(false);
  });

  test("an expired, a revoked or another case's grant, or a suspended helper, allows nothing", () => {
    expect(can(helper([grant({ validUntil: now })]), "case:view", routedTo7)).toBe(false);
    expect(can(helper([grant({ revokedAt: new Date("2026-12-01T00:00:00Z") })]), "case:view", routedTo7)).toBe(false);
    expect(can(helper([grant({ caseId: "c2" })]), "case:view", routedTo7)).toBe(false);
    expect(can(helper([grant()], true), "case:view", routedTo7)).toBe(false);
    expect(can(helper([]), "case:view")).toBe(false);
  });
});

describe("staff roles without a list (the old roleAllowed)", () => {
  test("admins may use everything; every role may enter the staff area", () => {
    const actions: Action[] = [
      "queue:view",
      "case:clear",
      "inbox:view",
      "case:process",
      "service-point:use",
      "office:configure",
      "letter-ranges:manage",
      "accounts:manage",
      "cases:oversee",
    ];
    for (const action of actions) expect(can(staff("admin"), action)).toBe(true);
    for (const r of roles) expect(can(staff(r), "staff:enter")).toBe(true);
    expect(can(staff("team_lead"), "accounts:manage")).toBe(false);
    expect(can(staff("clearing"), "service-point:use")).toBe(false);
  });
});

describe("navigation", () => {
  test("each role is offered the pages it may use", () => {
    const keys = (r: Role) => staffLinks(staff(r)).map((l) => l.key);
    expect(keys("admin")).toEqual(["start", "queue", "inbox", "servicePoint", "office", "letterRanges", "accounts", "account"]);
    expect(keys("service_point")).toEqual(["start", "servicePoint", "office", "account"]);
    expect(keys("clearing")).toEqual(["start", "queue", "account"]);
    expect(keys("case_worker")).toEqual(["start", "inbox", "account"]);
    expect(keys("team_lead")).toEqual(["start", "queue", "inbox", "account"]);
    expect(staffLinks(helper([grant()]))).toEqual([]);
  });
});
