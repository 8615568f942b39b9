import { useTranslation } from "react-i18next";
import { data } from "react-router";
import type { Route } from "./+types/book-wait";
import { LocalizedLink } from "#app/components/localized-link";
import { PageTitle } from "#app/components/page-title";
import { WaitPage } from "#app/components/wait-page";
import { bookingConfigFor } from "#app/domain/booking/availability.server";
import { redeemWaitTicket } from "#app/domain/booking/fairness.server";
import { holdAndContinue } from "#app/domain/booking/hold-flow.server";
import { appContext } from "#app/lib/context";
import { isLanguage } from "#app/lib/i18n/languages";
import { instanceSecret } from "#app/lib/secret.server";

// Where the no-JavaScript wait page leads: once the wait is over, the ticket (single use) holds
// the chosen time.
export async function loader({ context, params, request }: Route.LoaderArgs) {
  const app = context.get(appContext);
  const url = new URL(request.url);
  const ticketValue = url.searchParams.get("ticket") ?? "";
  const lng = url.searchParams.get("lng");
  const config = await bookingConfigFor(app, params.serviceId);
  if (!config) throw data(null, { status: 404 });
  const check = await redeemWaitTicket(app.db, await instanceSecret(app.db, app.env), ticketValue);
  if (!check.ok && check.reason === "early") {
    const seconds = Math.max(1, Math.ceil((check.ticket!.notBefore - Date.now()) / 1000));
    return data({ wait: { seconds, next: `${url.pathname}${url.search}` }, error: null, day: null }, { status: 202 });
  }
  if (!check.ok || check.ticket.serviceId !== params.serviceId) {
    return data({ wait: null, error: "expired" as const, day: null }, { status: 410 });
  }
  const startsAt = new Date(check.ticket.startsAt);
  const hold = await holdAndContinue(app, config, startsAt, isLanguage(lng) ? lng : null);
  return data({ wait: null, error: hold.reason, day: check.ticket.startsAt.slice(0, 10) }, { status: 409 });
}

export default function BookWait({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("booking");
  if (loaderData.wait) return <WaitPage seconds={loaderData.wait.seconds} next={loaderData.wait.next} />;
  return (
    <div className="page booking">
      <PageTitle>{t("wait.failedTitle")}</PageTitle>
      <h1>{t("wait.failedTitle")}</h1>
      <p>{t(loaderData.error === "full" ? "day.errors.full" : "wait.expired")}</p>
      <p>
        <LocalizedLink to={`/book/${params.serviceId}`} className="button-link">
          {t("details.chooseAgain")}
        </LocalizedLink>
      </p>
    </div>
  );
}
