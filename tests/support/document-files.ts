// Files for the document pipeline's tests, made in the test run: real images and PDFs, and the
// hostile corpus built from them. The few that need tools not installed with npm (an
// encrypted PDF, a HEIC photo) are committed under tests/fixtures/documents (see its README).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { crc32, deflateSync } from "node:zlib";
import { PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts } from "pdf-lib";
import sharp from "sharp";

export const fixtures = join(import.meta.dirname, "../fixtures/documents");

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(fixtures, name)));
}

function concat(...parts: (Uint8Array | string)[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : p))));
}

/** Two colour blocks, so orientation and content can be checked after re-encoding. */
function rawPixels(width: number, height: number): Buffer {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 3;
      raw[i] = x < width / 2 ? 230 : 20;
      raw[i + 1] = 60;
      raw[i + 2] = y < height / 2 ? 200 : 30;
    }
  }
  return raw;
}

/** A phone-like photo: EXIF with camera, owner name and GPS position, optionally rotated. */
export async function photoWithGps(options: { width?: number; height?: number; orientation?: number } = {}): Promise<Uint8Array> {
  const { width = 160, height = 120, orientation = 1 } = options;
  const out = await sharp(rawPixels(width, height), { raw: { width, height, channels: 3 } })
    .withExif({
      IFD0: { Make: "Lotse Test Camera", Model: "LT-1", Artist: "Secret Person" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "47/1 59/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "7/1 51/1 0/1" },
    })
    .withMetadata({ orientation })
    .jpeg({ quality: 90 })
    .toBuffer();
  return new Uint8Array(out);
}

export async function pngWithAlpha(width = 64, height = 48): Promise<Uint8Array> {
  const out = await sharp({ create: { width, height, channels: 4, background: { r: 0, g: 90, b: 200, alpha: 0.5 } } })
    .png()
    .toBuffer();
  return new Uint8Array(out);
}

export async function plainPdf(pages = 3): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pages; n += 1) {
    doc.addPage([595, 842]).drawText(`Lotse test document, page ${n}`, { x: 50, y: 780, size: 14, font });
  }
  return doc;
}

export async function savePdf(doc: PDFDocument, objectStreams = true): Promise<Uint8Array> {
  return doc.save({ useObjectStreams: objectStreams, updateFieldAppearances: false });
}

/** OpenAction running JavaScript. With object streams the action sits compressed in an ObjStm. */
export async function pdfWithOpenActionScript(objectStreams: boolean): Promise<Uint8Array> {
  const doc = await plainPdf(1);
  const action = doc.context.obj({ Type: "Action", S: "JavaScript", JS: PDFString.of("app.alert('hi')") });
  doc.catalog.set(PDFName.of("OpenAction"), doc.context.register(action));
  return savePdf(doc, objectStreams);
}

/** A document-level script in the /Names /JavaScript tree. */
export async function pdfWithNamedScript(): Promise<Uint8Array> {
  const doc = await plainPdf(1);
  const script = doc.context.obj({ S: "JavaScript", JS: PDFHexString.fromText("this.print()") });
  const tree = doc.context.obj({ Names: [PDFString.of("a"), doc.context.register(script)] });
  doc.catalog.set(PDFName.of("Names"), doc.context.obj({ JavaScript: doc.context.register(tree) }));
  return savePdf(doc);
}

/** A page that starts a program when opened (/AA with /Launch). */
export async function pdfWithLaunchOnOpen(): Promise<Uint8Array> {
  const doc = await plainPdf(2);
  const launch = doc.context.obj({ S: "Launch", F: PDFString.of("cmd.exe") });
  doc.getPage(1).node.set(PDFName.of("AA"), doc.context.obj({ O: launch }));
  return savePdf(doc);
}

export async function pdfWithAttachment(): Promise<Uint8Array> {
  const doc = await plainPdf(1);
  await doc.attach(new TextEncoder().encode("MZ not really a program"), "tool.exe", { mimeType: "application/octet-stream" });
  return savePdf(doc);
}

/** A link to a web page, and opening at page 1: ordinary, accepted. */
export async function pdfWithLinkAndOpenDestination(): Promise<Uint8Array> {
  const doc = await plainPdf(2);
  const page = doc.getPage(0);
  const link = doc.context.obj({
    Type: "Annot",
    Subtype: "Link",
    Rect: [50, 700, 300, 720],
    A: { S: "URI", URI: PDFString.of("https://www.example.org/") },
  });
  page.node.set(PDFName.of("Annots"), doc.context.obj([doc.context.register(link)]));
  doc.catalog.set(PDFName.of("OpenAction"), doc.context.obj([page.ref, PDFName.of("Fit")]));
  return savePdf(doc);
}

