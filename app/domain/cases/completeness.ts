// The completeness check (Vollständigkeitsprüfung): the office's document rules, as data, applied
// to an application's answers and uploaded documents. Pure; runs on submission, after every upload
// and after every review. Which rules apply is decided by the checklist's `conditionHolds`, the
// same function that builds the applicant's checklist, so the two can never disagree.
// Boundaries (decision 0010): a document issued `maxAgeDays` days ago is still fresh, one day more
// is out of date. Validity: 0 days means "not expired" on the day of the check; N > 0 days means
// valid through the permit start (or today, if later) plus N days, both ends included.
import { type Answers, conditionHolds, type DocumentRule } from "#app/domain/catalogue/checklist";
import { dayNumber, daysBetween, type IsoDay, plusDays } from "./days";

/** One rule of a service; a service has at most one rule per document type, so the type names it. */
export type CompletenessRule = Pick<DocumentRule, "documentTypeId" | "condition" | "minCount" | "maxAgeDays" | "minValidityDays">;

export type Review = { state: "pending" } | { state: "accepted" } | { state: "rejected"; reasonCode: string };

export type CaseDocument = {
  id: string;
  documentTypeId: string;
  uploadedOn: IsoDay;
  /** The day the document was issued (a payslip's date, a certificate's date); null: not recorded yet. */
  documentDate: IsoDay | null;
  /** The last day the document is valid (a passport's expiry date); null: not recorded or none. */
  validUntil: IsoDay | null;
  review: Review;
  /** Carried for display; no office rule counts pages ("pages missing" is a review reason). */
  pageCount: number;
};

export type CompletenessOptions = {
  /** The day of the check, in the office's time zone (see `officeDay`). */
  today: IsoDay;
  /**
   * The day the permit would start (or the decision day). Rules with `minValidityDays` > 0 count
   * from it when it is later than today; without it they count from today.
   */
  permitStart?: IsoDay;
};

/**
 * Why a rule or a document is not (yet) good enough. The codes are stable: they become i18n keys
 * (e.g. `completeness.reason.too-old`), and the params are what the sentence interpolates.
 */
export type CompletenessReason =
  | { code: "document-missing"; params: { needed: number; have: number; short: number } }
  | { code: "awaiting-review"; params: { pending: number } }
  | { code: "rejected"; params: { reviewReason: string } }
  | { code: "too-old"; params: { documentDate: IsoDay; maxAgeDays: number; ageDays: number; freshThrough: IsoDay } }
  | { code: "dated-in-future"; params: { documentDate: IsoDay; today: IsoDay } }
  | { code: "document-date-missing"; params: { maxAgeDays: number } }
  | { code: "expired"; params: { validUntil: IsoDay; today: IsoDay } }
  | {
      code: "expires-too-soon";
      params: { validUntil: IsoDay; referenceDate: IsoDay; minValidityDays: number; mustBeValidThrough: IsoDay };
    }
  | { code: "valid-until-missing"; params: { minValidityDays: number } }
  | { code: "condition-not-met"; params: { question: string; answer: string } }
  | { code: "question-unanswered"; params: { question: string } }
  | { code: "not-in-service"; params: Record<string, never> };

export type CompletenessReasonCode = CompletenessReason["code"];

export const ruleStatuses = ["satisfied", "missing", "out-of-date", "invalid", "awaiting-review", "rejected"] as const;
export type RuleStatus = (typeof ruleStatuses)[number];

export type DocumentStatus = "accepted" | "awaiting-review" | "out-of-date" | "invalid" | "rejected" | "not-needed";

export type DocumentVerdict = {
  documentId: string;
  documentTypeId: string;
  status: DocumentStatus;
  /** Whether the document counts toward its rule (accepted or awaiting review, and its dates pass). */
  counted: boolean;
  /**
   * Why it does not count, or, for a counted document, a note for the reviewer (a date still to
   * be recorded).
   */
  reason?: CompletenessReason;
};

export type RuleResult = {
  documentTypeId: string;
  status: RuleStatus;
  reason?: CompletenessReason;
  needed: number;
  /** Documents that count: accepted or awaiting review, with dates that pass. */
  have: number;
  accepted: number;
  /** Every document of this type, newest upload first. */
  documents: DocumentVerdict[];
};

export type NotApplicableRule = {
  documentTypeId: string;
  reason: Extract<CompletenessReason, { code: "condition-not-met" | "question-unanswered" }>;
};

