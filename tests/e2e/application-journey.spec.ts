// Filing an application as a person on a phone does it, in German, Arabic and Ukrainian, with
// and without JavaScript: "extend a residence permit" with photos and a PDF, the receipt, the
// status page opened with the access code, which says the office is the one to act now.
import { expect, type Locator, type Page, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { PDFDocument } from "pdf-lib";
import sharp from "sharp";
import { randomIp } from "./booking-steps";
import { expectAccessible, expectNoHorizontalScroll, jsEnabled, seedText, uiText } from "./support";

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": randomIp() });
});

const people = {
  de: { familyName: "Özdemir", givenNames: "Ayşe", mrz: "", nationality: "TR" },
  ar: { familyName: "العلي", givenNames: "أحمد", mrz: "ALALI", nationality: "SY" },
  uk: { familyName: "Шевченко", givenNames: "Олена", mrz: "SHEVCHENKO", nationality: "UA" },
} as const;

/** A phone photo of a document: 3000 × 2000 pixels, with a camera's EXIF block. */
async function phonePhoto(): Promise<Buffer> {
  const width = 3000;
  const height = 2000;
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i += 3) {
    pixels[i] = (i / 3) % 256;
    pixels[i + 1] = 120;
    pixels[i + 2] = Math.floor(i / 3 / width) % 256;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .withExif({ IFD0: { Make: "Lotse Test Camera", Artist: "Secret Person" } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

async function twoPagePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText("Arbeitsvertrag", { x: 50, y: 780 });
  doc.addPage([595, 842]).drawText("Seite 2", { x: 50, y: 780 });
  return Buffer.from(await doc.save());
}

async function fillDate(scope: Locator, name: string, iso: string) {
  const [year, month, day] = iso.split("-");
  const single = scope.locator(`input[name="${name}"]`);
  if ((await single.count()) > 0) {
    await single.fill(iso);
    return;
  }
  await scope.locator(`input[name="${name}Day"]`).fill(day!);
  await scope.locator(`input[name="${name}Month"]`).fill(month!);
  await scope.locator(`input[name="${name}Year"]`).fill(year!);
}

async function upload(page: Page, lng: string, slot: string, file: { name: string; mimeType: string; buffer: Buffer }, dates: Record<string, string> = {}) {
  const section = page.locator(`#slot-${slot}`);
  const form = section.locator("form[enctype='multipart/form-data']");
  await form.locator("input[type=file][name=file]:not([capture])").setInputFiles(file);
  for (const [name, iso] of Object.entries(dates)) await fillDate(form, name, iso);
  await form.getByRole("button", { name: uiText(lng, "upload").form.submit }).click();
  // Both paths end on the documents page listing the file (the script reloads it when done).
  await expect(page.locator(`#slot-${slot} .uploaded-files li`)).toHaveCount(1, { timeout: 30_000 });
}

for (const lng of ["de", "ar", "uk"] as const) {
  test(`file an extension with photos and a PDF, get the receipt, see "waiting on us" (${lng})`, async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    const a = uiText(lng, "apply");
    const seed = seedText(lng);
    const person = people[lng];
    const email = `apply-${randomBytes(4).toString("hex")}@example.org`;

    await page.goto(`/services/residence-extension?lng=${lng}`);
    await page.getByRole("link", { name: a.entry.apply }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(a.start.heading);
    await expectNoHorizontalScroll(page);
    await page.getByRole("button", { name: a.start.button }).click();

    // About you: nothing filled in is a 422 with the errors, and nothing is saved.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(a.about.title);
    await page.getByRole("button", { name: a.continue }).click();
    await expect(page.locator(".error-summary")).toContainText(a.errors.familyNameRequired);
    await expect(page.locator(".error-summary")).toContainText(a.errors.birthDateRequired);
    await expectAccessible(page, testInfo);
    await page.getByLabel(a.about.familyName, { exact: true }).fill(person.familyName);
    await page.getByLabel(a.about.givenNames, { exact: true }).fill(person.givenNames);
    await page.locator("#birthDay").fill("27");
    await page.locator("#birthMonth").fill("3");
    await page.locator("#birthYear").fill("1990");
    await page.getByLabel(a.about.nationality).selectOption(person.nationality);
    if (person.mrz) {
      // A name in Arabic or Cyrillic script needs its passport spelling for the letter range.
      await page.getByRole("button", { name: a.continue }).click();
      await expect(page.locator(".error-summary")).toContainText(a.errors.mrzRequired);
      await page.getByLabel(a.about.familyNameMrz).fill(person.mrz);
    }
    await page.getByRole("button", { name: a.continue }).click();

    // Contact and address.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(a.contact.title);
    await page.getByLabel(a.contact.email).fill(email);
    await page.getByLabel(a.contact.street).fill("Hauptstraße 5");
    await page.getByLabel(a.contact.postcode).fill("12345");
    await page.getByLabel(a.contact.city).fill("Musterstadt");
    await page.getByRole("button", { name: a.continue }).click();

    // The service's own question. First: leave, and come back with the resume code.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(a.questions.title);
    const resumeCode = (await page.locator(".resume .code").textContent())!.trim();
    expect(resumeCode).toMatch(/^([0-9A-Z]{4}-){6}[0-9A-Z]{4}$/);
    await page.goto(`/apply/resume?lng=${lng}`);
    await page.getByLabel(a.resume.code).fill(resumeCode.toLowerCase());
    await page.getByRole("button", { name: a.resume.button }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(a.questions.title);
    await page.getByLabel(seed.services["residence-extension"]!.questions!.purpose!.options.employment!).check();
    await page.getByRole("button", { name: a.continue }).click();

    // Check your answers.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(a.check.title);
    await expect(page.locator(".check-answers").first()).toContainText(person.familyName);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, testInfo);
    await page.getByRole("button", { name: a.check.continue }).click();

    // Documents: one slot per applicable rule; payslips apply (employment), enrolment does not.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(a.documents.title);
    await expect(page.locator("#slot-payslip")).toBeVisible();
    await expect(page.locator("#slot-enrolment-certificate")).toHaveCount(0);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, testInfo);

    const photo = await phonePhoto();
    await upload(page, lng, "passport", { name: "pass.jpg", mimeType: "image/jpeg", buffer: photo }, { validUntil: "2031-05-31" });
    await upload(page, lng, "employment-contract", { name: "vertrag.pdf", mimeType: "application/pdf", buffer: await twoPagePdf() }, { validUntil: "2030-12-31" });
    await expect(page.locator("#slot-employment-contract .uploaded-files")).toContainText("vertrag.pdf");
    await expectNoHorizontalScroll(page);

    await page.getByRole("button", { name: a.documents.continue }).click();

    // Submit: what is missing is said; the declaration is required.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(a.submit.title);
    await expect(page.getByTestId("outstanding")).toBeVisible();
    await page.getByRole("button", { name: a.submit.button }).click();
    await expect(page.getByText(a.submit.declarationRequired)).toBeVisible();
    await page.getByLabel(a.submit.declaration).check();
    await page.getByRole("button", { name: a.submit.button }).click();

    await expect(page.getByRole("heading", { level: 1 })).toHaveText(a.done.title);
    const reference = (await page.getByTestId("reference").textContent())!.trim();
    const code = (await page.getByTestId("access-code").textContent())!.trim();
    expect(reference).toMatch(/^LT-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(code).toMatch(/^([0-9A-Z]{4}-){6}[0-9A-Z]{4}$/);
    await expectNoHorizontalScroll(page);

    // The receipt.
    const receipt = await page.request.get((await page.getByRole("link", { name: a.done.receipt }).getAttribute("href")) as string);
    expect(receipt.status()).toBe(200);
    expect(receipt.headers()["content-type"]).toBe("application/pdf");
    expect((await receipt.body()).subarray(0, 5).toString()).toBe("%PDF-");
    // Kept with the test's results, to be looked at (PDF to PNG) when the receipt changes.
    await testInfo.attach(`receipt-${lng}.pdf`, { body: await receipt.body(), contentType: "application/pdf" });

    // The message with reference and code.
    await page.goto(`/demo/outbox?lng=${lng}`);
    const message = page.locator("[data-message-kind='application-submitted']").filter({ hasText: email });
    await expect(message).toHaveCount(1);
    await expect(message).toContainText(reference);
    await expect(message).toContainText(code);

    // The status page, found with reference and code typed in.
    await page.goto(`/status?lng=${lng}`);
    await page.getByLabel(a.status.reference).fill(reference.toLowerCase());
    await page.getByLabel(a.status.code).fill(code);
    await page.getByRole("button", { name: a.status.show }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(a.case.title);
    await expect(page.getByRole("heading", { name: a.case.waiting.office })).toBeVisible();
    await expect(page.locator("[data-state]")).toHaveText(a.case.states.submitted);
    await expect(page.locator(".timeline")).toContainText(a.case.events.submitted);
    await expect(page.locator(".document-status [data-status='missing']").first()).toBeVisible();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, testInfo);

    // The copy of everything held: a ZIP with the data and both files.
    const zip = await page.request.get((await page.getByRole("link", { name: a.case.export }).getAttribute("href")) as string);
    expect(zip.status()).toBe(200);
    const body = await zip.body();
    expect(body.subarray(0, 4).toString("hex")).toBe("504b0304");
    expect(body.includes(Buffer.from("application.json"))).toBe(true);
    expect(body.includes(Buffer.from(reference))).toBe(true);

    // No camera metadata left in anything stored.
    expect(body.includes(Buffer.from("Secret Person"))).toBe(false);
    if (jsEnabled(testInfo.project.name)) {
      // The browser shrank the 3000 × 2000 photo before upload: its long edge is 2,000 pixels.
      const widths = [...body.toString("latin1").matchAll(/"width": (\d+)/g)].map((m) => Number(m[1]));
      expect(widths).toEqual([2000]);
    }
  });
}

test("a wrong reference or code answers the same, and too many answer 429", async ({ page }) => {
  const a = uiText("en", "apply");
  const statuses: number[] = [];
  const ip = randomIp();
  for (let i = 0; i < 32; i++) {
    const response = await page.request.post("/status?lng=en", {
      form: { reference: i % 2 ? "LT-0000-0000" : "LT-7K4M-9QXD", code: randomBytes(20).toString("hex").slice(0, 28).toUpperCase() },
      headers: { "X-Forwarded-For": ip },
      maxRedirects: 0,
    });
    statuses.push(response.status());
    if (i === 0) expect(await response.text()).toContain(a.status.errors.notFound);
    if (i === 31) expect(await response.text()).toContain(a.status.errors.tooMany);
  }
  expect(statuses.filter((s) => s === 404 || s === 429)).toHaveLength(32);
  expect(statuses.at(-1)).toBe(429);
});
