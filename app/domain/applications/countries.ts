// Nationalities as ISO 3166-1 alpha-2 codes, named in the reader's language by the runtime's
// own data (Intl.DisplayNames), so that no country list needs translating by hand. "XX" stands
// for "stateless or not settled", which the immigration office meets every day.
import type { Language } from "#app/lib/i18n/languages";

/** Codes that Intl knows but that are not nationalities (regions, reserved and private codes). */
const NOT_COUNTRIES = new Set([
  "AC",
  "AN",
  "BU",
  "CP",
  "CQ",
  "DD",
  "DG",
  "EA",
  "EU",
  "EZ",
  "FX",
  "IC",
  "QO",
  "TA",
  "UN",
  "XA",
  "XB",
  "YU",
  "ZZ",
  "CS",
  "SU",
  "TP",
  "ZR",
  "UK",
  "AQ",
  "BV",
  "HM",
]);
export const STATELESS = "XX";

let codes: string[] | null = null;

export function countryCodes(): string[] {
  if (!codes) {
    const names = new Intl.DisplayNames("en", { type: "region", fallback: "none" });
    const found: string[] = [];
    for (let a = 65; a <= 90; a++) {
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        if (NOT_COUNTRIES.has(code) || code === STATELESS) continue;
        const name = names.of(code);
        if (name && name !== code) found.push(code);
      }
    }
    codes = found;
  }
  return codes;
}

export function isNationality(code: string): boolean {
  return code === STATELESS || countryCodes().includes(code);
}

/** The nationalities as options in the reader's language, sorted the way the language sorts. */
export function countryOptions(lng: Language, statelessLabel: string): Array<{ value: string; label: string }> {
  const names = new Intl.DisplayNames(lng, { type: "region" });
  const options = countryCodes().map((code) => ({ value: code, label: names.of(code) ?? code }));
  const collator = new Intl.Collator(lng);
  options.sort((x, y) => collator.compare(x.label, y.label));
  return [...options, { value: STATELESS, label: statelessLabel }];
}

export function countryName(lng: Language, code: string, statelessLabel: string): string {
  if (code === STATELESS) return statelessLabel;
  return new Intl.DisplayNames(lng, { type: "region" }).of(code) ?? code;
}
