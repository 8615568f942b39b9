import { describe, expect, test } from "vitest";
import { demoServices } from "#db/seed/demo-office";
import { type CaseDocument, type CompletenessRule, evaluateCompleteness, type Review, type RuleResult } from "./completeness";
import { officeDay, plusDays } from "./days";

/** The demo office's rules for a service, as the catalogue loads them. */
function seedRules(serviceId: string): CompletenessRule[] {
  const service = demoServices.find((s) => s.id === serviceId);
  if (!service) throw new Error(`no demo service ${serviceId}`);
  return service.rules.map((r) => ({
    documentTypeId: r.document,
    condition: r.when ?? null,
    minCount: r.count ?? 1,
    maxAgeDays: r.maxAgeDays ?? null,
    minValidityDays: r.minValidityDays ?? null,
  }));
}

function rule(documentTypeId: string, extra: Partial<CompletenessRule> = {}): CompletenessRule {
  return { documentTypeId, condition: null, minCount: 1, maxAgeDays: null, minValidityDays: null, ...extra };
}

const accepted: Review = { state: "accepted" };
const pending: Review = { state: "pending" };
const rejected = (reasonCode: string): Review => ({ state: "rejected", reasonCode });

let next = 0;
function doc(documentTypeId: string, extra: Partial<CaseDocument> = {}): CaseDocument {
  next += 1;
  return {
    id: `d${next}`,
    documentTypeId,
    uploadedOn: TODAY,
    documentDate: null,
    validUntil: null,
    review: accepted,
    pageCount: 1,
    ...extra,
  };
}

const TODAY = "2025-06-30";
const daysAgo = (n: number) => plusDays(TODAY, -n);
const inDays = (n: number) => plusDays(TODAY, n);

function only(result: ReturnType<typeof evaluateCompleteness>, documentTypeId: string): RuleResult {
  const found = result.rules.find((r) => r.documentTypeId === documentTypeId);
  if (!found) throw new Error(`no result for ${documentTypeId}`);
  return found;
}

describe("required documents", () => {
  const rules = [rule("cv")];

  test("nothing uploaded: missing, with needed, have and short as params", () => {
    const result = evaluateCompleteness(rules, {}, [], { today: TODAY });
    expect(only(result, "cv")).toMatchObject({
      status: "missing",
      needed: 1,
      have: 0,
      reason: { code: "document-missing", params: { needed: 1, have: 0, short: 1 } },
    });
    expect(result.summary).toMatchObject({ complete: false, state: "incomplete", applicable: 1 });
  });

  test("an accepted upload satisfies the rule and completes the application", () => {
    const result = evaluateCompleteness(rules, {}, [doc("cv")], { today: TODAY });
    expect(only(result, "cv")).toMatchObject({ status: "satisfied", have: 1, accepted: 1 });
    expect(only(result, "cv").reason).toBeUndefined();
    expect(result.summary).toMatchObject({ complete: true, state: "complete" });
  });

  test("an upload not yet reviewed counts, but keeps the application short of complete and says so", () => {
    const result = evaluateCompleteness(rules, {}, [doc("cv", { review: pending })], { today: TODAY });
    expect(only(result, "cv")).toMatchObject({
      status: "awaiting-review",
      have: 1,
      accepted: 0,
      reason: { code: "awaiting-review", params: { pending: 1 } },
    });
    expect(result.summary).toMatchObject({ complete: false, state: "awaiting-review" });
    expect(result.summary.counts["awaiting-review"]).toBe(1);
  });

  test("a rejected document does not count; the rule carries the reviewer's reason code", () => {
    const result = evaluateCompleteness(rules, {}, [doc("cv", { review: rejected("illegible") })], { today: TODAY });
    expect(only(result, "cv")).toMatchObject({
      status: "rejected",
      have: 0,
      reason: { code: "rejected", params: { reviewReason: "illegible" } },
      documents: [{ status: "rejected", counted: false }],
    });
    expect(result.summary.state).toBe("incomplete");
  });

  test("a rejected document replaced by a new upload: awaiting review, then satisfied; the rejected one stays listed", () => {
    const old = doc("cv", { uploadedOn: daysAgo(5), review: rejected("pages-missing") });
    const replacement = doc("cv", { uploadedOn: daysAgo(1), review: pending });
    const before = evaluateCompleteness(rules, {}, [old, replacement], { today: TODAY });
    expect(only(before, "cv")).toMatchObject({ status: "awaiting-review", have: 1 });
    expect(only(before, "cv").documents.map((d) => [d.documentId, d.status])).toEqual([
      [replacement.id, "awaiting-review"],
      [old.id, "rejected"],
    ]);

    const after = evaluateCompleteness(rules, {}, [old, { ...replacement, review: accepted }], { today: TODAY });
    expect(only(after, "cv").status).toBe("satisfied");
    expect(after.summary.complete).toBe(true);
  });

  test("a replacement uploaded the same day as the rejected one is taken as the newer by list order", () => {
    const old = doc("cv", { review: rejected("wrong-document") });
    const replacement = doc("cv", { review: pending });
    expect(only(evaluateCompleteness(rules, {}, [old, replacement], { today: TODAY }), "cv").documents[0]?.documentId).toBe(replacement.id);
  });

  test("a document of a type the service does not ask for is not needed and changes nothing", () => {
    const result = evaluateCompleteness(rules, {}, [doc("cv"), doc("tax-assessment")], { today: TODAY });
    expect(result.summary.complete).toBe(true);
    expect(result.notNeeded).toMatchObject([{ documentTypeId: "tax-assessment", status: "not-needed", reason: { code: "not-in-service" } }]);
    expect(result.summary.notNeededDocuments).toBe(1);
  });
});

