// The first look at an upload: its size, its type decided by its first bytes (never by the
// name or the Content-Type the browser sent), and whether it is also something else.
//
// The polyglot rule (decision 0009): a file is refused when, besides being what its first bytes
// say, it carries what another reader would act on:
//   1. markup or script that a browser would run (`<script`, `<html`, `<svg`, `javascript:`,
//      event handlers, …) anywhere in the file;
//   2. a PDF header anywhere but at the very start (PDF readers look for it in the first KB);
//   3. a ZIP end-of-central-directory record in the last 65,557 bytes, where ZIP readers (and
//      so JAR, DOCX, APK) look for it;
//   4. bytes after the end of the format: after a PDF's last `%%EOF` (other than whitespace),
//      after a PNG's IEND chunk, after a HEIC's last box.
// JPEGs may carry data after their end marker: phones append the video of a "motion photo"
// there. Rules 1 to 3 still apply to it, and re-encoding drops it.
// Every marker is long enough that compressed image data matches one by chance in fewer than
// one of 10,000 files of 20 MB (the SVG tag, lower case only, is the likeliest).

export type DetectedType = "jpeg" | "png" | "heic" | "pdf";

export type InspectRefusal = "empty" | "too-large" | "type" | "polyglot" | "corrupt";

export type Inspection = { ok: true; type: DetectedType } | { ok: false; reason: InspectRefusal; detail?: string };

const heicBrands = new Set(["heic", "heix", "heim", "heis"]);

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((b, i) => bytes[offset + i] === b);
}

const jpegSignature = [0xff, 0xd8, 0xff] as const;
const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/** The type the first bytes declare, or null for anything Lotse does not take. */
export function detectType(bytes: Uint8Array): DetectedType | null {
  if (startsWith(bytes, jpegSignature)) return "jpeg";
  if (startsWith(bytes, pngSignature)) return "png";
  if (bytes.length >= 12 && /^%PDF-[12]\.\d/.test(ascii(bytes, 0, 8))) return "pdf";
  if (bytes.length >= 16 && ascii(bytes, 4, 8) === "ftyp") {
    const size = readUint32(bytes, 0);
    const major = ascii(bytes, 8, 12);
    if (size < 16 || size > bytes.length) return null;
    const compatible: string[] = [];
    for (let at = 16; at + 4 <= size; at += 4) compatible.push(ascii(bytes, at, at + 4));
    // HEIF stills with HEVC: Apple and Samsung write "heic"; some write the generic "mif1"
    // with "heic" among the compatible brands. AVIF (also "mif1") is not taken.
    if (heicBrands.has(major) || (major === "mif1" && compatible.some((b) => heicBrands.has(b)))) return "heic";
  }
  return null;
}

function readUint32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

const markup = /<script|<html[\s>]|<!doctype\s+html|<body[\s>]|<iframe|<object[\s>]|<embed[\s>]|<\?php\s|javascript:|\son(?:load|error)\s*=/i;
const svgTag = /<svg[\s>/]/;
const pdfHeader = "%PDF-";
const zipEnd = "PK\u0005\u0006";
/** A ZIP's end record is 22 bytes plus a comment of up to 65,535 bytes. */
const zipEndWindow = 22 + 65_535;

/** What makes the file a polyglot, or null. Only for files whose type `detectType` decided. */
export function findPolyglot(bytes: Uint8Array, type: DetectedType): string | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const tag = markup.exec(text) ?? svgTag.exec(text);
  if (tag) return `markup ${JSON.stringify(tag[0].trim())} at byte ${tag.index}`;
  const header = text.indexOf(pdfHeader, 1);
  if (header !== -1) return `a PDF header at byte ${header}`;
  const zip = text.indexOf(zipEnd, Math.max(0, text.length - zipEndWindow));
  if (zip !== -1) return `a ZIP directory at byte ${zip}`;
  if (type === "pdf") {
    const end = text.lastIndexOf("%%EOF");
    if (end !== -1 && !/^[\s\0]*$/.test(text.slice(end + 5))) return `${text.length - end - 5} bytes after %%EOF`;
  }
  return null;
}

/** PNG: signature, then chunks up to IEND; nothing may follow. */
function pngEnd(bytes: Uint8Array): number | null {
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = readUint32(bytes, at);
    const type = ascii(bytes, at + 4, at + 8);
    if (!/^[A-Za-z]{4}$/.test(type) || length > bytes.length) return null;
    at += 12 + length;
    if (type === "IEND") return at <= bytes.length ? at : null;
  }
  return null;
}

/**
 * HEIF: top-level boxes must cover the file exactly. Returns the end of the last whole box,
 * or null when a box is cut short (a damaged file, not an appended one).
 */
function boxesEnd(bytes: Uint8Array): number | null {
  let at = 0;
  while (at + 8 <= bytes.length) {
    // Appended bytes rarely look like a box; a real box has a four-letter type.
    if (at > 0 && !/^[a-z0-9 ]{4}$/i.test(ascii(bytes, at + 4, at + 8))) return at;
    let size = readUint32(bytes, at);
    if (size === 1) {
      if (at + 16 > bytes.length) return null;
      const high = readUint32(bytes, at + 8);
      size = high * 2 ** 32 + readUint32(bytes, at + 12);
    } else if (size === 0) {
      size = bytes.length - at;
    }
    if (size < 8 || at + size > bytes.length) return null;
    at += size;
  }
  return at;
}

/** Size, type and polyglot checks, in that order; nothing is decoded yet. */
export function inspect(bytes: Uint8Array, maxBytes: number): Inspection {
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  if (bytes.length > maxBytes) return { ok: false, reason: "too-large" };
  const type = detectType(bytes);
  if (type === null) return { ok: false, reason: "type" };
  const polyglot = findPolyglot(bytes, type);
  if (polyglot) return { ok: false, reason: "polyglot", detail: polyglot };
  if (type === "png") {
    const end = pngEnd(bytes);
    if (end === null) return { ok: false, reason: "corrupt", detail: "PNG chunks do not reach IEND" };
    if (end < bytes.length) return { ok: false, reason: "polyglot", detail: `${bytes.length - end} bytes after IEND` };
  }
  if (type === "heic") {
    const end = boxesEnd(bytes);
    if (end === null) return { ok: false, reason: "corrupt", detail: "HEIF boxes do not fit the file" };
    if (end < bytes.length) return { ok: false, reason: "polyglot", detail: `${bytes.length - end} bytes after the last box` };
  }
  return { ok: true, type };
}
