// Lines of text on PDF pages in any of Lotse's scripts: a paragraph broken into lines that fit,
// each line's runs in visual order, drawn with the embedded subsets of the fonts (which
// text-shaping.server.ts shapes). See docs/decisions/0012-receipt-pdf.md.
import { type Color, type PDFDocument, type PDFFont, type PDFName, type PDFPage, degrees, drawText, grayscale } from "pdf-lib";
import {
  bidi,
  type Direction,
  type Face,
  type FontkitGlyph,
  loadFontBytes,
  preparedFontkit,
  runText,
  shape,
  type Shaped,
  type Shaper,
  shaperFor,
  visualRuns,
} from "./text-shaping.server";

export type TextStyle = { face: Face; size: number; color?: Color };

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
