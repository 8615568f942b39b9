import { createCookie, type MiddlewareFunction } from "react-router";
import { initReactI18next } from "react-i18next";
import { createI18nextMiddleware } from "remix-i18next";
import { i18nOptions } from "./config";
import { defaultLanguage, isLanguage, languages } from "./languages";
import { resources } from "./resources.server";

const ONE_YEAR = 60 * 60 * 24 * 365;

/** The language a person chose explicitly, kept across visits. */
export const languageCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: ONE_YEAR,
});

// Detection: an explicit choice (?lng= in the link, then the cookie) before the browser's
// Accept-Language, before German.
export const [i18nextMiddleware, getLocale, getInstance] = createI18nextMiddleware({
  detection: {
    supportedLanguages: [...languages],
    fallbackLanguage: defaultLanguage,
    cookie: languageCookie,
    order: ["searchParams", "cookie", "header"],
  },
  i18next: { ...i18nOptions, resources },
  plugins: [initReactI18next],
});

/** Remembers a language chosen through a link (?lng=xx) in the cookie. */
export const rememberLanguage: MiddlewareFunction<Response> = async ({ request }, next) => {
  const response = await next();
  const chosen = new URL(request.url).searchParams.get("lng");
  if (isLanguage(chosen)) {
    const current = await languageCookie.parse(request.headers.get("Cookie"));
    if (current !== chosen) response.headers.append("Set-Cookie", await languageCookie.serialize(chosen));
  }
  return response;
};

/** Whether the language was chosen explicitly (link or cookie), so that links should carry it. */
export async function isExplicitLanguage(request: Request): Promise<boolean> {
  if (isLanguage(new URL(request.url).searchParams.get("lng"))) return true;
  return isLanguage(await languageCookie.parse(request.headers.get("Cookie")));
}
