import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/staff-login";
import { PageTitle } from "#app/components/page-title";
import { ErrorSummary, TextField } from "#app/components/form-fields";
import { useStaffMessage } from "#app/components/use-staff";
import { assertSameOrigin, getStaff, login, logout, readSessionId, sessionCookie } from "#app/domain/staff/auth.server";
import { safeNext } from "#app/domain/staff/roles";
import { fieldErrors, type FormReply, summaryItems } from "#app/lib/forms";
import { invalid } from "#app/lib/forms.server";
import { loginSchema } from "#app/domain/staff/schemas";
import { appContext } from "#app/lib/context";
import { formatTime } from "#app/lib/i18n/format";
import type { Language } from "#app/lib/i18n/languages";
import { withLanguage } from "#app/lib/urls";
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
  type Values = { email: string; lockedUntil: string | null };
  const refused = (key: string, status: number, lockedUntil: string | null = null) =>
    data<FormReply<Values>>({ ok: false, errors: { email: key }, values: { email, lockedUntil } }, { status });
  const parsed = loginSchema.safeParse({ email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return invalid<Values>(fieldErrors(parsed.error), { email, lockedUntil: null });

  const result = await login(db, { ...parsed.data, ip: clientIp });
  switch (result.status) {
    case "ok":
    case "needs-totp": {
      // A new session for a new login: whatever session the browser had is ended first.
      await logout(db, readSessionId(request));
      const headers = { "Set-Cookie": sessionCookie(result.sessionId) };
      if (result.status === "ok") return redirect(next, { headers });
      return redirect(withLanguage("/staff/login/code", new URL(request.url).searchParams.get("lng"), { next }), { headers });
    }
    case "invalid":
      return refused("errors.invalid", 401);
    case "locked":
      return refused("errors.locked", 423, result.until.toISOString());
    case "rate-limited":
      return refused("errors.rateLimited", 429);
  }
}

export default function StaffLogin({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("staff");
  const message = useStaffMessage();
  const lng = i18n.language as Language;
  const { office } = useRootData();
  const lockedUntil = actionData?.values.lockedUntil;
  // The lockout message names the time, which the generic summary cannot; it stands alone.
  const shown = lockedUntil ? {} : (actionData?.errors ?? {});
  const summary = lockedUntil ? [{ message: t("errors.locked", { time: formatTime(lng, new Date(lockedUntil), office.timeZone) }) }] : summaryItems(shown, message);
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
      <ErrorSummary title={t("errors.summary")} errors={summary} />
      <Form method="post" noValidate className="contact-form staff-form">
        <input type="hidden" name="next" value={loaderData.next} />
        <TextField
          id="email"
          label={t("login.email")}
          type="email"
          autoComplete="username"
          ltr
          value={actionData?.values.email}
          error={shown.email ? message(shown.email) : undefined}
        />
        <TextField
          id="password"
          label={t("login.password")}
          type="password"
          autoComplete="current-password"
          ltr
          value={undefined}
          error={shown.password ? message(shown.password) : undefined}
        />
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
