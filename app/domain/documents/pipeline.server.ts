// One upload, from the bytes a person sent to a stored document or a reason why not. The
// checks run from cheap to expensive; storage is written last, only when every check passed,
// so a refused upload leaves nothing behind and changes nothing.
//
//   size and quota → type by first bytes → polyglot → virus scan (before any decoder touches
//   the bytes) → images decoded within limits and re-encoded / PDFs parsed and checked →
//   quota again with the stored size → storage
import type { DocumentSettings } from "#app/lib/env.server";
import { type ClamdAddress, type ScanResult, scanWithClamd } from "./clamd.server";
import { displayName, type StoredMediaType } from "./display-name";
import { inspect } from "./inspect.server";
import type { UploadRefusal } from "./refusals";
import { checkPdf, type ImageLimits, imageLimits, sanitizeImage } from "./sanitize.server";
import type { DocumentStorage } from "./storage.server";

export type Upload = {
  bytes: Uint8Array;
  /** The file name the browser sent: only ever shown, after displayName(). */
  declaredName: string | null | undefined;
  /** The Content-Type the browser sent: never trusted, only reported in `detail`. */
  declaredType: string | null | undefined;
};

export type AcceptedFile = {
  key: string;
  sha256: string;
  /** Stored bytes, which is what counts against the quota. */
  size: number;
  mediaType: StoredMediaType;
  pages: number;
  /** Pixels of the stored image; null for PDFs. */
  width: number | null;
  height: number | null;
  /** Null when the declared name had nothing usable (show a translated "document"). */
  displayName: string | null;
};

export type UploadResult =
  | { ok: true; file: AcceptedFile }
  | {
      ok: false;
      reason: UploadRefusal;
      /** For logs; never shown to the uploader, who reads the translated reason. */
      detail?: string;
    };

export type PipelineDependencies = {
  storage: DocumentStorage;
  settings: Pick<DocumentSettings, "uploadMaxBytes" | "applicationQuotaBytes" | "clamd">;
  /** Defaults to imageLimits. */
  imageLimits?: ImageLimits;
  /** Defaults to clamd INSTREAM at settings.clamd. */
  scan?: (address: ClamdAddress, bytes: Uint8Array) => Promise<ScanResult>;
};

export type UploadPipeline = {
  acceptUpload(upload: Upload, context: { quotaUsed: number }): Promise<UploadResult>;
};

export function createUploadPipeline(dependencies: PipelineDependencies): UploadPipeline {
  const { storage, settings } = dependencies;
  const limits = dependencies.imageLimits ?? imageLimits;
  const scan = dependencies.scan ?? ((address, bytes) => scanWithClamd(address, bytes));

  async function acceptUpload(upload: Upload, { quotaUsed }: { quotaUsed: number }): Promise<UploadResult> {
    const { bytes } = upload;
    if (bytes.length > 0 && bytes.length <= settings.uploadMaxBytes && quotaUsed >= settings.applicationQuotaBytes) {
      return { ok: false, reason: "quota", detail: `${quotaUsed} bytes already stored` };
    }
    const inspection = inspect(bytes, settings.uploadMaxBytes);
    if (!inspection.ok) {
      const declared = upload.declaredType ? ` (declared ${upload.declaredType})` : "";
      return { ok: false, reason: inspection.reason, detail: `${inspection.detail ?? inspection.reason}${declared}` };
    }

    if (settings.clamd) {
      const verdict = await scan(settings.clamd, bytes);
      if (verdict.verdict === "infected") return { ok: false, reason: "virus", detail: verdict.signature };
      if (verdict.verdict === "unavailable") return { ok: false, reason: "scan-unavailable", detail: verdict.detail };
    }

    let stored: Uint8Array;
    let mediaType: StoredMediaType;
    let pages = 1;
    let width: number | null = null;
    let height: number | null = null;
    if (inspection.type === "pdf") {
      const pdf = await checkPdf(bytes);
      if (!pdf.ok) return { ok: false, reason: pdf.reason, detail: pdf.detail };
      stored = bytes;
      mediaType = "application/pdf";
      pages = pdf.pages;
    } else {
      const image = await sanitizeImage(bytes, inspection.type, limits);
      if (!image.ok) return { ok: false, reason: image.reason, detail: image.detail };
      stored = image.bytes;
      mediaType = "image/jpeg";
      width = image.width;
      height = image.height;
    }

    if (quotaUsed + stored.length > settings.applicationQuotaBytes) {
      return { ok: false, reason: "quota", detail: `${quotaUsed} + ${stored.length} bytes` };
    }
    const { key, sha256, size } = await storage.put(stored);
    return {
      ok: true,
      file: { key, sha256, size, mediaType, pages, width, height, displayName: displayName(upload.declaredName, mediaType) },
    };
  }

  return { acceptUpload };
}
