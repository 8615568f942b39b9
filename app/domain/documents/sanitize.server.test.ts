import sharp from "sharp";
import { describe, expect, test } from "vitest";
import {
  concat,
  fixture,
  heicClaiming,
  jpegClaiming,
  pdfWithAttachment,
  pdfWithEscapedScriptName,
  pdfWithLaunchOnOpen,
  pdfWithLinkAndOpenDestination,
  pdfWithLzwObjectStream,
  pdfWithNamedScript,
  pdfWithObjectStreamBomb,
  pdfWithOpenActionScript,
  photoWithGps,
  plainPdf,
  pngBomb,
  pngClaiming,
  pngWithAlpha,
  savePdf,
} from "#tests/support/document-files";
import { checkPdf, imageLimits, sanitizeImage } from "./sanitize.server";

async function accepted(result: Awaited<ReturnType<typeof sanitizeImage>>) {
  if (!result.ok) throw new Error(`refused: ${result.reason} (${result.detail})`);
  return result;
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("latin1");
}

describe("images are re-encoded without metadata", () => {
  test("a JPEG with EXIF GPS comes back as a JPEG with no EXIF, XMP, ICC or comment at all", async () => {
    const input = await photoWithGps();
    const before = await sharp(input).metadata();
    expect(before.exif).toBeDefined();
    expect(latin1(input)).toContain("Secret Person");

    const out = await accepted(await sanitizeImage(input, "jpeg"));
    const after = await sharp(out.bytes).metadata();
    expect(after).toMatchObject({ format: "jpeg", width: 160, height: 120 });
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(latin1(out.bytes)).not.toContain("Secret Person");
    expect(latin1(out.bytes)).not.toContain("Lotse Test Camera");
    expect(out).toMatchObject({ width: 160, height: 120 });
  });

  test("a photo taken sideways is turned upright by its EXIF orientation before the tag is dropped", async () => {
    // Stored 160 × 120 with orientation 6 ("rotate 90° clockwise to display").
    const out = await accepted(await sanitizeImage(await photoWithGps({ orientation: 6 }), "jpeg"));
    expect(out).toMatchObject({ width: 120, height: 160 });
    // Turned clockwise: the stored top-left block (red and blue) is now at the top right, and
    // the stored bottom-left block (red only) at the top left.
    const { data, info } = await sharp(out.bytes).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
    const [r, , b] = pixel(info.width - 10, 10);
    expect(r).toBeGreaterThan(180);
    expect(b).toBeGreaterThan(150);
    const [r2, , b2] = pixel(10, 10);
    expect(r2).toBeGreaterThan(180);
    expect(b2).toBeLessThan(80);
  });

  test("large photos are scaled to 3,000 pixels on the long edge; small ones keep their size", async () => {
    const big = await photoWithGps({ width: 4_000, height: 3_000 });
    expect(await accepted(await sanitizeImage(big, "jpeg"))).toMatchObject({ width: 3_000, height: 2_250 });
  });

  test("a PNG with transparency becomes a JPEG on white", async () => {
    const out = await accepted(await sanitizeImage(await pngWithAlpha(), "png"));
    const meta = await sharp(out.bytes).metadata();
    expect(meta).toMatchObject({ format: "jpeg", width: 64, height: 48, hasAlpha: false });
    const { data } = await sharp(out.bytes).raw().toBuffer({ resolveWithObject: true });
    // 50% blue over white: light blue, not the dark blue it would be over black.
    expect(data[0]).toBeGreaterThan(100);
    expect(data[2]).toBeGreaterThan(200);
  });

  test("a real HEIC photo (made with libheif's heif-enc) is converted to a JPEG without its EXIF", async () => {
    const input = fixture("photo-gps.heic");
    expect(latin1(input)).toContain("Secret Person");
    const out = await accepted(await sanitizeImage(input, "heic"));
    const meta = await sharp(out.bytes).metadata();
    // HEIF ignores EXIF orientation (the file says 6 and has no rotation box): stays 120 × 80.
    expect(meta).toMatchObject({ format: "jpeg", width: 120, height: 80 });
    expect(meta.exif).toBeUndefined();
    expect(latin1(out.bytes)).not.toContain("Secret Person");
    const { data } = await sharp(out.bytes).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(180); // the red top-left block survived the round trip
  });
});

