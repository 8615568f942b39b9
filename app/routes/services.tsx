import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import type { Route } from "./+types/services";
import { ChevronIcon } from "#app/components/icons";
import { LocalizedLink } from "#app/components/localized-link";
import { listServices } from "#app/domain/catalogue/catalogue.server";
import { catalogueQuerySchema, searchServices } from "#app/domain/catalogue/search";
import { appContext } from "#app/lib/context";
import { getLocale } from "#app/lib/i18n/middleware.server";
import { type Language, pick } from "#app/lib/i18n/languages";
import { useRootData } from "#app/root";

export async function loader({ context, request }: Route.LoaderArgs) {
  const params = new URL(request.url).searchParams;
  const query = catalogueQuerySchema.safeParse({
    q: params.get("q") ?? undefined,
    show: params.get("show") || undefined,
  });
  if (!query.success) throw data(null, { status: 400 });
  const { db } = context.get(appContext);
  const all = await listServices(db);
  const services = searchServices(all, query.data, getLocale(context) as Language);
  return { services, query: query.data, total: all.length };
}

export default function Services({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("catalogue");
  const lng = i18n.language as Language;
  const { office, explicitLanguage } = useRootData();
  const { services, query } = loaderData;
  const filters = [
    { key: "all", to: query.q ? `/services?q=${encodeURIComponent(query.q)}` : "/services", active: !query.show },
    ...(["appointment", "application"] as const).map((show) => ({
      key: show,
      to: `/services?show=${show}${query.q ? `&q=${encodeURIComponent(query.q)}` : ""}`,
      active: query.show === show,
    })),
  ];
  return (
    <div className="page services">
      <title>{t("common:pageTitle", { page: t("services.title"), office: office.name })}</title>
      <h1>{t("services.title")}</h1>
      <p className="lead">{t("services.intro")}</p>

      <Form method="get" action="/services" className="search" role="search">
        <label htmlFor="q">{t("services.search.label")}</label>
        <p className="hint" id="q-hint">
          {t("services.search.hint")}
        </p>
        <div className="search-row">
          <input id="q" name="q" type="search" defaultValue={query.q ?? ""} maxLength={100} aria-describedby="q-hint" autoComplete="off" />
          {query.show && <input type="hidden" name="show" value={query.show} />}
          {explicitLanguage && <input type="hidden" name="lng" value={lng} />}
          <button type="submit">{t("services.search.submit")}</button>
        </div>
      </Form>

      <nav className="filters" aria-label={t("services.filter.label")}>
        <ul>
          {filters.map((f) => (
            <li key={f.key}>
              <LocalizedLink to={f.to} aria-current={f.active ? "page" : undefined}>
                {t(`services.filter.${f.key}`)}
              </LocalizedLink>
            </li>
          ))}
        </ul>
      </nav>

      {query.q && (
        <p role="status" className="result-count">
          {services.length > 0 ? t("services.search.results", { count: services.length }) : t("services.search.none", { query: query.q })}{" "}
          {services.length === 0 && <LocalizedLink to="/services">{t("services.search.reset")}</LocalizedLink>}
        </p>
      )}

      <ul className="service-list">
        {services.map((s) => (
          <li key={s.id} className="card">
            <h2>
              <LocalizedLink to={`/services/${s.id}`} className="card-link">
                {pick(s.name, lng)}
                <ChevronIcon />
              </LocalizedLink>
            </h2>
            <p>{pick(s.summary, lng)}</p>
            <ul className="tags">
              <li>{t("services.unit", { unit: pick(s.unitName, lng) })}</li>
              {s.appointment === "required" && <li>{t("services.appointmentRequired")}</li>}
              {s.appointment === "invitation" && <li>{t("services.appointmentInvitation")}</li>}
              {s.takesApplication && <li>{t("services.takesApplication")}</li>}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}
