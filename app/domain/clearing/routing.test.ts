import { describe, expect, test } from "vitest";
import { demoServices, demoUnits } from "#db/seed/demo-office";
import { mrzSurname } from "#app/domain/cases/mrz-name";
import { type LetterRange, routeCase, type RoutingService, type RoutingUnit, validateLetterRanges } from "./routing";

const units: RoutingUnit[] = demoUnits.map((u) => ({ id: u.id, kind: u.kind }));
const letterRanges: LetterRange[] = demoUnits.flatMap((u) =>
  (u.letterRanges ?? []).map(([firstLetter, lastLetter, caseWorker]) => ({ unitId: u.id, firstLetter, lastLetter, caseWorker })),
);

function service(id: string): RoutingService {
  const s = demoServices.find((x) => x.id === id);
  if (!s) throw new Error(`no demo service ${id}`);
  return { id: s.id, unitId: s.unit };
}

function surname(name: string): string {
  const r = mrzSurname(name);
  if (!r.ok) throw new Error(`${name}: ${r.code}`);
  return r.mrz;
}

const range = (unitId: string, firstLetter: string, lastLetter: string, caseWorker: string): LetterRange => ({ unitId, firstLetter, lastLetter, caseWorker });

describe("validateLetterRanges", () => {
  test("the demo office's ranges cover A–Z once in every unit", () => {
    expect(validateLetterRanges(letterRanges)).toEqual({ ok: true });
  });

  test("a gap is reported with its first and last letter", () => {
    expect(validateLetterRanges([range("u", "A", "F", "X"), range("u", "H", "Z", "Y")])).toEqual({
      ok: false,
      problems: [{ code: "gap", unitId: "u", from: "G", to: "G" }],
    });
  });

  test("gaps at the start and the end of the alphabet", () => {
    expect(validateLetterRanges([range("u", "C", "X", "X")])).toEqual({
      ok: false,
      problems: [
        { code: "gap", unitId: "u", from: "A", to: "B" },
        { code: "gap", unitId: "u", from: "Y", to: "Z" },
      ],
    });
  });

  test("an overlap is reported with the shared letters and both case workers", () => {
    expect(validateLetterRanges([range("u", "A", "L", "Frau Haddad"), range("u", "J", "Z", "Herr Novak")])).toEqual({
      ok: false,
      problems: [{ code: "overlap", unitId: "u", from: "J", to: "L", caseWorkers: ["Frau Haddad", "Herr Novak"] }],
    });
  });

  test("one case worker with two ranges overlapping a third: each shared stretch on its own", () => {
    const result = validateLetterRanges([range("u", "A", "C", "Team 1"), range("u", "M", "Z", "Team 1"), range("u", "B", "N", "Team 2")]);
    expect(result).toEqual({
      ok: false,
      problems: [
        { code: "overlap", unitId: "u", from: "B", to: "C", caseWorkers: ["Team 1", "Team 2"] },
        { code: "overlap", unitId: "u", from: "M", to: "N", caseWorkers: ["Team 1", "Team 2"] },
      ],
    });
  });

  test("units are checked separately: the same letters in two units are fine, a gap in one is reported for it", () => {
    const result = validateLetterRanges([range("a", "A", "Z", "X"), range("b", "A", "M", "Y")]);
    expect(result).toEqual({ ok: false, problems: [{ code: "gap", unitId: "b", from: "N", to: "Z" }] });
  });

  test("letters outside A–Z, prefixes and reversed ranges are refused", () => {
    expect(validateLetterRanges([range("u", "A", "Ö", "X"), range("u", "Ma", "Z", "Y"), range("u", "Z", "A", "Z")])).toEqual({
      ok: false,
      problems: [
        { code: "invalid-letter", unitId: "u", firstLetter: "A", lastLetter: "Ö" },
        { code: "invalid-letter", unitId: "u", firstLetter: "Ma", lastLetter: "Z" },
        { code: "reversed", unitId: "u", firstLetter: "Z", lastLetter: "A" },
      ],
    });
  });
});

