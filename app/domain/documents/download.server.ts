// Serving a stored document: only ever as a download, with the type we stored (never one a
// browser guesses), in a sandbox without scripts or requests should a browser open it anyway,
// and kept out of shared caches. Whoever calls this has checked that the person may see it.
import type { StoredMediaType } from "./display-name";

/** RFC 5987: what encodeURIComponent leaves but a header parameter must not contain. */
function encodeHeaderValue(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** For old clients that ignore filename*: ASCII only, no quotes or backslashes. */
function asciiFallback(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]|["\\%]/g, "_");
}

export type DownloadOptions = {
  /** Already made safe by displayName() (or a translated fallback); checked again here. */
  name: string;
  /** A stored document's type, or a ZIP of them (the applicant's copy of everything). */
  mediaType: StoredMediaType | "application/zip";
  size?: number;
};

export function downloadHeaders({ name, mediaType, size }: DownloadOptions): Headers {
  // A name with control characters could split the header; displayName() never makes one.
  const safe = name.replace(/(?![\u200C\u200D])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, "");
  const headers = new Headers({
    "Content-Type": mediaType,
    "Content-Disposition": `attachment; filename="${asciiFallback(safe)}"; filename*=UTF-8''${encodeHeaderValue(safe)}`,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox; default-src 'none'",
    "Cache-Control": "private, no-store",
    "Cross-Origin-Resource-Policy": "same-origin",
  });
  if (size !== undefined) headers.set("Content-Length", String(size));
  return headers;
}

/** The response for a download: the stored bytes, or a stream of them, with downloadHeaders. */
export function downloadResponse(body: ReadableStream<Uint8Array> | Uint8Array, options: DownloadOptions): Response {
  return new Response(body as BodyInit, { status: 200, headers: downloadHeaders(options) });
}
