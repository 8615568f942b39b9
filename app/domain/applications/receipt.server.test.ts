// The receipt PDF, read back as a person's tools read it: pdf-lib parses it, poppler's pdftotext
// extracts its text (with positions), pdftoppm renders it. poppler-utils comes with
// scripts/provision.sh.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDict, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from "pdf-lib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { languages } from "#app/lib/i18n/languages";
import { projectPath } from "#app/lib/project-path.server";
import { formatSubmission, renderReceipt } from "./receipt.server";
import { arabic, german, longArabic, persian, ukrainian } from "#tests/support/receipts";
import { Typesetter } from "./typesetting.server";
import { shapedGlyphs } from "./text-shaping.server";

const work = mkdtempSync(join(tmpdir(), "lotse-receipt-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const A4 = { width: 595.28, height: 841.89 };
const side = 56;

let files = 0;
function save(bytes: Uint8Array): string {
  const file = join(work, `receipt-${++files}.pdf`);
  writeFileSync(file, bytes);
  return file;
}

function poppler(tool: string, args: string[]): string {
  const run = spawnSync(tool, args, { encoding: "utf8" });
  if (run.error) throw new Error(`${tool} is missing: install poppler-utils (scripts/provision.sh does)`);
  if (run.status !== 0) throw new Error(`${tool} failed: ${run.stderr}`);
  return run.stdout;
}

/** The text of one page (1-based) in reading order, without the bidi marks poppler adds. */
function pageText(file: string, page: number): string {
  return poppler("pdftotext", ["-f", String(page), "-l", String(page), file, "-"]).replace(/[\u202A-\u202E]/g, "");
}

type Word = { text: string; xMin: number; yMin: number; xMax: number; yMax: number };

/** Every word with its box in points, y from the top, per page. */
function words(file: string): Word[][] {
  const html = poppler("pdftotext", ["-bbox", file, "-"]);
  return html
    .split("<page ")
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
        text: m[5]!
          .replace(/&amp;/g, "&")
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
          .replace(/&quot;/g, '"'),
      })),
    );
}

/** The words of the line at the page's foot, left to right as they stand on the page. */
function footer(page: Word[]): string[] {
  const bottom = Math.max(...page.map((w) => w.yMin));
  return page
    .filter((w) => Math.abs(w.yMin - bottom) < 2)
    .sort((a, b) => a.xMin - b.xMin)
    .map((w) => w.text);
}

/** A right-to-left word as pdftotext -bbox gives it: its letters in the order they stand on the page. */
function visual(word: string): string {
  return [...word].reverse().join("");
}

/** Each embedded font's ToUnicode entries: glyph (CID) -> the code points it stands for. */
async function toUnicodeMaps(bytes: Uint8Array): Promise<Array<Map<number, number[]>>> {
  const doc = await PDFDocument.load(bytes);
  const maps: Array<Map<number, number[]>> = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of("Subtype")) !== PDFName.of("Type0")) continue;
    const stream = doc.context.lookup(object.get(PDFName.of("ToUnicode")));
    if (!(stream instanceof PDFRawStream)) continue;
    const cmap = Buffer.from(decodePDFRawStream(stream).decode()).toString("latin1");
    const map = new Map<number, number[]>();
    for (const m of cmap.matchAll(/<([0-9A-Fa-f]{4})> <([0-9A-Fa-f]*)>/g)) {
      map.set(parseInt(m[1]!, 16), m[2]!.match(/.{4}/g)?.map((h) => parseInt(h, 16)) ?? []);
    }
    maps.push(map);
  }
  return maps;
}

