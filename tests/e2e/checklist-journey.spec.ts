// The foundation's journey: open the portal in Arabic (right to left), switch to German, find
// "extend a residence permit", answer its question, get the right checklist; and the same
// journey in Arabic and Ukrainian. Runs at 360 px and desktop width, with and without JavaScript.
import { expect, type Page, test } from "@playwright/test";
import { documentsShown, expectAccessible, expectNoHorizontalScroll, jsEnabled, seedText, uiText } from "./support";

const employmentDocuments = ["passport", "residence-card", "biometric-photo", "registration-certificate", "health-insurance", "employment-contract", "payslip"];

async function answer(page: Page, projectName: string, optionLabel: string, value: string) {
  await page.getByLabel(optionLabel, { exact: true }).check();
  const url = new RegExp(`[?&]purpose=${value}(&|$)`);
  if (jsEnabled(projectName)) {
    // With JavaScript the checklist follows the answer without a page load (and the address
    // is updated once the new checklist is in place).
    await expect(page).toHaveURL(url);
  } else {
    // Without it the GET form loads a new page; the old checklist stays on screen until that
    // page has loaded, so wait for it before reading the list.
    await page.getByRole("button", { name: uiText("de", "catalogue").service.questions.submit }).click();
    await page.waitForURL(url);
  }
}

test.describe("with an Arabic browser", () => {
  test.use({ locale: "ar" });
  test("Arabic home is right to left; switching to German; finding the service; the checklist follows the answers", async ({ page }, testInfo) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "ar");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(uiText("ar", "catalogue").home.title);
    // The page really lays out right to left: the heading starts at the right edge.
    const box = (await page.getByRole("heading", { level: 1 }).boundingBox())!;
    const width = page.viewportSize()!.width;
    expect(width - (box.x + box.width)).toBeLessThan(box.x + 1);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, testInfo);

    // Switch to German with the language switch (a disclosure of plain links).
    await page.locator(".language-switch summary").click();
    await page.getByRole("link", { name: "Deutsch" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page.locator("html")).toHaveAttribute("dir", "ltr");

    // The choice sticks (cookie) although the browser still prefers Arabic.
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Anliegen und Unterlagen" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await page.getByLabel("Anliegen suchen").fill("verlängern");
    await page.getByRole("button", { name: "Suchen" }).click();
    await expect(page.getByRole("status")).toContainText("1 Anliegen gefunden");
    await expectAccessible(page, testInfo);
    await page.getByRole("link", { name: "Aufenthaltserlaubnis verlängern" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Aufenthaltserlaubnis verlängern");
    await expectAccessible(page, testInfo);

    const de = seedText("de").services["residence-extension"]!.questions!.purpose!.options;
    await answer(page, testInfo.project.name, de.employment!, "employment");
    await expect(page.locator("#checklist h3")).toHaveText("Diese Unterlagen brauchen Sie");
    expect(await documentsShown(page)).toEqual(employmentDocuments);
    const payslip = page.locator('#checklist [data-document="payslip"]');
    await expect(payslip).toContainText("Gehaltsabrechnung");
    await expect(payslip).toContainText("3 Stück");
    await expect(payslip).toContainText("Ausgestellt vor höchstens 3 Monaten");
    await expect(page.locator('#checklist [data-document="passport"]')).toContainText("Muss noch mindestens 3 Monate gültig sein");
    await expect(page.locator('#checklist [data-document="biometric-photo"]')).toContainText("Ausgestellt vor höchstens 6 Monaten");
    await expect(page.locator('#checklist [data-document="registration-certificate"]')).toContainText("Ausgestellt vor höchstens 3 Monaten");
    await expect(page.locator('#checklist [data-document="health-insurance"]')).toContainText("Ausgestellt vor höchstens 30 Tagen");
    await expect(page.locator('#checklist [data-document="residence-card"]')).toContainText("Muss gültig sein");
    await expect(page.locator('#checklist [data-document="employment-contract"]')).toContainText("Muss gültig sein");
    await expect(page.locator("#checklist")).not.toContainText("Heiratsurkunde");
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, testInfo);

    await answer(page, testInfo.project.name, de.family_spouse!, "family_spouse");
    const family = await documentsShown(page);
    expect(family).toContain("marriage-certificate");
    expect(family).not.toContain("payslip");
    expect(family).not.toContain("employment-contract");
    await expect(page.locator("#checklist")).toContainText("Heiratsurkunde");
  });
});

for (const lng of ["ar", "uk"] as const) {
  test(`the checklist journey in ${lng}`, async ({ page }, testInfo) => {
    const seed = seedText(lng);
    const ui = uiText(lng, "catalogue");
    const common = uiText(lng, "common");
    await page.goto(`/?lng=${lng}`);
    await expect(page.locator("html")).toHaveAttribute("dir", lng === "ar" ? "rtl" : "ltr");
    await page.getByRole("navigation", { name: common.nav.label }).getByRole("link", { name: common.nav.services }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(ui.services.title);
    // The language travels in links too (not only in the cookie).
    expect(page.url()).toContain(`lng=${lng}`);
    await page.getByRole("link", { name: seed.services["residence-extension"]!.name }).click();
    const options = seed.services["residence-extension"]!.questions!.purpose!.options;
    await page.getByLabel(options.employment!, { exact: true }).check();
    const url = /[?&]purpose=employment(&|$)/;
    if (jsEnabled(testInfo.project.name)) {
      await expect(page).toHaveURL(url);
    } else {
      // The old checklist stays on screen until the answered page has loaded.
      await page.getByRole("button", { name: ui.service.questions.submit }).click();
      await page.waitForURL(url);
    }
    await expect(page.locator("#checklist h3")).toHaveText(ui.service.checklist.title);
    expect(await documentsShown(page)).toEqual(employmentDocuments);
    await expect(page.locator('#checklist [data-document="payslip"]')).toContainText(seed.documents.payslip!.name);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, testInfo);
  });
}
