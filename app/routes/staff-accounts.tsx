import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import type { Route } from "./+types/staff-accounts";
import { PageTitle } from "#app/components/page-title";
import { ErrorSummary, TextField } from "#app/components/staff-form";
import {
  createAccount,
  getAccount,
  listAccounts,
  listUnits,
  resetPassword,
  resetTotp,
  setAccountDisabled,
} from "#app/domain/staff/accounts.server";
import { requireStaff } from "#app/domain/staff/auth.server";
import { roles } from "#app/domain/staff/roles";
import { fieldErrors } from "#app/lib/forms";
import { newAccountSchema } from "#app/domain/staff/schemas";
import { appContext } from "#app/lib/context";
import { formatDate, formatTime } from "#app/lib/i18n/format";
import { type Language, pick } from "#app/lib/i18n/languages";
import { useRootData } from "#app/root";

export async function loader({ context, request }: Route.LoaderArgs) {
  const staff = await requireStaff(request, context, ["admin"]);
  const { db } = context.get(appContext);
  const accounts = await listAccounts(db);
  return {
    staff,
    accounts: accounts.map((a) => ({ ...a, lockedUntil: a.lockedUntil?.toISOString() ?? null, lastLoginAt: a.lastLoginAt?.toISOString() ?? null })),
    units: await listUnits(db),
    now: new Date().toISOString(),
  };
}

type Notice = { key: "created" | "newPassword" | "disabled" | "enabled" | "totpReset"; email: string; password?: string };
type ActionData = { notice: Notice | null; errors: Record<string, string>; values: Record<string, string> };

export async function action({ context, request }: Route.ActionArgs) {
  const staff = await requireStaff(request, context, ["admin"]);
  const { db } = context.get(appContext);
  const form = await request.formData();
  const intent = form.get("intent");

  if (intent === "create") {
    const values = Object.fromEntries(["name", "email", "role", "unitId"].map((k) => [k, String(form.get(k) ?? "").slice(0, 200)]));
    const parsed = newAccountSchema.safeParse(values);
    if (!parsed.success) return data<ActionData>({ notice: null, errors: fieldErrors(parsed.error), values }, { status: 422 });
    const result = await createAccount(db, parsed.data);
    if (!result.ok) {
      const errors: Record<string, string> = result.reason === "email-taken" ? { email: "errors.emailTaken" } : { unitId: "errors.unitRequired" };
      return data<ActionData>({ notice: null, errors, values }, { status: 409 });
    }
    return data<ActionData>({ notice: { key: "created", email: parsed.data.email, password: result.password }, errors: {}, values: {} });
  }

  const id = Number(form.get("id"));
  if (!Number.isSafeInteger(id)) throw data(null, { status: 400 });
  const account = await getAccount(db, id);
  if (!account) throw data(null, { status: 404 });
  // Admins change their own password on their account page and cannot lock themselves out.
  if (account.id === staff.id) throw data(null, { status: 409 });
  const done = (notice: Notice) => data<ActionData>({ notice, errors: {}, values: {} });
  switch (intent) {
    case "disable":
      await setAccountDisabled(db, id, true);
      return done({ key: "disabled", email: account.email });
    case "enable":
      await setAccountDisabled(db, id, false);
      return done({ key: "enabled", email: account.email });
    case "reset-password": {
      const password = await resetPassword(db, id);
      if (!password) throw data(null, { status: 404 });
      return done({ key: "newPassword", email: account.email, password });
    }
    case "reset-totp":
      await resetTotp(db, id);
      return done({ key: "totpReset", email: account.email });
    default:
      throw data(null, { status: 400 });
  }
}

