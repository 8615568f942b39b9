import type { Route } from "./+types/appointment-ics";
import { data } from "react-router";
import { appointmentByToken } from "#app/domain/booking/booking.server";
import { officeInfoFor } from "#app/domain/catalogue/catalogue.server";
import { appContext } from "#app/lib/context";
import { getLocale } from "#app/lib/i18n/middleware.server";
import { type Language, pick } from "#app/lib/i18n/languages";

/** The appointment as an iCalendar file (RFC 5545) for the phone's calendar. */
export async function loader({ context, params }: Route.LoaderArgs) {
  const { db } = context.get(appContext);
  if (!/^[A-Za-z0-9_-]{22}$/.test(params.token)) throw data(null, { status: 404 });
  const a = await appointmentByToken(db, params.token);
  const info = await officeInfoFor(context.get(appContext), new Date());
  if (!a || !info || a.status !== "booked") throw data(null, { status: 404 });
  const lng = getLocale(context) as Language;
  const stamp = (d: Date) =>
    d
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d{3}/, "");
  const escapeText = (s: string) => s.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\n/g, "\\n");
  const { office } = info;
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Lotse//Appointments//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${a.code}@lotse`,
    `DTSTAMP:${stamp(new Date())}`,
    `DTSTART:${stamp(a.startsAt)}`,
    `DTEND:${stamp(a.endsAt)}`,
    `SUMMARY:${escapeText(`${pick(a.serviceName, lng)} – ${office.name}`)}`,
    `LOCATION:${escapeText(`${office.name}, ${office.street}, ${office.postcode} ${office.city}`)}`,
    `DESCRIPTION:${escapeText(a.code)}`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return new Response(`${lines.join("\r\n")}\r\n`, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="termin.ics"',
      "Cache-Control": "private, no-store",
    },
  });
}
