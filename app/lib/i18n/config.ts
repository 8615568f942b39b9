import type { InitOptions } from "i18next";
import { defaultLanguage, languages } from "./languages";

export const namespaces = ["common", "catalogue", "booking", "staff", "servicepoint", "documents", "apply", "upload", "clearing"] as const;
export type Namespace = (typeof namespaces)[number];

/** Namespaces of documents the server writes (the receipt PDF); the browser never loads them. */
export const serverNamespaces = ["receipt"] as const;

/** Options shared by the server's per-request instances and the browser's instance. */
export const i18nOptions = {
  supportedLngs: [...languages],
  fallbackLng: defaultLanguage,
  defaultNS: "common",
  ns: [...namespaces],
  // React escapes; double escaping would show "&amp;" to people.
  interpolation: { escapeValue: false },
  returnNull: false,
} satisfies InitOptions;
