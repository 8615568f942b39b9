// Client-safe facts about the eight languages Lotse speaks. German is the source language.

export const languages = ["de", "en", "ar", "fa", "tr", "uk", "ru", "fr"] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = "de";

const rightToLeft: ReadonlySet<Language> = new Set(["ar", "fa"]);

/** Each language named in itself, as the language switch shows it. */
export const nativeNames: Record<Language, string> = {
  de: "Deutsch",
  en: "English",
  ar: "العربية",
  fa: "فارسی",
  tr: "Türkçe",
  uk: "Українська",
  ru: "Русский",
  fr: "Français",
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

export function directionOf(lng: Language): "ltr" | "rtl" {
  return rightToLeft.has(lng) ? "rtl" : "ltr";
}

/** A value in all eight languages, as the office data stores names and descriptions. */
export type Translated = Record<Language, string>;

/** Picks the text for a language; the database guarantees every language is present. */
export function pick(value: Translated, lng: Language): string {
  return value[lng] ?? value[defaultLanguage];
}
