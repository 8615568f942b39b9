import { useTranslation } from "react-i18next";
import { data, redirect } from "react-router";
import type { Route } from "./+types/invitation";
import { PageTitle } from "#app/components/page-title";
import { invitationCookie } from "#app/domain/booking/flow-cookies.server";
import { invitationByToken } from "#app/domain/booking/invitations.server";
import { appContext } from "#app/lib/context";
import { isLanguage } from "#app/lib/i18n/languages";
import { withLanguage } from "#app/lib/urls";

// The link of a personal invitation: remembers the invitation in a cookie (not in URLs) and
// opens the calendar of the invitation-only service. Used or expired links say so.
export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { db } = context.get(appContext);
  if (!/^[A-Za-z0-9_-]{22}$/.test(params.token)) throw data(null, { status: 404 });
  const invitation = await invitationByToken(db, params.token, new Date());
  if (!invitation) throw data(null, { status: 404 });
  if (invitation.state !== "valid") return data({ state: invitation.state }, { status: 410 });
  const asked = new URL(request.url).searchParams.get("lng");
  const lng = isLanguage(asked) ? asked : invitation.language;
  return redirect(withLanguage(`/book/${invitation.serviceId}`, lng), {
    headers: { "Set-Cookie": await invitationCookie.serialize(params.token) },
  });
}

export default function Invitation({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("booking");
  return (
    <div className="page booking">
      <PageTitle>{t("invitation.title")}</PageTitle>
      <h1>{t("invitation.title")}</h1>
      <p className="notice">{t(loaderData.state === "used" ? "invitation.used" : "invitation.expired")}</p>
    </div>
  );
}
