// The hostile corpus through the whole upload pipeline: each file is refused for the right
// reason, with a message in every language, and storage afterwards holds exactly what it held
// before (checked on disk, file by file, and in an S3 bucket). Then the files that should get
// through do, cleaned.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type ClamdStub, eicar, startClamdStub } from "#tests/support/clamd-stub";
import {
  concat,
  fixture,
  heicClaiming,
  jpegClaiming,
  pdfWithAttachment,
  pdfWithEscapedScriptName,
  pdfWithLaunchOnOpen,
  pdfWithNamedScript,
  pdfWithOpenActionScript,
  pdfZipPolyglot,
  photoWithGps,
  plainPdf,
  pngBomb,
  pngClaiming,
  pngWithAlpha,
  savePdf,
  withJpegComment,
  zip,
} from "#tests/support/document-files";
import { createUploadPipeline, type Upload, type UploadPipeline } from "#app/domain/documents/pipeline.server";
import { type UploadRefusal, refusalMessage } from "#app/domain/documents/refusals";
import { imageLimits } from "#app/domain/documents/sanitize.server";
import { LocalDiskStorage, S3Storage } from "#app/domain/documents/storage.server";
import { serverI18n } from "#app/lib/i18n/instance.server";
import { languages } from "#app/lib/i18n/languages";

const MiB = 1024 * 1024;
const settings = { uploadMaxBytes: 5 * MiB, applicationQuotaBytes: 8 * MiB };

function filesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(root, path));
    }
  };
  walk(root);
  return out.sort();
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

type Hostile = { name: string; declaredName: string; declaredType: string; reason: UploadRefusal; bytes: () => Promise<Uint8Array> | Uint8Array };

const text = (s: string) => new TextEncoder().encode(s);

