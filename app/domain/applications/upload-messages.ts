// What the upload form and the upload API say when something is refused: an i18n key with its
// namespace ("documents:refusal.type", "upload:refusal.wrong-slot") and the values it needs.
// Client-safe: the form component renders these, the API translates them into its JSON answer.

export type UploadMessage = { key: string; values: Record<string, string | number> };

/** Errors for the upload form (app/components/upload-form.tsx), per field. */
export type UploadFormErrors = {
  /** One message per refused file (or one for the whole form, e.g. "no file chosen"). */
  file?: Array<UploadMessage & { fileName?: string | null }>;
  documentDate?: UploadMessage;
  validUntil?: UploadMessage;
};

/** Refusals of the upload API and form that the document pipeline does not know. */
export const uploadApiRefusals = [
  "wrong-slot",
  "bad-date",
  "offset",
  "chunk-too-large",
  "beyond-end",
  "not-found",
  "closed",
  "too-many-sessions",
  "rate-limited",
  "no-file",
  "form-too-large",
  "bad-request",
] as const;

export type UploadApiRefusal = (typeof uploadApiRefusals)[number];

export function apiMessage(reason: UploadApiRefusal, values: Record<string, string | number> = {}): UploadMessage {
  return { key: `upload:refusal.${reason}`, values };
}
