// The clearing queue: every submitted case with its completeness result, service, waiting
// time, urgency (permit expiry), language and whether a helper filed it; filters and sorting
// by a GET form (works without JavaScript); with JavaScript the list refreshes itself through
// TanStack Query. A clerk claims a case here so that two do not work on one.
import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, redirect, useLocation } from "react-router";
import type { Route } from "./+types/staff-clearing";
import { LocalizedLink, useLocalizedHref } from "#app/components/localized-link";
import { PageTitle } from "#app/components/page-title";
import { parseReference } from "#app/domain/applications/codes";
import { listServices } from "#app/domain/catalogue/catalogue.server";
import { claimCase, clearingQueue } from "#app/domain/clearing/queue.server";
import { parseQueueFilters, type QueueFilters, type QueueItem, queueSearch, queueSorts, queueViews, URGENT_WITHIN_DAYS } from "#app/domain/clearing/queue-filters";
import { requireStaff } from "#app/domain/staff/auth.server";
import { appContext } from "#app/lib/context";
import { formatDate, formatDay, formatTime } from "#app/lib/i18n/format";
import { isLanguage, type Language, languages, nativeNames, pick } from "#app/lib/i18n/languages";
import stylesheet from "#app/styles/clearing.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];
import { useRootData } from "#app/root";

export async function loader({ context, request }: Route.LoaderArgs) {
  const staff = await requireStaff(request, context, ["clearing", "team_lead"]);
  const { db } = context.get(appContext);
  const now = new Date();
  const filters = parseQueueFilters(new URL(request.url).searchParams);
  const services = (await listServices(db)).filter((s) => s.takesApplication).map((s) => ({ id: s.id, name: s.name }));
  return { staff, filters, services, items: await clearingQueue(db, staff, filters, now), at: now.toISOString() };
}

export async function action({ context, request }: Route.ActionArgs) {
  const staff = await requireStaff(request, context, ["clearing", "team_lead"]);
  const { db } = context.get(appContext);
  const form = await request.formData();
  const id = String(form.get("id") ?? "");
  const reference = parseReference(String(form.get("reference") ?? ""));
  if (form.get("intent") !== "claim" || !/^[0-9a-f-]{36}$/.test(id) || !reference) throw data(null, { status: 400 });
  const result = await claimCase(db, staff, id, new Date());
  if (result.ok) {
    const lng = new URL(request.url).searchParams.get("lng");
    return redirect(`/staff/cases/${reference}?notice=claimed${lng ? `&lng=${lng}` : ""}`);
  }
  const name = result.refusal.code === "claimed-by-other" ? result.refusal.name : "";
  return data({ error: { code: result.refusal.code, name, reference } }, { status: result.refusal.code === "not-found" ? 404 : 409 });
}

export default function StaffClearing(props: Route.ComponentProps) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 5_000 } } }));
  return (
    <QueryClientProvider client={client}>
      <Queue {...props} />
    </QueryClientProvider>
  );
}

