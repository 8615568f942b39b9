import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/staff-office";
import { LocalizedLink, useLocalizedHref } from "#app/components/localized-link";
import { PageTitle } from "#app/components/page-title";
import { closureMessage } from "#app/domain/booking/closure-message.server";
import {
  addClosure,
  listSlotSettings,
  listUnits,
  openingHoursOf,
  removeClosure,
  setWeekdayHours,
  updateSlotSettings,
  upcomingClosures,
} from "#app/domain/booking/office-hours.server";
import {
  closureSchema,
  officeFieldErrors,
  hoursInput,
  hoursSchema,
  MAX_RANGES,
  releaseModes,
  slotSettingsFields,
  removeClosureSchema,
  slotSettingsSchema,
} from "#app/domain/booking/office-schemas";
import { officeTimeZone } from "#app/domain/booking/service-point.server";
import { dayIn } from "#app/domain/booking/slots";
import { requireStaff } from "#app/domain/staff/auth.server";
import { appContext } from "#app/lib/context";
import { formatDay, formatTimeOfDay, weekdayName } from "#app/lib/i18n/format";
import { getInstance } from "#app/lib/i18n/middleware.server";
import { type Language, pick, type Translated } from "#app/lib/i18n/languages";
import { useRootData } from "#app/root";
import stylesheet from "#app/styles/service-point.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

const PATH = "/staff/office";
const SLUG = /^[a-z][a-z0-9-]*$/;

type Notice =
  | { key: "hoursSaved"; weekday: number }
  | { key: "slotsSaved"; serviceId: string }
  | { key: "closed"; day: string; unitId: string | null; cancelled: number }
  | { key: "removed" };

function readNotice(params: URLSearchParams): Notice | null {
  const weekday = Number(params.get("weekday"));
  switch (params.get("saved")) {
    case "hours":
      return Number.isInteger(weekday) && weekday >= 1 && weekday <= 7 ? { key: "hoursSaved", weekday } : null;
    case "slots": {
      const serviceId = params.get("service") ?? "";
      return SLUG.test(serviceId) ? { key: "slotsSaved", serviceId } : null;
    }
    case "closed": {
      const day = params.get("day") ?? "";
      const unitId = params.get("closureUnit") ?? "";
      const cancelled = Number(params.get("cancelled"));
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || (unitId !== "" && !SLUG.test(unitId)) || !Number.isSafeInteger(cancelled) || cancelled < 0) return null;
      return { key: "closed", day, unitId: unitId || null, cancelled };
    }
    case "removed":
      return { key: "removed" };
    default:
      return null;
  }
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const staff = await requireStaff(request, context, ["service_point"]);
  const { db } = context.get(appContext);
  const now = new Date();
  const params = new URL(request.url).searchParams;
  const [units, slots, closures, timeZone] = await Promise.all([listUnits(db), listSlotSettings(db), upcomingClosures(db, now), officeTimeZone(db)]);
  // The hours shown: the chosen unit ("" = the building's public hours), else the member's own unit.
  const chosen = params.get("unit");
  const hoursUnit =
    chosen === "" ? "" : chosen && units.some((u) => u.id === chosen) ? chosen : (staff.unitId ?? units.find((u) => u.kind === "service_point")?.id ?? units[0]?.id ?? "");
  const weekday = Number(params.get("weekday"));
  const editService = params.get("service");
  return {
    staff,
    units,
    hoursUnit,
    hours: await openingHoursOf(db, hoursUnit === "" ? null : hoursUnit),
    editWeekday: Number.isInteger(weekday) && weekday >= 1 && weekday <= 7 ? weekday : null,
    slots,
    editService: editService && slots.some((s) => s.serviceId === editService) && !params.get("saved") ? editService : null,
    closures,
    today: dayIn(now, timeZone),
    notice: readNotice(params),
  };
}

type FormName = "hours" | "slots" | "close" | "remove";
type ActionData = {
  form: FormName;
  errors: Record<string, string>;
  values: Record<string, string>;
  /** People are booked on the day to close: the staff member is asked first. */
  confirm?: { day: string; unitId: string | null; note: string; booked: number };
  /** The closure that could not be removed. */
  closureId?: number;
};

