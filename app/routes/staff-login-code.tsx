import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/staff-login-code";
import { LocalizedLink } from "#app/components/localized-link";
import { PageTitle } from "#app/components/page-title";
import { ErrorSummary, TextField } from "#app/components/form-fields";
import { useStaffMessage } from "#app/components/use-staff";
import { assertSameOrigin, clearSessionCookie, hasPendingSession, readSessionId, sessionCookie, verifySecondFactor } from "#app/domain/staff/auth.server";
import { safeNext } from "#app/domain/staff/roles";
import { fieldErrors, type FormReply, summaryItems } from "#app/lib/forms";
import { invalid } from "#app/lib/forms.server";
import { codeSchema } from "#app/domain/staff/schemas";
import { appContext } from "#app/lib/context";
import { formatTime } from "#app/lib/i18n/format";
import type { Language } from "#app/lib/i18n/languages";
import { withLanguage } from "#app/lib/urls";
import { useRootData } from "#app/root";

export function headers() {
  return { "Cache-Control": "no-store" };
}

function loginAgain(request: Request, next: string): string {
  return withLanguage("/staff/login", new URL(request.url).searchParams.get("lng"), { next });
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const { db } = context.get(appContext);
  const next = safeNext(new URL(request.url).searchParams.get("next") ?? "/staff");
  const sessionId = readSessionId(request);
  if (!sessionId || !(await hasPendingSession(db, sessionId))) throw redirect(loginAgain(request, next));
  return { next };
}

/** Besides wrong input: the login expired, or the account is locked until a time. */
type Values = { lockedUntil: string | null; expired: boolean };
const refused = (errors: FormReply["errors"], values: Values, init: ResponseInit) => data<FormReply<Values>>({ ok: false, errors, values }, init);

export async function action({ context, request }: Route.ActionArgs) {
  assertSameOrigin(request);
  const { db, clientIp } = context.get(appContext);
  const form = await request.formData();
  const next = safeNext(form.get("next"));
  const parsed = codeSchema.safeParse({ code: form.get("code") });
  if (!parsed.success) return invalid<Values>(fieldErrors(parsed.error), { lockedUntil: null, expired: false });
  const sessionId = readSessionId(request);
  const result = sessionId ? await verifySecondFactor(db, { sessionId, code: parsed.data.code, ip: clientIp }) : ({ status: "expired" } as const);
  switch (result.status) {
    case "ok":
      return redirect(next, { headers: { "Set-Cookie": sessionCookie(result.sessionId) } });
    case "invalid":
      return refused({ code: "errors.codeInvalid" }, { lockedUntil: null, expired: false }, { status: 401 });
    case "expired":
      return refused({}, { lockedUntil: null, expired: true }, { status: 410, headers: { "Set-Cookie": clearSessionCookie() } });
    case "locked":
      return refused({}, { lockedUntil: result.until.toISOString(), expired: false }, { status: 423, headers: { "Set-Cookie": clearSessionCookie() } });
    case "rate-limited":
      return refused({ code: "errors.rateLimited" }, { lockedUntil: null, expired: false }, { status: 429 });
  }
}

export default function StaffLoginCode({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("staff");
  const message = useStaffMessage();
  const lng = i18n.language as Language;
  const { office } = useRootData();
  const restart = (
    <p className="restart">
      <LocalizedLink to={withLanguage("/staff/login", null, { next: loaderData.next })}>{t("code.restart")}</LocalizedLink>
    </p>
  );
  const ended = actionData?.values;
  if (ended?.expired || ended?.lockedUntil) {
    const text = ended.lockedUntil ? t("errors.locked", { time: formatTime(lng, new Date(ended.lockedUntil), office.timeZone) }) : t("errors.codeExpired");
    return (
      <div className="page staff-login">
        <PageTitle>{t("code.title")}</PageTitle>
        <h1>{t("code.title")}</h1>
        <ErrorSummary title={t("errors.summary")} errors={[{ message: text }]} />
        {restart}
      </div>
    );
  }
  const errors = actionData?.errors ?? {};
  return (
    <div className="page staff-login">
      <PageTitle>{t("code.title")}</PageTitle>
      <h1>{t("code.title")}</h1>
      <ErrorSummary title={t("errors.summary")} errors={summaryItems(errors, message)} />
      <Form method="post" noValidate className="contact-form staff-form">
        <input type="hidden" name="next" value={loaderData.next} />
        <TextField
          id="code"
          label={t("code.label")}
          hint={t("code.hint")}
          autoComplete="one-time-code"
          inputMode="numeric"
          ltr
          value={undefined}
          error={errors.code ? message(errors.code) : undefined}
        />
        <button type="submit">{t("code.submit")}</button>
      </Form>
      {restart}
    </div>
  );
}
