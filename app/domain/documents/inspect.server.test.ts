import { describe, expect, test } from "vitest";
import { concat, fixture, pdfZipPolyglot, photoWithGps, plainPdf, pngWithAlpha, savePdf, withJpegComment, zip } from "#tests/support/document-files";
import { detectType, findPolyglot, inspect } from "./inspect.server";

const max = 1024 * 1024;

describe("the type is decided by the first bytes", () => {
  test("JPEG, PNG, HEIC and PDF are recognised", async () => {
    expect(detectType(await photoWithGps())).toBe("jpeg");
    expect(detectType(await pngWithAlpha())).toBe("png");
    expect(detectType(fixture("photo-gps.heic"))).toBe("heic");
    expect(detectType(await savePdf(await plainPdf(1)))).toBe("pdf");
  });

  test.each([
    ["text", "Hello, this is not a photo"],
    ["SVG", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
    ["SVG with an XML declaration", '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'],
    ["HTML", "<!doctype html><script>alert(1)</script>"],
    ["a Windows program", "MZ\u0090\u0000\u0003\u0000\u0000\u0000"],
    ["GIF", "GIF89a\u0001\u0000\u0001\u0000"],
    ["WebP", "RIFF\u0000\u0000\u0000\u0000WEBPVP8 "],
    ["TIFF", "II*\u0000\u0008\u0000\u0000\u0000"],
    ["AVIF", "\u0000\u0000\u0000\u001cftypavif\u0000\u0000\u0000\u0000mif1avif"],
    ["a PDF header after leading bytes", "          %PDF-1.7\n"],
    ["a JPEG signature cut short", "\u00ff\u00d8"],
  ])("%s is no type Lotse takes", (_, content) => {
    expect(detectType(concat(content))).toBeNull();
    expect(inspect(concat(content), max)).toMatchObject({ ok: false, reason: "type" });
  });

  test("a ZIP is not taken (and so neither DOCX nor JAR)", () => {
    expect(inspect(zip("a.txt", "hello"), max)).toMatchObject({ ok: false, reason: "type" });
  });
});

describe("size", () => {
  test("empty files and files over the limit are refused before anything else", async () => {
    expect(inspect(new Uint8Array(), max)).toEqual({ ok: false, reason: "empty" });
    const jpeg = await photoWithGps();
    expect(inspect(jpeg, jpeg.length)).toEqual({ ok: true, type: "jpeg" });
    expect(inspect(jpeg, jpeg.length - 1)).toEqual({ ok: false, reason: "too-large" });
  });
});

describe("polyglots", () => {
  test("ordinary files are no polyglots", async () => {
    expect(inspect(await photoWithGps(), max)).toEqual({ ok: true, type: "jpeg" });
    expect(inspect(await photoWithGps({ width: 1_200, height: 900 }), 10 * max)).toEqual({ ok: true, type: "jpeg" });
    expect(inspect(await pngWithAlpha(), max)).toEqual({ ok: true, type: "png" });
    expect(inspect(fixture("photo-gps.heic"), max)).toEqual({ ok: true, type: "heic" });
    expect(inspect(await savePdf(await plainPdf(2)), max)).toEqual({ ok: true, type: "pdf" });
    expect(inspect(concat(await savePdf(await plainPdf(2)), "\r\n\u0000\u0000"), max)).toEqual({ ok: true, type: "pdf" });
  });

  test("a JPEG with a motion-photo video after its end is taken (re-encoding drops it)", async () => {
    const video = concat("\u0000\u0000\u0000\u0018ftypmp42", new Uint8Array(2_000).fill(0x42));
    expect(inspect(concat(await photoWithGps(), video), max)).toEqual({ ok: true, type: "jpeg" });
  });

  test.each([
    ["JPEG + HTML appended", async () => concat(await photoWithGps(), "<html><body>hi</body></html>")],
    ["JPEG with a script in a comment segment", async () => withJpegComment(await photoWithGps(), "<script>alert(1)</script>")],
    ["JPEG with an SVG in a comment segment", async () => withJpegComment(await photoWithGps(), "<svg onload=alert(1)>")],
    ["JPEG with a javascript: URL", async () => withJpegComment(await photoWithGps(), "javascript:alert(1)")],
    ["JPEG with a PDF inside", async () => withJpegComment(await photoWithGps(), "%PDF-1.4 1 0 obj")],
    ["JPEG + ZIP (a GIFAR-style JAR)", async () => concat(await photoWithGps(), zip("Evil.class", "cafebabe"))],
    ["PNG + data after IEND", async () => concat(await pngWithAlpha(), "hidden payload")],
    ["PDF + ZIP appended", async () => concat(await savePdf(await plainPdf(1)), zip("payload.exe", "MZ"))],
    ["PDF/ZIP with the PDF trailer inside the ZIP's comment", pdfZipPolyglot],
    ["PDF + HTML after %%EOF", async () => concat(await savePdf(await plainPdf(1)), "<p>hello</p>")],
    ["PDF with a second PDF header inside", async () => concat(await savePdf(await plainPdf(1)), "%PDF-1.7\n%%EOF\n")],
    ["HEIC + data after the last box", async () => concat(fixture("photo-gps.heic"), "hidden\u0000\u0001payload")],
  ])("%s", async (_, make) => {
    expect(inspect(await make(), max)).toMatchObject({ ok: false, reason: "polyglot" });
  });

  test("the finding says what and where, for the logs", async () => {
    expect(findPolyglot(withJpegComment(await photoWithGps(), "xx<SCRIPT src=x>"), "jpeg")).toBe('markup "<SCRIPT" at byte 8');
  });

  test("a HEIC whose boxes overrun the file is corrupt", () => {
    const heic = Buffer.from(fixture("photo-gps.heic"));
    heic.writeUInt32BE(heic.length * 2, heic.indexOf("mdat") - 4);
    expect(inspect(new Uint8Array(heic), max)).toMatchObject({ ok: false, reason: "corrupt" });
  });
});
