import { fieldErrors, summaryItems } from "#app/lib/forms";
import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/book-waitlist";
import { BackIcon } from "#app/components/icons";
import { LocalizedLink } from "#app/components/localized-link";
import { PageTitle } from "#app/components/page-title";
import { ErrorSummary } from "#app/components/form-fields";
import { PersonFields, personAnchor } from "#app/components/person-fields";
import { bookingConfigFor, daysWithFreeSlots } from "#app/domain/booking/availability.server";
import { type ContactFields, personFormValues, waitingPersonSchema } from "#app/domain/booking/contact-schema";
import { limits } from "#app/domain/booking/fairness.server";
import { withinLimit } from "#app/lib/rate-limit.server";
import { OFFER_MINUTES, WAITLIST_URGENT_DAYS } from "#app/domain/booking/limits";
import { joinWaitlist } from "#app/domain/booking/waitlist.server";
import { serviceFor } from "#app/domain/catalogue/catalogue.server";
import { appContext } from "#app/lib/context";
import { invalid } from "#app/lib/forms.server";
import { afterLanguage } from "#app/lib/urls";
import { getLocale } from "#app/lib/i18n/middleware.server";
import { type Language, pick } from "#app/lib/i18n/languages";

// Joining the waitlist of a service: only when nothing is free (otherwise: book).
async function load(context: Route.LoaderArgs["context"], serviceId: string) {
  const app = context.get(appContext);
  const service = await serviceFor(app, serviceId);
  const config = service && (await bookingConfigFor(app, serviceId));
  if (!service || !config || config.appointment === "invitation") throw data(null, { status: 404 });
  const timesFree = (await daysWithFreeSlots(app.db, config, new Date())).size > 0;
  return { app, service, timesFree };
}

export async function loader({ context, params }: Route.LoaderArgs) {
  const { service, timesFree } = await load(context, params.serviceId);
  return { service: { id: service.id, name: service.name }, timesFree, language: getLocale(context) as Language };
}

type Errors = Partial<Record<ContactFields, string>>;

export async function action({ context, params, request }: Route.ActionArgs) {
  const { app, service, timesFree } = await load(context, params.serviceId);
  const form = await request.formData();
  const values = personFormValues(form);
  if (timesFree) return data({ values, errors: {} as Errors, timesFree: true }, { status: 409 });
  const parsed = waitingPersonSchema.safeParse(values);
  if (!parsed.success) return invalid(fieldErrors<ContactFields>(parsed.error), values);
  if (!(await withinLimit(app.db, `join:${app.clientIp}`, limits.joinPerIp))) {
    return data({ values, errors: { name: "contact.errors.tooMany" } as Errors, timesFree: false }, { status: 429 });
  }
  const { permitExpires, ...person } = parsed.data;
  const result = await joinWaitlist(app.db, service.id, person, permitExpires, app.env.publicUrl, new Date());
  if (!result.ok) {
    const error = result.reason === "already-waiting" ? "waitlist.errors.alreadyWaiting" : "contact.errors.alreadyBooked";
    return data({ values, errors: { name: error } as Errors, timesFree: false }, { status: 409 });
  }
  return redirect(afterLanguage(`/waitlist/${result.token}`, person.language, { new: 1 }));
}

export default function BookWaitlist({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("booking");
  const lng = i18n.language as Language;
  const { service } = loaderData;
  const name = pick(service.name, lng);
  const timesFree = (actionData && "timesFree" in actionData && actionData.timesFree) || loaderData.timesFree;
  const errors = actionData?.errors ?? {};
  return (
    <div className="page booking">
      <PageTitle>{t("waitlist.title", { service: name })}</PageTitle>
      <p className="back">
        <LocalizedLink to={`/book/${service.id}`}>
          <BackIcon />
          {t("waitlist.backToCalendar")}
        </LocalizedLink>
      </p>
      <h1>{t("waitlist.title", { service: name })}</h1>
      {timesFree ? (
        <div className="notice" role="status">
          <p>{t("waitlist.timesFree")}</p>
          <p>
            <LocalizedLink to={`/book/${service.id}`} className="button-link">
              {t("waitlist.toCalendar")}
            </LocalizedLink>
          </p>
        </div>
      ) : (
        <>
          <p>{t("waitlist.intro", { hours: OFFER_MINUTES / 60 })}</p>
          <p>{t("waitlist.order", { count: WAITLIST_URGENT_DAYS / 7 })}</p>
          <Form method="post" noValidate className="contact-form">
            <ErrorSummary title={t("contact.errorSummary")} errors={summaryItems(errors, t, personAnchor)} />
            <PersonFields values={actionData?.values ?? {}} errors={errors} defaultLanguage={loaderData.language} withPermitExpiry />
            <button type="submit">{t("waitlist.submit")}</button>
          </Form>
        </>
      )}
    </div>
  );
}
