import { fieldErrors } from "#app/lib/forms";
import { randomBytes } from "node:crypto";
import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/book-details";
import { LocalizedLink } from "#app/components/localized-link";
import { PageTitle } from "#app/components/page-title";
import { appointmentByToken, confirmBooking, moveBooking } from "#app/domain/booking/booking.server";
import { bookingConfigFor } from "#app/domain/booking/availability.server";
import { extendHold, findHold } from "#app/domain/booking/holds.server";
import { HOLD_MINUTES, MAX_HOLD_EXTENSIONS } from "#app/domain/booking/limits";
import { type ContactFields, contactSchema, personFormValues } from "#app/domain/booking/contact-schema";
import { moveCookie, readInvitationToken, readMoveToken } from "#app/domain/booking/flow-cookies.server";
import { limits } from "#app/domain/booking/fairness.server";
import { withinLimit } from "#app/lib/rate-limit.server";
import { holdCookie, readHoldToken } from "#app/domain/booking/hold-cookie.server";
import { personKey } from "#app/domain/booking/person";
import { composeMessage, confirmationMessage, when } from "#app/domain/booking/messages.server";
import { serviceFor } from "#app/domain/catalogue/catalogue.server";
import { appContext } from "#app/lib/context";
import { formatDate, formatTime } from "#app/lib/i18n/format";
import { getInstance, getLocale } from "#app/lib/i18n/middleware.server";
import { type Language, pick } from "#app/lib/i18n/languages";
import { ErrorSummary, PersonFields } from "#app/components/person-fields";
import { useRootData } from "#app/root";