describe("freshness (issued within N days)", () => {
  const rules = [rule("registration-certificate", { maxAgeDays: 90 })];
  const check = (d: CaseDocument) => only(evaluateCompleteness(rules, {}, [d], { today: TODAY }), "registration-certificate");

  test("issued exactly 90 days ago with a 90-day rule: still fresh", () => {
    expect(check(doc("registration-certificate", { documentDate: daysAgo(90) })).status).toBe("satisfied");
  });

  test("issued 91 days ago: out of date, saying when it stopped being fresh", () => {
    expect(check(doc("registration-certificate", { documentDate: daysAgo(91) }))).toMatchObject({
      status: "out-of-date",
      have: 0,
      reason: {
        code: "too-old",
        params: { documentDate: "2025-03-31", maxAgeDays: 90, ageDays: 91, freshThrough: "2025-06-29" },
      },
    });
  });

  test("issued today is fresh", () => {
    expect(check(doc("registration-certificate", { documentDate: TODAY })).status).toBe("satisfied");
  });

  test("dated after today is invalid (a mistyped date), not fresh", () => {
    expect(check(doc("registration-certificate", { documentDate: inDays(1) }))).toMatchObject({
      status: "invalid",
      reason: { code: "dated-in-future", params: { documentDate: "2025-07-01", today: TODAY } },
    });
  });

  test("no issue date on a pending document: counts, with a note for the reviewer to record it", () => {
    const r = check(doc("registration-certificate", { review: pending }));
    expect(r.status).toBe("awaiting-review");
    expect(r.documents[0]).toMatchObject({ counted: true, reason: { code: "document-date-missing", params: { maxAgeDays: 90 } } });
  });

  test("no issue date on an accepted document: invalid, the check cannot pass without it", () => {
    expect(check(doc("registration-certificate"))).toMatchObject({ status: "invalid", reason: { code: "document-date-missing" } });
  });

  test("day math spans months and a leap day without drifting", () => {
    const leap = [rule("x", { maxAgeDays: 30 })];
    const at = (documentDate: string, today: string) => only(evaluateCompleteness(leap, {}, [doc("x", { documentDate })], { today }), "x").status;
    expect(at("2024-01-31", "2024-03-01")).toBe("satisfied"); // 30 days, through 29 February
    expect(at("2024-01-31", "2024-03-02")).toBe("out-of-date"); // 31 days
    expect(at("2025-01-31", "2025-03-02")).toBe("satisfied"); // 30 days in a common year
  });

  test("today is the office's day in Europe/Berlin: just after midnight in Berlin is already the next day", () => {
    // 2025-03-30T22:30Z is 00:30 on 31 March in Berlin (summer time); in UTC it is still the 30th.
    const now = new Date("2025-03-30T22:30:00Z");
    const today = officeDay(now);
    expect(today).toBe("2025-03-31");
    const issued = "2024-12-30"; // 90 days before 30 March, 91 before 31 March
    const result = evaluateCompleteness(rules, {}, [doc("registration-certificate", { documentDate: issued })], { today });
    expect(only(result, "registration-certificate").status).toBe("out-of-date");
    const utcDay = now.toISOString().slice(0, 10);
    expect(only(evaluateCompleteness(rules, {}, [doc("registration-certificate", { documentDate: issued })], { today: utcDay }), "registration-certificate").status).toBe(
      "satisfied",
    );
  });

  test("winter time: 23:30 UTC on 31 December is New Year's Day in Berlin", () => {
    expect(officeDay(new Date("2025-12-31T23:30:00Z"))).toBe("2026-01-01");
    expect(officeDay(new Date("2025-12-31T22:59:59Z"))).toBe("2025-12-31");
  });
});

