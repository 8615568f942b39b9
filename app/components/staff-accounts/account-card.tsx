import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { formatDateTime, formatTime } from "#app/lib/i18n/format";
import type { Language } from "#app/lib/i18n/languages";
import { useRootData } from "#app/root";

export type AccountSummary = {
  id: number;
  name: string;
  email: string;
  role: string;
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  totp: boolean;
};

/** One staff account on the admin's list, with the buttons that change it (not for oneself). */
export function AccountCard({ account: a, unitName, now, yourself }: { account: AccountSummary; unitName: string; now: Date; yourself: boolean }) {
  const { t, i18n } = useTranslation("staff");
  const lng = i18n.language as Language;
  const { office } = useRootData();
  const locked = a.lockedUntil && new Date(a.lockedUntil) > now;
  const buttons: [string, string][] = [
    a.disabled ? ["enable", "accounts.enable"] : ["disable", "accounts.disable"],
    ["reset-password", "accounts.resetPassword"],
    ...(a.totp ? [["reset-totp", "accounts.resetTotp"] as [string, string]] : []),
  ];
  return (
    <li className="card">
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
          <dd>{unitName}</dd>
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
          <dd>{a.lastLoginAt ? formatDateTime(lng, new Date(a.lastLoginAt), office.timeZone) : t("accounts.never")}</dd>
        </div>
      </dl>
      {yourself ? (
        <p className="hint">{t("accounts.yourself")}</p>
      ) : (
        <div className="account-actions">
          {buttons.map(([intent, label]) => (
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
}
