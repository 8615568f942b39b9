import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/book-calendar";
import { BackIcon, ChevronIcon } from "#app/components/icons";
import { LocalizedLink } from "#app/components/localized-link";
import { PageTitle } from "#app/components/page-title";
import { LotteryRounds, MonthCalendar } from "#app/components/booking-calendar";
import { appointmentByToken } from "#app/domain/booking/booking.server";
import { bookingConfigFor, daysWithFreeSlots } from "#app/domain/booking/availability.server";
import { moveCookie, readInvitationToken, readMoveToken } from "#app/domain/booking/flow-cookies.server";
import { validInvitation } from "#app/domain/booking/invitations.server";
import { roundsOf } from "#app/domain/booking/lottery.server";
import { addDays, dayIn } from "#app/domain/booking/slots";
import { serviceFor } from "#app/domain/catalogue/catalogue.server";
import { appContext } from "#app/lib/context";
import { formatDateTime, formatMonth } from "#app/lib/i18n/format";
import { withLanguage } from "#app/lib/urls";
import { type Language, pick } from "#app/lib/i18n/languages";

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { db } = context.get(appContext);
  const service = await serviceFor(context.get(appContext), params.serviceId);
  const config = service && (await bookingConfigFor(context.get(appContext), params.serviceId));
  if (!service || !config) throw data(null, { status: 404 });
  const now = new Date();
  const today = dayIn(now, config.rules.timeZone);
  const last = addDays(today, config.rules.bookingHorizonDays);
  const requested = new URL(request.url).searchParams.get("month");
  if (requested !== null && !/^\d{4}-(0[1-9]|1[0-2])$/.test(requested)) throw data(null, { status: 400 });
  const month = requested && requested >= today.slice(0, 7) && requested <= last.slice(0, 7) ? requested : today.slice(0, 7);
  // Invitation-only services open their calendar to people who came through an invitation link.
  const invited = config.appointment === "invitation" && (await validInvitation(db, await readInvitationToken(request), service.id, now));
  const free = config.appointment === "invitation" && !invited ? new Set<string>() : await daysWithFreeSlots(db, config, now);
  const rounds = config.releaseMode === "lottery" ? await roundsOf(db, service.id, now) : null;
  const moveToken = await readMoveToken(request);
  const moving = moveToken ? await appointmentByToken(db, moveToken) : null;
  const round = (r: { id: number; windowOpensAt: Date; windowClosesAt: Date; slotsFrom: string; slotsTo: string }) => ({
    id: r.id,
    opensAt: r.windowOpensAt.toISOString(),
    closesAt: r.windowClosesAt.toISOString(),
    from: r.slotsFrom,
    to: r.slotsTo,
  });
  return {
    service: { id: service.id, name: service.name, appointment: service.appointment },
    timeZone: config.rules.timeZone,
    invited,
    lottery: rounds && { open: rounds.open.map(round), upcoming: rounds.upcoming.slice(0, 1).map(round), closing: rounds.closing.length > 0 },
    moving: moving && moving.status === "booked" && moving.serviceId === service.id ? { startsAt: moving.startsAt.toISOString() } : null,
    month,
    previous: month > today.slice(0, 7) ? shiftMonth(month, -1) : null,
    next: month < last.slice(0, 7) ? shiftMonth(month, 1) : null,
    freeDays: [...free],
    today,
  };
}

/** "Keep my appointment": stops moving (forgets the appointment being moved). */
export async function action({ request, params }: Route.ActionArgs) {
  const form = await request.formData();
  if (form.get("intent") !== "stop-moving") throw data(null, { status: 400 });
  const lng = new URL(request.url).searchParams.get("lng");
  return redirect(withLanguage(`/book/${params.serviceId}`, lng), {
    headers: { "Set-Cookie": await moveCookie.serialize("", { maxAge: 0 }) },
  });
}

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

export default function BookCalendar({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("booking");
  const lng = i18n.language as Language;
  const { service, month, previous, next, freeDays, lottery, moving, invited, timeZone } = loaderData;
  const name = pick(service.name, lng);
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
      {moving && (
        <div className="notice" role="status">
          <p>{t("move.banner", { when: formatDateTime(lng, new Date(moving.startsAt), timeZone) })}</p>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="stop-moving" />
            <button type="submit" className="secondary">
              {t("move.stop")}
            </button>
          </Form>
        </div>
      )}
      {lottery && <LotteryRounds serviceId={service.id} lottery={lottery} timeZone={timeZone} />}
      {service.appointment === "invitation" && !invited ? (
        <p className="notice">{t("calendar.invitationOnly")}</p>
      ) : (
        <>
          <p>{t("calendar.intro")}</p>
          {freeDays.length === 0 && (
            <div className="notice">
              <p>{t("calendar.noneFree")}</p>
              {service.appointment !== "invitation" && (
                <p>
                  <LocalizedLink to={`/book/${service.id}/waitlist`}>{t("waitlist.join")}</LocalizedLink>
                </p>
              )}
            </div>
          )}
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
          <MonthCalendar serviceId={service.id} month={month} freeDays={freeDays} />
          <p className="hint">{t("calendar.legend")}</p>
        </>
      )}
    </div>
  );
}
