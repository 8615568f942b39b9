import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { directionOf, type Language, languages, nativeNames } from "#app/lib/i18n/languages";
import { GlobeIcon } from "./icons";

/**
 * The language switch: plain links (?lng=xx on the current page, other parameters kept), so
 * it works without JavaScript. Each language is named in itself.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const current = i18n.language as Language;
  const hrefFor = (lng: Language) => {
    const params = new URLSearchParams(location.search);
    params.set("lng", lng);
    return `${location.pathname}?${params.toString()}`;
  };
  return (
    <details className="language-switch">
      <summary>
        <GlobeIcon />
        <span>{t("language.summary", { name: nativeNames[current] })}</span>
      </summary>
      <nav aria-label={t("language.listLabel")}>
        <ul>
          {languages.map((lng) => (
            <li key={lng}>
              <a href={hrefFor(lng)} lang={lng} hrefLang={lng} dir={directionOf(lng)} aria-current={lng === current ? "true" : undefined}>
                {nativeNames[lng]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </details>
  );
}
