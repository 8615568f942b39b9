// The fields that describe a person in the booking journeys (book, waitlist, lottery): name,
// date of birth, e-mail, mobile number, language for messages, and optionally the permit's
// expiry. Labels, hints and errors are linked for screen readers; errors are i18n keys.
import { useTranslation } from "react-i18next";
import type { ContactFields, PersonFormValues } from "#app/domain/booking/contact-schema";
import { languages, nativeNames } from "#app/lib/i18n/languages";

const textFields = [
  { key: "name", type: "text", autoComplete: "name", ltr: false },
  { key: "email", type: "email", autoComplete: "email", ltr: true },
  { key: "phone", type: "tel", autoComplete: "tel", ltr: true },
] as const;

type Errors = Partial<Record<ContactFields, string>>;

/** A summary of the form's errors at its top, each linking to its field. */
export function ErrorSummary({ errors }: { errors: Errors }) {
  const { t } = useTranslation("booking");
  const keys = Object.keys(errors) as ContactFields[];
  if (keys.length === 0) return null;
  const target = (key: ContactFields) => (key === "birthDate" ? "birthDay" : key === "permitExpires" ? "permitDay" : key);
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <h2>{t("contact.errorSummary")}</h2>
      <ul>
        {keys.map((key) => (
          <li key={key}>
            <a href={`#${target(key)}`}>{t(errors[key]!)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function DateField({
  name,
  prefix,
  autoComplete,
  values,
  error,
}: {
  name: "birthDate" | "permitExpires";
  prefix: "birth" | "permit";
  autoComplete: boolean;
  values: PersonFormValues;
  error: string | undefined;
}) {
  const { t } = useTranslation("booking");
  const parts = [
    [`${prefix}Day`, "day", 2, "bday-day"],
    [`${prefix}Month`, "month", 2, "bday-month"],
    [`${prefix}Year`, "year", 4, "bday-year"],
  ] as const;
  return (
    <fieldset className={error ? "field field-error" : "field"} aria-describedby={[`${name}-hint`, error ? `${name}-error` : null].filter(Boolean).join(" ")}>
      <legend>{t(`contact.${name}`)}</legend>
      <p className="hint" id={`${name}-hint`}>
        {t(`contact.${name}Hint`)}
      </p>
      {error && (
        <p className="error-message" id={`${name}-error`}>
          {t(error)}
        </p>
      )}
      <div className="date-input" dir="ltr">
        {parts.map(([key, label, length, complete]) => (
          <div key={key}>
            <label htmlFor={key}>{t(`contact.${label}`)}</label>
            <input
              id={key}
              name={key}
              inputMode="numeric"
              autoComplete={autoComplete ? complete : "off"}
              maxLength={length}
              size={length}
              defaultValue={values[key as keyof PersonFormValues]}
              aria-invalid={error ? true : undefined}
            />
          </div>
        ))}
      </div>
    </fieldset>
  );
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
  const textField = ({ key, type, autoComplete, ltr }: (typeof textFields)[number]) => (
    <div key={key} className={errors[key] ? "field field-error" : "field"}>
      <label htmlFor={key}>{t(`contact.${key}`)}</label>
      <p className="hint" id={`${key}-hint`}>
        {t(`contact.${key}Hint`)}
      </p>
      {errors[key] && (
        <p className="error-message" id={`${key}-error`}>
          {t(errors[key]!)}
        </p>
      )}
      <input
        id={key}
        name={key}
        type={type}
        autoComplete={autoComplete}
        dir={ltr ? "ltr" : undefined}
        defaultValue={values[key]}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={[`${key}-hint`, errors[key] ? `${key}-error` : null].filter(Boolean).join(" ")}
      />
    </div>
  );
  return (
    <>
      {textField(textFields[0])}
      <DateField name="birthDate" prefix="birth" autoComplete values={values} error={errors.birthDate} />
      {textFields.slice(1).map(textField)}
      <div className="field">
        <label htmlFor="language">{t("contact.language")}</label>
        <p className="hint" id="language-hint">
          {t("contact.languageHint")}
        </p>
        <select id="language" name="language" defaultValue={values.language || defaultLanguage} aria-describedby="language-hint">
          {languages.map((l) => (
            <option key={l} value={l} lang={l}>
              {nativeNames[l]}
            </option>
          ))}
        </select>
      </div>
      {withPermitExpiry && <DateField name="permitExpires" prefix="permit" autoComplete={false} values={values} error={errors.permitExpires} />}
    </>
  );
}
