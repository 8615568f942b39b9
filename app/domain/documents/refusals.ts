// Why an upload was refused, as the uploader reads it (locales/<lng>/documents.json) and as
// HTTP answers it. Client-safe: the upload form shows the same messages.

export const uploadRefusals = [
  "empty",
  "too-large",
  "quota",
  "type",
  "polyglot",
  "pixel-flood",
  "corrupt",
  "pdf-encrypted",
  "pdf-active-content",
  "virus",
  "scan-unavailable",
] as const;

export type UploadRefusal = (typeof uploadRefusals)[number];

export type RefusalLimits = { uploadMaxBytes: number; applicationQuotaBytes: number; maxPixels: number };

const mebibyte = 1024 * 1024;

/** The key in the "documents" namespace and the values it needs: `t(key, values)`. */
export function refusalMessage(reason: UploadRefusal, limits: RefusalLimits): { key: string; values: Record<string, number> } {
  const key = `refusal.${reason}`;
  switch (reason) {
    case "too-large":
      return { key, values: { max: Math.floor(limits.uploadMaxBytes / mebibyte) } };
    case "quota":
      return { key, values: { max: Math.floor(limits.applicationQuotaBytes / mebibyte) } };
    case "pixel-flood":
      return { key, values: { count: Math.floor(limits.maxPixels / 1_000_000) } };
    default:
      return { key, values: {} };
  }
}

/** The HTTP status for a refusal: the form is shown again with the message. */
export function refusalStatus(reason: UploadRefusal): 413 | 415 | 422 | 503 {
  switch (reason) {
    case "too-large":
    case "quota":
      return 413;
    case "type":
      return 415;
    case "scan-unavailable":
      return 503;
    default:
      return 422;
  }
}
