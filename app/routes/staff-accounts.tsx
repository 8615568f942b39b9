import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import type { Route } from "./+types/staff-accounts";
import { ErrorSummary, SelectField, TextField } from "#app/components/form-fields";
import { PageTitle } from "#app/components/page-title";
import { AccountCard } from "#app/components/staff-accounts/account-card";
import { useStaffMessage } from "#app/components/use-staff";
import { allow } from "#app/domain/access/guard.server";
import { accountsActionSchema } from "#app/domain/staff/account-actions";
import { createAccount, getAccount, listAccounts, listUnits, resetPassword, resetTotp, setAccountDisabled } from "#app/domain/staff/accounts.server";
import { roles } from "#app/domain/staff/roles";
import { newAccountSchema } from "#app/domain/staff/schemas";
import { appContext } from "#app/lib/context";
import { fieldErrors, type FormReply, summaryItems } from "#app/lib/forms";
import { invalid } from "#app/lib/forms.server";
import { type Language, pick } from "#app/lib/i18n/languages";

export async function loader({ context }: Route.LoaderArgs) {
  const staff = allow(context, "accounts:manage");
  const { db } = context.get(appContext);
  const accounts = await listAccounts(db);
  return {
    staffId: staff.id,
    accounts: accounts.map((a) => ({ ...a, lockedUntil: a.lockedUntil?.toISOString() ?? null, lastLoginAt: a.lastLoginAt?.toISOString() ?? null })),
    units: await listUnits(db),
    now: new Date().toISOString(),
  };
}

type Notice = { key: "created" | "newPassword" | "disabled" | "enabled" | "totpReset"; email: string; password?: string };

export async function action({ context, request }: Route.ActionArgs) {
  const staff = allow(context, "accounts:manage");
  const { db } = context.get(appContext);
  const form = await request.formData();
  const parsed = accountsActionSchema.safeParse({ intent: form.get("intent"), id: form.get("id") });
  if (!parsed.success) throw data(null, { status: 400 });
  const input = parsed.data;
  const done = (notice: Notice) => ({ ok: true as const, notice });

  if (input.intent === "create") {
    const values = Object.fromEntries(["name", "email", "role", "unitId"].map((k) => [k, String(form.get(k) ?? "")]));
    const account = newAccountSchema.safeParse(values);
    if (!account.success) return invalid(fieldErrors(account.error), values);
    const result = await createAccount(db, account.data);
    if (!result.ok) {
      const errors: FormReply["errors"] = result.reason === "email-taken" ? { email: "errors.emailTaken" } : { unitId: "errors.unitRequired" };
      return data<FormReply>({ ok: false, errors, values }, { status: 409 });
    }
    return done({ key: "created", email: account.data.email, password: result.password });
  }

  const account = await getAccount(db, input.id);
  if (!account) throw data(null, { status: 404 });
  // Admins change their own password on their account page and cannot lock themselves out.
  if (account.id === staff.id) throw data(null, { status: 409 });
  switch (input.intent) {
    case "disable":
    case "enable":
      await setAccountDisabled(db, account.id, input.intent === "disable");
      return done({ key: input.intent === "disable" ? "disabled" : "enabled", email: account.email });
    case "reset-password": {
      const password = await resetPassword(db, account.id);
      if (!password) throw data(null, { status: 404 });
      return done({ key: "newPassword", email: account.email, password });
    }
    case "reset-totp":
      await resetTotp(db, account.id);
      return done({ key: "totpReset", email: account.email });
  }
}

export default function StaffAccounts({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("staff");
  const message = useStaffMessage();
  const lng = i18n.language as Language;
  const { staffId, accounts, units } = loaderData;
  const now = new Date(loaderData.now);
  const unitName = (id: string | null) => {
    const unit = id ? units.find((u) => u.id === id) : undefined;
    return unit ? pick(unit.name, lng) : t("accounts.noUnit");
  };
  const failed = actionData && !actionData.ok ? actionData : null;
  const errors = failed?.errors ?? {};
  const values = failed?.values ?? {};
  const error = (key: string | undefined) => (key ? message(key) : undefined);
  const notice = actionData?.ok ? actionData.notice : null;
  return (
    <>
      <PageTitle>{t("accounts.title")}</PageTitle>
      <h1>{t("accounts.title")}</h1>
      {notice && (
        <div className="notice" role="status">
          <p>{t(`accounts.notices.${notice.key}`, { email: notice.email })}</p>
          {notice.password && (
            <>
              <p className="one-time-password" dir="ltr">
                <code>{notice.password}</code>
              </p>
              <p>{t("accounts.passOn")}</p>
            </>
          )}
        </div>
      )}

      <h2>{t("accounts.listTitle")}</h2>
      <ul className="cards account-list">
        {accounts.map((a) => (
          <AccountCard key={a.id} account={a} unitName={unitName(a.unitId)} now={now} yourself={a.id === staffId} />
        ))}
      </ul>

      <section aria-labelledby="create-title">
        <h2 id="create-title">{t("accounts.createTitle")}</h2>
        <p>{t("accounts.createIntro")}</p>
        <ErrorSummary title={t("errors.summary")} errors={summaryItems(errors, message)} />
        <Form method="post" noValidate className="contact-form staff-form">
          <input type="hidden" name="intent" value="create" />
          <TextField id="name" label={t("account.name")} value={values.name} error={error(errors.name)} />
          <TextField id="email" label={t("account.email")} type="email" ltr value={values.email} error={error(errors.email)} />
          <SelectField
            id="role"
            label={t("account.role")}
            value={values.role ?? "clearing"}
            error={error(errors.role)}
            options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          />
          <SelectField
            id="unitId"
            label={t("account.unit")}
            hint={t("accounts.unitHint")}
            value={values.unitId ?? ""}
            error={error(errors.unitId)}
            placeholder={t("accounts.noUnit")}
            options={units.map((u) => ({ value: u.id, label: pick(u.name, lng) }))}
          />
          <button type="submit">{t("accounts.createSubmit")}</button>
        </Form>
      </section>
    </>
  );
}
