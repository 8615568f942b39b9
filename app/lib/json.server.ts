/**
 * A JSON response with its length stated. Response.json() leaves the length out, so the
 * compression middleware cannot tell a short answer from a long one and gzips every answer,
 * which for a few hundred bytes costs more than all the rest of a cheap request (decision 0015).
 * With the length, answers under its threshold (1 KB) go out as they are.
 */
export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  const text = JSON.stringify(body);
  const headers = new Headers(init.headers);
  headers.set("Content-Type", "application/json; charset=utf-8");
  headers.set("Content-Length", String(Buffer.byteLength(text)));
  return new Response(text, { ...init, headers });
}
