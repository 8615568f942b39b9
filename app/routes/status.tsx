import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/status";
import { ErrorSummary, TextField } from "#app/components/form-fields";
import { PageTitle } from "#app/components/page-title";
import { lookupByReference } from "#app/domain/applications/lookup.server";
import { casePath } from "#app/domain/applications/paths";
import { parseSecret } from "#app/domain/applications/codes";
import { appContext } from "#app/lib/context";
import { summaryItems } from "#app/lib/forms";
import { invalid } from "#app/lib/forms.server";

// "Where is my case?": the reference from the receipt and the access code from the submission.
// Every failed lookup answers the same; too many answer 429 (lookup.server.ts).
export async function action({ context, request }: Route.ActionArgs) {
  const { db, clientIp } = context.get(appContext);
  const form = await request.formData();
  const reference = String(form.get("reference") ?? "").slice(0, 100);
  const code = String(form.get("code") ?? "").slice(0, 200);
  const values = { reference, code: "" };
  if (!reference.trim() || !code.trim()) {
    const errors: Record<string, string> = {};
    if (!reference.trim()) errors.reference = "status.errors.referenceRequired";
    if (!code.trim()) errors.code = "status.errors.codeRequired";
    return invalid(errors, values);
  }
  const found = await lookupByReference(db, clientIp, reference, code);
  if (!found.ok) {
    const message = found.status === 429 ? "status.errors.tooMany" : "status.errors.notFound";
    return data({ errors: { form: message } as Record<string, string>, values }, { status: found.status });
  }
  const lng = new URL(request.url).searchParams.get("lng");
  return redirect(casePath(parseSecret(code)!, "", lng));
}

export default function Status({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation("apply");
  const errors = actionData?.errors ?? {};
  const summary = summaryItems(errors, t, (field) => (field === "form" ? "reference" : field));
  return (
    <div className="page apply">
      <PageTitle>{t("status.formTitle")}</PageTitle>
      <h1>{t("status.formTitle")}</h1>
      <ErrorSummary title={t("errorSummary")} errors={summary} />
      <p>{t("status.formIntro")}</p>
      <Form method="post" className="contact-form" noValidate>
        <TextField
          id="reference"
          label={t("status.reference")}
          hint={t("status.referenceHint")}
          error={errors.reference ? t(errors.reference) : undefined}
          value={actionData?.values.reference ?? ""}
          ltr
          width="code"
        />
        <TextField id="code" label={t("status.code")} hint={t("status.codeHint")} error={errors.code ? t(errors.code) : undefined} value="" ltr />
        <button type="submit">{t("status.show")}</button>
      </Form>
      <p>{t("status.lost")}</p>
    </div>
  );
}
