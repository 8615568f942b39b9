import QRCode from "qrcode";
import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/staff-account";
import { ErrorSummary, TextField } from "#app/components/form-fields";
import { PageTitle } from "#app/components/page-title";
import { useStaffMessage } from "#app/components/use-staff";
import { currentStaff } from "#app/domain/access/guard.server";
import { changePassword, enableTotp, hasTotp, listUnits } from "#app/domain/staff/accounts.server";
import { readSessionId } from "#app/domain/staff/auth.server";
import { PASSWORD_MIN_LENGTH } from "#app/domain/staff/roles";
import { passwordChangeSchema, totpConfirmSchema } from "#app/domain/staff/schemas";
import { generateTotpSecret, otpauthUri } from "#app/domain/staff/totp";
import { appContext } from "#app/lib/context";
import { fieldErrors, summaryItems } from "#app/lib/forms";
import { invalid } from "#app/lib/forms.server";
import { type Language, pick } from "#app/lib/i18n/languages";
import { withLanguage } from "#app/lib/urls";

export async function loader({ context, request }: Route.LoaderArgs) {
  const staff = currentStaff(context);
  const { db } = context.get(appContext);
  const unit = staff.unitId ? ((await listUnits(db)).find((u) => u.id === staff.unitId) ?? null) : null;
  const done = new URL(request.url).searchParams.get("done");
  return {
    staff,
    unitName: unit?.name ?? null,
    totp: await hasTotp(db, staff.id),
    done: done === "password" || done === "totp" ? done : null,
  };
}

type Setup = { secret: string; qr: string; uri: string };

