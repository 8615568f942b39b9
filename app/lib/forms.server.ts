import { data } from "react-router";
import type { FieldErrors, FormReply } from "./forms";

/**
 * The answer to a form that did not validate: 422 with the errors beside the fields and the
 * values as sent, so the page comes back filled in (with and without JavaScript).
 */
export function invalid<V>(errors: FieldErrors, values: V, init?: ResponseInit) {
  const reply: FormReply<V> = { ok: false, errors, values };
  return data(reply, { ...init, status: 422 });
}
