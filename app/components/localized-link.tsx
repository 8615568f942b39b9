import type { ComponentProps } from "react";
import { Link, useRouteLoaderData } from "react-router";
import type { loader as rootLoader } from "#app/root";

/**
 * Adds the explicitly chosen language to an internal link, so that the choice holds even
 * where cookies are refused.
 */
export function useLocalizedHref(to: string): string {
  const root = useRouteLoaderData<typeof rootLoader>("root");
  if (!root?.explicitLanguage) return to;
  const url = new URL(to, "http://lotse.invalid");
  url.searchParams.set("lng", root.lng);
  return `${url.pathname}${url.search}${url.hash}`;
}

export function LocalizedLink({ to, ...props }: Omit<ComponentProps<typeof Link>, "to"> & { to: string }) {
  return <Link to={useLocalizedHref(to)} {...props} />;
}
