// A family name as the passport's machine-readable zone writes it (ICAO Doc 9303, part 3):
// only A–Z and the filler "<". Case workers are responsible by the first letter of this form
// (Buchstabenzuständigkeit), so "Özdemir" belongs to O as OEZDEMIR. Latin letters with
// diacritics follow the ICAO transliteration table, with the German choice for umlauts (Ä → AE,
// Ö → OE, Ü → UE, ß → SS). Names in another script are not guessed at: their MRZ spelling is
// whatever the issuing state printed, so a person must read it off the passport.

export type MrzSurname = { ok: true; mrz: string; letter: string } | { ok: false; code: "needs-mrz-spelling"; scripts: string[] } | { ok: false; code: "empty" };

/** Letters that do not decompose into a base letter and marks, or that ICAO writes as two letters. */
const SPECIAL: Readonly<Record<string, string>> = {
  Ä: "AE",
  Ö: "OE",
  Ü: "UE",
  ẞ: "SS",
  Æ: "AE",
  Ø: "OE",
  Å: "AA",
  Œ: "OE",
  Ĳ: "IJ",
  Þ: "TH",
  Ð: "D",
  Đ: "D",
  Ħ: "H",
  Ł: "L",
  Ŀ: "L",
  Ŋ: "N",
};

/** Characters that separate parts of a name; the MRZ writes one filler for them. */
const SEPARATOR = /[\s\-\u2010-\u2015\u2212_]/u;
const COMBINING_MARK = /\p{M}/gu;
const SCRIPTS = [
  "Cyrillic",
  "Arabic",
  "Greek",
  "Hebrew",
  "Armenian",
  "Georgian",
  "Devanagari",
  "Thai",
  "Han",
  "Hangul",
  "Hiragana",
  "Katakana",
  "Ethiopic",
  "Syriac",
  "Latin",
] as const;
const SCRIPT_TESTS = SCRIPTS.map((name) => [name, new RegExp(`\\p{Script=${name}}`, "u")] as const);

export function mrzSurname(name: string): MrzSurname {
  const out: string[] = [];
  const foreign = new Set<string>();
  // NFC first, so that a decomposed "O" + "¨" is recognised as Ö and gets its OE.
  for (const ch of name.normalize("NFC").toUpperCase()) {
    const special = SPECIAL[ch];
    if (special) {
      out.push(special);
      continue;
    }
    // toUpperCase may yield several characters (ß → SS); strip marks from each.
    const base = ch.normalize("NFD").replace(COMBINING_MARK, "");
    for (const b of base) {
      if (b >= "A" && b <= "Z") out.push(b);
      else if (SEPARATOR.test(b)) out.push("<");
      else if (/\p{L}/u.test(b)) foreign.add(scriptOf(b));
      // Apostrophes, dots, commas, digits and other signs are left out (D'Amico → DAMICO).
    }
  }
  if (foreign.size > 0) return { ok: false, code: "needs-mrz-spelling", scripts: [...foreign].sort() };
  const mrz = out.join("").replace(/<+/g, "<").replace(/^<|<$/g, "");
  const letter = mrz[0];
  if (!letter) return { ok: false, code: "empty" };
  return { ok: true, mrz, letter };
}

function scriptOf(letter: string): string {
  // A Latin letter ends up here only when ICAO has no plain transliteration for it (e.g. Ə).
  return SCRIPT_TESTS.find(([, re]) => re.test(letter))?.[0] ?? "other";
}

/** Whether a string is a well-formed MRZ surname: A–Z words joined by single fillers. */
export function isMrzSurname(value: string): boolean {
  return /^[A-Z]+(<[A-Z]+)*$/.test(value);
}
