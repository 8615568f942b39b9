// Flowing text down A4 pages: rows of cells that wrap, start new pages when the space runs out,
// and mirror left and right in right-to-left parts. Geometry is given from the start edge (left
// in left-to-right parts, right in right-to-left ones), as CSS logical properties do.
import { type Color, type PDFDocument, type PDFPage, grayscale } from "pdf-lib";
import type { Direction } from "./text-shaping.server";
import type { Line, TextStyle, Typesetter } from "./typesetting.server";

export const A4: [number, number] = [595.28, 841.89];
const margin = { top: 56, bottom: 64, side: 56 };
/** Line height as a multiple of the font size; DejaVu's Arabic needs the room above and below. */
export const leading = 1.45;
const baseline = 1.05;

export type Align = "start" | "end" | "center";

export type Cell = {
  text: string;
  style: TextStyle;
  /** Base direction of the text; "auto" (default) from its first strong letter. */
  direction?: Direction | "auto";
  /** Distance of the cell from the start edge of the text area, and its width, in points. */
  from: number;
  width: number;
  align?: Align;
};

export type FlowPage = { page: PDFPage; part: number; direction: Direction };

export class PageFlow {
  readonly width = A4[0] - 2 * margin.side;
  readonly pages: FlowPage[] = [];
  private part = -1;
  private direction: Direction = "ltr";
  private y = 0;
  /** Drawn again at the top of a page a row spills over to (a table's head). */
  private repeat: (() => void) | undefined;

  constructor(
    private readonly doc: PDFDocument,
    readonly ts: Typesetter,
  ) {}

  private get current(): FlowPage {
    const page = this.pages.at(-1);
    if (!page) throw new Error("startPart first");
    return page;
  }

  /** Starts a part (one language) on a new page. */
  startPart(direction: Direction): void {
    this.part++;
    this.direction = direction;
    this.newPage();
  }

  private newPage(): void {
    this.pages.push({ page: this.doc.addPage(A4), part: this.part, direction: this.direction });
    this.y = A4[1] - margin.top;
    if (this.repeat) {
      const again = this.repeat;
      this.repeat = undefined;
      again();
      this.repeat = again;
    }
  }

  private get room(): number {
    return this.y - margin.bottom;
  }

  private get fullRoom(): number {
    return A4[1] - margin.top - margin.bottom;
  }

  space(points: number): void {
    this.y = Math.max(this.y - points, margin.bottom);
  }

  /** Starts a new page unless `points` fit on this one. */
  keep(points: number): void {
    if (points > this.room && points <= this.fullRoom) this.newPage();
  }

  /** Left edge in page coordinates of a box `from` points from the start edge. */
  private left(from: number, width: number): number {
    return this.direction === "ltr" ? margin.side + from : A4[0] - margin.side - from - width;
  }

  private x(line: Line, cell: Cell): number {
    const left = this.left(cell.from, cell.width);
    const align = cell.align ?? "start";
    if (align === "center") return left + (cell.width - line.width) / 2;
    const towardsLeft = (align === "start") === (this.direction === "ltr");
    return towardsLeft ? left : left + cell.width - line.width;
  }

  /** Height that `text` would take as one full-width paragraph. */
  heightOf(text: string, style: TextStyle, width = this.width): number {
    return this.ts.lines(text, style, width, "auto").length * style.size * leading;
  }

  /** One paragraph across the text area (or from `indent`); it may continue on the next page. */
  text(text: string, style: TextStyle, options: { direction?: Direction | "auto"; indent?: number; align?: Align } = {}): void {
    const indent = options.indent ?? 0;
    this.row([{ text, style, from: indent, width: this.width - indent, direction: options.direction, align: options.align }], { split: true });
  }

  /**
   * Cells side by side, each wrapping within its width. The row stays on one page if it fits on
   * one (unless `split`), with `keepWith` more points below it; a longer row continues line by
   * line on the next page.
   */
  row(cells: Cell[], options: { keepWith?: number; split?: boolean } = {}): void {
    const laid = cells.map((cell) => ({ cell, lines: this.ts.lines(cell.text, cell.style, cell.width, cell.direction ?? "auto") }));
    const size = Math.max(...cells.map((c) => c.style.size));
    const step = size * leading;
    const count = Math.max(...laid.map((l) => l.lines.length));
    this.keep((options.split ? Math.min(count, 1) : count) * step + (options.keepWith ?? 0));
    for (let i = 0; i < count; i++) {
      if (step > this.room) this.newPage();
      const y = this.y - size * baseline;
      for (const { cell, lines } of laid) {
        const line = lines[i];
        if (line) this.ts.draw(this.current.page, line, this.x(line, cell), y, cell.style);
      }
      this.y -= step;
    }
  }

  /** Rows drawn with `head` on top, which is drawn again on every page the rows continue on. */
  withHead(head: () => void, body: () => void): void {
    head();
    this.repeat = head;
    try {
      body();
    } finally {
      this.repeat = undefined;
    }
  }

  /** A thin line across the text area (or a cell's width). */
  rule(options: { color?: Color; thickness?: number; from?: number; width?: number } = {}): void {
    const thickness = options.thickness ?? 0.6;
    const width = options.width ?? this.width;
    const left = this.left(options.from ?? 0, width);
    this.y -= 2;
    this.current.page.drawLine({
      start: { x: left, y: this.y },
      end: { x: left + width, y: this.y },
      thickness,
      color: options.color ?? grayscale(0.75),
    });
    this.y -= 4;
  }

  /** A paragraph on a shaded panel, kept on one page. */
  panel(text: string, style: TextStyle, fill: Color): void {
    const padding = 10;
    const lines = this.ts.lines(text, style, this.width - 2 * padding, "auto");
    const step = style.size * leading;
    const height = lines.length * step + 2 * padding;
    this.keep(height);
    if (height <= this.room) {
      this.current.page.drawRectangle({ x: margin.side, y: this.y - height, width: this.width, height, color: fill });
    }
    this.y -= padding;
    this.row([{ text, style, from: padding, width: this.width - 2 * padding }]);
    this.y -= padding;
  }

  /** Writes a footer on every page, once all pages exist. */
  footer(text: (page: FlowPage, index: number, count: number) => string, style: TextStyle): void {
    this.pages.forEach((flowPage, index) => {
      const lines = this.ts.lines(text(flowPage, index, this.pages.length), style, this.width, flowPage.direction);
      const line = lines[0];
      if (!line) return;
      this.ts.draw(flowPage.page, line, margin.side + (this.width - line.width) / 2, margin.bottom / 2, style);
    });
  }
}