export type CompletenessSummary = {
  /** Every applicable rule satisfied by accepted documents, and every question that matters answered. */
  complete: boolean;
  /** complete; awaiting-review: only reviews are outstanding; incomplete: the applicant must act. */
  state: "complete" | "awaiting-review" | "incomplete";
  applicable: number;
  counts: Record<RuleStatus, number>;
  /** Questions not answered on which some rule depends, in rule order. */
  unansweredQuestions: string[];
  notNeededDocuments: number;
};

export type CompletenessResult = {
  rules: RuleResult[];
  notApplicable: NotApplicableRule[];
  /** Documents no applicable rule asks for (e.g. a payslip after the purpose changed to study). */
  notNeeded: DocumentVerdict[];
  summary: CompletenessSummary;
};

export function evaluateCompleteness(
  rules: readonly CompletenessRule[],
  answers: Answers,
  documents: readonly CaseDocument[],
  options: CompletenessOptions,
): CompletenessResult {
  // Refuse malformed days up front rather than compute with NaN.
  dayNumber(options.today);
  if (options.permitStart !== undefined) dayNumber(options.permitStart);
  checkRules(rules);

  const byType = new Map<string, CaseDocument[]>();
  for (const doc of newestFirst(documents)) {
    const list = byType.get(doc.documentTypeId);
    if (list) list.push(doc);
    else byType.set(doc.documentTypeId, [doc]);
  }

  const results: RuleResult[] = [];
  const notApplicable: NotApplicableRule[] = [];
  const notNeeded: DocumentVerdict[] = [];
  const unanswered: string[] = [];
  const ruleTypes = new Set<string>();

  for (const rule of rules) {
    ruleTypes.add(rule.documentTypeId);
    const docs = byType.get(rule.documentTypeId) ?? [];
    const holds = conditionHolds(rule.condition, answers);
    if (holds === "applies") {
      results.push(evaluateRule(rule, docs, options));
      continue;
    }
    // Only a conditional rule can fail to apply.
    const question = rule.condition?.question ?? "";
    const reason: NotApplicableRule["reason"] =
      holds === "unanswered"
        ? { code: "question-unanswered", params: { question } }
        : { code: "condition-not-met", params: { question, answer: answers[question] ?? "" } };
    if (holds === "unanswered" && !unanswered.includes(question)) unanswered.push(question);
    notApplicable.push({ documentTypeId: rule.documentTypeId, reason });
    for (const doc of docs) notNeeded.push(notNeededVerdict(doc, reason));
  }

  for (const [documentTypeId, docs] of byType) {
    if (ruleTypes.has(documentTypeId)) continue;
    for (const doc of docs) notNeeded.push(notNeededVerdict(doc, { code: "not-in-service", params: {} }));
  }

  const counts = Object.fromEntries(ruleStatuses.map((s) => [s, 0])) as Record<RuleStatus, number>;
  for (const r of results) counts[r.status] += 1;
  const allSatisfied = counts.satisfied === results.length;
  const onlyReviewsLeft = counts.satisfied + counts["awaiting-review"] === results.length;
  const answered = unanswered.length === 0;
  const complete = allSatisfied && answered;

  return {
    rules: results,
    notApplicable,
    notNeeded,
    summary: {
      complete,
      state: complete ? "complete" : onlyReviewsLeft && answered ? "awaiting-review" : "incomplete",
      applicable: results.length,
      counts,
      unansweredQuestions: unanswered,
      notNeededDocuments: notNeeded.length,
    },
  };
}

function checkRules(rules: readonly CompletenessRule[]): void {
  const seen = new Set<string>();
  for (const rule of rules) {
    // The database guarantees these (document_rules_once_per_service, document_rules_min_count).
    if (seen.has(rule.documentTypeId)) throw new Error(`Two rules for document type ${rule.documentTypeId}`);
    seen.add(rule.documentTypeId);
    if (!Number.isInteger(rule.minCount) || rule.minCount < 1) {
      throw new RangeError(`Rule for ${rule.documentTypeId}: minCount must be a whole number from 1`);
    }
  }
}

/** Newest upload first; among uploads of the same day, the later one in the list is newer. */
function newestFirst(documents: readonly CaseDocument[]): CaseDocument[] {
  return documents
    .map((doc, index) => ({ doc, index, day: dayNumber(doc.uploadedOn) }))
    .sort((a, b) => b.day - a.day || b.index - a.index)
    .map(({ doc }) => doc);
}

function notNeededVerdict(doc: CaseDocument, reason: CompletenessReason): DocumentVerdict {
  return { documentId: doc.id, documentTypeId: doc.documentTypeId, status: "not-needed", counted: false, reason };
}

