import { describe, expect, test } from "vitest";
import { caseActionInput, parseCaseAction } from "./case-actions";

const doc = "0b6f6f4e-8a53-4c37-9a3e-2f7d3c1b9e10";
const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return caseActionInput(f);
};

describe("the case page's actions", () => {
  test("each intent parses to its action, texts trimmed and empty texts null", () => {
    expect(parseCaseAction(form([["intent", "claim"]]))).toEqual({ ok: true, action: { intent: "claim" } });
    expect(
      parseCaseAction(
        form([
          ["intent", "reject"],
          ["documentId", doc],
          ["reasonCode", "blurred"],
          ["note", "  "],
        ]),
      ),
    ).toEqual({
      ok: true,
      action: { intent: "reject", documentId: doc, reasonCode: "blurred", note: null },
    });
    expect(
      parseCaseAction(
        form([
          ["intent", "request"],
          ["items", "passport"],
          ["items", "photo"],
          ["deadline", ""],
          ["message", " Bitte "],
        ]),
      ),
    ).toEqual({
      ok: true,
      action: { intent: "request", items: ["passport", "photo"], deadline: null, message: "Bitte" },
    });
    expect(
      parseCaseAction(
        form([
          ["intent", "decide"],
          ["decision", "granted"],
        ]),
      ),
    ).toMatchObject({ ok: true, action: { decision: "granted" } });
  });

  test("what a person can fix comes back as field errors", () => {
    expect(
      parseCaseAction(
        form([
          ["intent", "reject"],
          ["documentId", doc],
          ["reasonCode", ""],
        ]),
      ),
    ).toEqual({ ok: false, errors: { reasonCode: "case.errors.unknown-reason" } });
    expect(parseCaseAction(form([["intent", "decide"]]))).toEqual({ ok: false, errors: { decision: "case.errors.decision" } });
    expect(
      parseCaseAction(
        form([
          ["intent", "decide"],
          ["decision", "maybe"],
        ]),
      ),
    ).toEqual({ ok: false, errors: { decision: "case.errors.decision" } });
    expect(parseCaseAction(form([["intent", "extend"]]))).toEqual({ ok: false, errors: { deadline: "case.errors.invalid-deadline" } });
  });

  test("an unknown intent, a forged document id or an overlong text is a bad request", () => {
    expect(parseCaseAction(form([["intent", "delete"]]))).toEqual({ ok: false, errors: null });
    expect(parseCaseAction(form([]))).toEqual({ ok: false, errors: null });
    expect(
      parseCaseAction(
        form([
          ["intent", "accept"],
          ["documentId", "../etc"],
        ]),
      ),
    ).toEqual({ ok: false, errors: null });
    expect(
      parseCaseAction(
        form([
          ["intent", "reject"],
          ["documentId", doc],
          ["reasonCode", "x"],
          ["note", "a".repeat(501)],
        ]),
      ),
    ).toEqual({ ok: false, errors: null });
  });
});
