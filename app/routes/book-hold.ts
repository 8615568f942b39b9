// Holding a time from the day page with JavaScript: /enhance.js posts the chosen time and the
// solved proof of work here and gets a small JSON answer instead of a whole page. A held time
// sends the person on to the details form (the hold in a cookie, as without JavaScript); a
// refusal comes with its translated message, the day's times as they are now, and a fresh
// challenge, so the page updates in place and the person chooses again. Without JavaScript the
// day page's own form does the same (book-day.tsx). A refusal here costs one statement
// (decision 0015): this is what a booking rush mostly is.
import type { Route } from "./+types/book-hold";
import { availabilityFrom, bookingConfigFor, holdSlot } from "#app/domain/booking/booking.server";
import { holdAttempt, limits, powChallenge, validPow, withinLimit } from "#app/domain/booking/fairness.server";
import { readInvitationToken } from "#app/domain/booking/flow-cookies.server";
import { holdCookie } from "#app/domain/booking/hold-cookie.server";
import { validInvitation } from "#app/domain/booking/invitations.server";
import { dayIn } from "#app/domain/booking/slots";
import { perRequest } from "#app/lib/config-cache.server";
import { appContext } from "#app/lib/context";
import { jsonResponse } from "#app/lib/json.server";
import { formatTime } from "#app/lib/i18n/format";
import { isLanguage, type Language } from "#app/lib/i18n/languages";
import { getInstance, getLocale } from "#app/lib/i18n/middleware.server";
import { instanceSecret } from "#app/lib/secret.server";
import { withLanguage } from "#app/lib/urls";

type Time = { startsAt: string; time: string; places: string };

type Refusal = "full" | "notASlot" | "tooMany" | "verification" | "notFound";

const statusOf: Record<Refusal, number> = { full: 409, notASlot: 409, tooMany: 429, verification: 400, notFound: 404 };

/** Bodies are two short fields; anything much larger is not from our page. */
const MAX_BODY_BYTES = 4_096;

export async function action({ context, params, request }: Route.ActionArgs) {
  const app = context.get(appContext);
  const lng = getLocale(context) as Language;
  const t = getInstance(context).getFixedT(lng, "booking");
  const now = new Date();
  const secret = await instanceSecret(app.db, app.env);
  const url = new URL(request.url);
  const languageParam = isLanguage(url.searchParams.get("lng")) ? url.searchParams.get("lng") : null;

  const refuse = (reason: Refusal, times: Time[] | null, challenge = true) =>
    jsonResponse(
      {
        ok: false as const,
        error: reason,
        message: reason === "notFound" ? t("day.errors.notASlot") : t(`day.errors.${reason}`),
        times,
        noneFree: t("day.noneFree"),
        challenge: challenge ? powChallenge(secret, app.env.powMaxNumber, now) : null,
      },
      { status: statusOf[reason], headers: { "Cache-Control": "no-store" } },
    );

  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > MAX_BODY_BYTES) return refuse("notASlot", null);
  const type = request.headers.get("Content-Type") ?? "";
  let form: URLSearchParams;
  try {
    form = type.startsWith("application/x-www-form-urlencoded")
      ? new URLSearchParams(await request.text())
      : new URLSearchParams([...(await request.formData())].map(([k, v]) => [k, String(v)]));
  } catch {
    return refuse("notASlot", null);
  }
  const day = params.day;
  const startsAt = new Date(form.get("startsAt") ?? "");
  const pow = form.get("pow") ?? "";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(startsAt.getTime())) return refuse("notASlot", null);

  // A forged or expired solution: counted against the address, nothing spent, no slot read.
  if (!validPow(secret, pow, now)) {
    const within = await withinLimit(app.db, `hold:${app.clientIp}`, limits.holdPerIp, now);
    return refuse(within ? "verification" : "tooMany", null, within);
  }
  const attempt = await holdAttempt(app.db, { bucket: `hold:${app.clientIp}`, rule: limits.holdPerIp, pow, serviceId: params.serviceId, day, now });
  if (attempt.hits > limits.holdPerIp.limit) return refuse("tooMany", null, false);
  if (!attempt.spent) return refuse("verification", null);
  // The generation came with the statement: the configuration is read from memory if current.
  app.memo.set("config-generation", Promise.resolve(attempt.generation));
  const config = await bookingConfigFor(app, params.serviceId);
  if (!config) return refuse("notFound", null);
  if (config.appointment === "invitation") {
    const invited = await perRequest(app, "invited", async () => validInvitation(app.db, await readInvitationToken(request), config.serviceId, now));
    if (!invited) return refuse("notFound", null);
  }
  const slots = availabilityFrom(config, day, now, attempt.taken);
  // As the day page shows them: the time, and the free places for screen readers.
  const times = (): Time[] => {
    const labels = new Map<number, string>();
    return slots
      .filter((s) => s.free > 0)
      .map((s) => {
        let places = labels.get(s.free);
        if (places === undefined) {
          places = t("day.freePlaces", { count: s.free });
          labels.set(s.free, places);
        }
        return { startsAt: s.startsAt.toISOString(), time: formatTime(lng, s.startsAt, config.rules.timeZone), places };
      });
  };
  const chosen = slots.find((s) => s.startsAt.getTime() === startsAt.getTime());
  if (!chosen || dayIn(startsAt, config.rules.timeZone) !== day) return refuse("notASlot", times());

  const hold = await holdSlot(app.db, config, startsAt, now, chosen.free);
  if (!hold.ok) {
    // The statement's read may be a moment old: a time the lock found full is shown as taken.
    const list = times().filter((s) => hold.reason !== "full" || s.startsAt !== chosen.startsAt.toISOString());
    return refuse(hold.reason === "full" ? "full" : "notASlot", list);
  }
  return jsonResponse(
    { ok: true as const, next: withLanguage(`/book/${config.serviceId}/details`, languageParam) },
    { headers: { "Set-Cookie": await holdCookie.serialize(hold.token), "Cache-Control": "no-store" } },
  );
}
