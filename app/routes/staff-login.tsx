import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/staff-login";
import { PageTitle } from "#app/components/page-title";
import { ErrorSummary, TextField } from "#app/components/staff-form";
import { assertSameOrigin, getStaff, login, logout, readSessionId, sessionCookie } from "#app/domain/staff/auth.server";
import { safeNext } from "#app/domain/staff/roles";
import { fieldErrors } from "#app/lib/forms";
import { loginSchema } from "#app/domain/staff/schemas";
import { appContext } from "#app/lib/context";
import { formatTime } from "#app/lib/i18n/format";
import type { Language } from "#app/lib/i18n/languages";
import { useRootData } from "#app/root";
import { demoStaff } from "#db/seed/demo-staff";

export function headers() {
  return { "Cache-Control": "no-store" };
}

/** Plain HTTP to anything but this machine: browsers drop the Secure session cookie. */
function insecure(request: Request): boolean {
  const url = new URL(request.url);
  return url.protocol !== "https:" && !["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const next = safeNext(url.searchParams.get("next") ?? "/staff");
  if (await getStaff(request, context)) throw redirect(next);
  const { env } = context.get(appContext);
  return {
    next,
    insecure: insecure(request),
    loggedOut: url.searchParams.has("loggedOut"),
    demoLogins: env.demoMode ? demoStaff.map(({ role, email, password }) => ({ role, email, password })) : [],
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  assertSameOrigin(request);
  const { db, clientIp } = context.get(appContext);
  const form = await request.formData();
  const next = safeNext(form.get("next"));
  const email = String(form.get("email") ?? "").slice(0, 200);
  const parsed = loginSchema.safeParse({ email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return data({ email, errors: fieldErrors(parsed.error), lockedUntil: null }, { status: 422 });

  const result = await login(db, { ...parsed.data, ip: clientIp });
  switch (result.status) {
    case "ok":
    case "needs-totp": {
      // A new session for a new login: whatever session the browser had is ended first.
      await logout(db, readSessionId(request));
      const headers = { "Set-Cookie": sessionCookie(result.sessionId) };
      if (result.status === "ok") return redirect(next, { headers });
      const lng = new URL(request.url).searchParams.get("lng");
      const params = new URLSearchParams({ next, ...(lng ? { lng } : {}) });
      return redirect(`/staff/login/code?${params}`, { headers });
    }
    case "invalid":
      return data({ email, errors: { email: "errors.invalid" }, lockedUntil: null }, { status: 401 });
    case "locked":
      return data({ email, errors: { email: "errors.locked" }, lockedUntil: result.until.toISOString() }, { status: 423 });
    case "rate-limited":
      return data({ email, errors: { email: "errors.rateLimited" }, lockedUntil: null }, { status: 429 });
  }
}

export default function StaffLogin({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("staff");
  const lng = i18n.language as Language;
  const { office } = useRootData();
  const errors: Record<string, string> = { ...(actionData?.errors ?? {}) };
  // The lockout message names the time, which the generic summary cannot.
  const lockedText = actionData?.lockedUntil
    ? t("errors.locked", { time: formatTime(lng, new Date(actionData.lockedUntil), office.timeZone) })
    : null;
  const shown = lockedText ? {} : errors;
  return (
    <div className="page staff-login">
      <PageTitle>{t("login.title")}</PageTitle>
      <h1>{t("login.title")}</h1>
      <p>{t("login.intro")}</p>
      {loaderData.loggedOut && (
        <p className="notice" role="status">
          {t("login.loggedOut")}
        </p>
      )}
      {loaderData.insecure && (
        <p className="notice" role="note">
          {t("login.insecure")}
        </p>
      )}
      {lockedText && (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <h2>{t("errors.summary")}</h2>
          <p>{lockedText}</p>
        </div>
      )}
      <ErrorSummary errors={shown} />
      <Form method="post" noValidate className="contact-form staff-form">
        <input type="hidden" name="next" value={loaderData.next} />
        <TextField
          name="email"
          label={t("login.email")}
          type="email"
          autoComplete="username"
          ltr
          defaultValue={actionData?.email}
          error={shown.email}
        />
        <TextField name="password" label={t("login.password")} type="password" autoComplete="current-password" ltr error={shown.password} />
        <button type="submit">{t("login.submit")}</button>
      </Form>
      {loaderData.demoLogins.length > 0 && (
        <section className="demo-logins" aria-labelledby="demo-logins-title">
          <h2 id="demo-logins-title">{t("login.demoTitle")}</h2>
          <p>{t("login.demoIntro")}</p>
          <ul>
            {loaderData.demoLogins.map((d) => (
              <li key={d.email}>
                <strong>{t(`roles.${d.role}`)}</strong>: <span dir="ltr">{d.email}</span> / <span dir="ltr">{d.password}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
