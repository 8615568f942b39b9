import { describe, expect, test } from "vitest";
import { downloadHeaders, downloadResponse } from "./download.server";

describe("download headers", () => {
  test("always an attachment, with the stored type, nosniff, a sandbox and no caching", () => {
    const headers = downloadHeaders({ name: "Reisepass.jpg", mediaType: "image/jpeg", size: 1234 });
    expect(Object.fromEntries(headers)).toEqual({
      "content-type": "image/jpeg",
      "content-disposition": "attachment; filename=\"Reisepass.jpg\"; filename*=UTF-8''Reisepass.jpg",
      "x-content-type-options": "nosniff",
      "content-security-policy": "sandbox; default-src 'none'",
      "cache-control": "private, no-store",
      "cross-origin-resource-policy": "same-origin",
      "content-length": "1234",
    });
  });

  test("names in any script are sent encoded (RFC 5987), with an ASCII fallback", () => {
    const disposition = downloadHeaders({ name: "جواز سفر (1).pdf", mediaType: "application/pdf" }).get("content-disposition")!;
    expect(disposition).toBe("attachment; filename=\"____ ___ (1).pdf\"; filename*=UTF-8''%D8%AC%D9%88%D8%A7%D8%B2%20%D8%B3%D9%81%D8%B1%20%281%29.pdf");
    expect(downloadHeaders({ name: "Übersetzung.pdf", mediaType: "application/pdf" }).get("content-disposition")).toContain('filename="Ubersetzung.pdf"');
  });

  test("quotes, backslashes and line breaks cannot break out of the header", () => {
    const disposition = downloadHeaders({ name: 'a"b\\c\r\nSet-Cookie: x=1.pdf', mediaType: "application/pdf" }).get("content-disposition")!;
    expect(disposition).toBe("attachment; filename=\"a_b_cSet-Cookie: x=1.pdf\"; filename*=UTF-8''a%22b%5CcSet-Cookie%3A%20x%3D1.pdf");
  });

  test("a response carries the bytes with those headers", async () => {
    const response = downloadResponse(new Uint8Array([37, 80, 68, 70]), { name: "a.pdf", mediaType: "application/pdf" });
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array([37, 80, 68, 70]));
  });
});
