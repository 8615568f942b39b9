import QRCode from "qrcode";
import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/appointment";
import { LocalizedLink } from "#app/components/localized-link";
import { OfficeAddress } from "#app/components/office-contact";
import { PageTitle } from "#app/components/page-title";
import { appointmentByToken, cancelBooking } from "#app/domain/booking/booking.server";
import { moveCookie } from "#app/domain/booking/flow-cookies.server";
import { appContext } from "#app/lib/context";
import { formatDateTime } from "#app/lib/i18n/format";
import { type Language, pick } from "#app/lib/i18n/languages";
import { useRootData } from "#app/root";
import { withLanguage } from "#app/lib/urls";

function validToken(token: string) {
  if (!/^[A-Za-z0-9_-]{22}$/.test(token)) throw data(null, { status: 404 });
  return token;
}

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { db } = context.get(appContext);
  const appointment = await appointmentByToken(db, validToken(params.token));
  if (!appointment) throw data(null, { status: 404 });
  // The QR code carries the booking code only, for check-in at the service point.
  const qr = await QRCode.toString(appointment.code, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return {
    appointment: { ...appointment, startsAt: appointment.startsAt.toISOString(), endsAt: appointment.endsAt.toISOString() },
    qr,
    isNew: new URL(request.url).searchParams.get("new") === "1",
    moved: new URL(request.url).searchParams.get("moved") === "1",
    token: params.token,
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { db } = context.get(appContext);
  const form = await request.formData();
  const token = validToken(params.token);
  if (form.get("intent") === "move") {
    // Moving goes through the calendar; the token travels in a cookie, not in the URLs.
    const appointment = await appointmentByToken(db, token);
    if (appointment?.status !== "booked") return data({ cancelled: false }, { status: 409 });
    const lng = new URL(request.url).searchParams.get("lng");
    return redirect(withLanguage(`/book/${appointment.serviceId}`, lng), {
      headers: { "Set-Cookie": await moveCookie.serialize(token) },
    });
  }
  if (form.get("intent") !== "cancel") throw data(null, { status: 400 });
  const cancelled = await cancelBooking(db, token, new Date());
  return data({ cancelled }, { status: cancelled ? 200 : 409 });
}

export default function Appointment({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("booking");
  const lng = i18n.language as Language;
  const { office } = useRootData();
  const { appointment: a, qr, isNew, moved, token } = loaderData;
  const startsAt = new Date(a.startsAt);
  const status = actionData?.cancelled ? "cancelled" : a.status;
  const service = pick(a.serviceName, lng);
  return (
    <div className="page booking appointment">
      <PageTitle>{t("appointment.title")}</PageTitle>
      {isNew && status === "booked" && (
        <div className="success-panel" role="status">
          <h1>{t("appointment.booked")}</h1>
          <p>{t(a.email ? "appointment.sentEmail" : "appointment.sentPhone")}</p>
        </div>
      )}
      {!(isNew && status === "booked") && <h1>{t("appointment.title")}</h1>}
      {moved && status === "booked" && (
        <div className="success-panel" role="status">
          <p>{t("move.done")}</p>
        </div>
      )}
      {status === "cancelled" && (
        <div className="notice" role="status">
          <p>{t("appointment.cancelled")}</p>
          <p>
            <LocalizedLink to={`/book/${a.serviceId}`}>{t("appointment.bookNew")}</LocalizedLink>
          </p>
        </div>
      )}
      <dl className="summary">
        <div>
          <dt>{t("appointment.service")}</dt>
          <dd>{service}</dd>
        </div>
        <div>
          <dt>{t("appointment.when")}</dt>
          <dd>{formatDateTime(lng, startsAt, office.timeZone)}</dd>
        </div>
        <div>
          <dt>{t("appointment.where")}</dt>
          <dd>
            <OfficeAddress office={office} />
          </dd>
        </div>
        <div>
          <dt>{t("appointment.code")}</dt>
          <dd>
            <bdi className="booking-code" dir="ltr">
              {a.code}
            </bdi>
          </dd>
        </div>
      </dl>
      {status === "booked" && (
        <>
          <section aria-labelledby="checkin-title">
            <h2 id="checkin-title">{t("appointment.checkIn")}</h2>
            <p>{t("appointment.checkInHint")}</p>
            {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the SVG is the QR code the server drew from the appointment code */}
            <div className="qr" role="img" aria-label={t("appointment.qrLabel", { code: a.code })} dangerouslySetInnerHTML={{ __html: qr }} />
          </section>
          <section aria-labelledby="bring-title">
            <h2 id="bring-title">{t("appointment.bring")}</h2>
            <p>
              <LocalizedLink to={`/services/${a.serviceId}#checklist-title`}>{t("appointment.checklistLink", { service })}</LocalizedLink>
            </p>
          </section>
          <section aria-labelledby="manage-title" className="no-print">
            <h2 id="manage-title">{t("appointment.manage")}</h2>
            <p>
              <a href={`/appointment/${token}/calendar.ics`} download="termin.ics">
                {t("appointment.addToCalendar")}
              </a>
            </p>
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="move" />
              <button type="submit" className="secondary">
                {t("move.start")}
              </button>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="cancel" />
              <button type="submit" className="warning">
                {t("appointment.cancel")}
              </button>
            </Form>
          </section>
        </>
      )}
    </div>
  );
}
