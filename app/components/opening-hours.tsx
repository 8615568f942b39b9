import { useTranslation } from "react-i18next";
import { formatDay, formatTimeOfDay, weekdayName } from "#app/lib/i18n/format";
import { type Language, pick, type Translated } from "#app/lib/i18n/languages";

type Hours = Array<{ weekday: number; opens: string; closes: string }>;

export function OpeningHours({ hours, nextHoliday, headingLevel = 2 }: { hours: Hours; nextHoliday: { day: string; name: Translated } | null; headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const days = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
    weekday,
    ranges: hours.filter((h) => h.weekday === weekday),
  }));
  return (
    <section className="opening-hours" aria-labelledby="opening-hours-title">
      <Heading id="opening-hours-title">{t("hours.title")}</Heading>
      <dl>
        {days.map(({ weekday, ranges }) => (
          <div key={weekday} className={ranges.length === 0 ? "closed" : undefined}>
            <dt>{weekdayName(lng, weekday)}</dt>
            <dd>
              {ranges.length === 0
                ? t("hours.closed")
                : ranges.map((r) => (
                    <span key={r.opens} className="range">
                      {t("hours.range", { from: formatTimeOfDay(lng, r.opens), to: formatTimeOfDay(lng, r.closes) })}
                    </span>
                  ))}
            </dd>
          </div>
        ))}
      </dl>
      {nextHoliday && <p className="hint">{t("hours.holidayNote", { name: pick(nextHoliday.name, lng), date: formatDay(lng, nextHoliday.day) })}</p>}
    </section>
  );
}