function evaluateRule(rule: CompletenessRule, docs: CaseDocument[], options: CompletenessOptions): RuleResult {
  const verdicts = docs.map((doc) => evaluateDocument(rule, doc, options));
  const counted = verdicts.filter((v) => v.counted);
  const accepted = counted.filter((v) => v.status === "accepted").length;
  const pending = counted.length - accepted;
  const base = { documentTypeId: rule.documentTypeId, needed: rule.minCount, have: counted.length, accepted, documents: verdicts };

  if (counted.length >= rule.minCount) {
    // Every counted document must be reviewed, also one beyond the minimum: clearing forwards
    // only files whose every document someone has looked at.
    return pending === 0 ? { ...base, status: "satisfied" } : { ...base, status: "awaiting-review", reason: { code: "awaiting-review", params: { pending } } };
  }

  // Short. The newest upload that does not count explains best what the applicant must do next:
  // a rejected passport followed by an expired one is now a matter of the expiry.
  const failing = verdicts.find((v) => !v.counted);
  const failingStatus = failing ? shortfallStatus(failing.status) : null;
  if (failing?.reason && failingStatus) return { ...base, status: failingStatus, reason: failing.reason };
  const short = rule.minCount - counted.length;
  return { ...base, status: "missing", reason: { code: "document-missing", params: { needed: rule.minCount, have: counted.length, short } } };
}

function shortfallStatus(status: DocumentStatus): "out-of-date" | "invalid" | "rejected" | null {
  return status === "out-of-date" || status === "invalid" || status === "rejected" ? status : null;
}

function evaluateDocument(rule: CompletenessRule, doc: CaseDocument, { today, permitStart }: CompletenessOptions): DocumentVerdict {
  const verdict = (status: DocumentStatus, counted: boolean, reason?: CompletenessReason): DocumentVerdict => ({
    documentId: doc.id,
    documentTypeId: doc.documentTypeId,
    status,
    counted,
    ...(reason ? { reason } : {}),
  });

  if (doc.review.state === "rejected") return verdict("rejected", false, { code: "rejected", params: { reviewReason: doc.review.reasonCode } });
  const accepted = doc.review.state === "accepted";
  // A date not yet recorded is the reviewer's to fill in: it holds an accepted document back, not a pending one.
  let note: CompletenessReason | undefined;

  if (doc.documentDate !== null && daysBetween(today, doc.documentDate) > 0) {
    return verdict("invalid", false, { code: "dated-in-future", params: { documentDate: doc.documentDate, today } });
  }

  if (rule.maxAgeDays !== null) {
    if (doc.documentDate === null) {
      const reason: CompletenessReason = { code: "document-date-missing", params: { maxAgeDays: rule.maxAgeDays } };
      if (accepted) return verdict("invalid", false, reason);
      note = reason;
    } else {
      const ageDays = daysBetween(doc.documentDate, today);
      if (ageDays > rule.maxAgeDays) {
        return verdict("out-of-date", false, {
          code: "too-old",
          params: { documentDate: doc.documentDate, maxAgeDays: rule.maxAgeDays, ageDays, freshThrough: plusDays(doc.documentDate, rule.maxAgeDays) },
        });
      }
    }
  }

  if (rule.minValidityDays !== null) {
    if (doc.validUntil === null) {
      const reason: CompletenessReason = { code: "valid-until-missing", params: { minValidityDays: rule.minValidityDays } };
      if (accepted) return verdict("invalid", false, reason);
      note ??= reason;
    } else if (daysBetween(today, doc.validUntil) < 0) {
      return verdict("invalid", false, { code: "expired", params: { validUntil: doc.validUntil, today } });
    } else {
      // "Not expired" (0) describes the document as it is today: the current residence card of an
      // extension ends about when the new permit starts, and must not fail for it. A longer
      // validity is about the new permit, so it counts from the permit's start; from today when
      // that start is already past, so that N days are always N days still to come.
      const referenceDate = rule.minValidityDays > 0 && permitStart !== undefined && daysBetween(today, permitStart) > 0 ? permitStart : today;
      const mustBeValidThrough = plusDays(referenceDate, rule.minValidityDays);
      if (daysBetween(doc.validUntil, mustBeValidThrough) > 0) {
        return verdict("invalid", false, {
          code: "expires-too-soon",
          params: { validUntil: doc.validUntil, referenceDate, minValidityDays: rule.minValidityDays, mustBeValidThrough },
        });
      }
    }
  }

  return verdict(accepted ? "accepted" : "awaiting-review", true, note);
}
