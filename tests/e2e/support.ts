import { expect, type Page, type TestInfo } from "@playwright/test";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

/** The demo office's texts, as the seed wrote them into the database. */
export function seedText(lng: string): {
  services: Record<string, { name: string; questions?: Record<string, { options: Record<string, string> }> }>;
  documents: Record<string, { name: string }>;
} {
  return JSON.parse(readFileSync(join(import.meta.dirname, "../../db/seed/locales", `${lng}.json`), "utf8"));
}

export function uiText(lng: string, ns: "common" | "catalogue" | "booking" | "apply" | "upload" | "clearing" | "staff"): Record<string, any> {
  return JSON.parse(readFileSync(join(import.meta.dirname, "../../locales", lng, `${ns}.json`), "utf8"));
}

/**
 * No WCAG 2.2 A/AA violation that axe-core can find. axe needs JavaScript in the page; for the
 * no-JavaScript projects the page as shown (after a form post too, with its error summary) is
 * loaded into a JavaScript-enabled twin page whose only script (/enhance.js) is blocked, so that
 * it sees exactly the page a person without JS sees. Its styles and images come from the server.
 */
export async function expectAccessible(page: Page, testInfo: TestInfo) {
  if (jsEnabled(testInfo.project.name)) return analyze(page);
  const context = await page.context().browser()!.newContext({
    javaScriptEnabled: true,
    viewport: page.viewportSize(),
    locale: testInfo.project.use.locale,
  });
  try {
    await context.addCookies(await page.context().cookies());
    await context.route("**/enhance.js", (route) => route.abort());
    const url = page.url();
    const html = await page.content();
    await context.route(
      (u) => u.href === url,
      (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
    );
    const twin = await context.newPage();
    const response = await twin.goto(url);
    expect(response).not.toBeNull();
    await analyze(twin);
  } finally {
    await context.close();
  }
}

// axe-core as @axe-core/playwright bundles it, read once per worker.
const axeSource = readFileSync(createRequire(import.meta.resolve("@axe-core/playwright")).resolve("axe-core/axe.min.js"), "utf8");
const wcag = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

async function analyze(page: Page) {
  // After a form post or a redirect, make sure styles are in before judging layout rules.
  await page.waitForLoadState("load");
  // axe.run() in the page itself, with the source evaluated once. AxeBuilder evaluates the
  // 500 kB source twice per check (and without legacy mode a third time in a new blank tab,
  // for cross-origin frames, which Lotse's pages have none of): 4 to 8 s per check under CI's
  // load, a third of a journey's 60 s.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async (tags) => {
    const axe = (
      window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: tags } });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  }, wcag);
  expect(violations).toEqual([]);
}

/**
 * Nothing sticks out sideways: a full-page screenshot, in CSS pixels, is exactly as wide as the
 * viewport. (A screenshot needs no JavaScript in the page, so this works in every project.)
 */
export async function expectNoHorizontalScroll(page: Page) {
  const png = await page.screenshot({ fullPage: true, animations: "disabled", scale: "css" });
  expect(png.readUInt32BE(16), `page width of ${page.url()}`).toBeLessThanOrEqual(page.viewportSize()!.width);
}

/** The document ids of the checklist as shown (works without JavaScript in the page). */
export async function documentsShown(page: Page): Promise<string[]> {
  const items = await page.locator("#checklist [data-document]").all();
  return Promise.all(items.map(async (i) => (await i.getAttribute("data-document"))!));
}

export function jsEnabled(projectName: string): boolean {
  return !projectName.endsWith("nojs");
}