describe("shaping and direction", () => {
  test("Arabic letters take their joined forms, in visual order (right to left)", async () => {
    // ا ل ع ل ي: alef does not join to the left, so lam starts the joined part.
    const glyphs = await shapedGlyphs("العلي", "rtl");
    expect(glyphs.map((g) => g.name)).toEqual(["uniFEF2", "uniFEE0", "uniFECC", "uniFEDF", "uni0627"]);
    expect(glyphs.map((g) => g.codePoints[0])).toEqual([0x64a, 0x644, 0x639, 0x644, 0x627]);
  });

  test("lam and alef become one ligature", async () => {
    expect((await shapedGlyphs("لا", "rtl")).map((g) => g.name)).toEqual(["uniFEFB"]);
    expect((await shapedGlyphs("سلام", "rtl")).map((g) => g.name)).toEqual(["uni0645", "uniFEFC", "uniFEB3"]);
  });

  test("Persian letters پ چ ژ گ ی join, and a ZWNJ keeps letters apart without taking space", async () => {
    expect((await shapedGlyphs("پچژگی", "rtl")).map((g) => g.name)).toEqual(["uniFBFD", "uniFB94", "uniFB8B", "uniFB7D", "uniFB58"]);
    // صفحه‌ها: heh ends the first part (final form), the next heh starts the second (initial form).
    const names = (await shapedGlyphs("صفحه\u200Cها", "rtl")).map((g) => g.name);
    expect(names).toEqual(["uniFE8E", "uniFEEB", "uniFEEA", "uniFEA4", "uniFED4", "uniFEBB"]);
  });

  test("Persian digits in a left-to-right run keep their order", async () => {
    expect((await shapedGlyphs("۲۰۲۶", "ltr")).map((g) => g.codePoints[0])).toEqual([0x6f2, 0x6f0, 0x6f2, 0x6f6]);
  });

  test("every receipt text in all eight languages has glyphs in the font (no empty boxes)", async () => {
    for (const lng of languages) {
      const texts = Object.values(JSON.parse(readFileSync(projectPath(`locales/${lng}/receipt.json`), "utf8")) as Record<string, string>);
      const { dateTime } = formatSubmission(lng, arabic.submittedAt, arabic.timeZone);
      for (const text of [...texts, dateTime]) {
        for (const face of ["regular", "bold"] as const) {
          const missing = (await shapedGlyphs(text, "ltr", face)).filter((g) => g.id === 0);
          expect(missing, `${lng} ${face}: ${text}`).toEqual([]);
        }
      }
    }
  });
});

describe("lines", () => {
  const style = { face: "regular", size: 10 } as const;

  test("a right-to-left line lists its runs left to right, numbers and Latin words each in their own direction", async () => {
    const ts = await Typesetter.embed(await PDFDocument.create());
    const [line] = ts.lines("رقم الملف LT-7K4M-9QXD منذ 2024 (مؤقت)", style, 1000, "rtl");
    expect(line!.runs.map((r) => [r.direction, r.text])).toEqual([
      // Runs keep logical order, with brackets mirrored: reversed by the shaper, "(مؤقت)" reads right.
      ["rtl", " )مؤقت("],
      ["ltr", "2024"],
      ["rtl", " منذ "],
      ["ltr", "LT-7K4M-9QXD"],
      ["rtl", "رقم الملف "],
    ]);
  });

  test("text wraps at spaces within the width, and a word longer than a line is broken", async () => {
    const ts = await Typesetter.embed(await PDFDocument.create());
    const text = "Aufenthaltserlaubnis zum Studium https://lotse.musterstadt.example/status/LT-7K4M-9QXD";
    const lines = ts.lines(text, style, 120, "auto");
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(120);
    expect(lines.map((l) => l.text.replace(/ /g, "")).join("")).toBe(text.replace(/ /g, ""));
  });
});