const corpus: Hostile[] = [
  { name: "an empty file", declaredName: "photo.jpg", declaredType: "image/jpeg", reason: "empty", bytes: () => new Uint8Array() },
  { name: "text calling itself a JPEG", declaredName: "photo.jpg", declaredType: "image/jpeg", reason: "type", bytes: () => text("Hello, I am not a photo.") },
  {
    name: "an SVG with a script",
    declaredName: "passport.svg",
    declaredType: "image/svg+xml",
    reason: "type",
    bytes: () => text('<svg xmlns="http://www.w3.org/2000/svg"><script>fetch("/staff")</script></svg>'),
  },
  {
    name: "an HTML page calling itself a JPEG",
    declaredName: "photo.jpg",
    declaredType: "image/jpeg",
    reason: "type",
    bytes: () => text("<!doctype html><script>alert(document.cookie)</script>"),
  },
  {
    name: "a program behind a right-to-left-override name",
    declaredName: "invoice\u202Egpj.exe",
    declaredType: "image/jpeg",
    reason: "type",
    bytes: () => concat("MZ\u0090\u0000\u0003\u0000\u0000\u0000\u0004\u0000", new Uint8Array(200)),
  },
  {
    name: "a password file behind a path-traversal name",
    declaredName: "../../etc/passwd.jpg",
    declaredType: "image/jpeg",
    reason: "type",
    bytes: () => text("root:x:0:0:root:/root:/bin/bash\n"),
  },
  { name: "a ZIP archive", declaredName: "documents.zip", declaredType: "application/zip", reason: "type", bytes: () => zip("a.pdf", "%PDF-1.4") },
  {
    name: "a file over the size limit",
    declaredName: "big.jpg",
    declaredType: "image/jpeg",
    reason: "too-large",
    bytes: () => concat(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), new Uint8Array(5 * MiB)),
  },
  {
    name: "JPEG + HTML polyglot",
    declaredName: "photo.jpg",
    declaredType: "image/jpeg",
    reason: "polyglot",
    bytes: async () => concat(await photoWithGps(), "<html><script>alert(1)</script></html>"),
  },
  {
    name: "JPEG with a script in its comment",
    declaredName: "photo.jpg",
    declaredType: "image/jpeg",
    reason: "polyglot",
    bytes: async () => withJpegComment(await photoWithGps(), "<script src=//evil.example/x.js></script>"),
  },
  {
    name: "JPEG + JAR (ZIP) polyglot",
    declaredName: "photo.jpg",
    declaredType: "image/jpeg",
    reason: "polyglot",
    bytes: async () => concat(await photoWithGps(), zip("Evil.class", "\u00ca\u00fe\u00ba\u00be")),
  },
  {
    name: "PDF + ZIP appended",
    declaredName: "contract.pdf",
    declaredType: "application/pdf",
    reason: "polyglot",
    bytes: async () => concat(await savePdf(await plainPdf(1)), zip("run.exe", "MZ")),
  },
  {
    name: "PDF/ZIP with the PDF trailer inside the ZIP comment",
    declaredName: "contract.pdf",
    declaredType: "application/pdf",
    reason: "polyglot",
    bytes: pdfZipPolyglot,
  },
  {
    name: "a PNG header claiming 50,000 × 50,000 pixels",
    declaredName: "scan.png",
    declaredType: "image/png",
    reason: "pixel-flood",
    bytes: () => pngClaiming(50_000, 50_000),
  },
  { name: "a 100 KB PNG that decodes to 100 MB", declaredName: "scan.png", declaredType: "image/png", reason: "pixel-flood", bytes: () => pngBomb(10_000, 10_000) },
  {
    name: "a JPEG claiming 60,000 × 60,000 pixels",
    declaredName: "photo.jpg",
    declaredType: "image/jpeg",
    reason: "pixel-flood",
    bytes: async () => jpegClaiming(await photoWithGps(), 60_000, 60_000),
  },
  {
    name: "a HEIC claiming 20,000 × 20,000 pixels",
    declaredName: "IMG_0001.HEIC",
    declaredType: "image/heic",
    reason: "pixel-flood",
    bytes: () => heicClaiming(fixture("photo-gps.heic"), 20_000, 20_000),
  },
  {
    name: "a PDF that needs a password",
    declaredName: "payslip.pdf",
    declaredType: "application/pdf",
    reason: "pdf-encrypted",
    bytes: () => fixture("encrypted-user-password.pdf"),
  },
  {
    name: "a PDF with an owner password only",
    declaredName: "statement.pdf",
    declaredType: "application/pdf",
    reason: "pdf-encrypted",
    bytes: () => fixture("encrypted-owner-only.pdf"),
  },
  {
    name: "a PDF running JavaScript when opened",
    declaredName: "form.pdf",
    declaredType: "application/pdf",
    reason: "pdf-active-content",
    bytes: () => pdfWithOpenActionScript(true),
  },
  { name: "a PDF with a document script", declaredName: "form.pdf", declaredType: "application/pdf", reason: "pdf-active-content", bytes: pdfWithNamedScript },
  {
    name: "a PDF with an escaped /J#53 script key",
    declaredName: "form.pdf",
    declaredType: "application/pdf",
    reason: "pdf-active-content",
    bytes: pdfWithEscapedScriptName,
  },
  { name: "a PDF launching a program", declaredName: "letter.pdf", declaredType: "application/pdf", reason: "pdf-active-content", bytes: pdfWithLaunchOnOpen },
  { name: "a PDF with an attached file", declaredName: "letter.pdf", declaredType: "application/pdf", reason: "pdf-active-content", bytes: pdfWithAttachment },
  {
    name: "a JPEG cut in half",
    declaredName: "photo.jpg",
    declaredType: "image/jpeg",
    reason: "corrupt",
    bytes: async () => {
      const jpeg = await photoWithGps({ width: 400, height: 300 });
      return jpeg.subarray(0, jpeg.length / 2);
    },
  },
  {
    name: "a PDF header over garbage",
    declaredName: "scan.pdf",
    declaredType: "application/pdf",
    reason: "corrupt",
    bytes: () => concat("%PDF-1.7\n", "\u0001\u00fe garbage ".repeat(100)),
  },
  {
    name: "a JPEG carrying the EICAR test virus",
    declaredName: "photo.jpg",
    declaredType: "image/jpeg",
    reason: "virus",
    bytes: async () => withJpegComment(await photoWithGps(), eicar),
  },
];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("the hostile corpus, on local disk with virus scanning", () => {
  let sandbox: string;
  let root: string;
  let clamd: ClamdStub;
  let pipeline: UploadPipeline;
  let before: { files: string[]; hashes: string[] };

  beforeAll(async () => {
    // The storage folder sits two levels down, so "../../etc/passwd.jpg" would land in the sandbox.
    sandbox = mkdtempSync(join(tmpdir(), "lotse-upload-"));
    root = join(sandbox, "data", "documents");
    mkdirSync(root, { recursive: true });
    clamd = await startClamdStub();
    pipeline = createUploadPipeline({
      storage: new LocalDiskStorage(root),
      settings: { ...settings, clamd: { host: "127.0.0.1", port: clamd.port } },
    });
    // One document already stored: every refusal must leave it as it is.
    const first = await pipeline.acceptUpload({ bytes: await photoWithGps(), declaredName: "first.jpg", declaredType: "image/jpeg" }, { quotaUsed: 0 });
    expect(first.ok).toBe(true);
    const files = filesUnder(sandbox);
    before = { files, hashes: files.map((f) => sha256(readFileSync(join(sandbox, f)))) };
  });

  afterAll(async () => {
    await clamd.close();
    rmSync(sandbox, { recursive: true, force: true });
  });

  for (const hostile of corpus) {
    test(`${hostile.name}: refused as ${hostile.reason}, nothing stored`, async () => {
      const upload: Upload = { bytes: await hostile.bytes(), declaredName: hostile.declaredName, declaredType: hostile.declaredType };
      const result = await pipeline.acceptUpload(upload, { quotaUsed: 0 });
      expect(result).toMatchObject({ ok: false, reason: hostile.reason });
      const files = filesUnder(sandbox);
      expect(files).toEqual(before.files);
      expect(files.map((f) => sha256(readFileSync(join(sandbox, f))))).toEqual(before.hashes);
    });
  }

  test("every reason in the corpus has its message in all eight languages", async () => {
    const i18n = await serverI18n();
    const limits = { ...settings, maxPixels: imageLimits.maxPixels };
    for (const reason of new Set(corpus.map((h) => h.reason))) {
      for (const lng of languages) {
        const { key, values } = refusalMessage(reason, limits);
        expect(i18n.getFixedT(lng, "documents")(key, values), `${lng} ${reason}`).not.toBe(key);
      }
    }
  });

  test("a full quota refuses before any work, and a file that would overflow it is refused after sanitising", async () => {
    const photo = await photoWithGps();
    expect(await pipeline.acceptUpload({ bytes: photo, declaredName: "a.jpg", declaredType: "image/jpeg" }, { quotaUsed: settings.applicationQuotaBytes })).toMatchObject(
      {
        ok: false,
        reason: "quota",
      },
    );
    expect(
      await pipeline.acceptUpload({ bytes: photo, declaredName: "a.jpg", declaredType: "image/jpeg" }, { quotaUsed: settings.applicationQuotaBytes - 100 }),
    ).toMatchObject({
      ok: false,
      reason: "quota",
    });
    expect(filesUnder(sandbox)).toEqual(before.files);
  });

  test("clamd configured but not answering: refused as scan-unavailable, not stored unscanned", async () => {
    const unreachable = createUploadPipeline({
      storage: new LocalDiskStorage(root),
      settings: { ...settings, clamd: { host: "127.0.0.1", port: await freePort() } },
    });
    const result = await unreachable.acceptUpload({ bytes: await photoWithGps(), declaredName: "a.jpg", declaredType: "image/jpeg" }, { quotaUsed: 0 });
    expect(result).toMatchObject({ ok: false, reason: "scan-unavailable" });
    expect(filesUnder(sandbox)).toEqual(before.files);
  });
});

