import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/apply-resume";
import { ErrorSummary, TextField } from "#app/components/form-fields";
import { PageTitle } from "#app/components/page-title";
import { applicationByDraftSecret } from "#app/domain/applications/applications.server";
import { parseSecret } from "#app/domain/applications/codes";
import { withinLimit } from "#app/lib/rate-limit.server";
import { lookupLimits } from "#app/domain/applications/lookup.server";
import { appContext } from "#app/lib/context";
import { summaryItems } from "#app/lib/forms";
import { invalid } from "#app/lib/forms.server";
import { withLanguage } from "#app/lib/urls";

// Coming back to a draft with its resume code (typed on another phone or a counsellor's PC).
export async function action({ context, request }: Route.ActionArgs) {
  const { db, clientIp } = context.get(appContext);
  const form = await request.formData();
  const code = String(form.get("code") ?? "").slice(0, 200);
  if (!code.trim()) return invalid({ code: "resume.errors.required" }, { code: "" });
  if (!(await withinLimit(db, `lookup:ip:${clientIp}`, lookupLimits.perIp))) return data({ errors: { code: "status.errors.tooMany" } }, { status: 429 });
  const application = await applicationByDraftSecret(db, code);
  if (!application) return data({ errors: { code: "resume.errors.notFound" } }, { status: 404 });
  const lng = new URL(request.url).searchParams.get("lng");
  return redirect(withLanguage(`/application/${parseSecret(code)}`, lng));
}

export default function ApplyResume({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation("apply");
  const error = actionData?.errors.code;
  return (
    <div className="page apply">
      <PageTitle>{t("resume.title")}</PageTitle>
      <h1>{t("resume.title")}</h1>
      <ErrorSummary title={t("errorSummary")} errors={summaryItems(actionData?.errors ?? {}, t)} />
      <p>{t("resume.intro")}</p>
      <Form method="post" className="contact-form" noValidate>
        <TextField id="code" label={t("resume.code")} hint={t("resume.codeHint")} error={error ? t(error) : undefined} value="" ltr />
        <button type="submit">{t("resume.button")}</button>
      </Form>
    </div>
  );
}
