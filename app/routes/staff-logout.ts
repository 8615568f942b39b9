import { redirect } from "react-router";
import type { Route } from "./+types/staff-logout";
import { assertSameOrigin, clearSessionCookie, logout, readSessionId } from "#app/domain/staff/auth.server";
import { appContext } from "#app/lib/context";
import { withLanguage } from "#app/lib/urls";

// Logging out is a POST (a link could be triggered by any page); a GET just goes to the login.
export function loader() {
  return redirect("/staff/login");
}

export async function action({ context, request }: Route.ActionArgs) {
  assertSameOrigin(request);
  const { db } = context.get(appContext);
  await logout(db, readSessionId(request));
  const to = withLanguage("/staff/login", new URL(request.url).searchParams.get("lng"), { loggedOut: 1 });
  return redirect(to, { headers: { "Set-Cookie": clearSessionCookie() } });
}