describe("validity (N days beyond the permit start; 0: not expired)", () => {
  const passport90 = [rule("passport", { minValidityDays: 90 })];
  const notExpired = [rule("residence-card", { minValidityDays: 0 })];
  const permitStart = "2025-08-01";
  const check = (rules: CompletenessRule[], validUntil: string | null, opts: { permitStart?: string; review?: Review } = {}) => {
    const type = rules[0]?.documentTypeId ?? "";
    return only(
      evaluateCompleteness(rules, {}, [doc(type, { validUntil, review: opts.review ?? accepted })], {
        today: TODAY,
        ...(opts.permitStart ? { permitStart: opts.permitStart } : {}),
      }),
      type,
    );
  };

  test("a passport expiring the day the permit would start is invalid", () => {
    expect(check(passport90, permitStart, { permitStart })).toMatchObject({
      status: "invalid",
      reason: {
        code: "expires-too-soon",
        params: { validUntil: permitStart, referenceDate: permitStart, minValidityDays: 90, mustBeValidThrough: "2025-10-30" },
      },
    });
  });

  test("90 days beyond the start: valid through start + 90 is enough, start + 89 is not", () => {
    expect(check(passport90, plusDays(permitStart, 90), { permitStart }).status).toBe("satisfied");
    expect(check(passport90, plusDays(permitStart, 89), { permitStart }).status).toBe("invalid");
  });

  test("without a permit start, 90 days count from today", () => {
    expect(check(passport90, inDays(90)).status).toBe("satisfied");
    expect(check(passport90, inDays(89))).toMatchObject({ status: "invalid", reason: { params: { referenceDate: TODAY } } });
  });

  test("a permit start already past counts from today instead", () => {
    const pastStart = daysAgo(30);
    expect(check(passport90, plusDays(pastStart, 100), { permitStart: pastStart })).toMatchObject({
      status: "invalid",
      reason: { code: "expires-too-soon", params: { referenceDate: TODAY, mustBeValidThrough: "2025-09-28" } },
    });
  });

  test("0 days (not expired): valid through today is fine, through yesterday is expired", () => {
    expect(check(notExpired, TODAY).status).toBe("satisfied");
    expect(check(notExpired, daysAgo(1))).toMatchObject({
      status: "invalid",
      reason: { code: "expired", params: { validUntil: "2025-06-29", today: TODAY } },
    });
  });

  test("0 days ignores the permit start: the current residence card of an extension ends before the new permit begins", () => {
    expect(check(notExpired, plusDays(permitStart, -1), { permitStart }).status).toBe("satisfied");
  });

  test("a passport that expired before today is reported as expired, not as too short", () => {
    expect(check(passport90, daysAgo(1), { permitStart })).toMatchObject({
      status: "invalid",
      reason: { code: "expired", params: { validUntil: "2025-06-29", today: TODAY } },
    });
  });

  test("no expiry date recorded: a pending passport waits for the reviewer, an accepted one is invalid", () => {
    const waiting = check(passport90, null, { review: pending });
    expect(waiting.status).toBe("awaiting-review");
    expect(waiting.documents[0]?.reason).toEqual({ code: "valid-until-missing", params: { minValidityDays: 90 } });
    expect(check(passport90, null)).toMatchObject({ status: "invalid", reason: { code: "valid-until-missing" } });
  });

  test("a new valid passport after an expired one satisfies the rule", () => {
    const result = evaluateCompleteness(
      passport90,
      {},
      [doc("passport", { uploadedOn: daysAgo(3), validUntil: daysAgo(1) }), doc("passport", { validUntil: "2030-01-01" })],
      { today: TODAY, permitStart },
    );
    expect(only(result, "passport")).toMatchObject({ status: "satisfied", have: 1 });
  });

  test("the demo office's extension: passport 90 days beyond the start, residence card not expired", () => {
    const rules = seedRules("residence-extension").filter((r) => r.documentTypeId === "passport" || r.documentTypeId === "residence-card");
    const docs = [doc("passport", { validUntil: permitStart }), doc("residence-card", { validUntil: "2025-07-31" })];
    const result = evaluateCompleteness(rules, {}, docs, { today: TODAY, permitStart });
    expect(only(result, "passport").status).toBe("invalid");
    expect(only(result, "residence-card").status).toBe("satisfied");
  });
});

