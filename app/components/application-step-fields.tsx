// The pages of a draft that ask about the person (app/routes/application-step.tsx): about you,
// contact, and the check of all answers with a link to change each.
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { DateField, SelectField, TextField } from "#app/components/form-fields";
import { countryName } from "#app/domain/applications/countries";
import type { formValuesOf } from "#app/domain/applications/steps";
import type { Question } from "#app/domain/catalogue/checklist";
import { formatDay } from "#app/lib/i18n/format";
import { type Language, pick } from "#app/lib/i18n/languages";
import { withLanguage } from "#app/lib/urls";

type ApplicantDetails = Parameters<typeof formValuesOf>[0];
type FieldsProps = { values: Record<string, string>; error: (field: string) => string | undefined };

function useDateParts() {
  const { t } = useTranslation("apply");
  return { day: t("date.day"), month: t("date.month"), year: t("date.year") };
}

export function AboutFields({ values, error, countries }: FieldsProps & { countries: Array<{ value: string; label: string }> }) {
  const { t } = useTranslation("apply");
  const dateParts = useDateParts();
  return (
    <>
      <TextField
        id="familyName"
        label={t("about.familyName")}
        hint={t("about.familyNameHint")}
        error={error("familyName")}
        value={values.familyName ?? ""}
        autoComplete="family-name"
      />
      <TextField
        id="givenNames"
        label={t("about.givenNames")}
        hint={t("about.givenNamesHint")}
        error={error("givenNames")}
        value={values.givenNames ?? ""}
        autoComplete="given-name"
      />
      <TextField
        id="familyNameMrz"
        label={t("about.familyNameMrz")}
        hint={t("about.familyNameMrzHint")}
        error={error("familyNameMrz")}
        value={values.familyNameMrz ?? ""}
        ltr
      />
      <DateField
        id="birthDate"
        prefix="birth"
        legend={t("about.birthDate")}
        hint={t("date.hint")}
        error={error("birthDate")}
        values={values}
        partLabels={dateParts}
        autoComplete="bday"
      />
      <SelectField
        id="nationality"
        label={t("about.nationality")}
        error={error("nationality")}
        value={values.nationality ?? ""}
        options={countries.map((c) => (c.value === "XX" ? { ...c, label: t("about.stateless") } : c))}
        placeholder={t("about.nationalityChoose")}
      />
    </>
  );
}

export function ContactFields({ values, error }: FieldsProps) {
  const { t } = useTranslation("apply");
  const dateParts = useDateParts();
  return (
    <>
      <p>{t("contact.intro")}</p>
      <TextField
        id="email"
        type="email"
        label={t("contact.email")}
        hint={t("contact.emailHint")}
        error={error("email")}
        value={values.email ?? ""}
        autoComplete="email"
        ltr
      />
      <TextField
        id="phone"
        type="tel"
        label={t("contact.phone")}
        hint={t("contact.phoneHint")}
        error={error("phone")}
        value={values.phone ?? ""}
        autoComplete="tel"
        ltr
      />
      <TextField id="street" label={t("contact.street")} error={error("street")} value={values.street ?? ""} autoComplete="street-address" />
      <TextField
        id="postcode"
        label={t("contact.postcode")}
        error={error("postcode")}
        value={values.postcode ?? ""}
        autoComplete="postal-code"
        inputMode="numeric"
        width="short"
        ltr
      />
      <TextField id="city" label={t("contact.city")} error={error("city")} value={values.city ?? ""} autoComplete="address-level2" />
      <DateField
        id="permitExpires"
        prefix="permit"
        legend={t("contact.permitExpires")}
        hint={t("contact.permitExpiresHint")}
        error={error("permitExpires")}
        values={values}
        partLabels={dateParts}
      />
    </>
  );
}

export function CheckAnswers({
  secret,
  details,
  answers,
  questions,
  missing,
  explicitLanguage,
}: {
  secret: string;
  details: ApplicantDetails;
  answers: Record<string, string>;
  questions: readonly Question[];
  missing: readonly string[];
  explicitLanguage: string | null;
}) {
  const { t, i18n } = useTranslation("apply");
  const lng = i18n.language as Language;
  const change = (step: string) => withLanguage(`/application/${secret}/${step}`, explicitLanguage, { return: "check" });
  const row = (label: string, value: string, step: string, key: string) => (
    <div key={key}>
      <dt>{label}</dt>
      <dd>{value || <span className="muted">{t("check.notGiven")}</span>}</dd>
      <dd className="change">
        <a href={change(step)}>
          {t("check.change")}
          <span className="visually-hidden"> {label}</span>
        </a>
      </dd>
    </div>
  );
  const address = [details.street, [details.postcode, details.city].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  return (
    <>
      {missing.length > 0 && (
        <div className="notice" role="status">
          <p>{t("check.missing")}</p>
        </div>
      )}
      <h2>{t("about.title")}</h2>
      <dl className="check-answers">
        {row(t("about.familyName"), details.familyName ?? "", "about", "familyName")}
        {row(t("about.givenNames"), details.givenNames ?? "", "about", "givenNames")}
        {row(t("about.familyNameMrz"), details.familyNameMrz ?? "", "about", "familyNameMrz")}
        {row(t("about.birthDate"), details.birthDate ? formatDay(lng, details.birthDate) : "", "about", "birthDate")}
        {row(t("about.nationality"), details.nationality ? countryName(lng, details.nationality, t("about.stateless")) : "", "about", "nationality")}
      </dl>
      <h2>{t("contact.title")}</h2>
      <dl className="check-answers">
        {row(t("contact.email"), details.email ?? "", "contact", "email")}
        {row(t("contact.phone"), details.phone ?? "", "contact", "phone")}
        {row(t("contact.address"), address, "contact", "address")}
        {row(t("contact.permitExpires"), details.permitExpires ? formatDay(lng, details.permitExpires) : "", "contact", "permitExpires")}
      </dl>
      {questions.length > 0 && (
        <>
          <h2>{t("questions.title")}</h2>
          <dl className="check-answers">
            {questions.map((q, i) => {
              const option = q.options.find((o) => o.key === answers[q.key]);
              return row(pick(q.label, lng), option ? pick(option.label, lng) : "", `questions-${Math.floor(i / 3) + 1}`, q.key);
            })}
          </dl>
        </>
      )}
      <Form method="post" action={withLanguage(`/application/${secret}/check`, explicitLanguage)}>
        <button type="submit">{t("check.continue")}</button>
      </Form>
    </>
  );
}