export default function StaffAccounts({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("staff");
  const lng = i18n.language as Language;
  const { office } = useRootData();
  const { staff, accounts, units } = loaderData;
  const now = new Date(loaderData.now);
  const unitName = (id: string | null) => {
    const unit = id ? units.find((u) => u.id === id) : undefined;
    return unit ? pick(unit.name, lng) : t("accounts.noUnit");
  };
  const when = (iso: string) => `${formatDate(lng, new Date(iso), office.timeZone)}, ${formatTime(lng, new Date(iso), office.timeZone)}`;
  const errors = actionData?.errors ?? {};
  const values = actionData?.values ?? {};
  const notice = actionData?.notice ?? null;
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
        {accounts.map((a) => {
          const locked = a.lockedUntil && new Date(a.lockedUntil) > now;
          return (
            <li key={a.id} className="card">
              <h3 id={`account-${a.id}`}>{a.name}</h3>
              <dl className="summary">
                <div>
                  <dt>{t("account.email")}</dt>
                  <dd dir="ltr">{a.email}</dd>
                </div>
                <div>
                  <dt>{t("account.role")}</dt>
                  <dd>{t(`roles.${a.role}`)}</dd>
                </div>
                <div>
                  <dt>{t("account.unit")}</dt>
                  <dd>{unitName(a.unitId)}</dd>
                </div>
                <div>
                  <dt>{t("accounts.status")}</dt>
                  <dd>
                    {a.disabled
                      ? t("accounts.disabled")
                      : locked
                        ? t("accounts.lockedUntil", { time: formatTime(lng, new Date(a.lockedUntil!), office.timeZone) })
                        : t("accounts.active")}
                  </dd>
                </div>
                <div>
                  <dt>{t("account.totpTitle")}</dt>
                  <dd>{a.totp ? t("accounts.totpOn") : t("accounts.totpOff")}</dd>
                </div>
                <div>
                  <dt>{t("accounts.lastLogin")}</dt>
                  <dd>{a.lastLoginAt ? when(a.lastLoginAt) : t("accounts.never")}</dd>
                </div>
              </dl>
              {a.id === staff.id ? (
                <p className="hint">{t("accounts.yourself")}</p>
              ) : (
                <div className="account-actions">
                  {(
                    [
                      a.disabled ? ["enable", "accounts.enable"] : ["disable", "accounts.disable"],
                      ["reset-password", "accounts.resetPassword"],
                      ...(a.totp ? [["reset-totp", "accounts.resetTotp"]] : []),
                    ] as [string, string][]
                  ).map(([intent, label]) => (
                    <Form method="post" key={intent} className="inline-form">
                      <input type="hidden" name="intent" value={intent} />
                      <input type="hidden" name="id" value={a.id} />
                      <button type="submit" className={intent === "disable" ? "warning" : "secondary"}>
                        {t(label)}
                        <span className="visually-hidden">: {a.name}</span>
                      </button>
                    </Form>
                  ))}
                </div>
              )}
            </li>
          );
        })}
      </ul>

      <section aria-labelledby="create-title">
        <h2 id="create-title">{t("accounts.createTitle")}</h2>
        <p>{t("accounts.createIntro")}</p>
        <ErrorSummary errors={errors} />
        <Form method="post" noValidate className="contact-form staff-form">
          <input type="hidden" name="intent" value="create" />
          <TextField name="name" label={t("account.name")} autoComplete="off" defaultValue={values.name} error={errors.name} />
          <TextField name="email" label={t("account.email")} type="email" autoComplete="off" ltr defaultValue={values.email} error={errors.email} />
          <div className={errors.role ? "field field-error" : "field"}>
            <label htmlFor="role">{t("account.role")}</label>
            {errors.role && (
              <p className="error-message" id="role-error">
                {t(errors.role)}
              </p>
            )}
            <select id="role" name="role" defaultValue={values.role ?? "clearing"} aria-invalid={errors.role ? true : undefined} aria-describedby={errors.role ? "role-error" : undefined}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <div className={errors.unitId ? "field field-error" : "field"}>
            <label htmlFor="unitId">{t("account.unit")}</label>
            <p className="hint" id="unitId-hint">
              {t("accounts.unitHint")}
            </p>
            {errors.unitId && (
              <p className="error-message" id="unitId-error">
                {t(errors.unitId)}
              </p>
            )}
            <select
              id="unitId"
              name="unitId"
              defaultValue={values.unitId ?? ""}
              aria-invalid={errors.unitId ? true : undefined}
              aria-describedby={["unitId-hint", errors.unitId ? "unitId-error" : null].filter(Boolean).join(" ")}
            >
              <option value="">{t("accounts.noUnit")}</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {pick(u.name, lng)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{t("accounts.createSubmit")}</button>
        </Form>
      </section>
    </>
  );
}
