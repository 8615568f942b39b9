import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { type Language, pick, type Translated } from "#app/lib/i18n/languages";

/** One of today's appointments as the service point's loader sends it (instants as ISO strings). */
export type CardAppointment = {
  id: number;
  startsAt: string;
  serviceName: Translated;
  name: string;
  code: string;
  status: "booked" | "checked_in" | "no_show" | "completed";
  ticket: number | null;
  calledCounter: number | null;
  calledAt: string | null;
  noShowAllowed: boolean;
  noShowFrom: string;
};

/**
 * An appointment's card with the buttons its status allows: call to a counter and complete once
 * checked in; "not come" once booked (refused before the grace time, which the hint names).
 */
export function AppointmentCard({
  appointment: a,
  counters,
  counter,
  action,
  time,
  problem,
}: {
  appointment: CardAppointment;
  /** Counters the unit has open today. */
  counters: number;
  /** The counter this device called to last, preselected. */
  counter: number;
  action: string;
  time: (iso: string) => string;
  problem: string | null;
}) {
  const { t, i18n } = useTranslation("servicepoint");
  const lng = i18n.language as Language;
  const heading = `appointment-${a.id}`;
  return (
    <li className={`card sp-appointment sp-${a.status}`} data-code={a.code}>
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
          {problem}
        </p>
      )}
      <div className="sp-actions">
        {a.status === "checked_in" && (
          <>
            <Form method="post" action={action} className="sp-call">
              <input type="hidden" name="appointmentId" value={a.id} />
              <label htmlFor={`counter-${a.id}`}>{t("servicePoint.counter")}</label>
              <select id={`counter-${a.id}`} name="counter" defaultValue={String(Math.min(counter, counters))}>
                {Array.from({ length: counters }, (_, i) => i + 1).map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
              <button type="submit" name="intent" value="call" aria-describedby={heading}>
                {a.calledCounter ? t("servicePoint.recall") : t("servicePoint.call")}
              </button>
            </Form>
            <Form method="post" action={action}>
              <input type="hidden" name="appointmentId" value={a.id} />
              <button type="submit" name="intent" value="complete" className="secondary" aria-describedby={heading}>
                {t("servicePoint.complete")}
              </button>
            </Form>
          </>
        )}
        {a.status === "booked" && (
          <Form method="post" action={action}>
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
}