function Queue({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("clearing");
  const lng = i18n.language as Language;
  const { office } = useRootData();
  const { staff, filters, services } = loaderData;
  const search = queueSearch(filters);
  const { search: pageSearch } = useLocation();
  const live = useQuery({
    queryKey: ["clearing-queue", search],
    queryFn: async (): Promise<{ items: QueueItem[]; at: string }> => {
      const response = await fetch(`/staff/clearing/queue.json${search ? `?${search}` : ""}`, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(`queue ${response.status}`);
      return response.json();
    },
    initialData: { items: loaderData.items, at: loaderData.at },
    initialDataUpdatedAt: new Date(loaderData.at).getTime(),
    refetchInterval: 15_000,
    refetchOnWindowFocus: true,
  });
  const { items, at } = live.data;
  const error = actionData && "error" in actionData ? actionData.error : null;
  const serviceName = (id: string) => {
    const s = services.find((x) => x.id === id);
    return s ? pick(s.name, lng) : id;
  };
  return (
    <>
      <PageTitle>{t("queue.title")}</PageTitle>
      <h1>{t("queue.title")}</h1>
      <p>{t("queue.intro")}</p>
      {error && (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <p>
            {error.reference}: {t(`case.errors.${error.code}`, { name: error.name })}
          </p>
        </div>
      )}
      <Filters filters={filters} services={services} key={pageSearch} />
      <p role="status" aria-live="polite" className="hint">
        {t("queue.count", { count: items.length })} · {t("queue.live", { time: formatTime(lng, new Date(at), office.timeZone) })}
      </p>
      {items.length === 0 ? (
        <p>{t("queue.empty")}</p>
      ) : (
        <ul className="cards queue-list">
          {items.map((item) => (
            <QueueCard key={item.id} item={item} serviceName={serviceName(item.serviceId)} staffId={staff.id} timeZone={office.timeZone} />
          ))}
        </ul>
      )}
    </>
  );
}

function Filters({ filters, services }: { filters: QueueFilters; services: { id: string; name: Record<string, string> }[] }) {
  const { t, i18n } = useTranslation("clearing");
  const lng = i18n.language as Language;
  return (
    <Form method="get" className="queue-filters" aria-label={t("queue.filters")}>
      {lng !== "de" && <input type="hidden" name="lng" value={lng} />}
      <div className="field">
        <label htmlFor="view">{t("queue.view")}</label>
        <select id="view" name="view" defaultValue={filters.view}>
          {queueViews.map((v) => (
            <option key={v} value={v}>
              {t(`queue.views.${v}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="service">{t("queue.service")}</label>
        <select id="service" name="service" defaultValue={filters.serviceId ?? ""}>
          <option value="">{t("queue.allServices")}</option>
          {services.map((s) => (
            <option key={s.id} value={s.id}>
              {pick(s.name as never, lng)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="language">{t("queue.language")}</label>
        <select id="language" name="language" defaultValue={filters.language ?? ""}>
          <option value="">{t("queue.allLanguages")}</option>
          {languages.map((l) => (
            <option key={l} value={l}>
              {nativeNames[l]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="sort">{t("queue.sort")}</label>
        <select id="sort" name="sort" defaultValue={filters.sort}>
          {queueSorts.map((s) => (
            <option key={s} value={s}>
              {t(`queue.sorts.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field checkbox">
        <input type="checkbox" id="urgent" name="urgent" value="1" defaultChecked={filters.urgentOnly} />
        <label htmlFor="urgent">{t("queue.urgentOnly", { days: URGENT_WITHIN_DAYS })}</label>
      </div>
      <button type="submit" className="secondary">
        {t("queue.apply")}
      </button>
    </Form>
  );
}

function QueueCard({ item, serviceName, staffId, timeZone }: { item: QueueItem; serviceName: string; staffId: number; timeZone: string }) {
  const { t, i18n } = useTranslation("clearing");
  const { t: ta } = useTranslation("apply");
  const lng = i18n.language as Language;
  const href = useLocalizedHref(`/staff/cases/${item.reference}`);
  const action = useLocalizedHref("/staff/clearing");
  const c = item.completeness;
  const parts = c
    ? (
        [
          ["missing", c.missing],
          ["rejected", c.rejected],
          ["awaitingReview", c.awaitingReview],
          ["outOfDate", c.outOfDate],
          ["invalid", c.invalid],
        ] as const
      )
        .filter(([, n]) => n > 0)
        .map(([k, n]) => t(`queue.summaryParts.${k}`, { count: n }))
    : [];
  return (
    <li className={`card queue-item${item.urgent ? " urgent" : ""}`}>
      <h2 className="queue-heading">
        <LocalizedLink to={`/staff/cases/${item.reference}`}>
          <span dir="ltr">{item.reference}</span> · {item.name}
        </LocalizedLink>
      </h2>
      <p className="badges">
        <span className="badge">{ta(`case.states.${item.state}`)}</span>
        {item.urgent && <span className="badge warning">{t("queue.urgent")}</span>}
        {item.byHelper && <span className="badge">{t("queue.helper")}</span>}
        {item.answered && <span className="badge success">{t("queue.answered")}</span>}
        {item.deadline && <span className="badge">{t("queue.deadline", { date: formatDay(lng, item.deadline) })}</span>}
      </p>
      <dl className="summary">
        <div>
          <dt>{t("queue.columns.service")}</dt>
          <dd>{serviceName}</dd>
        </div>
        <div>
          <dt>{t("queue.columns.waiting")}</dt>
          <dd>
            {t("queue.waitingDays", { count: item.waitingDays })} ({formatDate(lng, new Date(item.submittedAt), timeZone)})
          </dd>
        </div>
        <div>
          <dt>{t("queue.columns.expiry")}</dt>
          <dd>
            {item.permitExpires === null || item.expiresInDays === null
              ? t("queue.noPermit")
              : item.expiresInDays < 0
                ? t("queue.expired", { date: formatDay(lng, item.permitExpires) })
                : t("queue.expiresIn", { count: item.expiresInDays, date: formatDay(lng, item.permitExpires) })}
          </dd>
        </div>
        <div>
          <dt>{t("queue.columns.language")}</dt>
          <dd>{isLanguage(item.language) ? nativeNames[item.language] : item.language}</dd>
        </div>
        <div>
          <dt>{t("queue.columns.completeness")}</dt>
          <dd>
            {c ? (
              <>
                {t("queue.summary", { satisfied: c.satisfied, applicable: c.applicable })}
                {parts.length > 0 && ` · ${parts.join(" · ")}`}
              </>
            ) : (
              t("queue.notChecked")
            )}
          </dd>
        </div>
        <div>
          <dt>{t("queue.columns.claimed")}</dt>
          <dd>{item.claimedBy ? item.claimedBy.name : t("queue.nobody")}</dd>
        </div>
      </dl>
      {item.state === "submitted" ? (
        <Form method="post" action={action} className="inline-form">
          <input type="hidden" name="intent" value="claim" />
          <input type="hidden" name="id" value={item.id} />
          <input type="hidden" name="reference" value={item.reference} />
          <button type="submit">
            {t("queue.claim")}
            <span className="visually-hidden">: {item.reference}</span>
          </button>
        </Form>
      ) : (
        <a className="button-link secondary" href={href} aria-current={item.claimedBy?.id === staffId ? "true" : undefined}>
          {t("queue.open")}
          <span className="visually-hidden">: {item.reference}</span>
        </a>
      )}
    </li>
  );
}