function back(request: Request, params: Record<string, string | number>, hash: string) {
  const search = new URLSearchParams();
  const lng = new URL(request.url).searchParams.get("lng");
  if (lng) search.set("lng", lng);
  for (const [k, v] of Object.entries(params)) search.set(k, String(v));
  return redirect(`${PATH}?${search}#${hash}`);
}

export async function action({ context, request }: Route.ActionArgs) {
  await requireStaff(request, context, ["service_point"]);
  const { db, env } = context.get(appContext);
  const form = await request.formData();
  const get = (k: string) => String(form.get(k) ?? "").slice(0, 1000);
  const now = new Date();
  const reply = (body: ActionData, status: number) => data(body, { status });

  switch (get("intent")) {
    case "hours": {
      const input = hoursInput(get);
      const values: Record<string, string> = Object.fromEntries([...form.keys()].map((k) => [k, get(k)]));
      const parsed = hoursSchema.safeParse(input);
      if (!parsed.success) return reply({ form: "hours", errors: officeFieldErrors(parsed.error), values }, 422);
      const { unitId, weekday, ranges } = parsed.data;
      const result = await setWeekdayHours(db, unitId, weekday, ranges);
      if (!result.ok) return reply({ form: "hours", errors: { unit: "errors.unit" }, values }, 422);
      return back(request, { unit: unitId ?? "", saved: "hours", weekday }, "hours");
    }
    case "slots": {
      const values = Object.fromEntries(slotSettingsFields.map((k) => [k, get(k)]));
      const parsed = slotSettingsSchema.safeParse(values);
      if (!parsed.success) return reply({ form: "slots", errors: officeFieldErrors(parsed.error), values }, 422);
      const result = await updateSlotSettings(db, parsed.data, now);
      if (!result.ok) return reply({ form: "slots", errors: { serviceId: "errors.badRequest" }, values }, 404);
      return back(request, { saved: "slots", service: parsed.data.serviceId }, "slots");
    }
    case "close": {
      const values = Object.fromEntries(["day", "unit", "note", "confirmed"].map((k) => [k, get(k)]));
      const parsed = closureSchema.safeParse(values);
      if (!parsed.success) return reply({ form: "close", errors: officeFieldErrors(parsed.error), values }, 422);
      const i18n = getInstance(context);
      const result = await addClosure(db, parsed.data, now, (a) => closureMessage(i18n, env.publicUrl, a));
      if (result.ok) {
        return back(request, { saved: "closed", day: parsed.data.day, closureUnit: parsed.data.unitId ?? "", cancelled: result.cancelled }, "closures");
      }
      switch (result.reason) {
        case "confirm":
          return reply({ form: "close", errors: {}, values, confirm: { ...parsed.data, booked: result.booked } }, 200);
        case "past":
          return reply({ form: "close", errors: { day: "closures.errors.past" }, values }, 422);
        case "unknown-unit":
          return reply({ form: "close", errors: { unit: "errors.unit" }, values }, 422);
        case "exists":
          return reply({ form: "close", errors: { day: "closures.errors.exists" }, values }, 409);
      }
      break;
    }
    case "remove-closure": {
      const parsed = removeClosureSchema.safeParse({ closureId: get("closureId") });
      if (!parsed.success) throw data(null, { status: 400 });
      const result = await removeClosure(db, parsed.data.closureId, now);
      if (result.ok) return back(request, { saved: "removed" }, "closures");
      return reply(
        { form: "remove", errors: { closure: result.reason === "past" ? "closures.errors.past" : "closures.errors.notFound" }, values: {}, closureId: parsed.data.closureId },
        result.reason === "past" ? 409 : 404,
      );
    }
  }
  throw data(null, { status: 400 });
}

