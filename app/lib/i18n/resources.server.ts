import type { Resource } from "i18next";
import { namespaces, serverNamespaces } from "./config";
import { type Language, languages } from "./languages";

// Every locales/<lng>/<namespace>.json, bundled into the server at build time; the browser
// loads only its own language.
const files = import.meta.glob<Record<string, unknown>>("../../../locales/*/*.json", { eager: true, import: "default" });

function load(lng: Language): Resource[string] {
  return Object.fromEntries(
    [...namespaces, ...serverNamespaces].map((ns) => {
      const file = files[`../../../locales/${lng}/${ns}.json`];
      if (!file) throw new Error(`locales/${lng}/${ns}.json is missing`);
      return [ns, file];
    }),
  );
}

/** All translations, bundled into the server. */
export const resources = Object.fromEntries(languages.map((lng) => [lng, load(lng)])) as Record<Language, Resource[string]>;
