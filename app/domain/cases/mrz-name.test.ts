import { describe, expect, test } from "vitest";
import { isMrzSurname, mrzSurname } from "./mrz-name";

const mrz = (name: string) => {
  const r = mrzSurname(name);
  return r.ok ? r.mrz : r.code;
};

describe("mrzSurname", () => {
  test("Özdemir becomes OEZDEMIR and belongs to the letter O", () => {
    expect(mrzSurname("Özdemir")).toEqual({ ok: true, mrz: "OEZDEMIR", letter: "O" });
  });

  test("German umlauts and ß as German passports write them", () => {
    expect(mrz("Müller")).toBe("MUELLER");
    expect(mrz("Straße")).toBe("STRASSE");
    expect(mrz("STRAẞE")).toBe("STRASSE");
    expect(mrz("Jäger")).toBe("JAEGER");
    expect(mrz("Ärzte")).toBe("AERZTE");
  });

  test("Turkish, Polish and other Latin letters with diacritics", () => {
    expect(mrzSurname("Şahin")).toEqual({ ok: true, mrz: "SAHIN", letter: "S" });
    expect(mrzSurname("Łukasz")).toEqual({ ok: true, mrz: "LUKASZ", letter: "L" });
    expect(mrz("Doğan")).toBe("DOGAN");
    expect(mrz("İnce")).toBe("INCE");
    expect(mrz("Yıldız")).toBe("YILDIZ");
    expect(mrz("Çelik")).toBe("CELIK");
    expect(mrz("Éluard")).toBe("ELUARD");
    expect(mrz("Núñez")).toBe("NUNEZ");
    expect(mrz("Dvořák")).toBe("DVORAK");
    expect(mrz("Đorđević")).toBe("DORDEVIC");
    expect(mrz("Nguyễn")).toBe("NGUYEN");
  });

  test("Nordic and other letters ICAO writes as two letters", () => {
    expect(mrz("Ødegård")).toBe("OEDEGAARD");
    expect(mrz("Ærø")).toBe("AEROE");
    expect(mrz("Œuvray")).toBe("OEUVRAY");
    expect(mrz("Þórsdóttir")).toBe("THORSDOTTIR");
    expect(mrz("Ĳsselmeer")).toBe("IJSSELMEER");
  });

  test("a decomposed umlaut (O + combining diaeresis) is still OE", () => {
    expect(mrz("O\u0308zdemir")).toBe("OEZDEMIR");
  });

  test("spaces and hyphens become one filler; apostrophes and other signs are left out", () => {
    expect(mrz("von der Leyen")).toBe("VON<DER<LEYEN");
    expect(mrz("Müller-Lüdenscheidt")).toBe("MUELLER<LUEDENSCHEIDT");
    expect(mrz("D'Amico")).toBe("DAMICO");
    expect(mrz("O’Brien")).toBe("OBRIEN");
    expect(mrz("  St. John  ")).toBe("ST<JOHN");
    expect(mrz("Smith -- Jones")).toBe("SMITH<JONES");
    expect(mrz("-Meier")).toBe("MEIER");
  });

  test("a Cyrillic name needs its MRZ spelling from the passport", () => {
    expect(mrzSurname("Шевченко")).toEqual({ ok: false, code: "needs-mrz-spelling", scripts: ["Cyrillic"] });
  });

  test("Arabic, Greek and mixed scripts are not guessed either", () => {
    expect(mrzSurname("حداد")).toEqual({ ok: false, code: "needs-mrz-spelling", scripts: ["Arabic"] });
    expect(mrzSurname("Παπαδόπουλος")).toEqual({ ok: false, code: "needs-mrz-spelling", scripts: ["Greek"] });
    expect(mrzSurname("Ivanov-Иванов")).toEqual({ ok: false, code: "needs-mrz-spelling", scripts: ["Cyrillic"] });
    // A Latin letter without an ICAO transliteration (Azerbaijani schwa) is not guessed at.
    expect(mrzSurname("Əliyev")).toEqual({ ok: false, code: "needs-mrz-spelling", scripts: ["Latin"] });
  });

  test("nothing left to write is empty", () => {
    expect(mrzSurname("")).toEqual({ ok: false, code: "empty" });
    expect(mrzSurname(" - ' ")).toEqual({ ok: false, code: "empty" });
  });

  test("every result is a well-formed MRZ surname", () => {
    for (const name of ["Özdemir", "von der Leyen", "D'Amico", "  St. John  ", "Ødegård"]) {
      const r = mrzSurname(name);
      expect(r.ok && isMrzSurname(r.mrz)).toBe(true);
    }
  });
});

describe("isMrzSurname", () => {
  test("A–Z words joined by single fillers", () => {
    expect(isMrzSurname("VON<DER<LEYEN")).toBe(true);
    expect(isMrzSurname("OEZDEMIR")).toBe(true);
    expect(isMrzSurname("Özdemir")).toBe(false);
    expect(isMrzSurname("VON<<DER")).toBe(false);
    expect(isMrzSurname("<MEIER")).toBe(false);
    expect(isMrzSurname("")).toBe(false);
  });
});