describe("what gets through, cleaned", () => {
  let sandbox: string;
  let root: string;
  let pipeline: UploadPipeline;
  let clamd: ClamdStub;

  beforeAll(async () => {
    sandbox = mkdtempSync(join(tmpdir(), "lotse-upload-"));
    root = join(sandbox, "data", "documents");
    clamd = await startClamdStub();
    pipeline = createUploadPipeline({ storage: new LocalDiskStorage(root), settings: { ...settings, clamd: { host: "127.0.0.1", port: clamd.port } } });
  });
  afterAll(async () => {
    await clamd.close();
    rmSync(sandbox, { recursive: true, force: true });
  });

  async function storedBytes(key: string): Promise<Buffer> {
    return readFileSync(join(root, key.slice(0, 2), key.slice(2, 4), key));
  }

  test("a photo with GPS under a path-traversal name: stored under a random key, metadata gone, name made safe", async () => {
    const scannedBefore = clamd.scanned;
    const result = await pipeline.acceptUpload({ bytes: await photoWithGps(), declaredName: "../../etc/passwd.jpg", declaredType: "text/plain" }, { quotaUsed: 0 });
    if (!result.ok) throw new Error(result.reason);
    const { file } = result;
    expect(file).toMatchObject({ mediaType: "image/jpeg", pages: 1, width: 160, height: 120, displayName: "passwd.jpg" });
    expect(file.key).toMatch(/^[0-9a-f]{32}$/);
    expect(filesUnder(sandbox)).toEqual([`data/documents/${file.key.slice(0, 2)}/${file.key.slice(2, 4)}/${file.key}`]);
    const stored = await storedBytes(file.key);
    expect(file.sha256).toBe(sha256(stored));
    expect(file.size).toBe(stored.length);
    const meta = await sharp(stored).metadata();
    expect(meta.exif).toBeUndefined();
    expect(stored.toString("latin1")).not.toContain("Secret Person");
    expect(clamd.scanned).toBe(scannedBefore + 1);
  });

  test("a real photo behind a right-to-left-override name keeps no disguise", async () => {
    const result = await pipeline.acceptUpload(
      { bytes: await photoWithGps(), declaredName: "invoice\u202Egpj.exe", declaredType: "application/x-msdownload" },
      { quotaUsed: 0 },
    );
    expect(result).toMatchObject({ ok: true, file: { mediaType: "image/jpeg", displayName: "invoicegpj.jpg" } });
  });

  test("a PNG becomes a JPEG", async () => {
    const result = await pipeline.acceptUpload({ bytes: await pngWithAlpha(), declaredName: "screenshot.png", declaredType: "image/png" }, { quotaUsed: 0 });
    if (!result.ok) throw new Error(result.reason);
    expect(result.file).toMatchObject({ mediaType: "image/jpeg", width: 64, height: 48, displayName: "screenshot.jpg" });
    expect((await sharp(await storedBytes(result.file.key)).metadata()).format).toBe("jpeg");
  });

  test("a HEIC photo becomes a JPEG without its EXIF", async () => {
    const result = await pipeline.acceptUpload({ bytes: fixture("photo-gps.heic"), declaredName: "IMG_0001.HEIC", declaredType: "image/heic" }, { quotaUsed: 0 });
    if (!result.ok) throw new Error(result.reason);
    expect(result.file).toMatchObject({ mediaType: "image/jpeg", width: 120, height: 80, displayName: "IMG_0001.jpg" });
    const stored = await storedBytes(result.file.key);
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect(stored.toString("latin1")).not.toContain("Secret Person");
  });

  test("a multi-page PDF is kept byte for byte, with its page count", async () => {
    const pdf = await savePdf(await plainPdf(5));
    const result = await pipeline.acceptUpload({ bytes: pdf, declaredName: "Arbeitsvertrag.pdf", declaredType: "application/pdf" }, { quotaUsed: 1_000 });
    if (!result.ok) throw new Error(result.reason);
    expect(result.file).toMatchObject({ mediaType: "application/pdf", pages: 5, width: null, height: null, size: pdf.length, displayName: "Arbeitsvertrag.pdf" });
    expect(new Uint8Array(await storedBytes(result.file.key))).toEqual(pdf);
  });
});

