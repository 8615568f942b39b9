import { randomBytes } from "node:crypto";
import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/book-details";
import { LocalizedLink } from "~/components/localized-link";
import { PageTitle } from "~/components/page-title";
import { bookingConfig, confirmBooking, extendHold, findHold } from "~/domain/booking/booking.server";
import { HOLD_MINUTES, MAX_HOLD_EXTENSIONS } from "~/domain/booking/limits";
import { contactErrors, type ContactFields, contactSchema } from "~/domain/booking/contact-schema";
import { limits, withinLimit } from "~/domain/booking/fairness.server";
import { holdCookie, readHoldToken } from "~/domain/booking/hold-cookie.server";
import { personKey } from "~/domain/booking/person";
import { confirmationMessage } from "~/domain/booking/messages.server";
import { getService } from "~/domain/catalogue/catalogue.server";
import { appContext } from "~/lib/context";
import { formatDate, formatTime } from "~/lib/i18n/format";
import { getInstance, getLocale } from "~/lib/i18n/middleware.server";
import { type Language, languages, nativeNames, pick } from "~/lib/i18n/languages";
import { useRootData } from "~/root";

async function heldSlot(context: Route.LoaderArgs["context"], request: Request, serviceId: string) {
  const { db, env } = context.get(appContext);
  const token = await readHoldToken(request);
  const hold = token ? await findHold(db, token, new Date()) : null;
  const service = await getService(db, serviceId);
  if (!service) throw data(null, { status: 404 });
  return { db, env, token, hold: hold && hold.serviceId === serviceId ? hold : null, service };
}

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { hold, service } = await heldSlot(context, request, params.serviceId);
  return {
    service: { id: service.id, name: service.name },
    hold: hold && { startsAt: hold.startsAt.toISOString(), expiresAt: hold.expiresAt.toISOString(), extensions: hold.extensions },
    idempotencyKey: randomBytes(16).toString("base64url"),
    language: getLocale(context) as Language,
  };
}

type FormValues = Partial<Record<"name" | "birthDay" | "birthMonth" | "birthYear" | "email" | "phone" | "language", string>>;

export async function action({ context, params, request }: Route.ActionArgs) {
  const { db, env, token, hold, service } = await heldSlot(context, request, params.serviceId);
  const form = await request.formData();
  const intent = form.get("intent");
  const values = Object.fromEntries(
    ["name", "birthDay", "birthMonth", "birthYear", "email", "phone", "language"].map((k) => [k, String(form.get(k) ?? "")]),
  ) as FormValues;
  const idempotencyKey = String(form.get("idempotencyKey") ?? "");
  if (!token || !hold) return data({ values, errors: {}, expired: true, extendedUntil: null }, { status: 410 });

  if (intent === "extend") {
    const until = await extendHold(db, token, new Date());
    return data({ values, errors: {}, expired: false, extendedUntil: until?.toISOString() ?? null }, { status: until ? 200 : 409 });
  }
  if (intent !== "confirm") throw data(null, { status: 400 });

  const parsed = contactSchema.safeParse({ ...values, idempotencyKey });
  if (!parsed.success) {
    const errors = contactErrors(parsed.error);
    if (Object.keys(errors).length === 1 && "idempotencyKey" in errors) throw data(null, { status: 400 });
    return data({ values, errors, expired: false, extendedUntil: null }, { status: 422 });
  }
  const contact = parsed.data;
  if (!(await withinLimit(db, `confirm:${personKey(contact.name, contact.birthDate)}`, limits.confirmPerPerson))) {
    return data({ values, errors: { name: "contact.errors.tooMany" } as Partial<Record<ContactFields, string>>, expired: false, extendedUntil: null }, { status: 429 });
  }
  const i18n = getInstance(context);
  const timeZone = (await bookingConfig(db, params.serviceId))?.rules.timeZone ?? "Europe/Berlin";
  const result = await confirmBooking(db, token, contact, contact.idempotencyKey, new Date(), (booked) =>
    confirmationMessage(i18n, env.publicUrl, { ...booked, serviceName: service.name, timeZone, contact }),
  );
  if (!result.ok) {
    if (result.reason === "hold-expired") return data({ values, errors: {}, expired: true, extendedUntil: null }, { status: 410 });
    return data(
      { values, errors: { name: "contact.errors.alreadyBooked" } as Partial<Record<ContactFields, string>>, expired: false, extendedUntil: null },
      { status: 409 },
    );
  }
  const headers = new Headers({ "Set-Cookie": await holdCookie.serialize("", { maxAge: 0 }) });
  // A replayed confirmation does not know the manage token again; the message has the link.
  return redirect(
    result.manageToken
      ? `/appointment/${result.manageToken}?lng=${contact.language}&new=1`
      : `/book/${params.serviceId}/sent?lng=${contact.language}&code=${result.code}`,
    { headers },
  );
}

const textFields = [
  { key: "name", type: "text", autoComplete: "name", ltr: false },
  { key: "email", type: "email", autoComplete: "email", ltr: true },
  { key: "phone", type: "tel", autoComplete: "tel", ltr: true },
] as const;

const dateParts = [
  ["birthDay", "day", 2, "bday-day"],
  ["birthMonth", "month", 2, "bday-month"],
  ["birthYear", "year", 4, "bday-year"],
] as const;

