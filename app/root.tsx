import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { data, isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches, useRouteLoaderData } from "react-router";
import type { Route } from "./+types/root";
import { LanguageSwitch } from "./components/language-switch";
import { LocalizedLink } from "./components/localized-link";
import { OfficeAddress, OfficeContact } from "./components/office-contact";
import { officeInfoFor } from "./domain/catalogue/catalogue.server";
import { appContext } from "./lib/context";
import { directionOf, type Language } from "./lib/i18n/languages";
import { getLocale, i18nextMiddleware, isExplicitLanguage, rememberLanguage } from "./lib/i18n/middleware.server";
import { useNonce } from "./lib/nonce";
import stylesheet from "./styles/app.css?url";

export const middleware: Route.MiddlewareFunction[] = [i18nextMiddleware, rememberLanguage];

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ context, request }: Route.LoaderArgs) {
  const app = context.get(appContext);
  const env = app.env;
  const info = await officeInfoFor(app, new Date());
  // Without a configured office there is nothing to show: say so, with 503, in the language.
  if (!info) throw data(null, { status: 503 });
  return {
    lng: getLocale(context) as Language,
    explicitLanguage: await isExplicitLanguage(request),
    demo: env.demoMode,
    office: info.office,
    hours: info.hours,
    nextHoliday: info.nextHoliday,
  };
}

/** Pages that need React in the browser say so with `handle = { hydrate: true }`. */
export type RouteHandle = { hydrate?: boolean };

/** The root loader's data, for pages below the root (always present there). */
export function useRootData() {
  const root = useRouteLoaderData<typeof loader>("root");
  if (!root) throw new Error("useRootData used outside the root route");
  return root;
}

export function Layout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const nonce = useNonce();
  const root = useRouteLoaderData<typeof loader>("root");
  const hydrate = useMatches().some((m) => (m.handle as RouteHandle | undefined)?.hydrate);
  return (
    <html lang={lng} dir={directionOf(lng)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("skipToContent")}
        </a>
        {root?.demo && (
          <p className="demo-banner" role="note">
            <strong>{t("demo.label")}:</strong> {t("demo.banner")}
          </p>
        )}
        <header className="site-header">
          <div className="wrap header-row">
            <LocalizedLink to="/" className="brand">
              <span className="brand-name">{t("siteName")}</span>
              {root?.office && <span className="brand-office">{t("siteTagline", { office: root.office.name })}</span>}
            </LocalizedLink>
            <LanguageSwitch />
          </div>
          <nav className="wrap main-nav" aria-label={t("nav.label")}>
            <ul>
              <li>
                <LocalizedLink to="/">{t("nav.home")}</LocalizedLink>
              </li>
              <li>
                <LocalizedLink to="/services">{t("nav.services")}</LocalizedLink>
              </li>
            </ul>
          </nav>
        </header>
        <main id="main" className="wrap" tabIndex={-1}>
          {children}
        </main>
        {root?.office && (
          <footer className="site-footer">
            <div className="wrap">
              <h2 className="visually-hidden">{t("footer.contact")}</h2>
              <OfficeAddress office={root.office} />
              <OfficeContact office={root.office} />
              <p className="hint">{t("footer.poweredBy")}</p>
            </div>
          </footer>
        )}
        {hydrate ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : (
          <script src="/enhance.js" defer nonce={nonce} />
        )}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind = status === 404 ? "notFound" : status === 403 ? "forbidden" : status === 503 ? "unavailable" : status >= 400 && status < 500 ? "badRequest" : "server";
  if (kind === "server") console.error(error);
  return (
    <div className="page error-page">
      <title>{t(`errors.${kind}.title`)}</title>
      <h1>{t(`errors.${kind}.title`)}</h1>
      <p>{t(`errors.${kind}.body`)}</p>
      <p>
        <LocalizedLink to="/">{t("errors.notFound.home")}</LocalizedLink>
      </p>
    </div>
  );
}
