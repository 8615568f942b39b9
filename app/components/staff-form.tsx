import type { HTMLInputTypeAttribute } from "react";
import { useTranslation } from "react-i18next";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "#app/domain/staff/roles";

/** Values for the placeholders of the staff forms' messages (password lengths). */
const messageValues = { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH };

/** The list of problems above a form, each linking to its field; focusable and announced. */
export function ErrorSummary({ errors }: { errors: Record<string, string> }) {
  const { t } = useTranslation("staff");
  const keys = Object.keys(errors);
  if (keys.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <h2>{t("errors.summary")}</h2>
      <ul>
        {keys.map((key) => (
          <li key={key}>
            <a href={`#${key}`}>{t(errors[key]!, messageValues)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

type FieldProps = {
  name: string;
  label: string;
  type?: HTMLInputTypeAttribute;
  autoComplete?: string;
  hint?: string;
  error?: string | undefined;
  defaultValue?: string | undefined;
  ltr?: boolean;
  inputMode?: "numeric" | "email" | "text";
};

/** A labelled input with its hint and error message, tied together for screen readers. */
export function TextField({ name, label, type = "text", autoComplete, hint, error, defaultValue, ltr, inputMode }: FieldProps) {
  const { t } = useTranslation("staff");
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={error ? "field field-error" : "field"}>
      <label htmlFor={name}>{label}</label>
      {hint && (
        <p className="hint" id={`${name}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error-message" id={`${name}-error`}>
          {t(error, messageValues)}
        </p>
      )}
      <input
        id={name}
        name={name}
        type={type}
        autoComplete={autoComplete}
        inputMode={inputMode}
        dir={ltr ? "ltr" : undefined}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}