export default function BookDetails({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("booking");
  const lng = i18n.language as Language;
  const { service, hold, idempotencyKey } = loaderData;
  const { office } = useRootData();
  const name = pick(service.name, lng);
  const values = actionData?.values ?? {};
  const errors = (actionData?.errors ?? {}) as Partial<Record<ContactFields, string>>;
  const errorKeys = Object.keys(errors) as ContactFields[];

  if (!hold || actionData?.expired) {
    return (
      <div className="page booking">
        <PageTitle>{t("details.expiredTitle")}</PageTitle>
        <h1>{t("details.expiredTitle")}</h1>
        <p>{t("details.expiredBody")}</p>
        <p>
          <LocalizedLink to={`/book/${service.id}`} className="button-link">
            {t("details.chooseAgain")}
          </LocalizedLink>
        </p>
      </div>
    );
  }
  const tz = office.timeZone;
  const startsAt = new Date(hold.startsAt);
  const expiresAt = new Date(actionData?.extendedUntil ?? hold.expiresAt);
  const field = (key: ContactFields) => ({
    "aria-invalid": errors[key] ? true : undefined,
    "aria-describedby": [`${key}-hint`, errors[key] ? `${key}-error` : null].filter(Boolean).join(" "),
  });
  const textField = ({ key, type, autoComplete, ltr }: (typeof textFields)[number]) => (
    <div key={key} className={errors[key] ? "field field-error" : "field"}>
      <label htmlFor={key}>{t(`contact.${key}`)}</label>
      <p className="hint" id={`${key}-hint`}>
        {t(`contact.${key}Hint`)}
      </p>
      {errorText(key)}
      <input id={key} name={key} type={type} autoComplete={autoComplete} dir={ltr ? "ltr" : undefined} defaultValue={values[key]} {...field(key)} />
    </div>
  );
  const errorText = (key: ContactFields) =>
    errors[key] ? (
      <p className="error-message" id={`${key}-error`}>
        {t(errors[key]!)}
      </p>
    ) : null;

  return (
    <div className="page booking">
      <PageTitle>{t("details.title")}</PageTitle>
      <p className="eyebrow">{name}</p>
      <h1>{t("details.title")}</h1>

      <section className="held" aria-labelledby="held-title">
        <h2 id="held-title">{t("details.heldTitle")}</h2>
        <p className="held-time">
          {formatDate(lng, startsAt, tz)}, {formatTime(lng, startsAt, tz)}
        </p>
        <p>{t("details.heldUntil", { time: formatTime(lng, expiresAt, tz) })}</p>
        <p
          className="countdown js-only"
          hidden
          data-countdown={expiresAt.toISOString()}
          data-remaining={t("details.remaining", { time: "{{time}}" })}
          data-warning={t("details.warning")}
          data-digits={lng}
        />
        <p className="visually-hidden" aria-live="polite" data-countdown-announce="" />
        {(actionData?.extendedUntil || hold.extensions < MAX_HOLD_EXTENSIONS) && (
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="extend" />
            <button type="submit" className="secondary">
              {t("details.extend", { count: HOLD_MINUTES })}
            </button>
          </Form>
        )}
      </section>

      <Form method="post" noValidate className="contact-form">
        {errorKeys.length > 0 && (
          <div className="error-summary" role="alert" tabIndex={-1}>
            <h2>{t("contact.errorSummary")}</h2>
            <ul>
              {errorKeys.map((key) => (
                <li key={key}>
                  <a href={`#${key === "birthDate" ? "birthDay" : key}`}>{t(errors[key]!)}</a>
                </li>
              ))}
            </ul>
          </div>
        )}
        <input type="hidden" name="intent" value="confirm" />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />

        {textField(textFields[0])}

        <fieldset className={errors.birthDate ? "field field-error" : "field"} aria-describedby={field("birthDate")["aria-describedby"]}>
          <legend>{t("contact.birthDate")}</legend>
          <p className="hint" id="birthDate-hint">
            {t("contact.birthDateHint")}
          </p>
          {errorText("birthDate")}
          <div className="date-input" dir="ltr">
            {dateParts.map(([key, label, length, autoComplete]) => (
              <div key={key}>
                <label htmlFor={key}>{t(`contact.${label}`)}</label>
                <input
                  id={key}
                  name={key}
                  inputMode="numeric"
                  autoComplete={autoComplete}
                  maxLength={length}
                  size={length}
                  defaultValue={values[key]}
                  aria-invalid={errors.birthDate ? true : undefined}
                />
              </div>
            ))}
          </div>
        </fieldset>

        {textFields.slice(1).map(textField)}

        <div className="field">
          <label htmlFor="language">{t("contact.language")}</label>
          <p className="hint" id="language-hint">
            {t("contact.languageHint")}
          </p>
          <select id="language" name="language" defaultValue={values.language ?? loaderData.language} aria-describedby="language-hint">
            {languages.map((l) => (
              <option key={l} value={l} lang={l}>
                {nativeNames[l]}
              </option>
            ))}
          </select>
        </div>

        <button type="submit">{t("contact.submit")}</button>
      </Form>
    </div>
  );
}
