// Text on PDF pages in any of Lotse's scripts: Latin, Cyrillic, Arabic and Persian. bidi-js (the
// Unicode Bidirectional Algorithm) decides which runs of a line go right to left and in which
// order the runs stand; fontkit shapes each run (joined Arabic letter forms, the lam-alef
// ligature, marks placed on their letters); pdf-lib embeds subsets of the fonts and writes the
// glyphs. See docs/decisions/0012-receipt-pdf.md. This file shapes runs and orders them;
// typesetting.server.ts breaks lines and draws them.
import fontkit from "@pdf-lib/fontkit";
import bidiFactory from "bidi-js";
import { readFile } from "node:fs/promises";
import { projectPath } from "#app/lib/project-path.server";

export type Direction = "ltr" | "rtl";
export type Face = "regular" | "bold" | "mono";

// DejaVu (Bitstream Vera licence, DejaVu changes public domain) covers Latin with Turkish and
// French letters, Cyrillic and Arabic with the Persian letters, with the OpenType tables that
// join Arabic letters. DejaVu Serif has no Arabic; Sans and Sans Mono do.
const fontFiles: Record<Face, string> = {
  regular: "DejaVuSans.ttf",
  bold: "DejaVuSans-Bold.ttf",
  mono: "DejaVuSansMono-Bold.ttf",
};

let fontBytes: Promise<Record<Face, Uint8Array>> | undefined;

/** The font files, read once per process (together about 1.8 MB; each PDF embeds subsets). */
export function loadFontBytes(): Promise<Record<Face, Uint8Array>> {
  fontBytes ??= (async () => {
    const entries = await Promise.all(
      (Object.entries(fontFiles) as Array<[Face, string]>).map(
        async ([face, file]) => [face, new Uint8Array(await readFile(projectPath(`node_modules/dejavu-fonts-ttf/ttf/${file}`)))] as const,
      ),
    );
    return Object.fromEntries(entries) as Record<Face, Uint8Array>;
  })();
  fontBytes.catch(() => {
    fontBytes = undefined;
  });
  return fontBytes;
}

// --- Shaping --------------------------------------------------------------------------------

type FontkitFont = ReturnType<typeof fontkit.create>;
export type FontkitGlyph = FontkitFont["glyphsForString"] extends (s: string) => Array<infer G> ? G : never;
type GlyphRun = ReturnType<FontkitFont["layout"]>;
// fontkit's layout takes script, language and direction too; its type declaration omits them.
type DirectedLayout = (text: string, features?: unknown, script?: string, language?: string, direction?: Direction) => GlyphRun;

/** fontkit's own font, and the glyph runs `Typesetter` has shaped and hands to pdf-lib to draw. */
export type Shaper = { font: FontkitFont; layout: DirectedLayout; prepared: Map<string, FontkitGlyph[]> };

const shapers = new WeakMap<Uint8Array, Shaper>();

/**
 * fontkit as pdf-lib uses it, with one change. pdf-lib 1.17 turns text into glyphs with
 * font.layout(text).glyphs (PDFFont.encodeText), where fontkit would guess the direction from the
 * script (and reverse Persian digits, which the bidi algorithm puts in a left-to-right run), and
 * would then drop fontkit's glyph positions (marks above letters, kerning, the zero width of a
 * ZWNJ). So `Typesetter` shapes every run itself, with the direction the bidi algorithm gave it,
 * and encodes the resulting glyphs under a private key that this layout answers with exactly
 * those glyphs. A parsed font is kept per file for the process (fontkit parses tables lazily);
 * pdf-lib makes a subset per document.
 */
export const preparedFontkit = {
  create(data: Uint8Array, postscriptName?: string): FontkitFont {
    return shaperFor(data, postscriptName).font;
  },
};

export function shaperFor(data: Uint8Array, postscriptName?: string): Shaper {
  const cached = shapers.get(data);
  if (cached) return cached;
  const font = fontkit.create(data, postscriptName);
  // fontkit keeps one Glyph per id with the code points it was first made for, which may be none
  // (the second glyph of a decomposition) or another letter's; a later layout would then join
  // letters by the wrong code points and pdf-lib would write them into ToUnicode. Each glyph
  // here carries the code points of the layout at hand, its outline still parsed once.
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id: number, codePoints: number[] = []) => {
    const glyph = getGlyph(id, codePoints);
    if (glyph.codePoints.length === codePoints.length && glyph.codePoints.every((cp, i) => cp === codePoints[i])) return glyph;
    return Object.create(glyph, { codePoints: { value: codePoints } }) as FontkitGlyph;
  };
  const layout = font.layout.bind(font) as DirectedLayout;
  const prepared = new Map<string, FontkitGlyph[]>();
  font.layout = ((text: string, features?: unknown) => {
    const glyphs = prepared.get(text);
    return glyphs ? ({ glyphs } as GlyphRun) : layout(text, features);
  }) as FontkitFont["layout"];
  const shaper = { font, layout, prepared };
  shapers.set(data, shaper);
  return shaper;
}

