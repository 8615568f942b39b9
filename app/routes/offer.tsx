import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/offer";
import { LocalizedLink } from "#app/components/localized-link";
import { OfficeAddress } from "#app/components/office-contact";
import { PageTitle } from "#app/components/page-title";
import { claimOffer, declineOffer, offerByToken } from "#app/domain/booking/waitlist-offers.server";
import { appContext } from "#app/lib/context";
import { formatDateTime } from "#app/lib/i18n/format";
import { type Language, pick } from "#app/lib/i18n/languages";
import { useRootData } from "#app/root";
import { afterLanguage } from "#app/lib/urls";
import { ErrorSummary } from "#app/components/form-fields";

// A waitlist offer behind its claim link: take the time, or let the next person have it.
function validToken(token: string) {
  if (!/^[A-Za-z0-9_-]{22}$/.test(token)) throw data(null, { status: 404 });
  return token;
}

export async function loader({ context, params }: Route.LoaderArgs) {
  const { db } = context.get(appContext);
  const offer = await offerByToken(db, validToken(params.token));
  if (!offer) throw data(null, { status: 404 });
  const open = offer.status === "open" && offer.expiresAt > new Date();
  return {
    offer: {
      serviceId: offer.serviceId,
      serviceName: offer.serviceName,
      startsAt: offer.startsAt.toISOString(),
      expiresAt: offer.expiresAt.toISOString(),
      timeZone: offer.timeZone,
      state: open ? "open" : offer.status === "open" ? "expired" : offer.status,
    },
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { db, env } = context.get(appContext);
  const token = validToken(params.token);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "claim") {
    const result = await claimOffer(db, token, env.publicUrl, new Date());
    if (result.ok) return redirect(afterLanguage(`/appointment/${result.manageToken}`, result.language, { new: 1 }));
    return data({ outcome: result.reason }, { status: 409 });
  }
  if (intent === "decline") {
    const declined = await declineOffer(db, token, new Date());
    return data({ outcome: declined ? ("declined" as const) : ("gone" as const) }, { status: declined ? 200 : 409 });
  }
  throw data(null, { status: 400 });
}

export default function Offer({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("booking");
  const lng = i18n.language as Language;
  const { office } = useRootData();
  const { offer } = loaderData;
  const service = pick(offer.serviceName, lng);
  const at = (iso: string) => formatDateTime(lng, new Date(iso), offer.timeZone);
  const outcome = actionData?.outcome;
  const state = outcome === "declined" ? "declined" : outcome === "gone" ? "expired" : offer.state;
  return (
    <div className="page booking">
      <PageTitle>{t("offer.title")}</PageTitle>
      <h1>{t("offer.title")}</h1>
      {outcome === "already-booked" && <ErrorSummary message={t("contact.errors.alreadyBooked")} />}
      <dl className="summary">
        <div>
          <dt>{t("appointment.service")}</dt>
          <dd>{service}</dd>
        </div>
        <div>
          <dt>{t("appointment.when")}</dt>
          <dd>{at(offer.startsAt)}</dd>
        </div>
        <div>
          <dt>{t("appointment.where")}</dt>
          <dd>
            <OfficeAddress office={office} />
          </dd>
        </div>
      </dl>
      {state === "open" ? (
        <>
          <p>{t("offer.until", { until: at(offer.expiresAt) })}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="claim" />
            <button type="submit">{t("offer.claim")}</button>
          </Form>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="decline" />
            <button type="submit" className="secondary">
              {t("offer.decline")}
            </button>
          </Form>
          <p className="hint">{t("offer.declineHint")}</p>
        </>
      ) : (
        <div className="notice" role="status">
          <p>{t(`offer.states.${state}`)}</p>
          <p>
            <LocalizedLink to={`/book/${offer.serviceId}`}>{t("waitlist.toCalendar")}</LocalizedLink>
          </p>
        </div>
      )}
    </div>
  );
}
