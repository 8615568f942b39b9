// The server side of the permission policy: the staff area's middleware signs the staff member in
// once per request and puts them on the router context; loaders and actions then ask `allow`.
import { data, type MiddlewareFunction, type RouterContextProvider, createContext, redirect } from "react-router";
import { assertSameOrigin, getStaff, loginUrl, type StaffUser } from "#app/domain/staff/auth.server";
import { type Action, type CaseResource, can, type StaffActor, staffActor } from "./policy";

/** The signed-in staff member of a request below /staff (set by `staffAreaMiddleware`). */
export const staffContext = createContext<StaffUser | null>(null);

type Context = Readonly<RouterContextProvider>;

/**
 * Middleware of the staff layout: not signed in, a redirect to the login page (that comes back
 * here); a state-changing request must come from this site (403 otherwise). Nothing the staff
 * area answers may be stored by a browser or a proxy: pages, JSON, documents, refusals.
 */
export const staffAreaMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  if (request.method !== "GET" && request.method !== "HEAD") assertSameOrigin(request);
  const staff = await getStaff(request, context);
  if (!staff) throw redirect(loginUrl(request), { headers: { "Cache-Control": "no-store" } });
  context.set(staffContext, staff);
  const response = await next();
  if (!response.headers.get("Cache-Control")?.includes("no-store")) response.headers.set("Cache-Control", "no-store");
  return response;
};

/** The staff member the staff area's middleware signed in. */
export function currentStaff(context: Context): StaffUser {
  const staff = context.get(staffContext);
  // Only a route outside the staff layout can get here: a programming error, not a user's.
  if (!staff) throw new Error("currentStaff used outside the staff area");
  return staff;
}

/**
 * The signed-in staff member, if the policy lets them do `action` (to `resource`); otherwise a
 * 403 (or, for a case they may not see, the caller answers 404 so as not to confirm it exists).
 */
export function allow(context: Context, action: Action, resource?: CaseResource): StaffUser {
  const staff = currentStaff(context);
  if (!can(staffActor(staff), action, resource)) throw data(null, { status: 403 });
  return staff;
}

/** The policy's actor for the signed-in staff member (for domain guards). */
export function actorOf(context: Context): StaffActor {
  return staffActor(currentStaff(context));
}
