// Making an accepted type safe to keep. Images are decoded (within limits checked from their
// headers first), turned upright, and re-encoded as a new JPEG without any metadata: no GPS
// position, no camera serial, no thumbnail of the uncropped photo, nothing appended. PDFs are
// parsed and refused if encrypted or carrying anything that runs, opens or sends something;
// they are kept byte for byte, because rewriting would break electronic signatures on
// official documents (decision 0009).
import { constants, inflateSync } from "node:zlib";
import heicDecode from "heic-decode";
import { EncryptedPDFError, PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFStream, type PDFObject } from "pdf-lib";
import sharp from "sharp";
import type { DetectedType } from "./inspect.server";

// Nothing decoded from an upload should linger in a cache shared by later requests.
sharp.cache(false);

export const imageLimits = {
  /** Largest image decoded: 50 megapixels, which takes in 48 MP phone photos. */
  maxPixels: 50_000_000,
  /** Long edge of the stored JPEG: about 250 dpi over an A4 page. Smaller images keep their size. */
  maxEdge: 3_000,
  quality: 85,
} as const;

export type SanitizedImage = { ok: true; bytes: Uint8Array; width: number; height: number };
export type CheckedPdf = { ok: true; pages: number };
export type SanitizeRefusal = {
  ok: false;
  reason: "pixel-flood" | "corrupt" | "pdf-encrypted" | "pdf-active-content";
  /** For logs and tests; never shown to the uploader. */
  detail: string;
};

export type ImageLimits = { maxPixels: number; maxEdge: number; quality: number };
type Limits = ImageLimits;

function refuse(reason: SanitizeRefusal["reason"], detail: string): SanitizeRefusal {
  return { ok: false, reason, detail };
}

function tooManyPixels(width: number, height: number, limits: Limits): boolean {
  return width * height > limits.maxPixels;
}

function encode(image: ReturnType<typeof sharp>, limits: Limits) {
  return image
    .resize({ width: limits.maxEdge, height: limits.maxEdge, fit: "inside", withoutEnlargement: true })
    .flatten({ background: "#ffffff" })
    .jpeg({ quality: limits.quality })
    .toBuffer({ resolveWithObject: true });
}

/** JPEG, PNG or HEIC in; a clean JPEG out, or the reason why not. */
export async function sanitizeImage(bytes: Uint8Array, type: Exclude<DetectedType, "pdf">, limits: Limits = imageLimits): Promise<SanitizedImage | SanitizeRefusal> {
  try {
    const { data, info } = type === "heic" ? await fromHeic(bytes, limits) : await fromJpegOrPng(bytes, type, limits);
    return { ok: true, bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
  } catch (error) {
    if (error instanceof Refused) return error.refusal;
    const message = error instanceof Error ? error.message : String(error);
    if (/pixel limit/i.test(message)) return refuse("pixel-flood", message);
    return refuse("corrupt", message);
  }
}

class Refused extends Error {
  readonly refusal: SanitizeRefusal;
  constructor(refusal: SanitizeRefusal) {
    super(refusal.detail);
    this.refusal = refusal;
  }
}

async function fromJpegOrPng(bytes: Uint8Array, type: "jpeg" | "png", limits: Limits) {
  // metadata() reads the header only: a pixel flood is refused before a single row is decoded.
  const header = await sharp(bytes).metadata();
  if (header.format !== type) throw new Refused(refuse("corrupt", `decoder sees ${header.format}, not ${type}`));
  if (!header.width || !header.height) throw new Refused(refuse("corrupt", "no dimensions"));
  if (tooManyPixels(header.width, header.height, limits)) {
    throw new Refused(refuse("pixel-flood", `${header.width} × ${header.height} pixels`));
  }
  // The decoder enforces the limit again, whatever the header said; "warning" (the default,
  // spelt out) refuses damaged pixel data too.
  const image = sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: "warning", sequentialRead: true, autoOrient: true });
  return encode(image, limits);
}

