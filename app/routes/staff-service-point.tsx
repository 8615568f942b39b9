// The service point's day: check-in by booking code, calling to a counter, done or not come.
import { useTranslation } from "react-i18next";
import { createCookie, data, redirect } from "react-router";
import type { Route } from "./+types/staff-service-point";
import { ErrorSummary } from "#app/components/form-fields";
import { LocalizedLink, useLocalizedHref } from "#app/components/localized-link";
import { PageTitle } from "#app/components/page-title";
import { AppointmentCard } from "#app/components/service-point/appointment-card";
import { CheckInForm } from "#app/components/service-point/check-in-form";
import { useReplyText } from "#app/components/service-point/reply-text";
import { ServicePointNoticePanel } from "#app/components/service-point/service-point-notice";
import { allow } from "#app/domain/access/guard.server";
import { readServicePointNotice } from "#app/domain/booking/office-notices";
import { appointmentRefusal, checkInRefusal, invalidServiceAction, type ServicePointReply } from "#app/domain/booking/office-refusals";
import { serviceActionSchema } from "#app/domain/booking/office-schemas";
import { call, checkIn, complete, markNoShow, noShowFrom, todaysAppointments } from "#app/domain/booking/service-point.server";
import { appContext } from "#app/lib/context";
import { fieldErrors } from "#app/lib/forms";
import { formatDay, formatTime } from "#app/lib/i18n/format";
import { type Language, pick } from "#app/lib/i18n/languages";
import { withLanguage } from "#app/lib/urls";
import stylesheet from "#app/styles/service-point.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

const PATH = "/staff/service-point";

/** The counter a staff member last called to: the default of the counter choice on this device. */
const counterCookie = createCookie("sp-counter", { path: PATH, sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });

export async function loader({ context, request }: Route.LoaderArgs) {
  allow(context, "service-point:use");
  const { db } = context.get(appContext);
  const { day, timeZone, units } = await todaysAppointments(db, new Date());
  const counter = Number(await counterCookie.parse(request.headers.get("Cookie")));
  return {
    day,
    timeZone,
    // After POST/redirect/GET the address names what was done; the notice is read back from the day's list.
    notice: readServicePointNotice(
      new URL(request.url).searchParams,
      units.flatMap((u) => u.appointments),
    ),
    counter: Number.isInteger(counter) && counter >= 1 && counter <= 50 ? counter : 1,
    units: units.map((u) => ({
      ...u,
      appointments: u.appointments.map((a) => ({
        ...a,
        startsAt: a.startsAt.toISOString(),
        calledAt: a.calledAt?.toISOString() ?? null,
        noShowFrom: noShowFrom(a.startsAt).toISOString(),
      })),
    })),
  };
}

/** Back to the page, saying what was done and keeping an explicitly chosen language in the address. */
function back(request: Request, done: Record<string, string | number>, headers?: HeadersInit) {
  return redirect(withLanguage(PATH, new URL(request.url).searchParams.get("lng"), done), { headers });
}

export async function action({ context, request }: Route.ActionArgs) {
  allow(context, "service-point:use");
  const { db } = context.get(appContext);
  const form = await request.formData();
  const sent = { intent: String(form.get("intent") ?? ""), code: String(form.get("code") ?? "").slice(0, 100), appointmentId: String(form.get("appointmentId") ?? "") };
  const parsed = serviceActionSchema.safeParse({ ...sent, counter: String(form.get("counter") ?? "") });
  const answer = ({ reply, status }: { reply: ServicePointReply; status: number }) => data(reply, { status });
  if (!parsed.success) return answer(invalidServiceAction(fieldErrors(parsed.error), sent));
  const input = parsed.data;
  const now = new Date();
  switch (input.intent) {
    case "check-in": {
      const result = await checkIn(db, input.code, now);
      return result.ok ? back(request, { checkedIn: result.appointmentId }) : answer(checkInRefusal(result, sent.code));
    }
    case "call": {
      const result = await call(db, input.appointmentId, input.counter, now);
      if (!result.ok) return answer(appointmentRefusal(result, input.appointmentId));
      return back(request, { called: input.appointmentId }, { "Set-Cookie": await counterCookie.serialize(String(input.counter)) });
    }
    case "complete": {
      const result = await complete(db, input.appointmentId, now);
      return result.ok ? back(request, { completed: input.appointmentId }) : answer(appointmentRefusal(result, input.appointmentId));
    }
    case "no-show": {
      const result = await markNoShow(db, input.appointmentId, now);
      return result.ok ? back(request, { noShow: input.appointmentId }) : answer(appointmentRefusal(result, input.appointmentId));
    }
  }
}

export default function StaffServicePoint({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("servicepoint");
  const lng = i18n.language as Language;
  const { day, timeZone, units, notice, counter } = loaderData;
  const formAction = useLocalizedHref(PATH);
  const time = (iso: string) => formatTime(lng, new Date(iso), timeZone);
  const text = useReplyText(timeZone);
  const reply = actionData ?? null;
  const total = units.reduce((n, u) => n + u.appointments.length, 0);

  return (
    <>
      <PageTitle>{t("servicePoint.title")}</PageTitle>
      <div className="service-point">
        <h1>{t("servicePoint.heading")}</h1>
        <p className="lead">{formatDay(lng, day)}</p>
        <p>
          <LocalizedLink to="/display">{t("servicePoint.displayLink")}</LocalizedLink>
        </p>
        {reply?.at === "page" && <ErrorSummary title={t("errors.summary")} errors={[{ message: text(reply) }]} />}
        {notice && <ServicePointNoticePanel notice={notice} />}
        <CheckInForm action={formAction} error={reply?.at === "check-in" ? text(reply) : undefined} code={reply?.code ?? ""} />

        {total === 0 && <p className="notice">{t("servicePoint.empty")}</p>}
        {units.map((unit) => (
          <section key={unit.unitId} className="sp-unit" aria-labelledby={`unit-${unit.unitId}`}>
            <h2 id={`unit-${unit.unitId}`}>{pick(unit.unitName, lng)}</h2>
            <p className="hint">
              {t("servicePoint.appointments", { count: unit.appointments.length })} · {t("servicePoint.counters", { count: unit.counters })}
            </p>
            <ol className="sp-list">
              {unit.appointments.map((a) => (
                <AppointmentCard
                  key={a.id}
                  appointment={a}
                  counters={unit.counters}
                  counter={counter}
                  action={formAction}
                  time={time}
                  problem={reply?.at === a.id ? text(reply) : null}
                />
              ))}
            </ol>
          </section>
        ))}
      </div>
    </>
  );
}
