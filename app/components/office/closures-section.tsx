import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { ErrorSummary, Field, SelectField } from "#app/components/form-fields";
import { LocalizedLink, useLocalizedHref } from "#app/components/localized-link";
import type { ClosureConfirm, OfficeReply } from "#app/domain/booking/office-refusals";
import { summaryItems } from "#app/lib/forms";
import { formatDay } from "#app/lib/i18n/format";
import { type Language, pick, type Translated } from "#app/lib/i18n/languages";
import { useOfficeForm } from "./office-form-state";
import { OFFICE_PATH } from "./office-path";

type Closure = { id: number; day: string; unitId: string | null; unitName: Translated | null; note: string };

/**
 * Days the office or one unit is closed: the upcoming ones, each with a button that opens the day
 * again, and the form to close a day (people booked on it are asked about first).
 */
export function ClosuresSection({
  units,
  closures,
  today,
  unitName,
  reply,
}: {
  units: Array<{ id: string; name: Translated }>;
  closures: Closure[];
  today: string;
  unitName: (id: string | null) => string;
  reply: OfficeReply | undefined;
}) {
  const { t, i18n } = useTranslation("servicepoint");
  const lng = i18n.language as Language;
  const action = useLocalizedHref(`${OFFICE_PATH}#closures`);
  const removal = useOfficeForm(reply, "remove-closure");
  const refusedId = Number(removal.values?.closureId);
  const close = useOfficeForm(reply, "close");
  return (
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
                <strong>{formatDay(lng, c.day)}</strong> · {c.unitId === null || c.unitName === null ? t("closures.wholeOffice") : pick(c.unitName, lng)}
              </p>
              {c.note && <p className="hint">{c.note}</p>}
              {refusedId === c.id && removal.error("closureId") && (
                <p className="error-message" role="alert">
                  {removal.error("closureId")}
                </p>
              )}
              <Form method="post" action={action}>
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
      {removal.error("closureId") && !closures.some((c) => c.id === refusedId) && (
        <p className="error-message" role="alert">
          {removal.error("closureId")}
        </p>
      )}

      <h3 id="close-day-title">{t("closures.addTitle")}</h3>
      {reply?.confirm ? (
        <ConfirmClosure confirm={reply.confirm} action={action} unitName={unitName} />
      ) : (
        <Form method="post" action={action} noValidate aria-labelledby="close-day-title" className="sp-form">
          <ErrorSummary title={t("errors.summary")} errors={summaryItems(close.errors, (key) => t(key))} />
          <input type="hidden" name="intent" value="close" />
          <Field id="day" label={t("closures.day")} hint={t("closures.dayHint")} error={close.error("day")}>
            {(control) => <input {...control} type="date" min={today} dir="ltr" defaultValue={close.values?.day} />}
          </Field>
          <SelectField
            id="unit"
            label={t("closures.unit")}
            error={close.error("unit")}
            value={close.values?.unit ?? ""}
            placeholder={t("closures.wholeOffice")}
            options={units.map((u) => ({ value: u.id, label: pick(u.name, lng) }))}
          />
          <Field id="note" label={t("closures.note")} hint={t("closures.noteHint")} error={close.error("note")}>
            {(control) => <textarea {...control} rows={2} maxLength={500} defaultValue={close.values?.note} />}
          </Field>
          <button type="submit">{t("closures.add")}</button>
        </Form>
      )}
    </section>
  );
}

/** The question before closing a day with bookings: the people booked are told, their times cancelled. */
function ConfirmClosure({ confirm, action, unitName }: { confirm: ClosureConfirm; action: string; unitName: (id: string | null) => string }) {
  const { t, i18n } = useTranslation("servicepoint");
  const lng = i18n.language as Language;
  return (
    <div className="sp-confirm" role="alert">
      <h4>{t("closures.confirmTitle")}</h4>
      <p>{t("closures.confirm", { count: confirm.booked, date: formatDay(lng, confirm.day), unit: unitName(confirm.unitId) })}</p>
      <Form method="post" action={action} className="sp-actions">
        <input type="hidden" name="intent" value="close" />
        <input type="hidden" name="day" value={confirm.day} />
        <input type="hidden" name="unit" value={confirm.unitId ?? ""} />
        <input type="hidden" name="note" value={confirm.note} />
        <input type="hidden" name="confirmed" value={confirm.booked} />
        <button type="submit" className="warning">
          {t("closures.confirmButton", { count: confirm.booked })}
        </button>
        <LocalizedLink to={`${OFFICE_PATH}#closures`}>{t("closures.keepOpen")}</LocalizedLink>
      </Form>
    </div>
  );
}
