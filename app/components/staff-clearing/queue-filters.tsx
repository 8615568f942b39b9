// The queue's filters and sorting: a GET form, so that it works without JavaScript and the
// address says what is shown.
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { type QueueFilters, queueSorts, queueViews, URGENT_WITHIN_DAYS } from "#app/domain/clearing/queue-filters";
import { type Language, languages, nativeNames, pick } from "#app/lib/i18n/languages";

export function Filters({ filters, services }: { filters: QueueFilters; services: { id: string; name: Record<string, string> }[] }) {
  const { t, i18n } = useTranslation("clearing");
  const lng = i18n.language as Language;
  return (
    <Form method="get" className="queue-filters" aria-label={t("queue.filters")}>
      {lng !== "de" && <input type="hidden" name="lng" value={lng} />}
      <div className="field">
        <label htmlFor="view">{t("queue.view")}</label>
        <select id="view" name="view" defaultValue={filters.view}>
          {queueViews.map((v) => (
            <option key={v} value={v}>
              {t(`queue.views.${v}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="service">{t("queue.service")}</label>
        <select id="service" name="service" defaultValue={filters.serviceId ?? ""}>
          <option value="">{t("queue.allServices")}</option>
          {services.map((s) => (
            <option key={s.id} value={s.id}>
              {pick(s.name as never, lng)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="language">{t("queue.language")}</label>
        <select id="language" name="language" defaultValue={filters.language ?? ""}>
          <option value="">{t("queue.allLanguages")}</option>
          {languages.map((l) => (
            <option key={l} value={l}>
              {nativeNames[l]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="sort">{t("queue.sort")}</label>
        <select id="sort" name="sort" defaultValue={filters.sort}>
          {queueSorts.map((s) => (
            <option key={s} value={s}>
              {t(`queue.sorts.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field checkbox">
        <input type="checkbox" id="urgent" name="urgent" value="1" defaultChecked={filters.urgentOnly} />
        <label htmlFor="urgent">{t("queue.urgentOnly", { days: URGENT_WITHIN_DAYS })}</label>
      </div>
      <button type="submit" className="secondary">
        {t("queue.apply")}
      </button>
    </Form>
  );
}
