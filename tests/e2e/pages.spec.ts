// Every public page in all eight languages, error pages, language detection and bad input.
import { expect, test } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, jsEnabled, seedText, uiText } from "./support";

const languages = ["de", "en", "ar", "fa", "tr", "uk", "ru", "fr"] as const;
const rtl = new Set(["ar", "fa"]);
const pages = ["/", "/services", "/services/residence-extension?purpose=employment", "/services/naturalisation"];

for (const lng of languages) {
  test(`every page in ${lng}: right language and direction, fits the screen, accessible`, async ({ page }, testInfo) => {
    for (const path of pages) {
      const response = await page.goto(`${path}${path.includes("?") ? "&" : "?"}lng=${lng}`);
      expect(response!.status(), path).toBe(200);
      await expect(page.locator("html")).toHaveAttribute("lang", lng);
      await expect(page.locator("html")).toHaveAttribute("dir", rtl.has(lng) ? "rtl" : "ltr");
      await expect(page.locator(".demo-banner")).toHaveText(new RegExp(escapeRegExp(uiText(lng, "common").demo.banner)));
      await expectNoHorizontalScroll(page);
      await expectAccessible(page, testInfo);
    }
  });
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

test("an unknown address answers 404 with a page in the person's language", async ({ page }, testInfo) => {
  const response = await page.goto("/no-such-page?lng=tr");
  expect(response!.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(uiText("tr", "common").errors.notFound.title);
  await expectAccessible(page, testInfo);
  const unknownService = await page.goto("/services/no-such-service?lng=fa");
  expect(unknownService!.status()).toBe(404);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(uiText("fa", "common").errors.notFound.title);
});

test("a made-up answer gets 400 and a translated message beside the question, the rest kept", async ({ page }, testInfo) => {
  const response = await page.goto("/services/settlement-permit?lng=uk&livelihood=robbery&married=yes");
  expect(response!.status()).toBe(400);
  const message = uiText("uk", "catalogue").service.questions.invalidOption;
  await expect(page.locator(".error-summary")).toContainText(message);
  await expect(page.locator("#q-livelihood .error-message")).toHaveText(message);
  const married = seedText("uk").services["settlement-permit"]!.questions!.married!.options.yes!;
  await expect(page.locator("#q-married").getByLabel(married, { exact: true })).toBeChecked();
  await expectAccessible(page, testInfo);
});

test("a bad catalogue filter gets 400 with a translated page", async ({ page }, _testInfo) => {
  const response = await page.goto("/services?show=everything&lng=ru");
  expect(response!.status()).toBe(400);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(uiText("ru", "common").errors.badRequest.title);
});

test.describe("with a French browser", () => {
  test.use({ locale: "fr-FR" });
  test("language detection: the link before the cookie before the browser's language", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await page.goto("/?lng=tr");
    await expect(page.locator("html")).toHaveAttribute("lang", "tr");
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "tr"); // kept in the cookie
    await page.goto("/?lng=uk");
    await expect(page.locator("html")).toHaveAttribute("lang", "uk"); // a new link beats the cookie
  });
});

test.describe("with a Swedish browser", () => {
  test.use({ locale: "sv-SE" });
  test("language detection: German when nothing else fits", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
  });
});

test("the health check reports the database", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: "ok" });
});

test("the print button appears only where JavaScript can print", async ({ page }, testInfo) => {
  await page.goto("/services/residence-extension?lng=en&purpose=study");
  const button = page.getByRole("button", { name: "Print checklist" });
  if (jsEnabled(testInfo.project.name)) await expect(button).toBeVisible();
  else await expect(button).toBeHidden();
});

test("pages are served with a content security policy and no framework JavaScript", async ({ page }, _testInfo) => {
  const response = await page.goto("/services?lng=de");
  expect(response!.headers()["content-security-policy"]).toContain("script-src 'self' 'nonce-");
  expect(response!.headers()["x-content-type-options"]).toBe("nosniff");
  const scripts = await page.locator("script[src]").evaluateAll((s) => s.map((e) => e.getAttribute("src")));
  expect(scripts).toEqual(["/enhance.js"]);
});
