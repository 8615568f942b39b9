import { redirect } from "react-router";
import type { AppContext } from "#app/lib/context";
import { holdSlot } from "./holds.server";
import type { BookingConfig } from "./availability.server";
import { holdCookie } from "./hold-cookie.server";

/** Holds the time and sends the person on to the details form, with the hold in a cookie. */
export async function holdAndContinue(app: AppContext, config: BookingConfig, startsAt: Date, languageParam: string | null) {
  const hold = await holdSlot(app.db, config, startsAt, new Date());
  if (!hold.ok) return hold;
  throw redirect(`/book/${config.serviceId}/details${languageParam ? `?lng=${languageParam}` : ""}`, {
    headers: { "Set-Cookie": await holdCookie.serialize(hold.token) },
  });
}
