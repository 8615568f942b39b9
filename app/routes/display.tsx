// The waiting-room display: public (numbers and counters only, no names or codes), in German
// and the language chosen with ?lng=. Without JavaScript it has a reload link; with it,
// public/enhance.js swaps the board every few seconds and announces new calls.
import { useTranslation } from "react-i18next";
import type { Route } from "./+types/display";
import { LocalizedLink } from "#app/components/localized-link";
import { PageTitle } from "#app/components/page-title";
import { displayBoard, officeTimeZone } from "#app/domain/booking/service-point.server";
import { appContext } from "#app/lib/context";
import { formatTime } from "#app/lib/i18n/format";
import { directionOf, type Language } from "#app/lib/i18n/languages";
import stylesheet from "#app/styles/service-point.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

export function headers() {
  return { "Cache-Control": "no-store" };
}

/** How often the enhanced page fetches the board again. */
const REFRESH_MS = 5000;

export async function loader({ context }: Route.LoaderArgs) {
  const { db } = context.get(appContext);
  const now = new Date();
  const [board, timeZone] = await Promise.all([displayBoard(db, now), officeTimeZone(db)]);
  return {
    board: board.map((e) => ({ ticket: e.ticket, counter: e.counter, calledAt: e.calledAt.toISOString() })),
    timeZone,
    updatedAt: now.toISOString(),
  };
}

export default function Display({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("servicepoint");
  const lng = i18n.language as Language;
  const de = i18n.getFixedT("de", "servicepoint");
  const { board, timeZone, updatedAt } = loaderData;
  /** A text in German, and beneath it in the reader's language if that is another. */
  const both = (key: string, values?: Record<string, unknown>) => (
    <>
      <span lang="de" dir="ltr" className="display-de">
        {de(key, values)}
      </span>
      {lng !== "de" && (
        <span lang={lng} dir={directionOf(lng)} className="display-translation">
          {t(key, values)}
        </span>
      )}
    </>
  );
  const announce = (ticket: number, counter: number) =>
    [de("display.announce", { ticket, counter }), lng !== "de" ? t("display.announce", { ticket, counter }) : null].filter(Boolean).join(" ");

  return (
    <div className="page display-page">
      <PageTitle>{t("display.title")}</PageTitle>
      <h1>{both("display.title")}</h1>
      <p className="display-wait">{both("display.wait")}</p>
      <div id="display-board" className="display-board" data-refresh={REFRESH_MS}>
        {board.length === 0 ? (
          <p className="display-empty">{both("display.empty")}</p>
        ) : (
          <table className="board">
            <thead>
              <tr>
                <th scope="col">{both("display.number")}</th>
                <th scope="col">{both("display.counter")}</th>
              </tr>
            </thead>
            <tbody>
              {board.map((e, i) => (
                <tr
                  key={`${e.ticket}-${e.calledAt}`}
                  className={i === 0 ? "latest" : undefined}
                  data-call={`${e.ticket}-${e.calledAt}`}
                  data-announce={announce(e.ticket, e.counter)}
                >
                  <td className="board-ticket">{e.ticket}</td>
                  <td className="board-counter">{e.counter}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="hint display-updated">{t("display.updated", { time: formatTime(lng, new Date(updatedAt), timeZone) })}</p>
      </div>
      <p className="visually-hidden" aria-live="assertive" data-refresh-announce="" />
      <p className="display-reload">
        <LocalizedLink to="/display" reloadDocument>
          {t("display.reload")}
        </LocalizedLink>
      </p>
    </div>
  );
}