describe("count rules (e.g. the last 3 payslips)", () => {
  const rules = [rule("payslip", { minCount: 3, maxAgeDays: 90 })];
  const payslip = (age: number, review: Review = accepted) => doc("payslip", { documentDate: daysAgo(age), review });
  const check = (docs: CaseDocument[]) => only(evaluateCompleteness(rules, {}, docs, { today: TODAY }), "payslip");

  test("three fresh, accepted payslips satisfy the rule", () => {
    expect(check([payslip(10), payslip(40), payslip(70)])).toMatchObject({ status: "satisfied", needed: 3, have: 3, accepted: 3 });
  });

  test("two fresh of three: missing one, with needed 3, have 2, short 1", () => {
    expect(check([payslip(10), payslip(40)])).toMatchObject({
      status: "missing",
      needed: 3,
      have: 2,
      reason: { code: "document-missing", params: { needed: 3, have: 2, short: 1 } },
    });
  });

  test("two fresh and one 91 days old: short one, and the rule says the third is too old", () => {
    const r = check([payslip(10), payslip(40), payslip(91)]);
    expect(r).toMatchObject({ status: "out-of-date", needed: 3, have: 2, reason: { code: "too-old", params: { ageDays: 91 } } });
    expect(r.documents.filter((d) => d.counted)).toHaveLength(2);
  });

  test("a stale payslip beside three fresh ones is ignored", () => {
    expect(check([payslip(10), payslip(40), payslip(70), payslip(120)])).toMatchObject({ status: "satisfied", have: 3 });
  });

  test("three accepted and a fourth awaiting review: awaiting review, because every counted document must be reviewed", () => {
    expect(check([payslip(10), payslip(40), payslip(70), payslip(5, pending)])).toMatchObject({
      status: "awaiting-review",
      have: 4,
      accepted: 3,
      reason: { code: "awaiting-review", params: { pending: 1 } },
    });
  });

  test("enough documents but some pending: awaiting review; short with pending ones: missing", () => {
    expect(check([payslip(10), payslip(40, pending), payslip(70)]).status).toBe("awaiting-review");
    expect(check([payslip(10, pending), payslip(40, pending)])).toMatchObject({ status: "missing", have: 2 });
  });
});

