// The form kit's pieces (GOV.UK's patterns), for every form in Lotse, citizen and staff alike: a
// label, a hint and an error linked to the input for screen readers, and one error summary at the
// top linking to each field. Texts come in translated; these components only lay them out.
import type { ReactNode } from "react";

export type FieldError = string | undefined;

function describedBy(id: string, hint: ReactNode, error: FieldError) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

function HintAndError({ id, hint, error, announce }: { id: string; hint?: ReactNode; error: FieldError; announce?: boolean }) {
  return (
    <>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error-message" id={`${id}-error`} role={announce ? "alert" : undefined}>
          {error}
        </p>
      )}
    </>
  );
}

/**
 * The one error summary: a focusable alert above the form. Entries with a field link to it (see
 * `summaryItems` in lib/forms.ts); entries without one are problems of the whole form. A refusal
 * that is not about a form's fields (the time was taken meanwhile) is one `message` without a title.
 */
export function ErrorSummary({
  title,
  errors = [],
  message,
  headingLevel = 2,
}: {
  title?: string;
  errors?: Array<{ field?: string; message: ReactNode }>;
  message?: ReactNode;
  /** Inside a section whose heading is an h2 (the service page's questions), the summary's is an h3. */
  headingLevel?: 2 | 3;
}) {
  if (errors.length === 0 && !message) return null;
  const Heading = headingLevel === 3 ? "h3" : "h2";
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      {title && <Heading>{title}</Heading>}
      {message && <p>{message}</p>}
      {errors.length > 0 && (
        <ul>
          {errors.map(({ field, message }, i) => (
            <li key={`${field ?? ""}-${i}`}>{field ? <a href={`#${field}`}>{message}</a> : message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** What a control inside a `Field` needs to be tied to its label, hint and error. */
export type ControlProps = {
  id: string;
  name: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
};

/**
 * The one field: label, hint and error around any control, which `children` renders with the
 * ids and ARIA attributes that tie them together. `announce` makes the error an alert, for a
 * one-field form without an error summary whose input keeps the focus (the service point's
 * check-in, typed by a scanner).
 */
export function Field({
  id,
  label,
  hint,
  error,
  announce,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error: FieldError;
  announce?: boolean;
  children: (control: ControlProps) => ReactNode;
}) {
  return (
    <div className={error ? "field field-error" : "field"}>
      <label htmlFor={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} announce={announce} />
      {children({ id, name: id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy(id, hint, error) })}
    </div>
  );
}

export function TextField({
  id,
  label,
  hint,
  error,
  value,
  type = "text",
  autoComplete,
  ltr = false,
  inputMode,
  width,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error: FieldError;
  value: string | undefined;
  type?: "text" | "email" | "tel" | "password" | "search" | "url" | "number" | "date" | "time";
  autoComplete?: string;
  /** Addresses, numbers and codes read left to right even on a right-to-left page. */
  ltr?: boolean;
  inputMode?: "numeric" | "text" | "email" | "tel" | "decimal";
  width?: "short" | "code";
}) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(control) => (
        <input
          {...control}
          type={type}
          autoComplete={autoComplete ?? "off"}
          inputMode={inputMode}
          dir={ltr ? "ltr" : undefined}
          className={width ? `input-${width}` : undefined}
          defaultValue={value}
        />
      )}
    </Field>
  );
}

/** Day, month and year in three boxes: no date picker, which is hard on phones and readers. */
export function DateField({
  id,
  prefix,
  legend,
  hint,
  error,
  values,
  partLabels,
  autoComplete,
}: {
  id: string;
  prefix: string;
  legend: string;
  hint?: ReactNode;
  error: FieldError;
  values: Record<string, string>;
  partLabels: { day: string; month: string; year: string };
  autoComplete?: "bday";
}) {
  const parts = [
    ["Day", partLabels.day, 2],
    ["Month", partLabels.month, 2],
    ["Year", partLabels.year, 4],
  ] as const;
  return (
    <fieldset id={id} tabIndex={-1} className={error ? "field field-error" : "field"} aria-describedby={describedBy(id, hint, error)}>
      <legend>{legend}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      <div className="date-input" dir="ltr">
        {parts.map(([part, label, length]) => (
          <div key={part}>
            <label htmlFor={`${prefix}${part}`}>{label}</label>
            <input
              id={`${prefix}${part}`}
              name={`${prefix}${part}`}
              inputMode="numeric"
              autoComplete={autoComplete ? `${autoComplete}-${part.toLowerCase()}` : "off"}
              maxLength={length}
              size={length}
              defaultValue={values[`${prefix}${part}`] ?? ""}
              aria-invalid={error ? true : undefined}
            />
          </div>
        ))}
      </div>
    </fieldset>
  );
}

export function RadioGroup({
  id,
  legend,
  hint,
  error,
  value,
  options,
}: {
  id: string;
  legend: string;
  hint?: ReactNode;
  error: FieldError;
  value: string;
  options: Array<{ value: string; label: string }>;
}) {
  return (
    <fieldset id={id} tabIndex={-1} className={error ? "field field-error" : "field"} aria-describedby={describedBy(id, hint, error)}>
      <legend>{legend}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      <div className="radios">
        {options.map((o) => (
          <div className="radio" key={o.value}>
            <input type="radio" id={`${id}-${o.value}`} name={id} value={o.value} defaultChecked={value === o.value} />
            <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

export function SelectField({
  id,
  label,
  hint,
  error,
  value,
  options,
  placeholder,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error: FieldError;
  value: string;
  options: Array<{ value: string; label: string }>;
  placeholder?: string;
}) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(control) => (
        <select {...control} defaultValue={value}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
