// The personal document checklist: which documents a service requires given a person's
// answers to its questions. Pure and client-safe; the rules come from the office data.
import { fieldErrors } from "#app/lib/forms";
import { z } from "zod";
import type { Translated } from "#app/lib/i18n/languages";

export type QuestionOption = { key: string; label: Translated };
export type Question = { key: string; label: Translated; hint: Translated | null; options: QuestionOption[] };

export type DocumentRule = {
  documentTypeId: string;
  name: Translated;
  description: Translated;
  /** Applies only when the answer to `question` is one of `options`; null: always. */
  condition: { question: string; options: string[] } | null;
  minCount: number;
  /** Must be issued within this many days. */
  maxAgeDays: number | null;
  /** Must still be valid for this many days (0: not expired). */
  minValidityDays: number | null;
};

export type Answers = Record<string, string | undefined>;

export type Checklist = {
  /** The documents that apply, in the office's order. */
  items: DocumentRule[];
  /** Questions not yet answered on which some document depends. */
  unanswered: string[];
};

export type RuleCondition = DocumentRule["condition"];

/**
 * Whether a rule's condition holds for the answers: the one place that decides it, shared by the
 * checklist, the completeness check and routing by answer.
 */
export function conditionHolds(condition: RuleCondition, answers: Answers): "applies" | "not-applicable" | "unanswered" {
  if (!condition) return "applies";
  const answer = answers[condition.question];
  if (answer === undefined) return "unanswered";
  return condition.options.includes(answer) ? "applies" : "not-applicable";
}

export function buildChecklist(rules: DocumentRule[], questions: Question[], answers: Answers): Checklist {
  const unanswered = new Set<string>();
  const items = rules.filter((rule) => {
    const holds = conditionHolds(rule.condition, answers);
    if (holds === "unanswered" && rule.condition) unanswered.add(rule.condition.question);
    return holds === "applies";
  });
  // Report in the order the questions are asked.
  return { items, unanswered: questions.map((q) => q.key).filter((k) => unanswered.has(k)) };
}

/**
 * A zod schema for a service's answers, built from its questions: each answer is optional
 * (a person may look at the checklist before answering) but must be one of the options.
 * Messages are i18n keys of the catalogue namespace.
 */
export function answersSchema(questions: Question[]) {
  return z.object(
    Object.fromEntries(
      questions.map((q) => {
        const keys = q.options.map((o) => o.key) as [string, ...string[]];
        return [q.key, z.preprocess((v) => (v === "" || v === null ? undefined : v), z.enum(keys, { error: "service.questions.invalidOption" }).optional())];
      }),
    ),
  );
}

export type ParsedAnswers = { ok: true; answers: Answers } | { ok: false; answers: Answers; errors: Record<string, string> };

/** Reads answers from a query string; wrong values come back as errors, keyed by question. */
export function parseAnswers(questions: Question[], params: URLSearchParams): ParsedAnswers {
  const raw = Object.fromEntries(questions.map((q) => [q.key, params.get(q.key) ?? undefined]));
  const result = answersSchema(questions).safeParse(raw);
  if (result.success) return { ok: true, answers: result.data as Answers };
  const errors = fieldErrors(result.error) as Record<string, string>;
  // Keep the valid answers so that the form comes back as it was sent.
  const answers: Answers = {};
  for (const q of questions) {
    const value = raw[q.key];
    if (!errors[q.key] && value) answers[q.key] = value;
  }
  return { ok: false, answers, errors };
}

export type RuleHint = { key: string; count?: number };

/** Freshness and validity of a rule as i18n keys (catalogue: service.checklist.*), in whole months where they are. */
export function ruleHints(rule: Pick<DocumentRule, "maxAgeDays" | "minValidityDays">): RuleHint[] {
  const hints: RuleHint[] = [];
  if (rule.minValidityDays !== null) {
    if (rule.minValidityDays === 0) hints.push({ key: "validNow" });
    else hints.push(inMonthsOrDays("valid", rule.minValidityDays));
  }
  if (rule.maxAgeDays !== null) hints.push(inMonthsOrDays("age", rule.maxAgeDays));
  return hints;
}

function inMonthsOrDays(prefix: "valid" | "age", days: number): RuleHint {
  return days >= 60 && days % 30 === 0 ? { key: `${prefix}Months`, count: days / 30 } : { key: `${prefix}Days`, count: days };
}
