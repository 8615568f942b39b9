import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { ErrorSummary, Field, SelectField } from "#app/components/form-fields";
import { LocalizedLink, useLocalizedHref } from "#app/components/localized-link";
import type { OfficeReply } from "#app/domain/booking/office-refusals";
import { releaseModes } from "#app/domain/booking/office-schemas";
import { summaryItems } from "#app/lib/forms";
import { type Language, pick, type Translated } from "#app/lib/i18n/languages";
import { useOfficeForm } from "./office-form-state";
import { OFFICE_PATH } from "./office-path";

/** The four settings of fair release by lottery (decision 0008). */
const lotteryFields = ["lotteryLeadDays", "lotteryWindowHours", "lotteryUrgentSharePercent", "lotteryUrgentDays"] as const;
type NumberField = "slotMinutes" | "parallel" | "horizonDays" | "minLeadHours" | (typeof lotteryFields)[number];
type Settings = { serviceId: string; releaseMode: string } & Record<NumberField, number>;

/** Each bookable service's slot settings as a card; the one being edited shows its form instead. */
export function SlotsSection({
  slots,
  editService,
  reply,
}: {
  slots: Array<Settings & { serviceName: Translated; unitName: Translated }>;
  editService: string | null;
  reply: OfficeReply | undefined;
}) {
  const { t, i18n } = useTranslation("servicepoint");
  const lng = i18n.language as Language;
  const form = useOfficeForm(reply, "slots");
  return (
    <section id="slots" aria-labelledby="slots-title" tabIndex={-1}>
      <h2 id="slots-title">{t("slots.title")}</h2>
      <p className="hint">{t("slots.note")}</p>
      <ul className="cards">
        {slots.map((s) => {
          const name = pick(s.serviceName, lng);
          const editing = editService === s.serviceId || form.values?.serviceId === s.serviceId;
          return (
            <li key={s.serviceId} className="card">
              <h3 id={`service-${s.serviceId}`}>{name}</h3>
              {editing ? (
                <SlotsForm editService={editService} settings={s} form={form} />
              ) : (
                <>
                  <dl className="sp-facts">
                    <Fact term={t("slots.location")}>{pick(s.unitName, lng)}</Fact>
                    <Fact term={t("slots.slotMinutes")}>{s.slotMinutes}</Fact>
                    <Fact term={t("slots.parallel")}>{s.parallel}</Fact>
                    <Fact term={t("slots.horizonDays")}>{s.horizonDays}</Fact>
                    <Fact term={t("slots.minLeadHours")}>{s.minLeadHours}</Fact>
                    <Fact term={t("slots.releaseMode")}>{t(`slots.modes.${s.releaseMode}`)}</Fact>
                    {s.releaseMode === "lottery" &&
                      lotteryFields.map((k) => (
                        <Fact key={k} term={t(`slots.${k}`)}>
                          {s[k]}
                        </Fact>
                      ))}
                  </dl>
                  <p>
                    <LocalizedLink to={`${OFFICE_PATH}?service=${s.serviceId}#edit-slots`}>{t("slots.edit", { service: name })}</LocalizedLink>
                  </p>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function SlotsForm({ editService, settings, form }: { editService: string | null; settings: Settings; form: ReturnType<typeof useOfficeForm> }) {
  const { t } = useTranslation("servicepoint");
  const action = useLocalizedHref(`${OFFICE_PATH}?service=${editService ?? ""}#edit-slots`);
  const { errors, values, error } = form;
  const value = (k: keyof Settings) => (values ? (values[k] ?? "") : String(settings[k]));
  const number = (k: NumberField, min: number, max: number) => (
    <Field id={k} label={t(`slots.${k}`)} hint={t("slots.range", { min, max })} error={error(k)}>
      {(control) => <input {...control} type="number" inputMode="numeric" min={min} max={max} dir="ltr" defaultValue={value(k)} />}
    </Field>
  );
  return (
    <Form method="post" action={action} noValidate id="edit-slots" className="sp-form" tabIndex={-1}>
      <ErrorSummary title={t("errors.summary")} errors={summaryItems(errors, (key) => t(key))} />
      <input type="hidden" name="intent" value="slots" />
      <input type="hidden" name="serviceId" value={settings.serviceId} />
      {number("slotMinutes", 5, 240)}
      {number("parallel", 1, 50)}
      {number("horizonDays", 1, 365)}
      {number("minLeadHours", 0, 720)}
      <SelectField
        id="releaseMode"
        label={t("slots.releaseMode")}
        error={error("releaseMode")}
        value={value("releaseMode")}
        options={releaseModes.map((m) => ({ value: m, label: t(`slots.modes.${m}`) }))}
      />
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
        <LocalizedLink to={`${OFFICE_PATH}#slots`}>{t("common.cancel")}</LocalizedLink>
      </div>
    </Form>
  );
}
