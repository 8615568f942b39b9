// The URLs of an application. The draft's secret is the key of its pages, like a booking's
// manage link: nothing personal in a URL, and a link that works without cookies. Pages send
// `Referrer-Policy: no-referrer` (server/app.ts), so the secret does not travel on to others.

/** A page of a draft, keeping an explicitly chosen language. */
export function applicationPath(secret: string, step: string, lng?: string | null): string {
  return `/application/${secret}/${step}${lng ? `?lng=${encodeURIComponent(lng)}` : ""}`;
}

/** A page of a submitted case behind its access code. */
export function casePath(accessCode: string, page = "", lng?: string | null): string {
  return `/case/${accessCode}${page ? `/${page}` : ""}${lng ? `?lng=${encodeURIComponent(lng)}` : ""}`;
}
