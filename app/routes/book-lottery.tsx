import { fieldErrors, summaryItems } from "#app/lib/forms";
import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/book-lottery";
import { BackIcon } from "#app/components/icons";
import { LocalizedLink } from "#app/components/localized-link";
import { PageTitle } from "#app/components/page-title";
import { ErrorSummary } from "#app/components/form-fields";
import { PersonFields, personAnchor } from "#app/components/person-fields";
import { type ContactFields, personFormValues, waitingPersonSchema } from "#app/domain/booking/contact-schema";
import { limits } from "#app/domain/booking/fairness.server";
import { withinLimit } from "#app/lib/rate-limit.server";
import { requestInRound, roundById } from "#app/domain/booking/lottery.server";
import { appContext } from "#app/lib/context";
import { invalid } from "#app/lib/forms.server";
import { afterLanguage } from "#app/lib/urls";
import { formatDateTime, formatDay } from "#app/lib/i18n/format";
import { getLocale } from "#app/lib/i18n/middleware.server";
import { type Language, pick } from "#app/lib/i18n/languages";

// Asking for an appointment in an open fair-release round. No proof of work and no rush: the
// draw after the window decides, so being fast gives nothing.
async function load(context: Route.LoaderArgs["context"], params: Route.LoaderArgs["params"]) {
  const app = context.get(appContext);
  if (!/^\d{1,9}$/.test(params.roundId)) throw data(null, { status: 404 });
  const found = await roundById(app.db, Number(params.roundId));
  if (!found || found.round.serviceId !== params.serviceId) throw data(null, { status: 404 });
  return { app, ...found };
}

export async function loader({ context, params }: Route.LoaderArgs) {
  const { round, serviceName, timeZone } = await load(context, params);
  const now = new Date();
  return {
    round: {
      id: round.id,
      serviceId: round.serviceId,
      open: round.status === "open" && round.windowOpensAt <= now && now < round.windowClosesAt,
      opensAt: round.windowOpensAt.toISOString(),
      closesAt: round.windowClosesAt.toISOString(),
      from: round.slotsFrom,
      to: round.slotsTo,
      urgentDays: round.urgentWithinDays,
      urgentShare: round.urgentSharePercent,
    },
    serviceName,
    timeZone,
    language: getLocale(context) as Language,
  };
}

type Errors = Partial<Record<ContactFields, string>>;

export async function action({ context, params, request }: Route.ActionArgs) {
  const { app, round } = await load(context, params);
  const form = await request.formData();
  const values = personFormValues(form);
  const parsed = waitingPersonSchema.safeParse(values);
  if (!parsed.success) return invalid(fieldErrors<ContactFields>(parsed.error), values);
  if (!(await withinLimit(app.db, `join:${app.clientIp}`, limits.joinPerIp))) {
    return data({ values, errors: { name: "contact.errors.tooMany" } as Errors, closed: false }, { status: 429 });
  }
  const { permitExpires, ...person } = parsed.data;
  const result = await requestInRound(app.db, round.id, person, permitExpires, app.env.publicUrl, new Date());
  if (result.ok) return redirect(afterLanguage(`/lottery/${result.token}`, person.language, { new: 1 }));
  if (result.reason === "closed") return data({ values, errors: {} as Errors, closed: true }, { status: 409 });
  const error = result.reason === "already-requested" ? "lottery.errors.alreadyRequested" : "contact.errors.alreadyBooked";
  return data({ values, errors: { name: error } as Errors, closed: false }, { status: 409 });
}

export default function BookLottery({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("booking");
  const lng = i18n.language as Language;
  const { round, serviceName, timeZone } = loaderData;
  const name = pick(serviceName, lng);
  const at = (iso: string) => formatDateTime(lng, new Date(iso), timeZone);
  const errors = actionData?.errors ?? {};
  const open = round.open && !(actionData && "closed" in actionData && actionData.closed);
  return (
    <div className="page booking">
      <PageTitle>{t("lottery.requestTitle", { service: name })}</PageTitle>
      <p className="back">
        <LocalizedLink to={`/book/${round.serviceId}`}>
          <BackIcon />
          {t("waitlist.backToCalendar")}
        </LocalizedLink>
      </p>
      <h1>{t("lottery.requestTitle", { service: name })}</h1>
      <p>{t("lottery.days", { from: formatDay(lng, round.from), to: formatDay(lng, round.to) })}</p>
      {open ? (
        <>
          <p>{t("lottery.howItWorks", { until: at(round.closesAt) })}</p>
          <p>{t("lottery.reserved", { share: round.urgentShare, count: round.urgentDays })}</p>
          <Form method="post" noValidate className="contact-form">
            <ErrorSummary title={t("contact.errorSummary")} errors={summaryItems(errors, t, personAnchor)} />
            <PersonFields values={actionData?.values ?? {}} errors={errors} defaultLanguage={loaderData.language} withPermitExpiry />
            <button type="submit">{t("lottery.submit")}</button>
          </Form>
        </>
      ) : (
        <div className="notice" role="status">
          <p>{t("lottery.closed")}</p>
        </div>
      )}
    </div>
  );
}