/** A shaped run: glyphs in visual order (left to right), where each is drawn, and the run's width, in font units. */
export type Shaped = { glyphs: Array<{ glyph: FontkitGlyph; x: number; dx: number; dy: number }>; advance: number };

export function shape(shaper: Shaper, text: string, direction: Direction): Shaped {
  const run = shaper.layout(text, undefined, undefined, undefined, direction);
  // fontkit turns default ignorables (ZWNJ, ZWJ, soft hyphen) into a space of no width, after
  // they did their work in shaping: they are not drawn.
  const space = shaper.font.glyphForCodePoint(0x20).id;
  const glyphs: Shaped["glyphs"] = [];
  let x = 0;
  run.glyphs.forEach((glyph, i) => {
    const position = run.positions[i]!;
    const hidden = glyph.id === space && position.xAdvance === 0;
    if (!hidden) glyphs.push({ glyph: forExtraction(glyph, direction), x, dx: position.xOffset, dy: position.yOffset });
    x += position.xAdvance;
  });
  return { glyphs, advance: x };
}

/**
 * Text extraction (copy and paste, search, screen readers, pdftotext, pdf.js) rebuilds
 * right-to-left text from the glyphs' order on the page: it reverses each run letter by letter,
 * also the letters of a ligature's ToUnicode entry, so lam-alef would come out as alef-lam. A
 * ligature drawn right to left therefore maps to its letters in visual order, which the reversal
 * puts back in logical order. (ActualText in logical order does not help: poppler reverses it too.)
 */
function forExtraction(glyph: FontkitGlyph, direction: Direction): FontkitGlyph {
  if (direction === "ltr" || glyph.codePoints.length < 2) return glyph;
  return Object.create(glyph, { codePoints: { value: [...glyph.codePoints].reverse() } }) as FontkitGlyph;
}

/** The glyphs a run is drawn with, in visual order, as the PDF gets them. */
export async function shapedGlyphs(text: string, direction: Direction, face: Face = "regular"): Promise<Array<{ id: number; name: string; codePoints: number[] }>> {
  const shaper = shaperFor((await loadFontBytes())[face]);
  return shape(shaper, text, direction).glyphs.map(({ glyph }) => ({
    id: glyph.id,
    name: (glyph as unknown as { name: string }).name,
    codePoints: [...glyph.codePoints],
  }));
}

// --- Bidi -----------------------------------------------------------------------------------

export const bidi = bidiFactory();
// Marks and embeddings steer the bidi algorithm but are not drawn (Intl puts an LRM into Persian times).
const bidiControls = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const isBidiControl = (ch: string) => /^[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]$/.test(ch);

type Piece = { start: number; end: number; level: number };

/**
 * The runs of equal embedding level in text[start, end), in visual order (UAX #9, rule L2: from
 * the highest level down to the lowest odd one, reverse every sequence at that level or higher).
 * Bidi controls neither start nor split a run. Within a right-to-left (odd) run the characters
 * stay in logical order: the shaper reverses them after joining the letters.
 */
export function visualRuns(text: string, levels: ArrayLike<number>, start: number, end: number): Piece[] {
  const runs: Piece[] = [];
  for (let i = start; i < end; i++) {
    if (isBidiControl(text[i]!)) {
      const last = runs.at(-1);
      if (last) last.end = i + 1;
      continue;
    }
    const level = levels[i]!;
    const last = runs.at(-1);
    if (last && last.level === level) last.end = i + 1;
    else runs.push({ start: i, end: i + 1, level });
  }
  if (runs.length === 0) return runs;
  const highest = Math.max(...runs.map((r) => r.level));
  const odd = runs.map((r) => r.level).filter((l) => l % 2 === 1);
  const lowestOdd = odd.length ? Math.min(...odd) : Infinity;
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < runs.length; ) {
      if (runs[i]!.level < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < runs.length && runs[j]!.level >= level) j++;
      const reversed = runs.slice(i, j).reverse();
      runs.splice(i, j - i, ...reversed);
      i = j;
    }
  }
  return runs;
}

/** A run's text as handed to the shaper: controls removed, brackets mirrored in right-to-left runs. */
export function runText(text: string, piece: Piece): string {
  const slice = text.slice(piece.start, piece.end).replace(bidiControls, "");
  if (piece.level % 2 === 0) return slice;
  return [...slice].map((ch) => bidi.getMirroredCharacter(ch) ?? ch).join("");
}
