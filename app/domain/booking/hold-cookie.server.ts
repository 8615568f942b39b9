import { createCookie } from "react-router";

/** The token of the time a person is holding; kept in a cookie so that it is not in a URL. */
export const holdCookie = createCookie("lotse_hold", {
  path: "/book",
  httpOnly: true,
  sameSite: "lax",
  maxAge: 60 * 60,
});

export async function readHoldToken(request: Request): Promise<string | null> {
  const value = await holdCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && /^[A-Za-z0-9_-]{20,64}$/.test(value) ? value : null;
}