describe("pixel floods are refused before decoding", () => {
  test("a PNG header claiming 50,000 × 50,000", async () => {
    expect(await sanitizeImage(pngClaiming(50_000, 50_000), "png")).toMatchObject({ ok: false, reason: "pixel-flood" });
  });

  test("a valid 10,000 × 10,000 PNG of about 100 KB that would decode to 100 MB", async () => {
    const bomb = pngBomb(10_000, 10_000);
    expect(bomb.length).toBeLessThan(200_000);
    const started = performance.now();
    expect(await sanitizeImage(bomb, "png")).toMatchObject({ ok: false, reason: "pixel-flood" });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  test("a JPEG whose frame header claims 60,000 × 60,000", async () => {
    const jpeg = jpegClaiming(await photoWithGps(), 60_000, 60_000);
    expect(await sanitizeImage(jpeg, "jpeg")).toMatchObject({ ok: false, reason: "pixel-flood" });
  });

  test("a HEIC whose container claims 20,000 × 20,000", async () => {
    const heic = heicClaiming(fixture("photo-gps.heic"), 20_000, 20_000);
    expect(await sanitizeImage(heic, "heic")).toMatchObject({ ok: false, reason: "pixel-flood" });
  });

  test("the decoder's own limit holds too", async () => {
    const small = { ...imageLimits, maxPixels: 100 };
    expect(await sanitizeImage(await pngWithAlpha(), "png", small)).toMatchObject({ ok: false, reason: "pixel-flood" });
  });
});

describe("broken images are refused as corrupt", () => {
  test("a JPEG cut in half", async () => {
    const jpeg = await photoWithGps({ width: 400, height: 300 });
    expect(await sanitizeImage(jpeg.subarray(0, jpeg.length / 2), "jpeg")).toMatchObject({ ok: false, reason: "corrupt" });
  });

  test("a PNG whose image data fails its checksum", async () => {
    const png = Buffer.from(await pngWithAlpha());
    const idat = png.indexOf("IDAT");
    png[idat + 6] = png[idat + 6]! ^ 0xff;
    expect(await sanitizeImage(new Uint8Array(png), "png")).toMatchObject({ ok: false, reason: "corrupt" });
  });

  test("a HEIC cut short", async () => {
    const heic = fixture("photo-gps.heic");
    expect(await sanitizeImage(heic.subarray(0, 300), "heic")).toMatchObject({ ok: false, reason: "corrupt" });
  });

  test("a PNG that is really a JPEG inside", async () => {
    expect(await sanitizeImage(await photoWithGps(), "png")).toMatchObject({ ok: false, reason: "corrupt" });
  });
});

describe("PDFs", () => {
  test("an ordinary PDF is accepted with its page count, with and without object streams", async () => {
    expect(await checkPdf(await savePdf(await plainPdf(3), true))).toEqual({ ok: true, pages: 3 });
    expect(await checkPdf(await savePdf(await plainPdf(7), false))).toEqual({ ok: true, pages: 7 });
  });

  test("links to web pages and opening at a page are ordinary and accepted", async () => {
    expect(await checkPdf(await pdfWithLinkAndOpenDestination())).toEqual({ ok: true, pages: 2 });
  });

  test("encrypted PDFs are refused: with a password to open, and with an owner password only", async () => {
    expect(await checkPdf(fixture("encrypted-user-password.pdf"))).toMatchObject({ ok: false, reason: "pdf-encrypted" });
    expect(await checkPdf(fixture("encrypted-owner-only.pdf"))).toMatchObject({ ok: false, reason: "pdf-encrypted" });
  });

  test.each([
    ["OpenAction JavaScript, uncompressed", () => pdfWithOpenActionScript(false)],
    ["OpenAction JavaScript, compressed in an object stream", () => pdfWithOpenActionScript(true)],
    ["a document script in the /Names tree", pdfWithNamedScript],
    ["a page that launches a program when opened", pdfWithLaunchOnOpen],
    ["an attached file", pdfWithAttachment],
    ["the script key spelt with #-escapes (/J#53)", pdfWithEscapedScriptName],
  ])("active content is refused: %s", async (_, make) => {
    expect(await checkPdf(await make())).toMatchObject({ ok: false, reason: "pdf-active-content" });
  });

  test("the object tree is checked, not only the bytes: compressed scripts are found there", async () => {
    const compressed = await pdfWithOpenActionScript(true);
    expect(latin1(compressed)).not.toContain("/JavaScript");
    expect(await checkPdf(compressed)).toMatchObject({ ok: false, reason: "pdf-active-content", detail: expect.stringMatching(/JS|JavaScript/) });
  });

  test("an object stream that unpacks past the budget is refused before the parser unpacks it", async () => {
    const bomb = pdfWithObjectStreamBomb(8 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(20_000);
    expect(await checkPdf(bomb, { objectStreamBudget: 1024 * 1024 })).toMatchObject({ ok: false, reason: "corrupt" });
  });

  test("object streams in unusual encodings (LZW) are refused", async () => {
    expect(await checkPdf(pdfWithLzwObjectStream())).toMatchObject({ ok: false, reason: "corrupt" });
  });

  test("unparseable and page-less PDFs are refused as corrupt", async () => {
    expect(await checkPdf(concat("%PDF-1.7\n", "\u0000\u00ff garbage ".repeat(50)))).toMatchObject({ ok: false, reason: "corrupt" });
    expect(await checkPdf(pdfWithObjectStreamBomb(10))).toMatchObject({ ok: false, reason: "corrupt" });
    const pdf = await savePdf(await plainPdf(2), false);
    expect(await checkPdf(pdf.subarray(0, 200))).toMatchObject({ ok: false, reason: "corrupt" });
  });
});
