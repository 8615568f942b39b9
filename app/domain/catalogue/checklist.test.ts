import { describe, expect, test } from "vitest";
import type { Translated } from "#app/lib/i18n/languages";
import { buildChecklist, conditionHolds, type DocumentRule, parseAnswers, type Question, ruleHints } from "./checklist";

const text = (s: string) => ({ de: s, en: s, ar: s, fa: s, tr: s, uk: s, ru: s, fr: s }) satisfies Translated;

function rule(id: string, extra: Partial<DocumentRule> = {}): DocumentRule {
  return {
    documentTypeId: id,
    name: text(id),
    description: text(id),
    condition: null,
    minCount: 1,
    maxAgeDays: null,
    minValidityDays: null,
    ...extra,
  };
}

const questions: Question[] = [
  {
    key: "purpose",
    label: text("purpose"),
    hint: null,
    options: [
      { key: "employment", label: text("employment") },
      { key: "family_spouse", label: text("family") },
    ],
  },
  {
    key: "married",
    label: text("married"),
    hint: null,
    options: [
      { key: "yes", label: text("yes") },
      { key: "no", label: text("no") },
    ],
  },
];

const rules = [
  rule("passport", { minValidityDays: 90 }),
  rule("payslip", { condition: { question: "purpose", options: ["employment"] }, minCount: 3, maxAgeDays: 90 }),
  rule("marriage-certificate", { condition: { question: "purpose", options: ["family_spouse"] } }),
  rule("spouse-passport", { condition: { question: "married", options: ["yes"] } }),
];

const ids = (c: ReturnType<typeof buildChecklist>) => c.items.map((i) => i.documentTypeId);

describe("buildChecklist", () => {
  test("lists unconditional documents and reports the unanswered questions that matter, in question order", () => {
    const c = buildChecklist(rules, questions, {});
    expect(ids(c)).toEqual(["passport"]);
    expect(c.unanswered).toEqual(["purpose", "married"]);
  });

  test("an answer adds exactly the documents whose condition it meets", () => {
    const c = buildChecklist(rules, questions, { purpose: "employment", married: "no" });
    expect(ids(c)).toEqual(["passport", "payslip"]);
    expect(c.unanswered).toEqual([]);
  });

  test("another answer swaps them", () => {
    const c = buildChecklist(rules, questions, { purpose: "family_spouse", married: "yes" });
    expect(ids(c)).toEqual(["passport", "marriage-certificate", "spouse-passport"]);
  });

  test("a rule may list several options", () => {
    const wide = [rule("contract", { condition: { question: "purpose", options: ["employment", "family_spouse"] } })];
    expect(ids(buildChecklist(wide, questions, { purpose: "family_spouse" }))).toEqual(["contract"]);
  });
});

describe("conditionHolds", () => {
  const married = { question: "married", options: ["yes"] };

  test("no condition always applies", () => {
    expect(conditionHolds(null, {})).toBe("applies");
  });

  test("an answer among the options applies, another does not, none is unanswered", () => {
    expect(conditionHolds(married, { married: "yes" })).toBe("applies");
    expect(conditionHolds(married, { married: "no" })).toBe("not-applicable");
    expect(conditionHolds(married, { purpose: "employment" })).toBe("unanswered");
  });
});

describe("parseAnswers", () => {
  test("accepts known options and ignores empty values", () => {
    const r = parseAnswers(questions, new URLSearchParams("purpose=employment&married="));
    expect(r).toEqual({ ok: true, answers: { purpose: "employment", married: undefined } });
  });

  test("refuses an unknown option with an i18n key and keeps the valid answers", () => {
    const r = parseAnswers(questions, new URLSearchParams("purpose=smuggling&married=yes"));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({ purpose: "service.questions.invalidOption" });
    expect(r.answers).toEqual({ married: "yes" });
  });

  test("ignores parameters that are not questions", () => {
    const r = parseAnswers(questions, new URLSearchParams("lng=ar&purpose=employment"));
    expect(r.ok && r.answers.purpose).toBe("employment");
  });
});

describe("ruleHints", () => {
  test("whole months are shown as months, other periods as days", () => {
    expect(ruleHints({ maxAgeDays: 90, minValidityDays: null })).toEqual([{ key: "ageMonths", count: 3 }]);
    expect(ruleHints({ maxAgeDays: 30, minValidityDays: null })).toEqual([{ key: "ageDays", count: 30 }]);
    expect(ruleHints({ maxAgeDays: 45, minValidityDays: null })).toEqual([{ key: "ageDays", count: 45 }]);
    expect(ruleHints({ maxAgeDays: null, minValidityDays: 90 })).toEqual([{ key: "validMonths", count: 3 }]);
  });

  test("zero validity days means: not expired", () => {
    expect(ruleHints({ maxAgeDays: null, minValidityDays: 0 })).toEqual([{ key: "validNow" }]);
  });

  test("a document without rules has no hints", () => {
    expect(ruleHints({ maxAgeDays: null, minValidityDays: null })).toEqual([]);
  });
});
