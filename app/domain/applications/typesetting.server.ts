// Text on PDF pages in any of Lotse's scripts: Latin, Cyrillic, Arabic and Persian. bidi-js (the
// Unicode Bidirectional Algorithm) decides which runs of a line go right to left and in which
// order the runs stand; fontkit shapes each run (joined Arabic letter forms, the lam-alef
// ligature, marks placed on their letters); pdf-lib embeds subsets of the fonts and writes the
// glyphs. See docs/decisions/0012-receipt-pdf.md.
import fontkit from "@pdf-lib/fontkit";
import bidiFactory from "bidi-js";
import { readFile } from "node:fs/promises";
import { type Color, type PDFDocument, type PDFFont, type PDFName, type PDFPage, degrees, drawText, grayscale } from "pdf-lib";
import { projectPath } from "#app/lib/project-path.server";

export type Direction = "ltr" | "rtl";
export type Face = "regular" | "bold" | "mono";
export type TextStyle = { face: Face; size: number; color?: Color };

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
function loadFontBytes(): Promise<Record<Face, Uint8Array>> {
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
type FontkitGlyph = FontkitFont["glyphsForString"] extends (s: string) => Array<infer G> ? G : never;
type GlyphRun = ReturnType<FontkitFont["layout"]>;
// fontkit's layout takes script, language and direction too; its type declaration omits them.
type DirectedLayout = (text: string, features?: unknown, script?: string, language?: string, direction?: Direction) => GlyphRun;

/** fontkit's own font, and the glyph runs `Typesetter` has shaped and hands to pdf-lib to draw. */
type Shaper = { font: FontkitFont; layout: DirectedLayout; prepared: Map<string, FontkitGlyph[]> };

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
const preparedFontkit = {
  create(data: Uint8Array, postscriptName?: string): FontkitFont {
    return shaperFor(data, postscriptName).font;
  },
};

function shaperFor(data: Uint8Array, postscriptName?: string): Shaper {
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
type Shaped = { glyphs: Array<{ glyph: FontkitGlyph; x: number; dx: number; dy: number }>; advance: number };

function shape(shaper: Shaper, text: string, direction: Direction): Shaped {
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

const bidi = bidiFactory();
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
function visualRuns(text: string, levels: ArrayLike<number>, start: number, end: number): Piece[] {
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
function runText(text: string, piece: Piece): string {
  const slice = text.slice(piece.start, piece.end).replace(bidiControls, "");
  if (piece.level % 2 === 0) return slice;
  return [...slice].map((ch) => bidi.getMirroredCharacter(ch) ?? ch).join("");
}

// --- Lines ----------------------------------------------------------------------------------

export type Run = { text: string; direction: Direction; width: number };
/** A line ready to draw: its runs in visual order (left to right), each with its own direction. */
export type Line = { runs: Run[]; width: number; text: string };

type Paragraph = { text: string; levels: Uint8Array };

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

type EmbeddedFace = {
  pdf: PDFFont;
  shaper: Shaper;
  unitsPerEm: number;
  shaped: Map<string, Shaped>;
  /** What each glyph stands for in ToUnicode, one entry per glyph in a PDF font: the first non-empty. */
  text: Map<number, FontkitGlyph>;
};

let keys = 0;
const subsetTags: Record<Face, string> = { regular: "A", bold: "B", mono: "C" };

export class Typesetter {
  /** Each face's name in each page's resources: page.drawText would add a new one per call. */
  private readonly fontNames = new WeakMap<PDFPage, Map<Face, PDFName>>();

  private constructor(private readonly faces: Record<Face, EmbeddedFace>) {}

  private fontName(page: PDFPage, face: Face): PDFName {
    let names = this.fontNames.get(page);
    if (!names) {
      names = new Map();
      this.fontNames.set(page, names);
    }
    let name = names.get(face);
    if (!name) {
      name = page.node.newFontDictionary(this.faces[face].pdf.name, this.faces[face].pdf.ref);
      names.set(face, name);
    }
    return name;
  }

  /** Embeds the three faces into the document, as subsets of the glyphs that end up drawn. */
  static async embed(doc: PDFDocument): Promise<Typesetter> {
    const bytes = await loadFontBytes();
    doc.registerFontkit(preparedFontkit);
    const embed = async (face: Face): Promise<EmbeddedFace> => {
      const shaper = shaperFor(bytes[face]);
      // A subset's name starts with a tag of six capitals (PDF 32000-1, 9.6.4).
      const customName = `LOTSE${subsetTags[face]}+${shaper.font.postscriptName}`;
      return { pdf: await doc.embedFont(bytes[face], { subset: true, customName }), shaper, unitsPerEm: shaper.font.unitsPerEm, shaped: new Map(), text: new Map() };
    };
    const [regular, bold, mono] = await Promise.all([embed("regular"), embed("bold"), embed("mono")]);
    return new Typesetter({ regular, bold, mono });
  }

  private shaped(text: string, direction: Direction, face: Face): Shaped {
    const f = this.faces[face];
    const key = `${direction}${text}`;
    let result = f.shaped.get(key);
    if (!result) {
      result = shape(f.shaper, text, direction);
      f.shaped.set(key, result);
    }
    return result;
  }

  /** Width in points of one run, shaped in its direction. */
  runWidth(text: string, direction: Direction, style: TextStyle): number {
    if (text === "") return 0;
    return (this.shaped(text, direction, style.face).advance * style.size) / this.faces[style.face].unitsPerEm;
  }

  private paragraph(text: string, direction: Direction | "auto"): Paragraph {
    return { text, levels: bidi.getEmbeddingLevels(text, direction).levels };
  }

  private measure(p: Paragraph, start: number, end: number, style: TextStyle): number {
    let width = 0;
    for (const piece of visualRuns(p.text, p.levels, start, end)) {
      width += this.runWidth(runText(p.text, piece), piece.level % 2 ? "rtl" : "ltr", style);
    }
    return width;
  }

  private line(p: Paragraph, start: number, end: number, style: TextStyle): Line {
    // Spaces at the ends of a line are not drawn (and would take the paragraph's level, L1).
    while (start < end && /\s/.test(p.text[start]!)) start++;
    while (end > start && /\s/.test(p.text[end - 1]!)) end--;
    const runs = visualRuns(p.text, p.levels, start, end)
      .map((piece) => {
        const text = runText(p.text, piece);
        const direction: Direction = piece.level % 2 ? "rtl" : "ltr";
        return { text, direction, width: this.runWidth(text, direction, style) };
      })
      .filter((r) => r.text !== "");
    return { runs, width: runs.reduce((sum, r) => sum + r.width, 0), text: p.text.slice(start, end) };
  }

  /**
   * Breaks text into lines no wider than maxWidth: at spaces, and inside a word only when the word
   * alone is too wide (first after "/" or "-", then between letters). A newline starts a new
   * paragraph. `direction` is the paragraph's base direction; "auto" takes it from the first
   * strong letter, as dir="auto" does in HTML.
   */
  lines(text: string, style: TextStyle, maxWidth: number, direction: Direction | "auto"): Line[] {
    const out: Line[] = [];
    for (const source of text.replace(/\r\n?/g, "\n").split("\n")) {
      const p = this.paragraph(source.replace(/\t/g, " "), direction);
      const pieces = this.breakable(p, style, maxWidth);
      let lineStart = 0;
      let lineWidth = 0;
      let lineEnd = 0;
      for (const piece of pieces) {
        if (lineEnd > lineStart && lineWidth + piece.width - piece.trailing > maxWidth) {
          out.push(this.line(p, lineStart, lineEnd, style));
          lineStart = piece.start;
          lineWidth = 0;
        }
        lineWidth += piece.width;
        lineEnd = piece.end;
      }
      out.push(this.line(p, lineStart, Math.max(lineEnd, lineStart), style));
    }
    return out;
  }

  /** The pieces a paragraph may break between, each with its width and that of its trailing spaces. */
  private breakable(p: Paragraph, style: TextStyle, maxWidth: number): Array<{ start: number; end: number; width: number; trailing: number }> {
    const out: Array<{ start: number; end: number; width: number; trailing: number }> = [];
    for (const m of p.text.matchAll(/\S*\s*/g)) {
      if (m[0] === "") continue;
      const start = m.index;
      const end = start + m[0].length;
      const wordEnd = start + m[0].trimEnd().length;
      const width = this.measure(p, start, end, style);
      const trailing = width - this.measure(p, start, wordEnd, style);
      if (width - trailing <= maxWidth) {
        out.push({ start, end, width, trailing });
        continue;
      }
      // A word wider than the line: a URL, a long compound. Break after "/" or "-", or anywhere.
      let pieceStart = start;
      const parts = p.text.slice(start, end).match(/[^/-]*[/-]+|[^/-]+$/g) ?? [p.text.slice(start, end)];
      for (const part of parts) {
        const partEnd = pieceStart + part.length;
        if (this.measure(p, pieceStart, partEnd, style) <= maxWidth) {
          out.push(this.piece(p, pieceStart, partEnd, style));
        } else {
          let at = pieceStart;
          for (const g of graphemes.segment(part)) {
            out.push(this.piece(p, at, at + g.segment.length, style));
            at += g.segment.length;
          }
        }
        pieceStart = partEnd;
      }
    }
    return out;
  }

  private piece(p: Paragraph, start: number, end: number, style: TextStyle) {
    const width = this.measure(p, start, end, style);
    const wordEnd = start + p.text.slice(start, end).trimEnd().length;
    return { start, end, width, trailing: width - this.measure(p, start, wordEnd, style) };
  }

  /** Draws a line with its left end at x and its baseline at y. */
  draw(page: PDFPage, line: Line, x: number, y: number, style: TextStyle): void {
    let at = x;
    for (const run of line.runs) {
      this.drawRun(page, run, at, y, style);
      at += run.width;
    }
  }

  /**
   * Draws a shaped run. Glyphs that stand where their advance widths put them go out together;
   * a glyph that fontkit moved (a mark placed on its letter, a kerned pair) starts a new piece.
   */
  private drawRun(page: PDFPage, run: Run, x: number, y: number, style: TextStyle): void {
    const face = this.faces[style.face];
    const scale = style.size / face.unitsPerEm;
    const color = style.color ?? grayscale(0);
    const emit = (glyphs: FontkitGlyph[], gx: number, gy: number) => {
      const key = `\uE000${(keys++).toString(36)}`;
      face.shaper.prepared.set(
        key,
        glyphs.map((glyph) => {
          const known = face.text.get(glyph.id);
          if (known) return known;
          if (glyph.codePoints.length > 0) face.text.set(glyph.id, glyph);
          return glyph;
        }),
      );
      try {
        const line = face.pdf.encodeText(key);
        page.pushOperators(
          ...drawText(line, {
            x: x + gx * scale,
            y: y + gy * scale,
            size: style.size,
            font: this.fontName(page, style.face),
            color,
            rotate: degrees(0),
            xSkew: degrees(0),
            ySkew: degrees(0),
          }),
        );
      } finally {
        face.shaper.prepared.delete(key);
      }
    };
    let piece: FontkitGlyph[] = [];
    let pieceX = 0;
    let pieceEnd = 0;
    for (const { glyph, x: gx, dx, dy } of this.shaped(run.text, run.direction, style.face).glyphs) {
      const moved = dx !== 0 || dy !== 0;
      if (piece.length > 0 && (moved || Math.abs(pieceEnd - gx) > 0.5)) {
        emit(piece, pieceX, 0);
        piece = [];
      }
      if (moved) {
        emit([glyph], gx + dx, dy);
        continue;
      }
      if (piece.length === 0) pieceX = pieceEnd = gx;
      piece.push(glyph);
      pieceEnd += glyph.advanceWidth;
    }
    if (piece.length > 0) emit(piece, pieceX, 0);
  }
}
