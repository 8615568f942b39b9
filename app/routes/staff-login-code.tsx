import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/staff-login-code";
import { LocalizedLink } from "#app/components/localized-link";
import { PageTitle } from "#app/components/page-title";
import { ErrorSummary, TextField } from "#app/components/staff-form";
import {
  assertSameOrigin,
  clearSessionCookie,
  hasPendingSession,
  readSessionId,
  sessionCookie,
  verifySecondFactor,
} from "#app/domain/staff/auth.server";
import { safeNext } from "#app/domain/staff/roles";
import { fieldErrors } from "#app/lib/forms";
import { codeSchema } from "#app/domain/staff/schemas";
import { appContext } from "#app/lib/context";
import { formatTime } from "#app/lib/i18n/format";
import type { Language } from "#app/lib/i18n/languages";
import { useRootData } from "#app/root";

export function headers() {
  return { "Cache-Control": "no-store" };
}

function loginAgain(request: Request, next: string): string {
  const lng = new URL(request.url).searchParams.get("lng");
  return `/staff/login?${new URLSearchParams({ next, ...(lng ? { lng } : {}) })}`;
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const { db } = context.get(appContext);
  const next = safeNext(new URL(request.url).searchParams.get("next") ?? "/staff");
  const sessionId = readSessionId(request);
  if (!sessionId || !(await hasPendingSession(db, sessionId))) throw redirect(loginAgain(request, next));
  return { next };
}

type ActionData = { errors: Record<string, string>; lockedUntil: string | null; expired: boolean };

export async function action({ context, request }: Route.ActionArgs) {
  assertSameOrigin(request);
  const { db, clientIp } = context.get(appContext);
  const form = await request.formData();
  const next = safeNext(form.get("next"));
  const parsed = codeSchema.safeParse({ code: form.get("code") });
  if (!parsed.success) return data<ActionData>({ errors: fieldErrors(parsed.error), lockedUntil: null, expired: false }, { status: 422 });
  const sessionId = readSessionId(request);
  const result = sessionId ? await verifySecondFactor(db, { sessionId, code: parsed.data.code, ip: clientIp }) : ({ status: "expired" } as const);
  switch (result.status) {
    case "ok":
      return redirect(next, { headers: { "Set-Cookie": sessionCookie(result.sessionId) } });
    case "invalid":
      return data<ActionData>({ errors: { code: "errors.codeInvalid" }, lockedUntil: null, expired: false }, { status: 401 });
    case "expired":
      return data<ActionData>({ errors: {}, lockedUntil: null, expired: true }, { status: 410, headers: { "Set-Cookie": clearSessionCookie() } });
    case "locked":
      return data<ActionData>(
        { errors: {}, lockedUntil: result.until.toISOString(), expired: false },
        { status: 423, headers: { "Set-Cookie": clearSessionCookie() } },
      );
    case "rate-limited":
      return data<ActionData>({ errors: { code: "errors.rateLimited" }, lockedUntil: null, expired: false }, { status: 429 });
  }
}

export default function StaffLoginCode({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("staff");
  const lng = i18n.language as Language;
  const { office } = useRootData();
  const restart = (
    <p className="restart">
      <LocalizedLink to={`/staff/login?next=${encodeURIComponent(loaderData.next)}`}>{t("code.restart")}</LocalizedLink>
    </p>
  );
  if (actionData?.expired || actionData?.lockedUntil) {
    return (
      <div className="page staff-login">
        <PageTitle>{t("code.title")}</PageTitle>
        <h1>{t("code.title")}</h1>
        <div className="error-summary" role="alert" tabIndex={-1}>
          <h2>{t("errors.summary")}</h2>
          <p>
            {actionData.lockedUntil
              ? t("errors.locked", { time: formatTime(lng, new Date(actionData.lockedUntil), office.timeZone) })
              : t("errors.codeExpired")}
          </p>
        </div>
        {restart}
      </div>
    );
  }
  const errors = actionData?.errors ?? {};
  return (
    <div className="page staff-login">
      <PageTitle>{t("code.title")}</PageTitle>
      <h1>{t("code.title")}</h1>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate className="contact-form staff-form">
        <input type="hidden" name="next" value={loaderData.next} />
        <TextField
          name="code"
          label={t("code.label")}
          hint={t("code.hint")}
          autoComplete="one-time-code"
          inputMode="numeric"
          ltr
          error={errors.code}
        />
        <button type="submit">{t("code.submit")}</button>
      </Form>
      {restart}
    </div>
  );
}
