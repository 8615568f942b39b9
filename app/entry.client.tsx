import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { HydratedRouter } from "react-router/dom";
import { i18nOptions, namespaces } from "./lib/i18n/config";
import { defaultLanguage, isLanguage } from "./lib/i18n/languages";

// Only pages that need React in the browser hydrate (see docs/decisions/0003). They load the
// translations of the page's language only, as separate chunks.
const bundles = import.meta.glob<{ default: Record<string, unknown> }>("../locales/*/*.json");

async function start() {
  const lang = document.documentElement.lang;
  const lng = isLanguage(lang) ? lang : defaultLanguage;
  const loaded = await Promise.all(namespaces.map(async (ns) => [ns, (await bundles[`../locales/${lng}/${ns}.json`]!()).default] as const));
  await i18next.use(initReactI18next).init({
    ...i18nOptions,
    lng,
    resources: { [lng]: Object.fromEntries(loaded) },
  });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <HydratedRouter />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void start();
