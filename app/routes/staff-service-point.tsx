import { useTranslation } from "react-i18next";
import { createCookie, data, Form, redirect } from "react-router";
import type { Route } from "./+types/staff-service-point";
import { LocalizedLink, useLocalizedHref } from "#app/components/localized-link";
import { PageTitle } from "#app/components/page-title";
import { checkInSchema, serviceActionSchema } from "#app/domain/booking/office-schemas";
import { fieldErrors } from "#app/lib/forms";
import { call, checkIn, complete, markNoShow, noShowFrom, todaysAppointments } from "#app/domain/booking/service-point.server";
import { requireStaff } from "#app/domain/staff/auth.server";
import { appContext } from "#app/lib/context";
import { formatDay, formatTime } from "#app/lib/i18n/format";
import { type Language, pick } from "#app/lib/i18n/languages";
import stylesheet from "#app/styles/service-point.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

const PATH = "/staff/service-point";

/** The counter a staff member last called to: the default of the counter choice on this device. */
const counterCookie = createCookie("sp-counter", { path: PATH, sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });

type Notice =
  | { key: "checkedIn"; name: string; ticket: number }
  | { key: "called"; ticket: number; counter: number }
  | { key: "completed"; ticket: number }
  | { key: "noShow"; name: string };

export async function loader({ context, request }: Route.LoaderArgs) {
  const staff = await requireStaff(request, context, ["service_point"]);
  const { db } = context.get(appContext);
  const now = new Date();
  const { day, timeZone, units } = await todaysAppointments(db, now);
  const params = new URL(request.url).searchParams;
  // After POST/redirect/GET the address names what was done; the notice is read back from the day's list.
  const find = (name: string) => {
    const id = Number(params.get(name));
    return Number.isSafeInteger(id) && id > 0 ? units.flatMap((u) => u.appointments).find((a) => a.id === id) : undefined;
  };
  let notice: Notice | null = null;
  const checkedIn = find("checkedIn");
  const called = find("called");
  const completed = find("completed");
  const noShow = find("noShow");
  if (checkedIn?.ticket) notice = { key: "checkedIn", name: checkedIn.name, ticket: checkedIn.ticket };
  else if (called?.ticket && called.calledCounter) notice = { key: "called", ticket: called.ticket, counter: called.calledCounter };
  else if (completed?.ticket) notice = { key: "completed", ticket: completed.ticket };
  else if (noShow?.status === "no_show") notice = { key: "noShow", name: noShow.name };
  const counter = Number(await counterCookie.parse(request.headers.get("Cookie")));
  return {
    staff,
    day,
    timeZone,
    notice,
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

type CheckInFeedback = { error: string; values?: Record<string, string | number> };
type RowFeedback = { appointmentId: number; error: string; values?: Record<string, string | number> };
type ActionData = { code: string; checkIn: CheckInFeedback | null; row: RowFeedback | null };

/** Back to the page, keeping an explicitly chosen language in the address. */
function back(request: Request, done: Record<string, string | number>, headers?: HeadersInit) {
  const params = new URLSearchParams();
  const lng = new URL(request.url).searchParams.get("lng");
  if (lng) params.set("lng", lng);
  for (const [k, v] of Object.entries(done)) params.set(k, String(v));
  return redirect(`${PATH}?${params}`, { headers });
}

export async function action({ context, request }: Route.ActionArgs) {
  await requireStaff(request, context, ["service_point"]);
  const { db } = context.get(appContext);
  const form = await request.formData();
  const get = (k: string) => String(form.get(k) ?? "");
  const now = new Date();

  if (get("intent") === "check-in") {
    const code = get("code").slice(0, 100);
    const reply = (error: string, status: number, values?: CheckInFeedback["values"]) =>
      data<ActionData>({ code, checkIn: { error, ...(values ? { values } : {}) }, row: null }, { status });
    const parsed = checkInSchema.safeParse({ code });
    if (!parsed.success) return reply(fieldErrors(parsed.error).code ?? "checkIn.errors.invalid", 422);
    const result = await checkIn(db, parsed.data.code, now);
    if (result.ok) return back(request, { checkedIn: result.appointmentId });
    switch (result.reason) {
      case "invalid":
        return reply("checkIn.errors.invalid", 422);
      case "unknown":
        return reply("checkIn.errors.unknown", 404);
      case "not-today":
        return reply("checkIn.errors.notToday", 409, { day: result.day });
      case "cancelled":
        return reply("checkIn.errors.cancelled", 409);
      case "no-show":
        return reply("checkIn.errors.noShow", 409);
      case "already":
        return reply("checkIn.errors.already", 409, { ticket: result.ticket, code: result.code });
    }
  }

  const parsed = serviceActionSchema.safeParse(Object.fromEntries(["intent", "appointmentId", "counter"].map((k) => [k, get(k)])));
  if (!parsed.success) {
    const id = Number(get("appointmentId"));
    if (!Number.isSafeInteger(id) || id < 1 || !["call", "complete", "no-show"].includes(get("intent"))) throw data(null, { status: 400 });
    return data<ActionData>({ code: "", checkIn: null, row: { appointmentId: id, error: fieldErrors(parsed.error).counter ?? "errors.badRequest" } }, { status: 422 });
  }
  const input = parsed.data;
  const result =
    input.intent === "call"
      ? await call(db, input.appointmentId, input.counter, now)
      : input.intent === "complete"
        ? await complete(db, input.appointmentId, now)
        : await markNoShow(db, input.appointmentId, now);
  if (result.ok) {
    if (input.intent === "call") {
      return back(request, { called: input.appointmentId }, { "Set-Cookie": await counterCookie.serialize(String(input.counter)) });
    }
    return back(request, input.intent === "complete" ? { completed: input.appointmentId } : { noShow: input.appointmentId });
  }
  const row = (error: string, status: number, values?: RowFeedback["values"]) =>
    data<ActionData>({ code: "", checkIn: null, row: { appointmentId: input.appointmentId, error, ...(values ? { values } : {}) } }, { status });
  switch (result.reason) {
    case "too-early":
      return row("servicePoint.results.tooEarly", 409, { from: result.from.toISOString() });
    case "not-found":
      return row("servicePoint.results.notFound", 404);
    case "not-today":
      return row("servicePoint.results.notToday", 409);
    case "wrong-status":
      return row("servicePoint.results.wrongStatus", 409);
  }
}

export default function StaffServicePoint({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("servicepoint");
  const lng = i18n.language as Language;
  const { staff, day, timeZone, units, notice, counter } = loaderData;
  const formAction = useLocalizedHref(PATH);
  const time = (iso: string) => formatTime(lng, new Date(iso), timeZone);
  const feedback = actionData?.checkIn ?? null;
  const rowFeedback = actionData?.row ?? null;
  /** Placeholder values of a message: days and instants are formatted for the reader. */
  const values = (v: Record<string, string | number> = {}) => ({
    ...v,
    ...(typeof v.day === "string" ? { date: formatDay(lng, v.day) } : {}),
    ...(typeof v.from === "string" ? { time: time(v.from) } : {}),
  });
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

        {notice && (
          <div className="success-panel sp-notice" role="status">
            {notice.key === "checkedIn" && (
              <>
                <p>{t("checkIn.success", { name: notice.name })}</p>
                <p className="sp-ticket">{t("checkIn.ticket", { ticket: notice.ticket })}</p>
              </>
            )}
            {notice.key === "called" && <p>{t("servicePoint.results.called", { ticket: notice.ticket, counter: notice.counter })}</p>}
            {notice.key === "completed" && <p>{t("servicePoint.results.completed", { ticket: notice.ticket })}</p>}
            {notice.key === "noShow" && <p>{t("servicePoint.results.noShow", { name: notice.name })}</p>}
          </div>
        )}

        <section className="check-in" aria-labelledby="check-in-title">
          <h2 id="check-in-title">{t("checkIn.title")}</h2>
          <Form method="post" action={formAction} className="sp-check-in-form">
            <input type="hidden" name="intent" value="check-in" />
            <div className={feedback ? "field field-error" : "field"}>
              <label htmlFor="code">{t("checkIn.label")}</label>
              <p className="hint" id="code-hint">
                {t("checkIn.hint")}
              </p>
              {feedback && (
                <p className="error-message" id="code-error" role="alert">
                  {t(feedback.error, values(feedback.values))}
                </p>
              )}
              <div className="search-row">
                <input
                  id="code"
                  name="code"
                  type="text"
                  dir="ltr"
                  autoFocus
                  autoComplete="off"
                  autoCapitalize="characters"
                  spellCheck={false}
                  maxLength={40}
                  defaultValue={feedback ? actionData?.code : ""}
                  aria-invalid={feedback ? true : undefined}
                  aria-describedby={feedback ? "code-hint code-error" : "code-hint"}
                />
                <button type="submit">{t("checkIn.submit")}</button>
              </div>
            </div>
          </Form>
        </section>

        {total === 0 && <p className="notice">{t("servicePoint.empty")}</p>}
        {units.map((unit) => (
          <section key={unit.unitId} className="sp-unit" aria-labelledby={`unit-${unit.unitId}`}>
            <h2 id={`unit-${unit.unitId}`}>{pick(unit.unitName, lng)}</h2>
            <p className="hint">
              {t("servicePoint.appointments", { count: unit.appointments.length })} · {t("servicePoint.counters", { count: unit.counters })}
            </p>
            <ol className="sp-list">
              {unit.appointments.map((a) => {
                const heading = `appointment-${a.id}`;
                const problem = rowFeedback?.appointmentId === a.id ? rowFeedback : null;
                return (
                  <li key={a.id} className={`card sp-appointment sp-${a.status}`} data-code={a.code}>
                    <h3 id={heading}>
                      <span className="sp-time">{time(a.startsAt)}</span> {a.name}
                    </h3>
                    <dl className="sp-facts">
                      <div>
                        <dt>{t("servicePoint.service")}</dt>
                        <dd>{pick(a.serviceName, lng)}</dd>
                      </div>
                      <div>
                        <dt>{t("servicePoint.code")}</dt>
                        <dd>
                          <bdi dir="ltr">{a.code}</bdi>
                        </dd>
                      </div>
                      <div>
                        <dt>{t("servicePoint.status")}</dt>
                        <dd>{t(`servicePoint.statuses.${a.status}`)}</dd>
                      </div>
                      {a.ticket !== null && (
                        <div>
                          <dt>{t("servicePoint.ticket")}</dt>
                          <dd className="sp-ticket-number">{a.ticket}</dd>
                        </div>
                      )}
                      {a.calledCounter !== null && a.calledAt && (
                        <div>
                          <dt>{t("servicePoint.called")}</dt>
                          <dd>{t("servicePoint.calledTo", { counter: a.calledCounter, time: time(a.calledAt) })}</dd>
                        </div>
                      )}
                    </dl>
                    {problem && (
                      <p className="error-message" role="alert">
                        {t(problem.error, values(problem.values))}
                      </p>
                    )}
                    <div className="sp-actions">
                      {a.status === "checked_in" && (
                        <>
                          <Form method="post" action={formAction} className="sp-call">
                            <input type="hidden" name="appointmentId" value={a.id} />
                            <label htmlFor={`counter-${a.id}`}>{t("servicePoint.counter")}</label>
                            <select id={`counter-${a.id}`} name="counter" defaultValue={String(Math.min(counter, unit.counters))}>
                              {Array.from({ length: unit.counters }, (_, i) => (
                                <option key={i + 1} value={i + 1}>
                                  {i + 1}
                                </option>
                              ))}
                            </select>
                            <button type="submit" name="intent" value="call" aria-describedby={heading}>
                              {a.calledCounter ? t("servicePoint.recall") : t("servicePoint.call")}
                            </button>
                          </Form>
                          <Form method="post" action={formAction}>
                            <input type="hidden" name="appointmentId" value={a.id} />
                            <button type="submit" name="intent" value="complete" className="secondary" aria-describedby={heading}>
                              {t("servicePoint.complete")}
                            </button>
                          </Form>
                        </>
                      )}
                      {a.status === "booked" && (
                        <Form method="post" action={formAction}>
                          <input type="hidden" name="appointmentId" value={a.id} />
                          <button type="submit" name="intent" value="no-show" className="secondary" aria-describedby={a.noShowAllowed ? heading : `${heading} noshow-${a.id}`}>
                            {t("servicePoint.noShow")}
                          </button>
                          {!a.noShowAllowed && (
                            <span className="hint" id={`noshow-${a.id}`}>
                              {" "}
                              {t("servicePoint.noShowFrom", { time: time(a.noShowFrom) })}
                            </span>
                          )}
                        </Form>
                      )}
                    </div>
                  </li>
                );
              })}
            </ol>
          </section>
        ))}
      </div>
    </>
  );
}