async function heldSlot(context: Route.LoaderArgs["context"], request: Request, serviceId: string) {
  const { db, env } = context.get(appContext);
  const token = await readHoldToken(request);
  const hold = token ? await findHold(db, token, new Date()) : null;
  const service = await serviceFor(context.get(appContext), serviceId);
  if (!service) throw data(null, { status: 404 });
  // Moving an appointment: the person came from its page ("move"), with its token in a cookie.
  const moveToken = await readMoveToken(request);
  const moving = moveToken ? await appointmentByToken(db, moveToken) : null;
  return {
    db,
    env,
    token,
    hold: hold && hold.serviceId === serviceId ? hold : null,
    service,
    moveToken,
    moving: moving && moving.status === "booked" && moving.serviceId === serviceId ? moving : null,
  };
}

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { hold, service, moving } = await heldSlot(context, request, params.serviceId);
  return {
    service: { id: service.id, name: service.name },
    moving: moving && { code: moving.code, startsAt: moving.startsAt.toISOString() },
    hold: hold && { startsAt: hold.startsAt.toISOString(), expiresAt: hold.expiresAt.toISOString(), extensions: hold.extensions },
    idempotencyKey: randomBytes(16).toString("base64url"),
    language: getLocale(context) as Language,
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { db, env, token, hold, service, moveToken, moving } = await heldSlot(context, request, params.serviceId);
  const form = await request.formData();
  const intent = form.get("intent");
  const values = personFormValues(form);
  const idempotencyKey = String(form.get("idempotencyKey") ?? "");
  if (!token || !hold) return data({ values, errors: {}, expired: true, extendedUntil: null }, { status: 410 });

  if (intent === "extend") {
    const until = await extendHold(db, token, new Date());
    return data({ values, errors: {}, expired: false, extendedUntil: until?.toISOString() ?? null }, { status: until ? 200 : 409 });
  }
  if (intent === "move") {
    if (!moveToken || !moving) throw data(null, { status: 400 });
    const i18n = getInstance(context);
    const result = await moveBooking(db, token, moveToken, new Date(), (moved) => {
      const lng = moved.contact.language;
      const at = when(lng, moved.startsAt, moving.timeZone);
      const name = pick(service.name, lng);
      return composeMessage(i18n, "booking-moved", moved.contact, ["message.moved.subject", { service: name, when: at }], [
        ["message.moved.body", { service: name, when: at }],
        ["message.confirmation.code", { code: moved.code }],
        ["message.confirmation.manage", { url: `${env.publicUrl}/appointment/${moveToken}?lng=${lng}` }],
      ]);
    });
    if (!result.ok) return data({ values, errors: {}, expired: true, extendedUntil: null }, { status: result.reason === "hold-expired" ? 410 : 409 });
    const headers = new Headers();
    headers.append("Set-Cookie", await holdCookie.serialize("", { maxAge: 0 }));
    headers.append("Set-Cookie", await moveCookie.serialize("", { maxAge: 0 }));
    return redirect(`/appointment/${moveToken}?lng=${result.contact.language}&moved=1`, { headers });
  }
  if (intent !== "confirm") throw data(null, { status: 400 });

  const parsed = contactSchema.safeParse({ ...values, idempotencyKey });
  if (!parsed.success) {
    const errors = fieldErrors<ContactFields>(parsed.error);
    if (Object.keys(errors).length === 1 && "idempotencyKey" in errors) throw data(null, { status: 400 });
    return data({ values, errors, expired: false, extendedUntil: null }, { status: 422 });
  }
  const contact = parsed.data;
  if (!(await withinLimit(db, `confirm:${personKey(contact.name, contact.birthDate)}`, limits.confirmPerPerson))) {
    return data({ values, errors: { name: "contact.errors.tooMany" } as Partial<Record<ContactFields, string>>, expired: false, extendedUntil: null }, { status: 429 });
  }
  const i18n = getInstance(context);
  const timeZone = (await bookingConfigFor(context.get(appContext), params.serviceId))?.rules.timeZone ?? "Europe/Berlin";
  // Invitation-only services: the invitation is used up by this booking, in its transaction.
  const invitation = service.appointment === "invitation" ? await readInvitationToken(request) : undefined;
  if (service.appointment === "invitation" && !invitation) throw data(null, { status: 403 });
  const result = await confirmBooking(
    db,
    token,
    contact,
    contact.idempotencyKey,
    new Date(),
    (booked) => confirmationMessage(i18n, env.publicUrl, { ...booked, serviceName: service.name, timeZone, contact }),
    invitation ?? undefined,
  );
  if (!result.ok) {
    if (result.reason === "hold-expired") return data({ values, errors: {}, expired: true, extendedUntil: null }, { status: 410 });
    if (result.reason === "invitation-invalid") {
      return data({ values, errors: { name: "contact.errors.invitationUsed" } as Partial<Record<ContactFields, string>>, expired: false, extendedUntil: null }, { status: 409 });
    }
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

export default function BookDetails({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("booking");
  const lng = i18n.language as Language;
  const { service, hold, idempotencyKey, moving } = loaderData;
  const { office } = useRootData();
  const name = pick(service.name, lng);
  const values = actionData?.values ?? {};
  const errors = (actionData?.errors ?? {}) as Partial<Record<ContactFields, string>>;

  // Refused because the person already has an appointment: their held place went back to
  // others at once, so there is no hold any more; the page says why and where to go instead.
  if (!hold && errors.name === "contact.errors.alreadyBooked") {
    return (
      <div className="page booking">
        <PageTitle>{t("details.title")}</PageTitle>
        <h1>{t("details.title")}</h1>
        <div className="error-summary" role="alert" tabIndex={-1}>
          <h2>{t("contact.errorSummary")}</h2>
          <p>{t(errors.name)}</p>
        </div>
        <p>
          <LocalizedLink to={`/book/${service.id}`}>{t("details.chooseAgain")}</LocalizedLink>
        </p>
      </div>
    );
  }
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
  return (
    <div className="page booking">
      <PageTitle>{t(moving ? "move.title" : "details.title")}</PageTitle>
      <p className="eyebrow">{name}</p>
      <h1>{t(moving ? "move.title" : "details.title")}</h1>

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

      {moving ? (
        <Form method="post" className="contact-form">
          <input type="hidden" name="intent" value="move" />
          <p>
            {t("move.from", { when: `${formatDate(lng, new Date(moving.startsAt), tz)}, ${formatTime(lng, new Date(moving.startsAt), tz)}` })}
          </p>
          <p>{t("move.to", { when: `${formatDate(lng, startsAt, tz)}, ${formatTime(lng, startsAt, tz)}` })}</p>
          <button type="submit">{t("move.confirm")}</button>
        </Form>
      ) : (
        <Form method="post" noValidate className="contact-form">
          <ErrorSummary errors={errors} />
          <input type="hidden" name="intent" value="confirm" />
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          <PersonFields values={values} errors={errors} defaultLanguage={loaderData.language} />
          <button type="submit">{t("contact.submit")}</button>
        </Form>
      )}
    </div>
  );
}
