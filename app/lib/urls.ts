// Addresses with the person's language (client-safe). Every link, redirect and message URL that
// carries `lng` is built here, so that the value is always encoded and the query stays valid.

/**
 * `path` (which may already have a query and a hash) with `lng` set, or unchanged when there is
 * no language to carry. Further query parameters can be set in `params`.
 */
export function withLanguage(path: string, lng: string | null | undefined, params: Record<string, string | number> = {}): string {
  const url = new URL(path, "http://lotse.invalid");
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, String(value));
  if (lng) url.searchParams.set("lng", lng);
  const base = /^https?:\/\//.test(path) ? url.origin : "";
  return `${base}${url.pathname}${url.search}${url.hash}`;
}

/**
 * `path` with `lng` first and `params` after it (`/appointment/x?lng=de&new=1`): the order the
 * booking journeys' redirects have always had, which links already sent and tests rely on.
 */
export function afterLanguage(path: string, lng: string | null | undefined, params: Record<string, string | number>): string {
  return withLanguage(withLanguage(path, lng), null, params);
}