describe("the pipeline on S3 storage", () => {
  let server: S3rver;
  let directory: string;
  let storage: S3Storage;
  let client: S3Client;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), "lotse-s3rver-"));
    server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: "lotse-documents", configs: [] }] });
    const { port } = await server.run();
    const options = { endpoint: `http://127.0.0.1:${port}`, region: "us-east-1", credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } };
    storage = new S3Storage({ ...options, bucket: "lotse-documents" });
    client = new S3Client({ ...options, forcePathStyle: true });
  });
  afterAll(async () => {
    storage.destroy();
    client.destroy();
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  async function bucket(): Promise<string[]> {
    return ((await client.send(new ListObjectsV2Command({ Bucket: "lotse-documents" }))).Contents ?? []).map((o) => o.Key ?? "");
  }

  test("hostile files leave the bucket empty; an accepted one is the only object", async () => {
    const pipeline = createUploadPipeline({ storage, settings: { ...settings, clamd: undefined } });
    for (const hostile of corpus.filter((h) => h.reason !== "virus")) {
      const result = await pipeline.acceptUpload(
        { bytes: await hostile.bytes(), declaredName: hostile.declaredName, declaredType: hostile.declaredType },
        { quotaUsed: 0 },
      );
      expect(result, hostile.name).toMatchObject({ ok: false, reason: hostile.reason });
    }
    expect(await bucket()).toEqual([]);
    const accepted = await pipeline.acceptUpload({ bytes: await photoWithGps(), declaredName: "a.jpg", declaredType: "image/jpeg" }, { quotaUsed: 0 });
    if (!accepted.ok) throw new Error(accepted.reason);
    const { key } = accepted.file;
    expect(await bucket()).toEqual([`${key.slice(0, 2)}/${key.slice(2, 4)}/${key}`]);
    expect(sha256((await storage.get(key))!)).toBe(accepted.file.sha256);
  });
});
