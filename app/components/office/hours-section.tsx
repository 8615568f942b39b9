import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { ErrorSummary, Field, TextField } from "#app/components/form-fields";
import { LocalizedLink, useLocalizedHref } from "#app/components/localized-link";
import type { OfficeReply } from "#app/domain/booking/office-refusals";
import { MAX_RANGES } from "#app/domain/booking/office-schemas";
import { summaryItems } from "#app/lib/forms";
import { formatTimeOfDay, weekdayName } from "#app/lib/i18n/format";
import { type Language, pick, type Translated } from "#app/lib/i18n/languages";
import { useRootData } from "#app/root";
import { useOfficeForm } from "./office-form-state";
import { OFFICE_PATH } from "./office-path";

type Range = { opens: string; closes: string; counters: number };

/** The form's rows: 0 … MAX_RANGES - 1. */
const ROWS = Array.from({ length: MAX_RANGES }, (_, i) => i);

/**
 * A unit's weekly opening hours ("" is the building's public hours, without counters), each
 * weekday with a link that opens its form below the week.
 */
export function HoursSection({
  units,
  hoursUnit,
  hoursUnitName,
  hours,
  editWeekday,
  reply,
}: {
  units: Array<{ id: string; name: Translated }>;
  hoursUnit: string;
  hoursUnitName: string;
  hours: Array<Range & { weekday: number }>;
  editWeekday: number | null;
  reply: OfficeReply | undefined;
}) {
  const { t, i18n } = useTranslation("servicepoint");
  const lng = i18n.language as Language;
  const { explicitLanguage } = useRootData();
  const officeHref = useLocalizedHref(OFFICE_PATH);
  return (
    <section id="hours" aria-labelledby="hours-title" tabIndex={-1}>
      <h2 id="hours-title">{t("hours.title")}</h2>
      <Form method="get" action={officeHref} className="sp-inline-form">
        <label htmlFor="hours-unit">{t("hours.unit")}</label>
        <div className="sp-actions">
          <select id="hours-unit" name="unit" defaultValue={hoursUnit}>
            <option value="">{t("hours.building")}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {pick(u.name, lng)}
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
                <LocalizedLink to={`${OFFICE_PATH}?unit=${hoursUnit}&weekday=${weekday}#edit-hours`} className="sp-edit">
                  {t("hours.edit", { weekday: weekdayName(lng, weekday) })}
                </LocalizedLink>
              </dd>
            </div>
          );
        })}
      </dl>
      {editWeekday !== null && (
        <HoursForm unit={hoursUnit} unitName={hoursUnitName} weekday={editWeekday} current={hours.filter((h) => h.weekday === editWeekday)} reply={reply} />
      )}
    </section>
  );
}

/** One weekday's ranges (up to MAX_RANGES); rows left empty are dropped, none at all is closed. */
function HoursForm({ unit, unitName, weekday, current, reply }: { unit: string; unitName: string; weekday: number; current: Range[]; reply: OfficeReply | undefined }) {
  const { t, i18n } = useTranslation("servicepoint");
  const lng = i18n.language as Language;
  const { errors, values, error } = useOfficeForm(reply, "hours");
  const action = useLocalizedHref(`${OFFICE_PATH}?unit=${unit}&weekday=${weekday}#edit-hours`);
  const day = weekdayName(lng, weekday);
  const value = (name: string, i: number, fallback: string) => (values ? (values[`${name}_${i}`] ?? "") : fallback);
  return (
    <section id="edit-hours" aria-labelledby="edit-hours-title" className="sp-edit-panel" tabIndex={-1}>
      <h3 id="edit-hours-title">{t("hours.editTitle", { weekday: day, unit: unitName })}</h3>
      <p className="hint">{t("hours.editHint", { max: MAX_RANGES })}</p>
      <Form method="post" action={action} noValidate className="sp-form">
        <ErrorSummary title={t("errors.summary")} errors={summaryItems(errors, (key) => t(key))} />
        <input type="hidden" name="intent" value="hours" />
        <input type="hidden" name="unit" value={unit} />
        <input type="hidden" name="weekday" value={weekday} />
        {ROWS.map((i) => {
          const range = current[i];
          return (
            <fieldset key={i} className="sp-range">
              <legend>{t("hours.rangeLegend", { n: i + 1 })}</legend>
              <div className="sp-range-fields">
                <TextField
                  id={`opens_${i}`}
                  label={t("hours.opens")}
                  type="time"
                  ltr
                  error={error(`opens_${i}`)}
                  value={value("opens", i, range?.opens.slice(0, 5) ?? "")}
                />
                <TextField
                  id={`closes_${i}`}
                  label={t("hours.closes")}
                  type="time"
                  ltr
                  error={error(`closes_${i}`)}
                  value={value("closes", i, range?.closes.slice(0, 5) ?? "")}
                />
                {unit !== "" && (
                  <Field id={`counters_${i}`} label={t("hours.counters")} error={error(`counters_${i}`)}>
                    {(control) => (
                      <input
                        {...control}
                        type="number"
                        inputMode="numeric"
                        min={1}
                        max={50}
                        dir="ltr"
                        defaultValue={value("counters", i, String(range?.counters ?? 1))}
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
          <LocalizedLink to={`${OFFICE_PATH}?unit=${unit}#hours`}>{t("common.cancel")}</LocalizedLink>
        </div>
      </Form>
    </section>
  );
}
