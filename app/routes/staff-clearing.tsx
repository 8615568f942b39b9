// The clearing queue: every submitted case with its completeness result, service, waiting
// time, urgency (permit expiry), language and whether a helper filed it; filters and sorting
// by a GET form (works without JavaScript); with JavaScript the list refreshes itself through
// TanStack Query. A clerk claims a case here so that two do not work on one.
import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { data, redirect, useLocation } from "react-router";
import type { Route } from "./+types/staff-clearing";
import { ErrorSummary } from "#app/components/form-fields";
import { PageTitle } from "#app/components/page-title";
import { QueueCard } from "#app/components/staff-clearing/queue-card";
import { Filters } from "#app/components/staff-clearing/queue-filters";
import { useStaffActor } from "#app/components/use-staff";
import { allow } from "#app/domain/access/guard.server";
import { parseReference } from "#app/domain/applications/codes";
import { queueClaimSchema } from "#app/domain/clearing/case-actions";
import { claimCase, clearingQueue } from "#app/domain/clearing/queue.server";
import { parseQueueFilters, type QueueItem, queueSearch } from "#app/domain/clearing/queue-filters";
import { refusalReply } from "#app/domain/clearing/refusal-replies";
import { listServices } from "#app/domain/catalogue/catalogue.server";
import { appContext } from "#app/lib/context";
import { formatTime } from "#app/lib/i18n/format";
import { type Language, pick } from "#app/lib/i18n/languages";
import { withLanguage } from "#app/lib/urls";
import { useRootData } from "#app/root";
import stylesheet from "#app/styles/clearing.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const staff = allow(context, "queue:view");
  const { db } = context.get(appContext);
  const now = new Date();
  const filters = parseQueueFilters(new URL(request.url).searchParams);
  const services = (await listServices(db)).filter((s) => s.takesApplication).map((s) => ({ id: s.id, name: s.name }));
  return { filters, services, items: await clearingQueue(db, staff, filters, now), at: now.toISOString() };
}

export async function action({ context, request }: Route.ActionArgs) {
  const staff = allow(context, "case:clear");
  const { db } = context.get(appContext);
  const form = await request.formData();
  const parsed = queueClaimSchema.safeParse({ intent: form.get("intent"), id: form.get("id"), reference: form.get("reference") });
  const reference = parsed.success ? parseReference(parsed.data.reference) : null;
  if (!parsed.success || !reference) throw data(null, { status: 400 });
  const { id } = parsed.data;
  const result = await claimCase(db, staff, id, new Date());
  if (result.ok) return redirect(withLanguage(`/staff/cases/${reference}`, new URL(request.url).searchParams.get("lng"), { notice: "claimed" }));
  const { status, key, values } = refusalReply(result.refusal);
  return data({ refusal: { key, values, reference } }, { status });
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
  const { filters, services } = loaderData;
  const actor = useStaffActor();
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
  const refusal = actionData?.refusal ?? null;
  const serviceName = (id: string) => {
    const s = services.find((x) => x.id === id);
    return s ? pick(s.name, lng) : id;
  };
  return (
    <>
      <PageTitle>{t("queue.title")}</PageTitle>
      <h1>{t("queue.title")}</h1>
      <p>{t("queue.intro")}</p>
      <ErrorSummary title={t("case.problemTitle")} errors={refusal ? [{ message: `${refusal.reference}: ${t(refusal.key, refusal.values)}` }] : []} />
      <Filters filters={filters} services={services} key={pageSearch} />
      <p role="status" aria-live="polite" className="hint">
        {t("queue.count", { count: items.length })} · {t("queue.live", { time: formatTime(lng, new Date(at), office.timeZone) })}
      </p>
      {items.length === 0 ? (
        <p>{t("queue.empty")}</p>
      ) : (
        <ul className="cards queue-list">
          {items.map((item) => (
            <QueueCard key={item.id} item={item} serviceName={serviceName(item.serviceId)} staffId={actor.id} timeZone={office.timeZone} />
          ))}
        </ul>
      )}
    </>
  );
}