describe("the receipt for an Arabic-speaking applicant", () => {
  let bytes: Uint8Array;
  let elapsed: number;
  let file: string;
  beforeAll(async () => {
    const started = performance.now();
    bytes = await renderReceipt(arabic);
    elapsed = performance.now() - started;
    file = save(bytes);
  });

  test("is a small PDF of two A4 pages, Arabic then German, made in seconds at most", async () => {
    expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(2);
    for (const page of doc.getPages()) {
      expect(page.getWidth()).toBeCloseTo(A4.width, 1);
      expect(page.getHeight()).toBeCloseTo(A4.height, 1);
    }
    expect(elapsed).toBeLessThan(5000);
    expect(bytes.length).toBeLessThan(120_000);
  });

  test("its Arabic text comes back out in logical order, so the glyphs stand right to left", () => {
    const text = pageText(file, 1);
    // Drawn left to right, these words would come out reversed.
    expect(text).toContain("إيصال استلام طلبك");
    expect(text).toContain("العلي");
    expect(text).toContain("أحمد خالد");
    expect(text).toContain("تمديد تصريح الإقامة للعمل");
    expect(text).toContain("LT-7K4M-9QXD");
    expect(text).toContain("Siemens AG");
  });

  test("numbers and Latin words inside Arabic lines stand where the bidi algorithm puts them", () => {
    const page = words(file)[0]!;
    const at = (text: string) => {
      const word = page.find((w) => w.text === text);
      if (!word) throw new Error(`no word ${text} on page 1: ${page.map((w) => w.text).join(" ")}`);
      return word;
    };
    // "40 ساعة في الأسبوع منذ 2024": 40 begins the sentence, at its right end; 2024 ends it, at the left.
    const forty = at("40");
    const year = at("2024");
    expect(forty.yMin).toBeCloseTo(year.yMin, 0);
    expect(forty.xMin).toBeGreaterThan(year.xMax);
    // "(Meldebescheinigung)" after the Arabic words: to their left, brackets mirrored around it.
    // (pdftotext -bbox gives each word's letters in the order they stand on the page.)
    expect(at("(Meldebescheinigung)").xMax).toBeLessThan(at(visual("التسجيل")).xMin);
    // The title is right-aligned at the right margin; the reference too, in its own order.
    const reference = at("LT-7K4M-9QXD");
    expect(reference.xMax).toBeGreaterThan(A4.width - side - 2);
    // The footer "الصفحة 1 من 2 · LT-7K4M-9QXD" reads from the right.
    expect(footer(page)).toEqual(["LT-7K4M-9QXD", "·", "2", visual("من"), "1", visual("الصفحة")]);
  });

  test("the letters are joined: each letter has several glyphs, and lam-alef is one ligature", async () => {
    const maps = await toUnicodeMaps(bytes);
    const forms = (codePoint: number) => Math.max(...maps.map((m) => [...m.values()].filter((cps) => cps.length === 1 && cps[0] === codePoint).length));
    // lam: initial, medial, final and isolated forms; beh and yeh likewise.
    expect(forms(0x644)).toBeGreaterThanOrEqual(3);
    expect(forms(0x64a)).toBeGreaterThanOrEqual(2);
    // A lam-alef ligature maps to both letters, written in visual order for extraction to reverse.
    const ligatures = maps.flatMap((m) => [...m.values()].filter((cps) => cps.length === 2 && cps[1] === 0x644));
    expect(ligatures.length).toBeGreaterThan(0);
    expect(ligatures.every((cps) => [0x622, 0x623, 0x625, 0x627].includes(cps[0]!))).toBe(true);
  });

  test("the German part follows with the time stamp, the German service name and the names as written", () => {
    const text = pageText(file, 2);
    expect(text).toContain("Eingangsbestätigung");
    expect(text).toContain("Donnerstag, 5. März 2026 um 14:07:09 MEZ");
    expect(text).toContain("Ihr Antrag ist am 5. März 2026 um 14:07:09 MEZ");
    expect(text).toContain("Sie ist keine Entscheidung über Ihren Antrag.");
    expect(text).toContain("Verlängerung der Aufenthaltserlaubnis zur Beschäftigung");
    expect(text).toContain("العلي");
    expect(text).toContain("Meldebescheinigung");
    expect(text).toContain("https://lotse.musterstadt.example/status/LT-7K4M-9QXD");
    expect(text).toContain("Seite 2 von 2");
  });

  test("renders: the Arabic title has ink at the right margin, the German one at the left", async () => {
    poppler("pdftoppm", ["-r", "72", "-gray", "-png", file, join(work, "arabic")]);
    const pngs = readdirSync(work)
      .filter((f) => f.startsWith("arabic-") && f.endsWith(".png"))
      .sort();
    expect(pngs).toHaveLength(2);
    const titleInk = async (png: string) => {
      // At 72 dpi a pixel is a point; the title's line is 56 to 84 points from the top.
      const { data, info } = await sharp(join(work, png)).extract({ left: 0, top: 58, width: 595, height: 24 }).raw().toBuffer({ resolveWithObject: true });
      const columns: number[] = [];
      for (let x = 0; x < info.width; x++) {
        for (let y = 0; y < info.height; y++) {
          if (data[(y * info.width + x) * info.channels]! < 128) {
            columns.push(x);
            break;
          }
        }
      }
      return { from: Math.min(...columns), to: Math.max(...columns) };
    };
    const arabicTitle = await titleInk(pngs[0]!);
    expect(arabicTitle.to).toBeGreaterThan(A4.width - side - 4);
    expect(arabicTitle.from).toBeGreaterThan(A4.width / 3);
    const germanTitle = await titleInk(pngs[1]!);
    expect(germanTitle.from).toBeLessThan(side + 4);
    expect(germanTitle.to).toBeLessThan(A4.width / 2);
  });
});

