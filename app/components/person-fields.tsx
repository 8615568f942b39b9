// The fields that describe a person in the booking journeys (book, waitlist, lottery): name,
// date of birth, e-mail, mobile number, language for messages, and optionally the permit's
// expiry, built from the form kit. Errors are i18n keys; the form's ErrorSummary links each to
// its field through `personAnchor`.
import { useTranslation } from "react-i18next";
import { DateField, Field, TextField } from "#app/components/form-fields";
import type { ContactFields, PersonFormValues } from "#app/domain/booking/contact-schema";
import { languages, nativeNames } from "#app/lib/i18n/languages";

type Errors = Partial<Record<ContactFields, string>>;

/** Where the summary's entry for a field links: a date's first box, else the field itself. */
export function personAnchor(field: string): string {
  return field === "birthDate" ? "birthDay" : field === "permitExpires" ? "permitDay" : field;
}

export function PersonFields({
  values,
  errors,
  defaultLanguage,
  withPermitExpiry = false,
}: {
  values: PersonFormValues;
  errors: Errors;
  defaultLanguage: string;
  withPermitExpiry?: boolean;
}) {
  const { t } = useTranslation("booking");
  const error = (field: ContactFields) => (errors[field] ? t(errors[field]!) : undefined);
  const dateParts = { day: t("contact.day"), month: t("contact.month"), year: t("contact.year") };
  const dateField = (name: "birthDate" | "permitExpires", prefix: "birth" | "permit") => (
    <DateField
      id={name}
      prefix={prefix}
      legend={t(`contact.${name}`)}
      hint={t(`contact.${name}Hint`)}
      error={error(name)}
      values={values as Record<string, string>}
      partLabels={dateParts}
      autoComplete={name === "birthDate" ? "bday" : undefined}
    />
  );
  return (
    <>
      <TextField id="name" label={t("contact.name")} hint={t("contact.nameHint")} error={error("name")} value={values.name} autoComplete="name" />
      {dateField("birthDate", "birth")}
      <TextField id="email" type="email" label={t("contact.email")} hint={t("contact.emailHint")} error={error("email")} value={values.email} autoComplete="email" ltr />
      <TextField id="phone" type="tel" label={t("contact.phone")} hint={t("contact.phoneHint")} error={error("phone")} value={values.phone} autoComplete="tel" ltr />
      <Field id="language" label={t("contact.language")} hint={t("contact.languageHint")} error={undefined}>
        {(control) => (
          <select {...control} defaultValue={values.language || defaultLanguage}>
            {languages.map((l) => (
              <option key={l} value={l} lang={l}>
                {nativeNames[l]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {withPermitExpiry && dateField("permitExpires", "permit")}
    </>
  );
}