describe("conditional documents (required only if an answer says so)", () => {
  const rules = seedRules("residence-extension");
  const fresh = (documentTypeId: string, extra: Partial<CaseDocument> = {}) => doc(documentTypeId, { documentDate: daysAgo(5), ...extra });
  const base = (): CaseDocument[] => [
    doc("passport", { validUntil: "2030-01-01" }),
    doc("residence-card", { validUntil: inDays(20) }),
    fresh("biometric-photo"),
    fresh("registration-certificate"),
    fresh("health-insurance"),
  ];
  const employment = (): CaseDocument[] => [
    doc("employment-contract", { validUntil: "2027-12-31" }),
    fresh("payslip"),
    fresh("payslip", { documentDate: daysAgo(35) }),
    fresh("payslip", { documentDate: daysAgo(65) }),
  ];

  test("the demo residence extension for an employed person is complete with its documents", () => {
    const result = evaluateCompleteness(rules, { purpose: "employment" }, [...base(), ...employment()], { today: TODAY });
    expect(result.summary).toMatchObject({ complete: true, state: "complete", applicable: 7 });
    expect(result.notApplicable.map((r) => r.documentTypeId)).toEqual([
      "enrolment-certificate",
      "proof-of-funding",
      "tax-assessment",
      "marriage-certificate",
      "birth-certificate",
    ]);
  });

  test("the answer changes after upload: the payslips are no longer needed and no longer counted; study documents become missing", () => {
    const docs = [...base(), ...employment()];
    const result = evaluateCompleteness(rules, { purpose: "study" }, docs, { today: TODAY });
    expect(result.rules.map((r) => r.documentTypeId)).not.toContain("payslip");
    expect(result.notNeeded.map((d) => d.documentTypeId)).toEqual(["employment-contract", "payslip", "payslip", "payslip"]);
    expect(result.notNeeded[0]).toMatchObject({
      status: "not-needed",
      counted: false,
      reason: { code: "condition-not-met", params: { question: "purpose", answer: "study" } },
    });
    expect(only(result, "enrolment-certificate").status).toBe("missing");
    expect(only(result, "proof-of-funding").status).toBe("missing");
    expect(result.summary).toMatchObject({ complete: false, state: "incomplete", notNeededDocuments: 4 });
    expect(result.summary.counts).toMatchObject({ satisfied: 5, missing: 2 });
  });

  test("changing the answer back makes the earlier uploads count again", () => {
    const docs = [...base(), ...employment()];
    evaluateCompleteness(rules, { purpose: "study" }, docs, { today: TODAY });
    expect(evaluateCompleteness(rules, { purpose: "employment" }, docs, { today: TODAY }).summary.complete).toBe(true);
  });

  test("an unanswered question that documents depend on keeps the application incomplete", () => {
    const result = evaluateCompleteness(rules, {}, [...base(), ...employment()], { today: TODAY });
    expect(result.summary).toMatchObject({ complete: false, state: "incomplete", unansweredQuestions: ["purpose"] });
    expect(result.summary.counts.satisfied).toBe(result.rules.length);
    expect(result.notApplicable[0]).toMatchObject({ reason: { code: "question-unanswered", params: { question: "purpose" } } });
    expect(result.notNeeded[0]).toMatchObject({ reason: { code: "question-unanswered" } });
  });

  test("a rule listing several options applies to each of them", () => {
    const wide = [rule("contract", { condition: { question: "purpose", options: ["employment", "self_employment"] } })];
    expect(evaluateCompleteness(wide, { purpose: "self_employment" }, [], { today: TODAY }).rules).toHaveLength(1);
    expect(evaluateCompleteness(wide, { purpose: "study" }, [], { today: TODAY }).rules).toHaveLength(0);
  });
});

describe("summary", () => {
  test("counts every status and sums to the applicable rules", () => {
    const rules = [rule("a"), rule("b"), rule("c", { maxAgeDays: 30 }), rule("d", { minValidityDays: 0 }), rule("e"), rule("f")];
    const docs = [
      doc("a"),
      doc("c", { documentDate: daysAgo(31) }),
      doc("d", { validUntil: daysAgo(1) }),
      doc("e", { review: pending }),
      doc("f", { review: rejected("not-signed") }),
    ];
    const { summary } = evaluateCompleteness(rules, {}, docs, { today: TODAY });
    expect(summary.counts).toEqual({ satisfied: 1, missing: 1, "out-of-date": 1, invalid: 1, "awaiting-review": 1, rejected: 1 });
    expect(summary.applicable).toBe(6);
    expect(summary.state).toBe("incomplete");
  });

  test("a service without document rules is complete", () => {
    expect(evaluateCompleteness([], {}, [], { today: TODAY }).summary).toMatchObject({ complete: true, applicable: 0 });
  });
});

describe("refusals of malformed input", () => {
  test("dates that are not calendar days", () => {
    expect(() => evaluateCompleteness([], {}, [], { today: "2025-02-30" })).toThrow(RangeError);
    expect(() => evaluateCompleteness([], {}, [], { today: "30.06.2025" })).toThrow(RangeError);
    expect(() => evaluateCompleteness([], {}, [], { today: TODAY, permitStart: "2025-13-01" })).toThrow(RangeError);
    expect(() => evaluateCompleteness([rule("x")], {}, [doc("x", { uploadedOn: "2025-6-1" })], { today: TODAY })).toThrow(RangeError);
  });

  test("two rules for one document type, or a count below one", () => {
    expect(() => evaluateCompleteness([rule("x"), rule("x")], {}, [], { today: TODAY })).toThrow(/Two rules/);
    expect(() => evaluateCompleteness([rule("x", { minCount: 0 })], {}, [], { today: TODAY })).toThrow(RangeError);
  });
});
