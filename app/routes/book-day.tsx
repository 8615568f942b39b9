import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import type { Route } from "./+types/book-day";
import { BackIcon } from "#app/components/icons";
import { LocalizedLink } from "#app/components/localized-link";
import { PageTitle } from "#app/components/page-title";
import { WaitPage } from "#app/components/wait-page";
import { availabilityOfDay, type BookingConfig, bookingConfigFor } from "#app/domain/booking/availability.server";
import { acceptPow, issueWaitTicket, limits, NO_JS_WAIT_SECONDS, powChallenge } from "#app/domain/booking/fairness.server";
import { withinLimit } from "#app/lib/rate-limit.server";
import { readInvitationToken } from "#app/domain/booking/flow-cookies.server";
import { holdAndContinue } from "#app/domain/booking/hold-flow.server";
import { validInvitation } from "#app/domain/booking/invitations.server";
import { HOLD_MINUTES } from "#app/domain/booking/limits";
import { serviceFor } from "#app/domain/catalogue/catalogue.server";
import { perRequest } from "#app/lib/config-cache.server";
import { type AppContext, appContext } from "#app/lib/context";
import { formatDay, formatTime } from "#app/lib/i18n/format";
import { isLanguage, type Language, pick } from "#app/lib/i18n/languages";
import { instanceSecret } from "#app/lib/secret.server";
import { withLanguage } from "#app/lib/urls";
import { ErrorSummary } from "#app/components/form-fields";

async function load(context: Route.LoaderArgs["context"], params: Route.LoaderArgs["params"], request: Request) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(params.day)) throw data(null, { status: 400 });
  const app = context.get(appContext);
  const config = await bookingConfigFor(app, params.serviceId);
  if (!config) throw data(null, { status: 404 });
  // Invitation-only: only with a valid invitation for this service.
  if (config.appointment === "invitation") {
    const invited = await perRequest(app, "invited", async () => validInvitation(app.db, await readInvitationToken(request), config.serviceId, new Date()));
    if (!invited) throw data(null, { status: 404 });
  }
  return { app, config };
}

/** The day's times; read once per request (after a refused hold the loader reuses the action's). */
function slotsOf(app: AppContext, config: BookingConfig, day: string) {
  return perRequest(app, `slots:${config.serviceId}:${day}`, async () => {
    const slots = await availabilityOfDay(app.db, config, day, new Date());
    return slots.map((s) => ({ startsAt: s.startsAt.toISOString(), free: s.free }));
  });
}

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { app, config } = await load(context, params, request);
  const service = await serviceFor(app, config.serviceId);
  if (!service) throw data(null, { status: 404 });
  const lng = new URL(request.url).searchParams.get("lng");
  return {
    // Where /enhance.js holds a time without leaving the page (routes/book-hold.ts).
    holdUrl: withLanguage(`/book/${service.id}/day/${params.day}/hold`, isLanguage(lng) ? lng : null),
    service: { id: service.id, name: service.name },
    day: params.day,
    timeZone: config.rules.timeZone,
    slots: await slotsOf(app, config, params.day),
    // Solved in the background by /enhance.js while the person chooses a time.
    challenge: await powChallenge(await instanceSecret(app.db, app.env), app.env.powMaxNumber),
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { app, config } = await load(context, params, request);
  const form = await request.formData();
  const startsAt = new Date(String(form.get("startsAt") ?? ""));
  if (Number.isNaN(startsAt.getTime())) throw data(null, { status: 400 });
  const pow = String(form.get("pow") ?? "");
  const secret = await instanceSecret(app.db, app.env);
  const lng = new URL(request.url).searchParams.get("lng");
  const languageParam = isLanguage(lng) ? lng : null;

  if (!pow) {
    // Without JavaScript: no puzzle, but a short wait enforced by the server, and a lower limit.
    if (!(await withinLimit(app.db, `hold-nojs:${app.clientIp}`, limits.holdPerIpWithoutJs))) {
      return data({ error: "tooMany" as const, slots: await slotsOf(app, config, params.day) }, { status: 429 });
    }
    const ticket = issueWaitTicket(secret, config.serviceId, startsAt);
    return data({ wait: { ticket, seconds: NO_JS_WAIT_SECONDS, languageParam } }, { status: 202 });
  }
  if (!(await withinLimit(app.db, `hold:${app.clientIp}`, limits.holdPerIp))) {
    return data({ error: "tooMany" as const, slots: await slotsOf(app, config, params.day) }, { status: 429 });
  }
  if (!(await acceptPow(app.db, secret, pow))) {
    return data({ error: "verification" as const, slots: await slotsOf(app, config, params.day) }, { status: 400 });
  }
  const hold = await holdAndContinue(app, config, startsAt, languageParam);
  // Taken in the meantime (or never a slot): the day again, with a message.
  return data({ error: hold.reason, slots: await slotsOf(app, config, params.day) }, { status: 409 });
}

const errorKeys = {
  full: "day.errors.full",
  "not-a-slot": "day.errors.notASlot",
  tooMany: "day.errors.tooMany",
  verification: "day.errors.verification",
} as const;

export default function BookDay({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("booking");
  const lng = i18n.language as Language;
  const { service, day, timeZone, challenge, holdUrl } = loaderData;
  const name = pick(service.name, lng);

  if (actionData && "wait" in actionData) {
    const { ticket, seconds, languageParam } = actionData.wait;
    const next = withLanguage(`/book/${service.id}/wait`, languageParam, { ticket });
    return <WaitPage seconds={seconds} next={next} />;
  }

  const slots = actionData && "slots" in actionData ? actionData.slots : loaderData.slots;
  const error = actionData && "error" in actionData ? actionData.error : null;
  const open = slots.filter((s) => s.free > 0);
  // One translation per distinct number of free places, not one per time.
  const freeLabels = new Map<number, string>();
  const freeLabel = (count: number) => {
    let label = freeLabels.get(count);
    if (label === undefined) {
      label = t("day.freePlaces", { count });
      freeLabels.set(count, label);
    }
    return label;
  };
  return (
    <div className="page booking">
      <PageTitle>{t("day.title", { date: formatDay(lng, day) })}</PageTitle>
      <p className="back">
        <LocalizedLink to={`/book/${service.id}?month=${day.slice(0, 7)}`}>
          <BackIcon />
          {t("day.otherDay")}
        </LocalizedLink>
      </p>
      <p className="eyebrow">{name}</p>
      <h1>{t("day.title", { date: formatDay(lng, day) })}</h1>
      {error && <ErrorSummary message={t(errorKeys[error])} />}
      {open.length === 0 ? (
        <p className="notice">{t("day.noneFree")}</p>
      ) : (
        <Form
          method="post"
          className="times"
          data-pow-challenge={challenge.challenge}
          data-pow-salt={challenge.salt}
          data-pow-algorithm={challenge.algorithm}
          data-pow-max={challenge.maxnumber}
          data-pow-signature={challenge.signature}
          data-hold={holdUrl}
        >
          <input type="hidden" name="pow" value="" />
          <fieldset>
            <legend>{t("day.chooseTime")}</legend>
            <p className="hint">{t("day.holdHint", { count: HOLD_MINUTES })}</p>
            <ul>
              {open.map((s) => (
                <li key={s.startsAt}>
                  <button type="submit" name="startsAt" value={s.startsAt} className="time">
                    {formatTime(lng, new Date(s.startsAt), timeZone)}
                    <span className="visually-hidden"> {freeLabel(s.free)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </fieldset>
        </Form>
      )}
    </div>
  );
}
