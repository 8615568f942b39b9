// The booking calendar's parts (app/routes/book-calendar.tsx): the month as a table whose free
// days link to their times, and the fair-release rounds of a service that gives places by lottery.
import { useTranslation } from "react-i18next";
import { LocalizedLink } from "#app/components/localized-link";
import { addDays, isoWeekday } from "#app/domain/booking/slots";
import { formatDateTime, formatDay, formatMonth, weekdayName, weekdayShortNames } from "#app/lib/i18n/format";
import type { Language } from "#app/lib/i18n/languages";

/** The month as weeks of seven days (Monday first); null for days outside the month. */
function weeksOf(month: string): Array<Array<string | null>> {
  const first = `${month}-01`;
  const days: Array<string | null> = Array.from({ length: isoWeekday(first) - 1 }, () => null);
  for (let day = first; day.startsWith(month); day = addDays(day, 1)) days.push(day);
  while (days.length % 7 !== 0) days.push(null);
  return Array.from({ length: days.length / 7 }, (_, i) => days.slice(i * 7, i * 7 + 7));
}

export function MonthCalendar({ serviceId, month, freeDays }: { serviceId: string; month: string; freeDays: string[] }) {
  const { t, i18n } = useTranslation("booking");
  const lng = i18n.language as Language;
  const free = new Set(freeDays);
  const heads = weekdayShortNames(lng);
  return (
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
                    <LocalizedLink to={`/book/${serviceId}/day/${day}`} className="day free">
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
  );
}

type Round = {
  id: number;
  opensAt: string;
  closesAt: string;
  from: string;
  to: string;
};

export function LotteryRounds({
  serviceId,
  lottery,
  timeZone,
}: {
  serviceId: string;
  lottery: { open: Round[]; upcoming: Round[]; closing: boolean };
  timeZone: string;
}) {
  const { t, i18n } = useTranslation("booking");
  const lng = i18n.language as Language;
  const at = (iso: string) => formatDateTime(lng, new Date(iso), timeZone);
  return (
    <section className="lottery" aria-labelledby="lottery-title">
      <h2 id="lottery-title">{t("lottery.title")}</h2>
      <p>{t("lottery.intro")}</p>
      {lottery.open.map((r) => (
        <div key={r.id} className="round">
          <p>
            {t("lottery.openRound", {
              from: formatDay(lng, r.from),
              to: formatDay(lng, r.to),
              until: at(r.closesAt),
            })}
          </p>
          <p>
            <LocalizedLink to={`/book/${serviceId}/lottery/${r.id}`} className="button-link">
              {t("lottery.request")}
            </LocalizedLink>
          </p>
        </div>
      ))}
      {lottery.open.length === 0 && lottery.closing && <p>{t("lottery.drawing")}</p>}
      {lottery.upcoming.map((r) => (
        <p key={r.id}>
          {t("lottery.nextRound", {
            from: formatDay(lng, r.from),
            to: formatDay(lng, r.to),
            opens: at(r.opensAt),
          })}
        </p>
      ))}
      {lottery.open.length === 0 && lottery.upcoming.length === 0 && !lottery.closing && <p>{t("lottery.noRound")}</p>}
      <p className="hint">{t("lottery.leftovers")}</p>
    </section>
  );
}
