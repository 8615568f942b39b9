import { type SQL, sql } from "drizzle-orm";
import { jsonb } from "drizzle-orm/pg-core";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Translated } from "#app/lib/i18n/languages";

/** A jsonb column holding one text per language: {"de": "...", "en": "...", ...}. */
export function translated(name: string) {
  return jsonb(name).$type<Translated>();
}

/**
 * CHECK that a translated column holds a non-empty text for each of the eight languages, so
 * that office data with a missing translation is refused by the database itself.
 * lotse_is_translated() is created by migration 0000 (a CHECK cannot hold a subquery).
 */
export function hasAllLanguages(column: PgColumn): SQL {
  return sql`lotse_is_translated(${column})`;
}