describe("routeCase", () => {
  test("Özdemir, extending a residence permit: unit residence, letter O, Frau Marković (M–R)", () => {
    expect(routeCase(service("residence-extension"), { purpose: "employment" }, surname("Özdemir"), units, letterRanges)).toEqual({
      ok: true,
      unitId: "residence",
      caseWorker: "Frau Marković",
      rule: {
        unit: { by: "service", serviceId: "residence-extension" },
        caseWorker: { by: "letter-range", letter: "O", firstLetter: "M", lastLetter: "R" },
      },
    });
  });

  test("Müller, Şahin, Łukasz and Straße in their units", () => {
    const route = (serviceId: string, name: string) => {
      const r = routeCase(service(serviceId), {}, surname(name), units, letterRanges);
      return r.ok ? [r.unitId, r.caseWorker] : r.code;
    };
    expect(route("residence-extension", "Müller")).toEqual(["residence", "Frau Marković"]);
    expect(route("residence-extension", "Şahin")).toEqual(["residence", "Herr Schubert"]);
    expect(route("blue-card", "Łukasz")).toEqual(["skilled", "Herr Lindqvist"]);
    expect(route("naturalisation", "Straße")).toEqual(["naturalisation", "Frau Weber"]);
    expect(route("naturalisation", "Öztürk")).toEqual(["naturalisation", "Herr Petrenko"]);
  });

  test("range boundaries: the first and the last letter of a range belong to it", () => {
    const route = (name: string) => {
      const r = routeCase(service("residence-extension"), {}, name, units, letterRanges);
      return r.ok ? r.caseWorker : r.code;
    };
    expect(route("FISCHER")).toBe("Frau Albers");
    expect(route("GARCIA")).toBe("Herr Gündoğdu");
    expect(route("LANG")).toBe("Herr Gündoğdu");
    expect(route("MEIER")).toBe("Frau Marković");
    expect(route("ZIEGLER")).toBe("Herr Schubert");
  });

  test("a name in another script: the unit is known, the case worker waits for the MRZ spelling", () => {
    expect(mrzSurname("Шевченко").ok).toBe(false);
    expect(routeCase(service("residence-extension"), {}, null, units, letterRanges)).toEqual({
      ok: true,
      unitId: "residence",
      caseWorker: null,
      rule: { unit: { by: "service", serviceId: "residence-extension" }, caseWorker: { by: "none", cause: "surname-needs-mrz-spelling" } },
    });
  });

  test("a unit without letter ranges gets no case worker (general enquiry → clearing)", () => {
    expect(routeCase(service("general-enquiry"), {}, "MEIER", units, letterRanges)).toMatchObject({
      ok: true,
      unitId: "clearing",
      caseWorker: null,
      rule: { caseWorker: { by: "none", cause: "unit-has-no-letter-ranges" } },
    });
  });

  test("an office rule by answer sends students' extensions to the skilled-immigration unit", () => {
    const extension: RoutingService = {
      ...service("residence-extension"),
      unitByAnswer: [{ condition: { question: "purpose", options: ["study"] }, unitId: "skilled" }],
    };
    expect(routeCase(extension, { purpose: "study" }, "OEZDEMIR", units, letterRanges)).toEqual({
      ok: true,
      unitId: "skilled",
      caseWorker: "Herr Lindqvist",
      rule: {
        unit: { by: "answer", serviceId: "residence-extension", question: "purpose", answer: "study" },
        caseWorker: { by: "letter-range", letter: "O", firstLetter: "L", lastLetter: "Z" },
      },
    });
    expect(routeCase(extension, { purpose: "employment" }, "OEZDEMIR", units, letterRanges)).toMatchObject({ unitId: "residence" });
    expect(routeCase(extension, {}, "OEZDEMIR", units, letterRanges)).toMatchObject({ unitId: "residence", rule: { unit: { by: "service" } } });
  });

  test("refusals: unknown unit, a surname not in MRZ form, broken letter ranges", () => {
    expect(routeCase({ id: "x", unitId: "nowhere" }, {}, "MEIER", units, letterRanges)).toEqual({ ok: false, code: "unknown-unit", unitId: "nowhere" });
    expect(routeCase(service("residence-extension"), {}, "Özdemir", units, letterRanges)).toEqual({
      ok: false,
      code: "invalid-mrz-surname",
      surnameMrz: "Özdemir",
    });
    const broken = [range("residence", "A", "F", "X"), range("residence", "H", "Z", "Y")];
    expect(routeCase(service("residence-extension"), {}, "GARCIA", units, broken)).toEqual({
      ok: false,
      code: "letter-ranges-invalid",
      unitId: "residence",
      problems: [{ code: "gap", unitId: "residence", from: "G", to: "G" }],
    });
  });
});