async function setupFor(secret: string, email: string): Promise<Setup> {
  const uri = otpauthUri(secret, email, "Lotse");
  const qr = await QRCode.toString(uri, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return { secret, qr, uri };
}

function doneUrl(request: Request, done: string): string {
  return withLanguage("/staff/account", new URL(request.url).searchParams.get("lng"), { done });
}

export async function action({ context, request }: Route.ActionArgs) {
  const staff = currentStaff(context);
  const { db } = context.get(appContext);
  const form = await request.formData();
  const intent = form.get("intent");

  if (intent === "password") {
    const parsed = passwordChangeSchema.safeParse(Object.fromEntries(["current", "password", "repeat"].map((k) => [k, form.get(k)])));
    if (!parsed.success) return invalid(fieldErrors(parsed.error), { form: "password" as const });
    const ok = await changePassword(db, staff, { ...parsed.data, keepSessionId: readSessionId(request) });
    if (!ok) return invalid({ current: "errors.currentPasswordWrong" }, { form: "password" as const });
    return redirect(doneUrl(request, "password"));
  }

  if (intent === "totp-start") {
    if (await hasTotp(db, staff.id)) throw data(null, { status: 409 });
    return { ok: true as const, setup: await setupFor(generateTotpSecret(), staff.email) };
  }

  if (intent === "totp-confirm") {
    const secret = String(form.get("secret") ?? "");
    const parsed = totpConfirmSchema.safeParse({ secret, code: form.get("code") });
    if (!parsed.success) {
      if (!totpConfirmSchema.shape.secret.safeParse(secret).success) throw data(null, { status: 400 });
      return invalid(fieldErrors(parsed.error), { form: "totp" as const, setup: await setupFor(secret, staff.email) });
    }
    if (!(await enableTotp(db, staff.id, parsed.data.secret, parsed.data.code))) {
      if (await hasTotp(db, staff.id)) throw data(null, { status: 409 });
      return invalid({ code: "errors.codeInvalid" }, { form: "totp" as const, setup: await setupFor(secret, staff.email) });
    }
    return redirect(doneUrl(request, "totp"));
  }
  throw data(null, { status: 400 });
}

export default function StaffAccount({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("staff");
  const message = useStaffMessage();
  const lng = i18n.language as Language;
  const { staff, unitName, totp, done } = loaderData;
  const failed = actionData && !actionData.ok ? actionData : null;
  const passwordErrors = failed?.values.form === "password" ? failed.errors : {};
  const totpErrors = failed?.values.form === "totp" ? failed.errors : {};
  const setup = actionData?.ok ? actionData.setup : failed?.values.form === "totp" ? failed.values.setup : null;
  const error = (key: string | undefined) => (key ? message(key) : undefined);
  return (
    <>
      <PageTitle>{t("account.title")}</PageTitle>
      <h1>{t("account.title")}</h1>
      {done && (
        <p className="notice" role="status">
          {t(done === "password" ? "account.passwordChanged" : "account.totpEnabled")}
        </p>
      )}
      <dl className="summary">
        <div>
          <dt>{t("account.name")}</dt>
          <dd>{staff.name}</dd>
        </div>
        <div>
          <dt>{t("account.email")}</dt>
          <dd dir="ltr">{staff.email}</dd>
        </div>
        <div>
          <dt>{t("account.role")}</dt>
          <dd>{t(`roles.${staff.role}`)}</dd>
        </div>
        {unitName && (
          <div>
            <dt>{t("account.unit")}</dt>
            <dd>{pick(unitName, lng)}</dd>
          </div>
        )}
      </dl>

      <section aria-labelledby="totp-title">
        <h2 id="totp-title">{t("account.totpTitle")}</h2>
        {totp ? (
          <p>{t("account.totpOn")}</p>
        ) : setup ? (
          <>
            <ErrorSummary title={t("errors.summary")} errors={summaryItems(totpErrors, message)} />
            <p>{t("account.totpScan")}</p>
            {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the SVG is the QR code the server drew from the new secret */}
            <div className="qr" role="img" aria-label={t("account.qrLabel")} dangerouslySetInnerHTML={{ __html: setup.qr }} />
            <p>
              {t("account.totpKey")}{" "}
              <code className="totp-secret" dir="ltr">
                {setup.secret.replace(/(.{4})/g, "$1 ").trim()}
              </code>
            </p>
            <Form method="post" noValidate className="contact-form staff-form">
              <input type="hidden" name="intent" value="totp-confirm" />
              <input type="hidden" name="secret" value={setup.secret} />
              <TextField
                id="code"
                label={t("account.totpCode")}
                hint={t("code.hint")}
                autoComplete="one-time-code"
                inputMode="numeric"
                ltr
                error={error(totpErrors.code)}
                value={undefined}
              />
              <button type="submit">{t("account.totpConfirm")}</button>
            </Form>
          </>
        ) : (
          <>
            <p>{t("account.totpOff")}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="totp-start" />
              <button type="submit" className="secondary">
                {t("account.totpStart")}
              </button>
            </Form>
          </>
        )}
      </section>

      <section aria-labelledby="password-title">
        <h2 id="password-title">{t("account.passwordTitle")}</h2>
        <ErrorSummary title={t("errors.summary")} errors={summaryItems(passwordErrors, message)} />
        <Form method="post" noValidate className="contact-form staff-form">
          <input type="hidden" name="intent" value="password" />
          <TextField
            id="current"
            label={t("account.currentPassword")}
            type="password"
            autoComplete="current-password"
            ltr
            error={error(passwordErrors.current)}
            value={undefined}
          />
          <TextField
            id="password"
            label={t("account.newPassword")}
            hint={t("account.newPasswordHint", { min: PASSWORD_MIN_LENGTH })}
            type="password"
            autoComplete="new-password"
            ltr
            error={error(passwordErrors.password)}
            value={undefined}
          />
          <TextField
            id="repeat"
            label={t("account.repeatPassword")}
            type="password"
            autoComplete="new-password"
            ltr
            error={error(passwordErrors.repeat)}
            value={undefined}
          />
          <button type="submit">{t("account.passwordSubmit")}</button>
        </Form>
      </section>
    </>
  );
}
