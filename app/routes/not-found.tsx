import { data } from "react-router";

// Any URL no other route matches: the root error boundary shows a translated 404 page.
export function loader() {
  throw data(null, { status: 404 });
}

export default function NotFound() {
  return null;
}