/** The list of problems above a form, each linking to its field. */
function ErrorSummary({ errors }: { errors: Record<string, string> }) {
  const { t } = useTranslation("servicepoint");
  const keys = Object.keys(errors);
  if (keys.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <h3>{t("errors.summary")}</h3>
      <ul>
        {keys.map((key) => (
          <li key={key}>
            <a href={`#${key}`}>{t(errors[key]!)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A labelled field with its hint and error, tied together for screen readers. */
function Field({
  name,
  label,
  hint,
  error,
  children,
}: {
  name: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  children: (describedBy: string | undefined, invalid: true | undefined) => ReactNode;
}) {
  const { t } = useTranslation("servicepoint");
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={error ? "field field-error" : "field"}>
      <label htmlFor={name}>{label}</label>
      {hint && (
        <p className="hint" id={`${name}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error-message" id={`${name}-error`}>
          {t(error)}
        </p>
      )}
      {children(describedBy, error ? true : undefined)}
    </div>
  );
}

export default function StaffOffice({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("servicepoint");
  const lng = i18n.language as Language;
  const { staff, units, hoursUnit, hours, editWeekday, slots, editService, closures, today, notice } = loaderData;
  const { explicitLanguage } = useRootData();
  const action = actionData as ActionData | undefined;
  const errorsOf = (form: FormName) => (action?.form === form ? action.errors : {});
  const valuesOf = (form: FormName) => (action?.form === form ? action.values : {});
  const unitName = (id: string | null) => {
    if (id === null) return t("closures.wholeOffice");
    const unit = units.find((u) => u.id === id);
    return unit ? pick(unit.name as Translated, lng) : id;
  };
  const hoursUnitName = hoursUnit === "" ? t("hours.building") : unitName(hoursUnit);
  const officeHref = useLocalizedHref(PATH);
  const hoursAction = useLocalizedHref(`${PATH}?unit=${hoursUnit}&weekday=${editWeekday ?? ""}#edit-hours`);
  const slotsAction = useLocalizedHref(`${PATH}?service=${editService ?? ""}#edit-slots`);
  const closuresAction = useLocalizedHref(`${PATH}#closures`);
  const serviceName = (id: string) => {
    const s = slots.find((x) => x.serviceId === id);
    return s ? pick(s.serviceName as Translated, lng) : id;
  };

  return (
    <>
      <PageTitle>{t("office.title")}</PageTitle>
      <div className="office-settings">
        <h1>{t("office.title")}</h1>
        <nav aria-label={t("office.sections")} className="sp-toc">
          <ul>
            <li>
              <a href="#hours">{t("hours.title")}</a>
            </li>
            <li>
              <a href="#slots">{t("slots.title")}</a>
            </li>
            <li>
              <a href="#closures">{t("closures.title")}</a>
            </li>
          </ul>
        </nav>

        {notice && (
          <div className="success-panel sp-notice" role="status">
            {notice.key === "hoursSaved" && <p>{t("hours.saved", { weekday: weekdayName(lng, notice.weekday), unit: hoursUnitName })}</p>}
            {notice.key === "slotsSaved" && <p>{t("slots.saved", { service: serviceName(notice.serviceId) })}</p>}
            {notice.key === "closed" && (
              <>
                <p>{t("closures.closed", { date: formatDay(lng, notice.day), unit: unitName(notice.unitId) })}</p>
                {notice.cancelled > 0 && <p>{t("closures.cancelled", { count: notice.cancelled })}</p>}
              </>
            )}
            {notice.key === "removed" && <p>{t("closures.removed")}</p>}
          </div>
        )}

        <section id="hours" aria-labelledby="hours-title" tabIndex={-1}>
          <h2 id="hours-title">{t("hours.title")}</h2>
          <Form method="get" action={officeHref} className="sp-inline-form">
            <label htmlFor="hours-unit">{t("hours.unit")}</label>
            <div className="sp-actions">
              <select id="hours-unit" name="unit" defaultValue={hoursUnit}>
                <option value="">{t("hours.building")}</option>
                {units.map((u) => (
                  <option key={u.id} value={u.id}>
                    {pick(u.name as Translated, lng)}
                  </option>
                ))}
              </select>
              {explicitLanguage && <input type="hidden" name="lng" value={lng} />}
              <button type="submit" className="secondary">
                {t("hours.show")}
              </button>
            </div>
          </Form>
          <h3>{hoursUnitName}</h3>
          <dl className="sp-week">
            {[1, 2, 3, 4, 5, 6, 7].map((weekday) => {
              const ranges = hours.filter((h) => h.weekday === weekday);
              return (
                <div key={weekday}>
                  <dt>{weekdayName(lng, weekday)}</dt>
                  <dd>
                    {ranges.length === 0
                      ? t("hours.closed")
                      : ranges.map((r) => (
                          <span key={r.opens} className="range">
                            {hoursUnit === ""
                              ? t("hours.range", { from: formatTimeOfDay(lng, r.opens), to: formatTimeOfDay(lng, r.closes) })
                              : t("hours.rangeCounters", { from: formatTimeOfDay(lng, r.opens), to: formatTimeOfDay(lng, r.closes), count: r.counters })}
                          </span>
                        ))}{" "}
                    <LocalizedLink to={`${PATH}?unit=${hoursUnit}&weekday=${weekday}#edit-hours`} className="sp-edit">
                      {t("hours.edit", { weekday: weekdayName(lng, weekday) })}
                    </LocalizedLink>
                  </dd>
                </div>
              );
            })}
          </dl>

          {editWeekday !== null && (
            <HoursForm
              action={hoursAction}
              cancel={`${PATH}?unit=${hoursUnit}#hours`}
              unit={hoursUnit}
              unitName={hoursUnitName}
              weekday={editWeekday}
              current={hours.filter((h) => h.weekday === editWeekday)}
              errors={errorsOf("hours")}
              values={action?.form === "hours" ? valuesOf("hours") : null}
            />
          )}
        </section>

        <section id="slots" aria-labelledby="slots-title" tabIndex={-1}>
          <h2 id="slots-title">{t("slots.title")}</h2>
          <p className="hint">{t("slots.note")}</p>
          <ul className="cards">
            {slots.map((s) => {
              const name = pick(s.serviceName as Translated, lng);
              const editing = editService === s.serviceId || (action?.form === "slots" && action.values.serviceId === s.serviceId);
              return (
                <li key={s.serviceId} className="card">
                  <h3 id={`service-${s.serviceId}`}>{name}</h3>
                  {editing ? (
                    <SlotsForm action={slotsAction} cancel={`${PATH}#slots`} settings={s} errors={errorsOf("slots")} values={action?.form === "slots" ? valuesOf("slots") : null} />
                  ) : (
                    <>
                      <dl className="sp-facts">
                        <div>
                          <dt>{t("slots.location")}</dt>
                          <dd>{pick(s.unitName as Translated, lng)}</dd>
                        </div>
                        <div>
                          <dt>{t("slots.slotMinutes")}</dt>
                          <dd>{s.slotMinutes}</dd>
                        </div>
                        <div>
                          <dt>{t("slots.parallel")}</dt>
                          <dd>{s.parallel}</dd>
                        </div>
                        <div>
                          <dt>{t("slots.horizonDays")}</dt>
                          <dd>{s.horizonDays}</dd>
                        </div>
                        <div>
                          <dt>{t("slots.minLeadHours")}</dt>
                          <dd>{s.minLeadHours}</dd>
                        </div>
                        <div>
                          <dt>{t("slots.releaseMode")}</dt>
                          <dd>{t(`slots.modes.${s.releaseMode}`)}</dd>
                        </div>
                        {s.releaseMode === "lottery" &&
                          lotteryFields.map((k) => (
                            <div key={k}>
                              <dt>{t(`slots.${k}`)}</dt>
                              <dd>{s[k]}</dd>
                            </div>
                          ))}
                      </dl>
                      <p>
                        <LocalizedLink to={`${PATH}?service=${s.serviceId}#edit-slots`}>{t("slots.edit", { service: name })}</LocalizedLink>
                      </p>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </section>

        <section id="closures" aria-labelledby="closures-title" tabIndex={-1}>
          <h2 id="closures-title">{t("closures.title")}</h2>
          <p>{t("closures.intro")}</p>
          <h3>{t("closures.upcoming")}</h3>
          {closures.length === 0 ? (
            <p className="hint">{t("closures.none")}</p>
          ) : (
            <ul className="sp-closures">
              {closures.map((c) => (
                <li key={c.id} className="card">
                  <p id={`closure-${c.id}`}>
                    <strong>{formatDay(lng, c.day)}</strong> · {c.unitId === null ? t("closures.wholeOffice") : pick(c.unitName as Translated, lng)}
                  </p>
                  {c.note && <p className="hint">{c.note}</p>}
                  {action?.form === "remove" && action.closureId === c.id && (
                    <p className="error-message" role="alert">
                      {t(action.errors.closure!)}
                    </p>
                  )}
                  <Form method="post" action={closuresAction}>
                    <input type="hidden" name="intent" value="remove-closure" />
                    <input type="hidden" name="closureId" value={c.id} />
                    <button type="submit" className="secondary" aria-describedby={`closure-${c.id}`}>
                      {t("closures.remove")}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          )}
          {action?.form === "remove" && !closures.some((c) => c.id === action.closureId) && (
            <p className="error-message" role="alert">
              {t(action.errors.closure!)}
            </p>
          )}

          <h3 id="close-day-title">{t("closures.addTitle")}</h3>
          {action?.confirm ? (
            <div className="sp-confirm" role="alert">
              <h4>{t("closures.confirmTitle")}</h4>
              <p>
                {t("closures.confirm", {
                  count: action.confirm.booked,
                  date: formatDay(lng, action.confirm.day),
                  unit: unitName(action.confirm.unitId),
                })}
              </p>
              <Form method="post" action={closuresAction} className="sp-actions">
                <input type="hidden" name="intent" value="close" />
                <input type="hidden" name="day" value={action.confirm.day} />
                <input type="hidden" name="unit" value={action.confirm.unitId ?? ""} />
                <input type="hidden" name="note" value={action.confirm.note} />
                <input type="hidden" name="confirmed" value={action.confirm.booked} />
                <button type="submit" className="warning">
                  {t("closures.confirmButton", { count: action.confirm.booked })}
                </button>
                <LocalizedLink to={`${PATH}#closures`}>{t("closures.keepOpen")}</LocalizedLink>
              </Form>
            </div>
          ) : (
            <Form method="post" action={closuresAction} noValidate aria-labelledby="close-day-title" className="sp-form">
              <ErrorSummary errors={errorsOf("close")} />
              <input type="hidden" name="intent" value="close" />
              <Field name="day" label={t("closures.day")} hint={t("closures.dayHint")} error={errorsOf("close").day}>
                {(describedBy, invalid) => (
                  <input id="day" name="day" type="date" min={today} dir="ltr" defaultValue={valuesOf("close").day} aria-describedby={describedBy} aria-invalid={invalid} />
                )}
              </Field>
              <Field name="unit" label={t("closures.unit")} error={errorsOf("close").unit}>
                {(describedBy, invalid) => (
                  <select id="unit" name="unit" defaultValue={valuesOf("close").unit ?? ""} aria-describedby={describedBy} aria-invalid={invalid}>
                    <option value="">{t("closures.wholeOffice")}</option>
                    {units.map((u) => (
                      <option key={u.id} value={u.id}>
                        {pick(u.name as Translated, lng)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field name="note" label={t("closures.note")} hint={t("closures.noteHint")} error={errorsOf("close").note}>
                {(describedBy, invalid) => (
                  <textarea id="note" name="note" rows={2} maxLength={500} defaultValue={valuesOf("close").note} aria-describedby={describedBy} aria-invalid={invalid} />
                )}
              </Field>
              <button type="submit">{t("closures.add")}</button>
            </Form>
          )}
        </section>
      </div>
    </>
  );
}

function HoursForm({
  action,
  cancel,
  unit,
  unitName,
  weekday,
  current,
  errors,
  values,
}: {
  action: string;
  cancel: string;
  unit: string;
  unitName: string;
  weekday: number;
  current: Array<{ opens: string; closes: string; counters: number }>;
  errors: Record<string, string>;
  values: Record<string, string> | null;
}) {
  const { t, i18n } = useTranslation("servicepoint");
  const lng = i18n.language as Language;
  const day = weekdayName(lng, weekday);
  const value = (name: string, i: number, fallback: string) => (values ? (values[`${name}_${i}`] ?? "") : fallback);
  return (
    <section id="edit-hours" aria-labelledby="edit-hours-title" className="sp-edit-panel" tabIndex={-1}>
      <h3 id="edit-hours-title">{t("hours.editTitle", { weekday: day, unit: unitName })}</h3>
      <p className="hint">{t("hours.editHint", { max: MAX_RANGES })}</p>
      <Form method="post" action={action} noValidate className="sp-form">
        <ErrorSummary errors={errors} />
        <input type="hidden" name="intent" value="hours" />
        <input type="hidden" name="unit" value={unit} />
        <input type="hidden" name="weekday" value={weekday} />
        {Array.from({ length: MAX_RANGES }, (_, i) => {
          const range = current[i];
          return (
            <fieldset key={i} className="sp-range">
              <legend>{t("hours.rangeLegend", { n: i + 1 })}</legend>
              <div className="sp-range-fields">
                <Field name={`opens_${i}`} label={t("hours.opens")} error={errors[`opens_${i}`]}>
                  {(describedBy, invalid) => (
                    <input id={`opens_${i}`} name={`opens_${i}`} type="time" dir="ltr" defaultValue={value("opens", i, range?.opens.slice(0, 5) ?? "")} aria-describedby={describedBy} aria-invalid={invalid} />
                  )}
                </Field>
                <Field name={`closes_${i}`} label={t("hours.closes")} error={errors[`closes_${i}`]}>
                  {(describedBy, invalid) => (
                    <input id={`closes_${i}`} name={`closes_${i}`} type="time" dir="ltr" defaultValue={value("closes", i, range?.closes.slice(0, 5) ?? "")} aria-describedby={describedBy} aria-invalid={invalid} />
                  )}
                </Field>
                {unit !== "" && (
                  <Field name={`counters_${i}`} label={t("hours.counters")} error={errors[`counters_${i}`]}>
                    {(describedBy, invalid) => (
                      <input
                        id={`counters_${i}`}
                        name={`counters_${i}`}
                        type="number"
                        inputMode="numeric"
                        min={1}
                        max={50}
                        dir="ltr"
                        defaultValue={value("counters", i, String(range?.counters ?? 1))}
                        aria-describedby={describedBy}
                        aria-invalid={invalid}
                      />
                    )}
                  </Field>
                )}
              </div>
            </fieldset>
          );
        })}
        {errors.unit && <p className="error-message">{t(errors.unit)}</p>}
        <div className="sp-actions">
          <button type="submit">{t("hours.save", { weekday: day })}</button>
          <LocalizedLink to={cancel}>{t("common.cancel")}</LocalizedLink>
        </div>
      </Form>
    </section>
  );
}

type NumberField = "slotMinutes" | "parallel" | "horizonDays" | "minLeadHours" | (typeof lotteryFields)[number];
/** The four settings of fair release by lottery (decision 0008). */
const lotteryFields = ["lotteryLeadDays", "lotteryWindowHours", "lotteryUrgentSharePercent", "lotteryUrgentDays"] as const;

function SlotsForm({
  action,
  cancel,
  settings,
  errors,
  values,
}: {
  action: string;
  cancel: string;
  settings: { serviceId: string; releaseMode: string } & Record<NumberField, number>;
  errors: Record<string, string>;
  values: Record<string, string> | null;
}) {
  const { t } = useTranslation("servicepoint");
  const value = (k: keyof typeof settings) => (values ? (values[k] ?? "") : String(settings[k]));
  const number = (k: NumberField, min: number, max: number) => (
    <Field name={k} label={t(`slots.${k}`)} hint={t("slots.range", { min, max })} error={errors[k]}>
      {(describedBy, invalid) => (
        <input id={k} name={k} type="number" inputMode="numeric" min={min} max={max} dir="ltr" defaultValue={value(k)} aria-describedby={describedBy} aria-invalid={invalid} />
      )}
    </Field>
  );
  return (
    <Form method="post" action={action} noValidate id="edit-slots" className="sp-form" tabIndex={-1}>
      <ErrorSummary errors={errors} />
      <input type="hidden" name="intent" value="slots" />
      <input type="hidden" name="serviceId" value={settings.serviceId} />
      {number("slotMinutes", 5, 240)}
      {number("parallel", 1, 50)}
      {number("horizonDays", 1, 365)}
      {number("minLeadHours", 0, 720)}
      <Field name="releaseMode" label={t("slots.releaseMode")} error={errors.releaseMode}>
        {(describedBy, invalid) => (
          <select id="releaseMode" name="releaseMode" defaultValue={value("releaseMode")} aria-describedby={describedBy} aria-invalid={invalid}>
            {releaseModes.map((m) => (
              <option key={m} value={m}>
                {t(`slots.modes.${m}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="sp-lottery">
        <legend>{t("slots.lotteryLegend")}</legend>
        <p className="hint">{t("slots.lotteryNote")}</p>
        {number("lotteryLeadDays", 1, 180)}
        {number("lotteryWindowHours", 1, 336)}
        {number("lotteryUrgentSharePercent", 0, 100)}
        {number("lotteryUrgentDays", 1, 365)}
      </fieldset>
      <div className="sp-actions">
        <button type="submit">{t("slots.save")}</button>
        <LocalizedLink to={cancel}>{t("common.cancel")}</LocalizedLink>
      </div>
    </Form>
  );
}
