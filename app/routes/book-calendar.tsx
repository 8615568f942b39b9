import { useTranslation } from "react-i18next";
import { data } from "react-router";
import type { Route } from "./+types/book-calendar";
import { BackIcon, ChevronIcon } from "~/components/icons";
import { LocalizedLink } from "~/components/localized-link";
import { PageTitle } from "~/components/page-title";
import { bookingConfig, daysWithFreeSlots } from "~/domain/booking/booking.server";
import { addDays, dayIn, isoWeekday } from "~/domain/booking/slots";
import { getService } from "~/domain/catalogue/catalogue.server";
import { appContext } from "~/lib/context";
import { formatDay, formatMonth, weekdayName, weekdayShortNames } from "~/lib/i18n/format";
import { type Language, pick } from "~/lib/i18n/languages";

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { db } = context.get(appContext);
  const service = await getService(db, params.serviceId);
  const config = service && (await bookingConfig(db, params.serviceId));
  if (!service || !config) throw data(null, { status: 404 });
  const now = new Date();
  const today = dayIn(now, config.rules.timeZone);
  const last = addDays(today, config.rules.bookingHorizonDays);
  const requested = new URL(request.url).searchParams.get("month");
  if (requested !== null && !/^\d{4}-(0[1-9]|1[0-2])$/.test(requested)) throw data(null, { status: 400 });
  const month = requested && requested >= today.slice(0, 7) && requested <= last.slice(0, 7) ? requested : today.slice(0, 7);
  const free = config.appointment === "invitation" ? new Set<string>() : await daysWithFreeSlots(db, config, now);
  return {
    service: { id: service.id, name: service.name, appointment: service.appointment },
    month,
    previous: month > today.slice(0, 7) ? shiftMonth(month, -1) : null,
    next: month < last.slice(0, 7) ? shiftMonth(month, 1) : null,
    freeDays: [...free],
    today,
  };
}

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

/** The month as weeks of seven days (Monday first); null for days outside the month. */
function weeksOf(month: string): Array<Array<string | null>> {
  const first = `${month}-01`;
  const days: Array<string | null> = Array.from({ length: isoWeekday(first) - 1 }, () => null);
  for (let day = first; day.startsWith(month); day = addDays(day, 1)) days.push(day);
  while (days.length % 7 !== 0) days.push(null);
  return Array.from({ length: days.length / 7 }, (_, i) => days.slice(i * 7, i * 7 + 7));
}

export default function BookCalendar({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("booking");
  const lng = i18n.language as Language;
  const { service, month, previous, next, freeDays } = loaderData;
  const free = new Set(freeDays);
  const name = pick(service.name, lng);
  const heads = weekdayShortNames(lng);
  return (
    <div className="page booking">
      <PageTitle>{t("calendar.title", { service: name })}</PageTitle>
      <p className="back">
        <LocalizedLink to={`/services/${service.id}`}>
          <BackIcon />
          {name}
        </LocalizedLink>
      </p>
      <h1>{t("calendar.title", { service: name })}</h1>
      {service.appointment === "invitation" ? (
        <p className="notice">{t("calendar.invitationOnly")}</p>
      ) : (
        <>
          <p>{t("calendar.intro")}</p>
          {freeDays.length === 0 && <p className="notice">{t("calendar.noneFree")}</p>}
          <div className="month-nav">
            {previous ? (
              <LocalizedLink to={`/book/${service.id}?month=${previous}`} rel="prev">
                <BackIcon />
                {formatMonth(lng, previous)}
              </LocalizedLink>
            ) : (
              <span />
            )}
            {next && (
              <LocalizedLink to={`/book/${service.id}?month=${next}`} rel="next">
                {formatMonth(lng, next)}
                <ChevronIcon />
              </LocalizedLink>
            )}
          </div>
          <table className="calendar">
            <caption>{formatMonth(lng, month)}</caption>
            <thead>
              <tr>
                {heads.map((h, i) => (
                  <th key={h} scope="col" abbr={weekdayName(lng, i + 1)}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeksOf(month).map((week) => (
                <tr key={week.find(Boolean)}>
                  {week.map((day, i) => (
                    <td key={day ?? `empty-${i}`}>
                      {day &&
                        (free.has(day) ? (
                          <LocalizedLink to={`/book/${service.id}/day/${day}`} className="day free">
                            <span aria-hidden="true">{new Intl.NumberFormat(lng).format(Number(day.slice(8)))}</span>
                            <span className="visually-hidden">{t("calendar.dayFree", { date: formatDay(lng, day) })}</span>
                          </LocalizedLink>
                        ) : (
                          <span className="day">
                            <span aria-hidden="true">{new Intl.NumberFormat(lng).format(Number(day.slice(8)))}</span>
                            <span className="visually-hidden">{t("calendar.dayFull", { date: formatDay(lng, day) })}</span>
                          </span>
                        ))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">{t("calendar.legend")}</p>
        </>
      )}
    </div>
  );
}
