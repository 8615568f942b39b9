import { useTranslation } from "react-i18next";
import { data } from "react-router";
import type { Route } from "./+types/lottery-request";
import { LocalizedLink } from "#app/components/localized-link";
import { PageTitle } from "#app/components/page-title";
import { releaseRequestByToken } from "#app/domain/booking/lottery.server";
import { appContext } from "#app/lib/context";
import { formatDateTime, formatDay } from "#app/lib/i18n/format";
import { type Language, pick } from "#app/lib/i18n/languages";

// A person's lottery request behind the link from their message: waiting for the draw, or its result.
export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { db } = context.get(appContext);
  if (!/^[A-Za-z0-9_-]{22}$/.test(params.token)) throw data(null, { status: 404 });
  const found = await releaseRequestByToken(db, params.token);
  if (!found) throw data(null, { status: 404 });
  return {
    request: {
      result: found.result,
      serviceId: found.serviceId,
      serviceName: found.serviceName,
      drawAt: found.windowClosesAt.toISOString(),
      from: found.slotsFrom,
      to: found.slotsTo,
      timeZone: found.timeZone,
      appointment: found.appointmentStartsAt && found.appointmentCode ? { startsAt: found.appointmentStartsAt.toISOString(), code: found.appointmentCode } : null,
    },
    isNew: new URL(request.url).searchParams.get("new") === "1",
  };
}

export default function LotteryRequest({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("booking");
  const lng = i18n.language as Language;
  const { request: r, isNew } = loaderData;
  const service = pick(r.serviceName, lng);
  const at = (iso: string) => formatDateTime(lng, new Date(iso), r.timeZone);
  return (
    <div className="page booking">
      <PageTitle>{t("lottery.statusTitle")}</PageTitle>
      {isNew && r.result === "pending" ? (
        <div className="success-panel" role="status">
          <h1>{t("lottery.receivedTitle")}</h1>
          <p>{t("lottery.receivedBody", { draw: at(r.drawAt) })}</p>
        </div>
      ) : (
        <h1>{t("lottery.statusTitle")}</h1>
      )}
      <dl className="summary">
        <div>
          <dt>{t("appointment.service")}</dt>
          <dd>{service}</dd>
        </div>
        <div>
          <dt>{t("lottery.daysLabel")}</dt>
          <dd>
            {formatDay(lng, r.from)} – {formatDay(lng, r.to)}
          </dd>
        </div>
        <div>
          <dt>{t("lottery.resultLabel")}</dt>
          <dd data-result={r.result}>{t(`lottery.results.${r.result}`, { draw: at(r.drawAt) })}</dd>
        </div>
        {r.appointment && (
          <>
            <div>
              <dt>{t("appointment.when")}</dt>
              <dd>{at(r.appointment.startsAt)}</dd>
            </div>
            <div>
              <dt>{t("appointment.code")}</dt>
              <dd>
                <bdi className="booking-code" dir="ltr">
                  {r.appointment.code}
                </bdi>
              </dd>
            </div>
          </>
        )}
      </dl>
      {r.result === "won" && <p>{t("lottery.wonHint")}</p>}
      {r.result === "lost" && (
        <p>
          <LocalizedLink to={`/book/${r.serviceId}`}>{t("lottery.nextLink")}</LocalizedLink>
        </p>
      )}
    </div>
  );
}
