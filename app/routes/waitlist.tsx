import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import type { Route } from "./+types/waitlist";
import { LocalizedLink } from "#app/components/localized-link";
import { PageTitle } from "#app/components/page-title";
import { leaveWaitlist, waitlistEntryByToken } from "#app/domain/booking/waitlist.server";
import { appContext } from "#app/lib/context";
import { formatDateTime } from "#app/lib/i18n/format";
import { type Language, pick } from "#app/lib/i18n/languages";

// A person's place on a waitlist, behind the link from their message.
function validToken(token: string) {
  if (!/^[A-Za-z0-9_-]{22}$/.test(token)) throw data(null, { status: 404 });
  return token;
}

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { db } = context.get(appContext);
  const entry = await waitlistEntryByToken(db, validToken(params.token), new Date());
  if (!entry) throw data(null, { status: 404 });
  return {
    entry: {
      serviceId: entry.serviceId,
      serviceName: entry.serviceName,
      status: entry.status,
      ahead: entry.ahead,
      timeZone: entry.timeZone,
      offer: entry.offer && { startsAt: entry.offer.startsAt.toISOString(), expiresAt: entry.offer.expiresAt.toISOString() },
    },
    isNew: new URL(request.url).searchParams.get("new") === "1",
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { db } = context.get(appContext);
  const form = await request.formData();
  if (form.get("intent") !== "leave") throw data(null, { status: 400 });
  const left = await leaveWaitlist(db, validToken(params.token), new Date());
  return data({ left }, { status: left ? 200 : 409 });
}

export default function Waitlist({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("booking");
  const lng = i18n.language as Language;
  const { entry, isNew } = loaderData;
  const status = actionData?.left ? "left" : entry.status;
  const service = pick(entry.serviceName, lng);
  const at = (iso: string) => formatDateTime(lng, new Date(iso), entry.timeZone);
  return (
    <div className="page booking">
      <PageTitle>{t("waitlist.statusTitle")}</PageTitle>
      {isNew && status === "waiting" ? (
        <div className="success-panel" role="status">
          <h1>{t("waitlist.joinedTitle")}</h1>
          <p>{t("waitlist.joinedBody", { service })}</p>
        </div>
      ) : (
        <h1>{t("waitlist.statusTitle")}</h1>
      )}
      <dl className="summary">
        <div>
          <dt>{t("appointment.service")}</dt>
          <dd>{service}</dd>
        </div>
        <div>
          <dt>{t("waitlist.state")}</dt>
          <dd data-status={status}>{t(`waitlist.states.${status}`)}</dd>
        </div>
        {status === "waiting" && (
          <div>
            <dt>{t("waitlist.aheadLabel")}</dt>
            <dd>{t("waitlist.ahead", { count: entry.ahead })}</dd>
          </div>
        )}
      </dl>
      {status === "offered" && entry.offer && (
        <div className="notice" role="status">
          <p>{t("waitlist.offered", { when: at(entry.offer.startsAt), until: at(entry.offer.expiresAt) })}</p>
        </div>
      )}
      {(status === "waiting" || status === "offered") && (
        <section aria-labelledby="leave-title" className="no-print">
          <h2 id="leave-title">{t("waitlist.leaveTitle")}</h2>
          <p>{t("waitlist.leaveHint")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="leave" />
            <button type="submit" className="warning">
              {t("waitlist.leave")}
            </button>
          </Form>
        </section>
      )}
      {(status === "left" || status === "lapsed") && (
        <p>
          <LocalizedLink to={`/book/${entry.serviceId}`}>{t("waitlist.toCalendar")}</LocalizedLink>
        </p>
      )}
    </div>
  );
}
