// The form kit's rules (client-safe): how a failed zod parse becomes the errors a form shows, and
// the one reply shape an action answers a failed validation with (status 422, see forms.server.ts).
import type { z } from "zod";

/** Field name → i18n key of its first problem. "form" holds a problem of the whole form. */
export type FieldErrors<F extends string = string> = string extends F ? Record<string, string> : Partial<Record<F, string>>;

/** What an action answers when a form does not validate: the errors and the values as sent. */
export type FormReply<V = Record<string, string>> = { ok: false; errors: FieldErrors; values: V };

/**
 * The first message per field of a failed parse. By default the path's first element names the
 * field; `fieldOf` maps nested paths to the flat input that holds them (e.g. ranges.1.opens → opens_1).
 */
export function fieldErrors<F extends string = string>(error: z.ZodError, fieldOf: (path: string[]) => string = (path) => path[0] ?? "form"): FieldErrors<F> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = fieldOf(issue.path.map(String));
    out[field] ??= issue.message;
  }
  return out as FieldErrors<F>;
}

/** Whether a reply is the form kit's failed-validation reply (and not some other action result). */
export function isFormReply(value: unknown): value is FormReply<unknown> {
  return typeof value === "object" && value !== null && (value as { ok?: unknown }).ok === false && "errors" in value;
}

/** The summary's entries in the order of the fields, each linking to its input. */
export function summaryItems(
  errors: FieldErrors,
  translate: (key: string) => string,
  anchor: (field: string) => string = (field) => field,
): Array<{ field: string; message: string }> {
  return Object.entries(errors).flatMap(([field, key]) => (key ? [{ field: anchor(field), message: translate(key) }] : []));
}
