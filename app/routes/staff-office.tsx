// The office settings: opening hours per unit and weekday, slot settings per service, closed days.
import { useTranslation } from "react-i18next";
import { data, redirect } from "react-router";
import type { Route } from "./+types/staff-office";
import { ClosuresSection } from "#app/components/office/closures-section";
import { HoursSection } from "#app/components/office/hours-section";
import { OfficeNoticePanel } from "#app/components/office/office-notice";
import { OFFICE_PATH } from "#app/components/office/office-path";
import { SlotsSection } from "#app/components/office/slots-section";
import { ErrorSummary } from "#app/components/form-fields";
import { PageTitle } from "#app/components/page-title";
import { allow } from "#app/domain/access/guard.server";
import { closureMessage } from "#app/domain/booking/closure-message.server";
import { readOfficeNotice } from "#app/domain/booking/office-notices";
import {
  badRequest,
  closureRefusals,
  hoursRefusals,
  type OfficeReply,
  officeRefusal,
  type Refusal,
  removeClosureRefusals,
  slotsRefusals,
} from "#app/domain/booking/office-refusals";
import { officeActionInput, officeActionSchema, officeFieldErrors } from "#app/domain/booking/office-schemas";
import {
  addClosure,
  listSlotSettings,
  listUnits,
  openingHoursOf,
  removeClosure,
  setWeekdayHours,
  updateSlotSettings,
  upcomingClosures,
} from "#app/domain/booking/office-hours.server";
import { officeTimeZone } from "#app/domain/booking/service-point.server";
import { dayIn } from "#app/domain/booking/slots";
import { appContext } from "#app/lib/context";
import { invalid } from "#app/lib/forms.server";
import { getInstance } from "#app/lib/i18n/middleware.server";
import { type Language, pick } from "#app/lib/i18n/languages";
import { withLanguage } from "#app/lib/urls";
import stylesheet from "#app/styles/service-point.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const staff = allow(context, "office:configure");
  const { db } = context.get(appContext);
  const now = new Date();
  const params = new URL(request.url).searchParams;
  const [units, slots, closures, timeZone] = await Promise.all([listUnits(db), listSlotSettings(db), upcomingClosures(db, now), officeTimeZone(db)]);
  // The hours shown: the chosen unit ("" = the building's public hours), else the member's own unit.
  const chosen = params.get("unit");
  const hoursUnit =
    chosen === ""
      ? ""
      : chosen && units.some((u) => u.id === chosen)
        ? chosen
        : (staff.unitId ?? units.find((u) => u.kind === "service_point")?.id ?? units[0]?.id ?? "");
  const weekday = Number(params.get("weekday"));
  const editService = params.get("service");
  return {
    units,
    hoursUnit,
    hours: await openingHoursOf(db, hoursUnit === "" ? null : hoursUnit),
    editWeekday: Number.isInteger(weekday) && weekday >= 1 && weekday <= 7 ? weekday : null,
    slots,
    editService: editService && slots.some((s) => s.serviceId === editService) && !params.get("saved") ? editService : null,
    closures,
    today: dayIn(now, timeZone),
    notice: readOfficeNotice(params),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  allow(context, "office:configure");
  const { db, env } = context.get(appContext);
  const { values, input } = officeActionInput(await request.formData());
  const refused = (refusal: Refusal) => {
    const { reply, status } = officeRefusal(refusal, values);
    return data(reply, { status });
  };
  const parsed = officeActionSchema.safeParse(input);
  if (!parsed.success) {
    const errors = officeFieldErrors(parsed.error);
    return errors.intent ? refused(badRequest) : invalid(errors, values);
  }
  // Back to the page's section, saying what was saved, in an explicitly chosen language.
  const back = (hash: string, params: Record<string, string | number>) =>
    redirect(withLanguage(`${OFFICE_PATH}#${hash}`, new URL(request.url).searchParams.get("lng"), params));
  const form = parsed.data;
  const now = new Date();
  switch (form.intent) {
    case "hours": {
      const result = await setWeekdayHours(db, form.unitId, form.weekday, form.ranges);
      if (!result.ok) return refused(hoursRefusals[result.reason]);
      return back("hours", { unit: form.unitId ?? "", saved: "hours", weekday: form.weekday });
    }
    case "slots": {
      const { intent: _, ...settings } = form;
      const result = await updateSlotSettings(db, settings, now);
      if (!result.ok) return refused(slotsRefusals[result.reason]);
      return back("slots", { saved: "slots", service: form.serviceId });
    }
    case "close": {
      const { intent: _, ...closure } = form;
      const i18n = getInstance(context);
      const result = await addClosure(db, closure, now, (a) => closureMessage(i18n, env.publicUrl, a));
      if (result.ok) return back("closures", { saved: "closed", day: form.day, closureUnit: form.unitId ?? "", cancelled: result.cancelled });
      if (result.reason === "confirm") {
        return data<OfficeReply>({ ok: false, errors: {}, values, confirm: { day: form.day, unitId: form.unitId, note: form.note, booked: result.booked } });
      }
      return refused(closureRefusals[result.reason]);
    }
    case "remove-closure": {
      const result = await removeClosure(db, form.closureId, now);
      return result.ok ? back("closures", { saved: "removed" }) : refused(removeClosureRefusals[result.reason]);
    }
  }
}

export default function StaffOffice({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("servicepoint");
  const lng = i18n.language as Language;
  const { units, hoursUnit, hours, editWeekday, slots, editService, closures, today, notice } = loaderData;
  const reply: OfficeReply | undefined = actionData;
  const unitName = (id: string | null) => {
    if (id === null) return t("closures.wholeOffice");
    const unit = units.find((u) => u.id === id);
    return unit ? pick(unit.name, lng) : id;
  };
  const hoursUnitName = hoursUnit === "" ? t("hours.building") : unitName(hoursUnit);
  const serviceName = (id: string) => {
    const s = slots.find((x) => x.serviceId === id);
    return s ? pick(s.serviceName, lng) : id;
  };

  return (
    <>
      <PageTitle>{t("office.title")}</PageTitle>
      <div className="office-settings">
        <h1>{t("office.title")}</h1>
        <nav aria-label={t("office.sections")} className="sp-toc">
          <ul>
            <li>
              <a href="#hours">{t("hours.title")}</a>
            </li>
            <li>
              <a href="#slots">{t("slots.title")}</a>
            </li>
            <li>
              <a href="#closures">{t("closures.title")}</a>
            </li>
          </ul>
        </nav>
        {reply?.errors.intent && <ErrorSummary title={t("errors.summary")} errors={[{ message: t(reply.errors.intent) }]} />}
        {notice && <OfficeNoticePanel notice={notice} hoursUnitName={hoursUnitName} unitName={unitName} serviceName={serviceName} />}
        <HoursSection units={units} hoursUnit={hoursUnit} hoursUnitName={hoursUnitName} hours={hours} editWeekday={editWeekday} reply={reply} />
        <SlotsSection slots={slots} editService={editService} reply={reply} />
        <ClosuresSection units={units} closures={closures} today={today} unitName={unitName} reply={reply} />
      </div>
    </>
  );
}