async function fromHeic(bytes: Uint8Array, limits: Limits) {
  // sharp's bundled libvips reads HEIF only with AV1 (AVIF); HEVC comes from libheif compiled
  // to WebAssembly. The size is read from the container before anything is decoded. libheif
  // applies the container's rotation and mirroring; the EXIF orientation is ignored, as the
  // HEIF standard requires.
  const images = await heicDecode.all({ buffer: bytes });
  try {
    const primary = images[0];
    if (!primary?.width || !primary.height) throw new Refused(refuse("corrupt", "no image in the HEIF file"));
    if (tooManyPixels(primary.width, primary.height, limits)) {
      throw new Refused(refuse("pixel-flood", `${primary.width} × ${primary.height} pixels`));
    }
    const { data, width, height } = await primary.decode();
    const raw = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    return await encode(sharp(raw, { raw: { width, height, channels: 4 }, limitInputPixels: limits.maxPixels }), limits);
  } finally {
    images.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// PDFs

/** Keys whose mere presence means code, automatic actions, forms that run scripts or files inside. */
const refusedKeys = new Set(["JS", "JavaScript", "AA", "XFA", "EmbeddedFile", "EmbeddedFiles", "EF", "RichMediaContent"]);
/** Actions that run code, start programs, open other files or send data. Links (URI) and jumps stay. */
const refusedActions = new Set(["JavaScript", "Launch", "SubmitForm", "ImportData", "GoToR", "GoToE", "Rendition", "RichMediaExecute", "Movie", "Sound"]);
/** Annotations that carry files, media or 3D models (which may carry scripts). */
const refusedAnnotations = new Set(["FileAttachment", "RichMedia", "Movie", "Sound", "Screen", "3D"]);
/** Names refused wherever they appear outside stream data, including in revisions a later update hides. */
const refusedRawNames = new Set(["JS", "JavaScript", "Launch", "SubmitForm", "ImportData", "GoToR", "GoToE", "EmbeddedFile", "EmbeddedFiles", "XFA", "RichMedia"]);

/** Decompressed bytes the parser may produce from object and cross-reference streams. */
export const objectStreamBudget = 256 * 1024 * 1024;

/** `/J#61vaScript` is `/JavaScript`: PDF names may escape any character as #xx. */
function decodeName(raw: string): string {
  return raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

const nameToken = /\/([^\s/<>[\]()%{}]*)/g;

function namesIn(text: string): string[] {
  return [...text.matchAll(nameToken)].map((m) => decodeName(m[1]!));
}

type Span = { dict: string; body: Uint8Array };

/**
 * The file split into stream bodies (with the text of the object before each) and everything
 * else. Approximate by nature (it does not follow /Length); it guards what the parser does
 * with the same bytes, and the parsed object tree is checked on its own afterwards.
 */
function splitStreams(bytes: Uint8Array): { streams: Span[]; outside: string } {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const streams: Span[] = [];
  const outside: string[] = [];
  const start = /stream(?:\r\n|\n|\r)/g;
  let at = 0;
  for (;;) {
    start.lastIndex = at;
    const m = start.exec(text);
    if (!m) break;
    // "endstream" also ends in "stream"; only a keyword after a dictionary opens a stream.
    if (!/>>\s*$/.test(text.slice(Math.max(at, m.index - 64), m.index))) {
      outside.push(text.slice(at, m.index + m[0].length));
      at = m.index + m[0].length;
      continue;
    }
    const bodyStart = m.index + m[0].length;
    const end = text.indexOf("endstream", bodyStart);
    const bodyEnd = end === -1 ? text.length : end;
    const objectStart = text.lastIndexOf("obj", m.index);
    outside.push(text.slice(at, m.index));
    streams.push({ dict: text.slice(Math.max(at, objectStart), m.index), body: bytes.subarray(bodyStart, bodyEnd) });
    at = end === -1 ? text.length : end + "endstream".length;
  }
  outside.push(text.slice(at));
  return { streams, outside: outside.join("\n") };
}

/** Before parsing: what pdf-lib would decompress while parsing must not be a bomb. */
function precheck(bytes: Uint8Array, maxUnpacked: number): SanitizeRefusal | null {
  const { streams, outside } = splitStreams(bytes);
  const outsideNames = namesIn(outside);
  const streamDictNames = streams.flatMap((s) => namesIn(s.dict));
  const allNames = [...outsideNames, ...streamDictNames];
  if (allNames.includes("Encrypt")) return refuse("pdf-encrypted", "an /Encrypt dictionary");
  const active = allNames.find((n) => refusedRawNames.has(n));
  if (active) return refuse("pdf-active-content", `/${active} in the file`);

  let budget = maxUnpacked;
  for (const stream of streams) {
    const names = namesIn(stream.dict);
    const typeAt = names.indexOf("Type");
    const type = typeAt === -1 ? undefined : names[typeAt + 1];
    if (type !== "ObjStm" && type !== "XRef") continue;
    // The parser unpacks these two kinds itself. Writers use Flate or nothing; anything else
    // (LZW, ASCII wrappers) is either very old or meant to slip past checks like this one.
    const filterAt = names.indexOf("Filter");
    const filters = filterAt === -1 ? [] : names.slice(filterAt + 1).filter((n) => n.endsWith("Decode"));
    if (filters.some((f) => f !== "FlateDecode") || filters.length > 1) {
      return refuse("corrupt", `${type} stream with filters ${filters.join(", ")}`);
    }
    if (filters.length === 0) continue;
    try {
      budget -= inflateSync(stream.body, { maxOutputLength: budget + 1, finishFlush: constants.Z_SYNC_FLUSH }).length;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
        return refuse("corrupt", `object streams decompress to more than ${maxUnpacked} bytes`);
      }
      // Damaged data: the parser decides.
    }
    if (budget < 0) return refuse("corrupt", `object streams decompress to more than ${maxUnpacked} bytes`);
  }
  return null;
}

/** Every object pdf-lib parsed, reachable or not, walked without recursion. */
function findActiveContent(doc: PDFDocument): string | null {
  const stack: PDFObject[] = doc.context.enumerateIndirectObjects().map(([, object]) => object);
  const lookup = (object: PDFObject | undefined) => (object instanceof PDFRef ? doc.context.lookup(object) : object);
  while (stack.length > 0) {
    const object = stack.pop()!;
    const dict = object instanceof PDFStream ? object.dict : object instanceof PDFDict ? object : null;
    if (object instanceof PDFArray) {
      stack.push(...object.asArray());
      continue;
    }
    if (!dict) continue;
    for (const [key, value] of dict.entries()) {
      const name = key.decodeText();
      if (refusedKeys.has(name)) return `/${name}`;
      const target = lookup(value);
      if (name === "S" && target instanceof PDFName && refusedActions.has(target.decodeText())) {
        return `action /${target.decodeText()}`;
      }
      if (name === "Subtype" && target instanceof PDFName && refusedAnnotations.has(target.decodeText())) {
        const type = dict.get(PDFName.of("Type"));
        // Images and forms also have a /Subtype; only annotations' subtypes matter here.
        if (type === undefined || type === PDFName.of("Annot")) return `annotation /${target.decodeText()}`;
      }
      if (name === "OpenAction" && target instanceof PDFDict) {
        // Opening at a page is fine; opening a link, a form or anything else by itself is not.
        const action = target.get(PDFName.of("S"));
        if (action !== PDFName.of("GoTo")) return `/OpenAction ${action instanceof PDFName ? action.decodeText() : "?"}`;
      }
      stack.push(value);
    }
  }
  return null;
}

/** Parses the PDF; refuses it if encrypted, active or broken; counts its pages. */
export async function checkPdf(bytes: Uint8Array, options: { objectStreamBudget?: number } = {}): Promise<CheckedPdf | SanitizeRefusal> {
  const early = precheck(bytes, options.objectStreamBudget ?? objectStreamBudget);
  if (early) return early;
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (error) {
    if (error instanceof EncryptedPDFError) return refuse("pdf-encrypted", "encrypted");
    return refuse("corrupt", error instanceof Error ? error.message : String(error));
  }
  try {
    const active = findActiveContent(doc);
    if (active) return refuse("pdf-active-content", active);
    const pages = doc.getPageCount();
    if (pages < 1) return refuse("corrupt", "no pages");
    return { ok: true, pages };
  } catch (error) {
    return refuse("corrupt", error instanceof Error ? error.message : String(error));
  }
}