describe("the receipt for a Persian-speaking applicant", () => {
  let bytes: Uint8Array;
  let file: string;
  beforeAll(async () => {
    bytes = await renderReceipt(persian);
    file = save(bytes);
  });

  test("has the Persian letters, digits and words in logical order, and the German part", () => {
    const text = pageText(file, 1);
    expect(text).toContain("رسید دریافت درخواست شما");
    expect(text).toContain("درخواست شما به دست ما رسید");
    expect(text).toContain("پژوهنده");
    expect(text).toContain("گلی ژاله");
    expect(text).toContain("۱۴:۰۷:۰۹");
    expect(text).toContain("۲۰۲۶");
    expect(pageText(file, 2)).toContain("Donnerstag, 5. März 2026 um 14:07:09 MEZ");
  });
});

describe("the receipt for a Ukrainian-speaking applicant", () => {
  let bytes: Uint8Array;
  let file: string;
  beforeAll(async () => {
    bytes = await renderReceipt(ukrainian);
    file = save(bytes);
  });

  test("has the Ukrainian part, then the German part", async () => {
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(2);
    const first = pageText(file, 1);
    expect(first).toContain("Підтвердження отримання заяви");
    expect(first).toContain("Коваленко");
    expect(first).toContain("Олена Ігорівна");
    expect(first).toContain("четвер, 5 березня 2026 р. о 14:07:09 GMT+1");
    expect(first).toContain("Сторінка 1 з 2");
    const second = pageText(file, 2);
    expect(second).toContain("Eingangsbestätigung");
    expect(second).toContain("Aufenthaltserlaubnis zum vorübergehenden Schutz");
    expect(second).toContain("Biometrisches Foto");
  });
});

describe("the receipt for a German-speaking applicant", () => {
  let bytes: Uint8Array;
  let file: string;
  beforeAll(async () => {
    bytes = await renderReceipt(german);
    file = save(bytes);
  });

  test("is German only, on one page without page numbers", async () => {
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
    const text = pageText(file, 1);
    expect(text).toContain("Eingangsbestätigung");
    expect(text).toContain("Yılmaz");
    expect(text).toContain("Ayşe Gül");
    expect(text).toContain("Donnerstag, 5. März 2026 um 14:07:09 MEZ");
    expect(text).not.toContain("Seite 1");
    expect(text).not.toContain("Noch fehlende");
  });
});

describe("a long receipt (30 answers, 20 documents)", () => {
  let bytes: Uint8Array;
  let file: string;
  let pages: Word[][];
  beforeAll(async () => {
    bytes = await renderReceipt(longArabic());
    file = save(bytes);
    pages = words(file);
  });

  test("runs over several pages in each language, numbered", async () => {
    const count = (await PDFDocument.load(bytes)).getPageCount();
    expect(count).toBeGreaterThan(4);
    expect(pages).toHaveLength(count);
    expect(footer(pages[0]!)).toEqual(["LT-7K4M-9QXD", "·", String(count), visual("من"), "1", visual("الصفحة")]);
    expect(footer(pages[count - 1]!)).toEqual(["Seite", String(count), "von", String(count), "·", "LT-7K4M-9QXD"]);
  });

  test("keeps every word inside the margins of its page", () => {
    for (const [index, page] of pages.entries()) {
      expect(page.length, `page ${index + 1} has text`).toBeGreaterThan(0);
      for (const word of page) {
        const where = `page ${index + 1}: ${word.text} at ${word.xMin.toFixed(1)}–${word.xMax.toFixed(1)}, ${word.yMin.toFixed(1)}–${word.yMax.toFixed(1)}`;
        expect(word.xMin, where).toBeGreaterThanOrEqual(side - 1);
        expect(word.xMax, where).toBeLessThanOrEqual(A4.width - side + 1);
        expect(word.yMin, where).toBeGreaterThanOrEqual(side - 12);
        expect(word.yMax, where).toBeLessThanOrEqual(A4.height - 20);
      }
    }
  });

  test("has all answers and documents, the table's head again where the table goes on", () => {
    const all = pages.map((_, i) => pageText(file, i + 1)).join("\n");
    for (let i = 1; i <= 30; i++) expect(all).toContain(`Frage ${i}:`);
    for (let i = 1; i <= 20; i++) expect(all).toContain(`Unterlage ${i} (`);
    const germanPagesWithTable = pages.filter((page) => page.some((w) => w.text.startsWith("Unterlage")) && page.some((w) => w.text === "Dateien"));
    expect(germanPagesWithTable.length).toBeGreaterThanOrEqual(2);
    // The over-long word is broken rather than run off the page.
    expect(all.replace(/\s+/g, "")).toContain("Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsnummernbestätigungsschreibenaktenzeichen");
  });
});
