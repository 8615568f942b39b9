import { z } from "zod";
import { defaultLanguage, type Language, pick, type Translated } from "#app/lib/i18n/languages";

/** The catalogue's query string: an optional search text and an optional filter. */
export const catalogueQuerySchema = z.object({
  q: z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.string().max(100).optional()),
  show: z.enum(["appointment", "application"]).optional(),
});
export type CatalogueQuery = z.infer<typeof catalogueQuerySchema>;

type Searchable = {
  name: Translated;
  summary: Translated;
  appointment: string;
  takesApplication: boolean;
};

/** Lower case, without accents, so that "verlangern" finds "verlängern". */
function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
}

/**
 * Filters services by the query: every word must appear in the name or summary, in the
 * person's language or in German (people often know the German name of what they need).
 */
export function searchServices<T extends Searchable>(services: T[], query: CatalogueQuery, lng: Language): T[] {
  const words = fold(query.q ?? "")
    .split(/\s+/)
    .filter(Boolean);
  return services.filter((s) => {
    if (query.show === "appointment" && !(s.appointment === "required" || s.appointment === "optional")) return false;
    if (query.show === "application" && !s.takesApplication) return false;
    if (words.length === 0) return true;
    const haystack = fold([pick(s.name, lng), pick(s.summary, lng), s.name[defaultLanguage], s.summary[defaultLanguage]].join(" "));
    return words.every((w) => haystack.includes(w));
  });
}
