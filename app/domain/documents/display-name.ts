// The name an uploader's device gave a file is shown to people (in lists and as the name of a
// download) and nothing else: never a path, never a key, never a type. Here it is made
// harmless to show: no folders, no control or direction-changing characters, no characters
// that file systems refuse, a sensible length, and the extension of what is really stored.

export type StoredMediaType = "image/jpeg" | "application/pdf";

const extensionOf: Record<StoredMediaType, string> = { "image/jpeg": ".jpg", "application/pdf": ".pdf" };

/** Longest name shown, in characters, before the extension. */
export const displayNameMaxLength = 100;

// Bidirectional controls (U+202E turns "invoice‮gpj.exe" into "invoiceexe.jpg" on screen),
// zero-width and other invisible format characters, line separators and control characters.
// Zero-width (non-)joiners stay: Persian writes words with them.
const invisible = /(?![\u200C\u200D])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
// Reserved on Windows, or meaningful in paths and headers.
const reserved = /[<>:"/\\|?*]/g;
const windowsDeviceName = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
const graphemes = new Intl.Segmenter("und", { granularity: "grapheme" });

/**
 * The declared file name made safe to display, with the extension of the stored type, or
 * null when nothing usable is left (the caller shows a translated "document" instead).
 */
export function displayName(declared: string | null | undefined, mediaType: StoredMediaType): string | null {
  if (!declared) return null;
  // Old browsers send the whole path ("C:\Users\…\pass.jpg"); keep the last part only.
  const last = declared.normalize("NFC").split(/[/\\]/).pop() ?? "";
  let base = last.replace(invisible, "").replace(reserved, "_").replace(/\s+/gu, " ").trim();
  // The extension is decided by what we stored, not by what the name claims.
  base = base.replace(/\.[^.]{1,10}$/u, "");
  // No hidden files, no "..", no trailing dots or spaces (Windows drops them).
  base = base.replace(/^[.\s]+/u, "").replace(/[.\s]+$/u, "");
  if (windowsDeviceName.test(base)) base = `_${base}`;
  // Cut between whole characters as people see them (a letter with its marks, an emoji).
  const characters = [...graphemes.segment(base)].map((s) => s.segment);
  if (characters.length > displayNameMaxLength) base = characters.slice(0, displayNameMaxLength).join("").trimEnd();
  if (base === "") return null;
  return `${base}${extensionOf[mediaType]}`;
}