/** The uncompressed script PDF with the key written /J#53: the same name to every reader. */
export async function pdfWithEscapedScriptName(): Promise<Uint8Array> {
  const text = Buffer.from(await pdfWithOpenActionScript(false)).toString("latin1");
  if (!text.includes("/JS ")) throw new Error("expected an uncompressed /JS key");
  return concat(text.replace("/JS ", "/J#53 ").replace("/JavaScript", "/Java#53cript"));
}

/** An object stream whose Flate data unpacks to `size` bytes of zeros. */
export function pdfWithObjectStreamBomb(size: number): Uint8Array {
  const bomb = deflateSync(Buffer.alloc(size), { level: 9 });
  return concat(
    "%PDF-1.7\n",
    "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
    "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n",
    `3 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`,
    bomb,
    "\nendstream\nendobj\n",
    "trailer\n<< /Root 1 0 R /Size 4 >>\nstartxref\n0\n%%EOF\n",
  );
}

/** An object stream packed with LZW, which the guard does not unpack. */
export function pdfWithLzwObjectStream(): Uint8Array {
  return concat(
    "%PDF-1.7\n",
    "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
    "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n",
    "3 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter [/LZWDecode] /Length 4 >>\nstream\n\x80\x0b\x60\x50\nendstream\nendobj\n",
    "trailer\n<< /Root 1 0 R /Size 4 >>\nstartxref\n0\n%%EOF\n",
  );
}

/** A minimal valid ZIP archive holding one stored file; `comment` is appended to its end record. */
export function zip(name: string, content: string, commentLength = 0): Uint8Array {
  const data = Buffer.from(content);
  const fileName = Buffer.from(name);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(10, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const centralOffset = local.length + fileName.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  end.writeUInt16LE(commentLength, 20);
  return concat(local, fileName, data, central, fileName, end);
}

/** The classic PDF/ZIP polyglot: the ZIP sits before the PDF's trailer, whose bytes are the ZIP's comment. */
export async function pdfZipPolyglot(): Promise<Uint8Array> {
  const text = Buffer.from(await savePdf(await plainPdf(1), false)).toString("latin1");
  const at = text.lastIndexOf("startxref");
  const tail = text.slice(at);
  return concat(text.slice(0, at), zip("payload.html", "<p>hi</p>", tail.length), tail);
}

/** A JPEG with a comment segment (COM) right after SOI. */
export function withJpegComment(jpeg: Uint8Array, comment: string): Uint8Array {
  const body = Buffer.from(comment, "latin1");
  const header = Buffer.from([0xff, 0xfe, 0, 0]);
  header.writeUInt16BE(body.length + 2, 2);
  return concat(jpeg.subarray(0, 2), header, body, jpeg.subarray(2));
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

function pngHeader(width: number, height: number, colourType: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = colourType;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk("IHDR", ihdr)]);
}

/** A PNG whose header claims a size its data does not have. */
export function pngClaiming(width: number, height: number): Uint8Array {
  return concat(pngHeader(width, height, 2), pngChunk("IDAT", deflateSync(Buffer.alloc(64))), pngChunk("IEND", new Uint8Array()));
}

/** A real, valid grey PNG of width × height zeros: about 100 KB that decode to 100 MB at 10,000². */
export function pngBomb(width: number, height: number): Uint8Array {
  const rows = Buffer.alloc((width + 1) * height);
  return concat(pngHeader(width, height, 0), pngChunk("IDAT", deflateSync(rows, { level: 9 })), pngChunk("IEND", new Uint8Array()));
}

/** A real JPEG whose frame header (SOF) is rewritten to claim width × height. */
export function jpegClaiming(jpeg: Uint8Array, width: number, height: number): Uint8Array {
  const out = Buffer.from(jpeg);
  for (let at = 2; at + 9 < out.length; ) {
    if (out[at] !== 0xff) throw new Error("not at a JPEG marker");
    const marker = out[at + 1]!;
    if (marker >= 0xc0 && marker <= 0xc2) {
      out.writeUInt16BE(height, at + 5);
      out.writeUInt16BE(width, at + 7);
      return new Uint8Array(out);
    }
    at += 2 + out.readUInt16BE(at + 2);
  }
  throw new Error("no frame header");
}

/** A HEIC whose image spatial extents (ispe) claim width × height. */
export function heicClaiming(heic: Uint8Array, width: number, height: number): Uint8Array {
  const out = Buffer.from(heic);
  let at = out.indexOf("ispe");
  if (at === -1) throw new Error("no ispe box");
  for (; at !== -1; at = out.indexOf("ispe", at + 4)) {
    out.writeUInt32BE(width, at + 8);
    out.writeUInt32BE(height, at + 12);
  }
  return new Uint8Array(out);
}

export { concat };
