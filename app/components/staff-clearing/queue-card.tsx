// One case in the clearing queue: what is missing, how long it has waited, how urgent it is,
// and a button to claim it (or a link to open it).
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { LocalizedLink, useLocalizedHref } from "#app/components/localized-link";
import type { QueueItem } from "#app/domain/clearing/queue-filters";
import { formatDate, formatDay } from "#app/lib/i18n/format";
import { isLanguage, type Language, nativeNames } from "#app/lib/i18n/languages";

export function QueueCard({ item, serviceName, staffId, timeZone }: { item: QueueItem; serviceName: string; staffId: number; timeZone: string }) {
  const { t, i18n } = useTranslation("clearing");
  const { t: ta } = useTranslation("apply");
  const lng = i18n.language as Language;
  const href = useLocalizedHref(`/staff/cases/${item.reference}`);
  const action = useLocalizedHref("/staff/clearing");
  const c = item.completeness;
  const parts = c
    ? (
        [
          ["missing", c.missing],
          ["rejected", c.rejected],
          ["awaitingReview", c.awaitingReview],
          ["outOfDate", c.outOfDate],
          ["invalid", c.invalid],
        ] as const
      )
        .filter(([, n]) => n > 0)
        .map(([k, n]) => t(`queue.summaryParts.${k}`, { count: n }))
    : [];
  return (
    <li className={`card queue-item${item.urgent ? " urgent" : ""}`}>
      <h2 className="queue-heading">
        <LocalizedLink to={`/staff/cases/${item.reference}`}>
          <span dir="ltr">{item.reference}</span> · {item.name}
        </LocalizedLink>
      </h2>
      <p className="badges">
        <span className="badge">{ta(`case.states.${item.state}`)}</span>
        {item.urgent && <span className="badge warning">{t("queue.urgent")}</span>}
        {item.byHelper && <span className="badge">{t("queue.helper")}</span>}
        {item.answered && <span className="badge success">{t("queue.answered")}</span>}
        {item.deadline && <span className="badge">{t("queue.deadline", { date: formatDay(lng, item.deadline) })}</span>}
      </p>
      <dl className="summary">
        <div>
          <dt>{t("queue.columns.service")}</dt>
          <dd>{serviceName}</dd>
        </div>
        <div>
          <dt>{t("queue.columns.waiting")}</dt>
          <dd>
            {t("queue.waitingDays", { count: item.waitingDays })} ({formatDate(lng, new Date(item.submittedAt), timeZone)})
          </dd>
        </div>
        <div>
          <dt>{t("queue.columns.expiry")}</dt>
          <dd>
            {item.permitExpires === null || item.expiresInDays === null
              ? t("queue.noPermit")
              : item.expiresInDays < 0
                ? t("queue.expired", { date: formatDay(lng, item.permitExpires) })
                : t("queue.expiresIn", { count: item.expiresInDays, date: formatDay(lng, item.permitExpires) })}
          </dd>
        </div>
        <div>
          <dt>{t("queue.columns.language")}</dt>
          <dd>{isLanguage(item.language) ? nativeNames[item.language] : item.language}</dd>
        </div>
        <div>
          <dt>{t("queue.columns.completeness")}</dt>
          <dd>
            {c ? (
              <>
                {t("queue.summary", { satisfied: c.satisfied, applicable: c.applicable })}
                {parts.length > 0 && ` · ${parts.join(" · ")}`}
              </>
            ) : (
              t("queue.notChecked")
            )}
          </dd>
        </div>
        <div>
          <dt>{t("queue.columns.claimed")}</dt>
          <dd>{item.claimedBy ? item.claimedBy.name : t("queue.nobody")}</dd>
        </div>
      </dl>
      {item.state === "submitted" ? (
        <Form method="post" action={action} className="inline-form">
          <input type="hidden" name="intent" value="claim" />
          <input type="hidden" name="id" value={item.id} />
          <input type="hidden" name="reference" value={item.reference} />
          <button type="submit">
            {t("queue.claim")}
            <span className="visually-hidden">: {item.reference}</span>
          </button>
        </Form>
      ) : (
        <a className="button-link secondary" href={href} aria-current={item.claimedBy?.id === staffId ? "true" : undefined}>
          {t("queue.open")}
          <span className="visually-hidden">: {item.reference}</span>
        </a>
      )}
    </li>
  );
}
