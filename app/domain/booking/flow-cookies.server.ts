// Cookies that carry a journey's secret from page to page without putting it in a URL:
// the appointment being moved (its manage token) and the invitation being used.
import { createCookie } from "react-router";

const token = /^[A-Za-z0-9_-]{22}$/;

/** Set by "move this appointment"; read by the calendar, day and details pages. */
export const moveCookie = createCookie("lotse_move", { path: "/", httpOnly: true, sameSite: "lax", maxAge: 60 * 60 });

/** Set by an invitation link; lets the calendar offer an invitation-only service. */
export const invitationCookie = createCookie("lotse_invitation", { path: "/", httpOnly: true, sameSite: "lax", maxAge: 24 * 60 * 60 });

async function read(cookie: typeof moveCookie, request: Request): Promise<string | null> {
  const value = await cookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && token.test(value) ? value : null;
}

export const readMoveToken = (request: Request) => read(moveCookie, request);
export const readInvitationToken = (request: Request) => read(invitationCookie, request);
