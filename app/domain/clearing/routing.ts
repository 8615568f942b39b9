// Routing a complete case: the unit follows from the service (or from an answer, where the office
// says so), the case worker from the letter range of the family name's first MRZ letter.
// Letter ranges are single letters A–Z, as the schema stores them (letter_ranges): "A–F", not
// "Ma–Mz" (decision 0010).
import { type Answers, conditionHolds, type RuleCondition } from "#app/domain/catalogue/checklist";
import { isMrzSurname } from "#app/domain/cases/mrz-name";

export type RoutingUnit = { id: string; kind: "clearing" | "service_point" | "specialist" };

export type LetterRange = { unitId: string; firstLetter: string; lastLetter: string; caseWorker: string };

/** An office rule that sends a service's cases to another unit for certain answers. */
export type UnitByAnswer = { condition: NonNullable<RuleCondition>; unitId: string };

export type RoutingService = {
  id: string;
  unitId: string;
  /** Checked in order; the first whose condition holds decides. None: the service's unit. */
  unitByAnswer?: readonly UnitByAnswer[];
};

export type RoutingRule = {
  unit: { by: "service"; serviceId: string } | { by: "answer"; serviceId: string; question: string; answer: string };
  caseWorker:
    | { by: "letter-range"; letter: string; firstLetter: string; lastLetter: string }
    | { by: "none"; cause: "unit-has-no-letter-ranges" | "surname-needs-mrz-spelling" };
};

export type LetterRangeProblem =
  | { code: "invalid-letter"; unitId: string; firstLetter: string; lastLetter: string }
  | { code: "reversed"; unitId: string; firstLetter: string; lastLetter: string }
  | { code: "overlap"; unitId: string; from: string; to: string; caseWorkers: [string, string] }
  | { code: "gap"; unitId: string; from: string; to: string };

export type Routing =
  | { ok: true; unitId: string; caseWorker: string | null; rule: RoutingRule }
  | { ok: false; code: "unknown-unit"; unitId: string }
  | { ok: false; code: "invalid-mrz-surname"; surnameMrz: string }
  | { ok: false; code: "letter-ranges-invalid"; unitId: string; problems: LetterRangeProblem[] };

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const isLetter = (s: string) => s.length === 1 && ALPHABET.includes(s);

/**
 * Checks each unit's letter ranges: single letters A–Z, first ≤ last, no letter twice, no letter
 * missing. A unit without ranges is not checked (its cases have no case worker by letter).
 */
export function validateLetterRanges(ranges: readonly LetterRange[]): { ok: true } | { ok: false; problems: LetterRangeProblem[] } {
  const problems: LetterRangeProblem[] = [];
  const byUnit = new Map<string, LetterRange[]>();
  for (const range of ranges) byUnit.set(range.unitId, [...(byUnit.get(range.unitId) ?? []), range]);

  for (const [unitId, unitRanges] of byUnit) {
    // For each letter, the index of the first range that claims it.
    const owner: Array<number | null> = Array.from(ALPHABET, () => null);
    const overlaps = new Map<string, { from: number; to: number; caseWorkers: [string, string] }>();
    let malformed = false;
    unitRanges.forEach((r, index) => {
      if (!isLetter(r.firstLetter) || !isLetter(r.lastLetter)) {
        problems.push({ code: "invalid-letter", unitId, firstLetter: r.firstLetter, lastLetter: r.lastLetter });
        malformed = true;
        return;
      }
      const from = ALPHABET.indexOf(r.firstLetter);
      const to = ALPHABET.indexOf(r.lastLetter);
      if (from > to) {
        problems.push({ code: "reversed", unitId, firstLetter: r.firstLetter, lastLetter: r.lastLetter });
        malformed = true;
        return;
      }
      for (let i = from; i <= to; i++) {
        const previous = owner[i];
        if (previous === null || previous === undefined) {
          owner[i] = index;
          continue;
        }
        // One problem per pair of ranges: two intervals share one interval of letters.
        const key = `${previous}:${index}`;
        const seen = overlaps.get(key);
        if (seen) seen.to = i;
        else overlaps.set(key, { from: i, to: i, caseWorkers: [unitRanges[previous]?.caseWorker ?? "", r.caseWorker] });
      }
    });
    for (const o of overlaps.values()) {
      problems.push({ code: "overlap", unitId, from: ALPHABET[o.from] ?? "", to: ALPHABET[o.to] ?? "", caseWorkers: o.caseWorkers });
    }
    // Gaps are only meaningful once every range of the unit could be read.
    if (malformed) continue;
    let gapStart: number | null = null;
    for (let i = 0; i <= owner.length; i++) {
      const free = i < owner.length && owner[i] === null;
      if (free && gapStart === null) gapStart = i;
      if (!free && gapStart !== null) {
        problems.push({ code: "gap", unitId, from: ALPHABET[gapStart] ?? "", to: ALPHABET[i - 1] ?? "" });
        gapStart = null;
      }
    }
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

/**
 * Where a case goes. `surnameMrz` is the family name as the passport's MRZ writes it (see
 * `mrzSurname`), or null while nobody has read it off a passport in another script: the case then
 * goes to the unit without a case worker, and the rule says why.
 */
export function routeCase(
  service: RoutingService,
  answers: Answers,
  surnameMrz: string | null,
  units: readonly RoutingUnit[],
  letterRanges: readonly LetterRange[],
): Routing {
  const byAnswer = service.unitByAnswer?.find((r) => conditionHolds(r.condition, answers) === "applies");
  const unitId = byAnswer?.unitId ?? service.unitId;
  const unitRule: RoutingRule["unit"] = byAnswer
    ? { by: "answer", serviceId: service.id, question: byAnswer.condition.question, answer: answers[byAnswer.condition.question] ?? "" }
    : { by: "service", serviceId: service.id };
  if (!units.some((u) => u.id === unitId)) return { ok: false, code: "unknown-unit", unitId };
  if (surnameMrz !== null && !isMrzSurname(surnameMrz)) return { ok: false, code: "invalid-mrz-surname", surnameMrz };

  const ranges = letterRanges.filter((r) => r.unitId === unitId);
  if (ranges.length === 0) {
    return { ok: true, unitId, caseWorker: null, rule: { unit: unitRule, caseWorker: { by: "none", cause: "unit-has-no-letter-ranges" } } };
  }
  const valid = validateLetterRanges(ranges);
  if (!valid.ok) return { ok: false, code: "letter-ranges-invalid", unitId, problems: valid.problems };
  if (surnameMrz === null) {
    return { ok: true, unitId, caseWorker: null, rule: { unit: unitRule, caseWorker: { by: "none", cause: "surname-needs-mrz-spelling" } } };
  }

  const letter = surnameMrz.charAt(0);
  // Valid ranges cover A–Z exactly once, so exactly one range matches.
  const range = ranges.find((r) => r.firstLetter <= letter && letter <= r.lastLetter);
  if (!range) throw new Error(`Letter ${letter} not covered in unit ${unitId} despite valid ranges`);
  return {
    ok: true,
    unitId,
    caseWorker: range.caseWorker,
    rule: { unit: unitRule, caseWorker: { by: "letter-range", letter, firstLetter: range.firstLetter, lastLetter: range.lastLetter } },
  };
}
