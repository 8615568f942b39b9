import { randomBytes } from "node:crypto";
import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/book-details";
import { PageTitle } from "#app/components/page-title";
import { appointmentByToken, confirmBooking, moveBooking } from "#app/domain/booking/booking.server";
import { bookingConfigFor } from "#app/domain/booking/availability.server";
import { extendHold, findHold } from "#app/domain/booking/holds.server";
import { MAX_HOLD_EXTENSIONS } from "#app/domain/booking/limits";
import { type ContactFields, contactSchema, personFormValues } from "#app/domain/booking/contact-schema";
import { moveCookie, readInvitationToken, readMoveToken } from "#app/domain/booking/flow-cookies.server";
import { limits } from "#app/domain/booking/fairness.server";
import { withinLimit } from "#app/lib/rate-limit.server";
import { holdCookie, readHoldToken } from "#app/domain/booking/hold-cookie.server";
import { personKey } from "#app/domain/booking/person";
import { composeMessage, confirmationMessage, when } from "#app/domain/booking/messages.server";
import { serviceFor } from "#app/domain/catalogue/catalogue.server";
import { appContext } from "#app/lib/context";
import { formatDateTime } from "#app/lib/i18n/format";
import { getInstance, getLocale } from "#app/lib/i18n/middleware.server";
import { type Language, pick } from "#app/lib/i18n/languages";
import { ErrorSummary } from "#app/components/form-fields";
import { PersonFields, personAnchor } from "#app/components/person-fields";
import { useRootData } from "#app/root";
import { AlreadyBooked, HeldSlot, HoldExpired } from "#app/components/booking-hold";
import { fieldErrors, summaryItems } from "#app/lib/forms";
import { invalid } from "#app/lib/forms.server";
import { afterLanguage, withLanguage } from "#app/lib/urls";

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
      return composeMessage(
        i18n,
        "booking-moved",
        moved.contact,
        ["message.moved.subject", { service: name, when: at }],
        [
          ["message.moved.body", { service: name, when: at }],
          ["message.confirmation.code", { code: moved.code }],
          ["message.confirmation.manage", { url: `${env.publicUrl}${withLanguage(`/appointment/${moveToken}`, lng)}` }],
        ],
      );
    });
    if (!result.ok) return data({ values, errors: {}, expired: true, extendedUntil: null }, { status: result.reason === "hold-expired" ? 410 : 409 });
    const headers = new Headers();
    headers.append("Set-Cookie", await holdCookie.serialize("", { maxAge: 0 }));
    headers.append("Set-Cookie", await moveCookie.serialize("", { maxAge: 0 }));
    return redirect(afterLanguage(`/appointment/${moveToken}`, result.contact.language, { moved: 1 }), { headers });
  }
  if (intent !== "confirm") throw data(null, { status: 400 });

  const parsed = contactSchema.safeParse({ ...values, idempotencyKey });
  if (!parsed.success) {
    const errors = fieldErrors<ContactFields>(parsed.error);
    if (Object.keys(errors).length === 1 && "idempotencyKey" in errors) throw data(null, { status: 400 });
    return invalid(errors, values);
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
      return data(
        { values, errors: { name: "contact.errors.invitationUsed" } as Partial<Record<ContactFields, string>>, expired: false, extendedUntil: null },
        { status: 409 },
      );
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
      ? afterLanguage(`/appointment/${result.manageToken}`, contact.language, { new: 1 })
      : afterLanguage(`/book/${params.serviceId}/sent`, contact.language, { code: result.code }),
    { headers },
  );
}

export default function BookDetails({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("booking");
  const lng = i18n.language as Language;
  const { service, hold, idempotencyKey, moving } = loaderData;
  const { office } = useRootData();
  const values = actionData?.values ?? {};
  const errors = (actionData?.errors ?? {}) as Partial<Record<ContactFields, string>>;
  const refusal = actionData && "expired" in actionData ? actionData : null;

  if (!hold && errors.name === "contact.errors.alreadyBooked") return <AlreadyBooked serviceId={service.id} message={errors.name} />;
  if (!hold || refusal?.expired) return <HoldExpired serviceId={service.id} />;
  const tz = office.timeZone;
  const startsAt = new Date(hold.startsAt);
  return (
    <div className="page booking">
      <PageTitle>{t(moving ? "move.title" : "details.title")}</PageTitle>
      <p className="eyebrow">{pick(service.name, lng)}</p>
      <h1>{t(moving ? "move.title" : "details.title")}</h1>
      <HeldSlot
        startsAt={startsAt}
        expiresAt={new Date(refusal?.extendedUntil ?? hold.expiresAt)}
        timeZone={tz}
        canExtend={Boolean(refusal?.extendedUntil) || hold.extensions < MAX_HOLD_EXTENSIONS}
      />
      {moving ? (
        <Form method="post" className="contact-form">
          <input type="hidden" name="intent" value="move" />
          <p>{t("move.from", { when: formatDateTime(lng, new Date(moving.startsAt), tz) })}</p>
          <p>{t("move.to", { when: formatDateTime(lng, startsAt, tz) })}</p>
          <button type="submit">{t("move.confirm")}</button>
        </Form>
      ) : (
        <Form method="post" noValidate className="contact-form">
          <ErrorSummary title={t("contact.errorSummary")} errors={summaryItems(errors, t, personAnchor)} />
          <input type="hidden" name="intent" value="confirm" />
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          <PersonFields values={values} errors={errors} defaultLanguage={loaderData.language} />
          <button type="submit">{t("contact.submit")}</button>
        </Form>
      )}
    </div>
  );
}
