import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { Field } from "#app/components/form-fields";

/**
 * Check-in by booking code, typed or scanned (a scanner types the code and presses Enter). The
 * field keeps the focus, so a refusal is announced as an alert beside it.
 */
export function CheckInForm({ action, error, code }: { action: string; error: string | undefined; code: string }) {
  const { t } = useTranslation("servicepoint");
  return (
    <section className="check-in" aria-labelledby="check-in-title">
      <h2 id="check-in-title">{t("checkIn.title")}</h2>
      <Form method="post" action={action} className="sp-check-in-form">
        <input type="hidden" name="intent" value="check-in" />
        <Field id="code" label={t("checkIn.label")} hint={t("checkIn.hint")} error={error} announce>
          {(control) => (
            <div className="search-row">
              <input
                {...control}
                type="text"
                dir="ltr"
                // biome-ignore lint/a11y/noAutofocus: the service point's one task on this page; a scanner types into the focused field
                autoFocus
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                maxLength={40}
                defaultValue={error ? code : ""}
              />
              <button type="submit">{t("checkIn.submit")}</button>
            </div>
          )}
        </Field>
      </Form>
    </section>
  );
}
