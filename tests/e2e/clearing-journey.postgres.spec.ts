// The clearing loop from booking to a complete file, as the people do it, on a phone, with and
// without JavaScript: an applicant writing in Arabic files a settlement permit with one document
// missing and one blurry; a clerk working in German sees both in the queue, rejects the blurry
// one and sends a request; the applicant reads the request in Arabic and uploads both; the clerk
// accepts and forwards; the case lands with the case worker of the letter O ("Özdemir"); the case
// worker decides; the applicant gets a pickup invitation and books it. The database is asked
// afterwards where the case went and whether the audit chain is intact.
import type { Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { PDFDocument } from "pdf-lib";
import sharp from "sharp";
import { DEMO_CASE_WORKER_PASSWORD } from "#db/seed/demo-staff";
import { b, fillDetails, pickTime, randomIp } from "./booking-steps";
import { database, expect, test } from "./fixtures";
import { expectAccessible, expectNoHorizontalScroll, uiText } from "./support";

const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{\{(\w+)(, number)?\}\}/g, (_, k: string) => String(values[k] ?? ""));

async function sharpPhoto(blurred: boolean): Promise<Buffer> {
  const width = 1200;
  const height = 800;
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i += 3) {
    const x = (i / 3) % width;
    pixels[i] = x % 40 < 20 ? 20 : 230;
    pixels[i + 1] = 200;
    pixels[i + 2] = Math.floor(i / 3 / width) % 256;
  }
  const image = sharp(pixels, { raw: { width, height, channels: 3 } });
  return (blurred ? image.blur(25) : image).jpeg({ quality: 80 }).toBuffer();
}

async function onePagePdf(text: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText(text, { x: 50, y: 780 });
  return Buffer.from(await doc.save());
}

async function upload(page: Page, slot: string, file: { name: string; mimeType: string; buffer: Buffer }, validUntil?: string) {
  const form = page.locator(`#slot-${slot} form[enctype='multipart/form-data']`);
  await form.locator("input[type=file][name=file]:not([capture])").setInputFiles(file);
  if (validUntil) {
    const [year, month, day] = validUntil.split("-");
    const single = form.locator(`input[name="validUntil"]`);
    if ((await single.count()) > 0) await single.fill(validUntil);
    else {
      await form.locator(`input[name="validUntilDay"]`).fill(day!);
      await form.locator(`input[name="validUntilMonth"]`).fill(month!);
      await form.locator(`input[name="validUntilYear"]`).fill(year!);
    }
  }
  await form.getByRole("button", { name: uiText("ar", "upload").form.submit }).click();
}

/**
 * A settlement-permit-like service of its own in the Residence unit with three document rules
 * (passport valid 90 days more, residence card, old passport) and no questions, so the journey
 * stays short and no other journey's cases share its queue card.
 */
async function createClearingService(): Promise<string> {
  const sql = database();
  const suffix = randomBytes(4).toString("hex");
  const id = `e2e-clear-${suffix}`;
  await sql.begin(async (tx) => {
    await tx`
      insert into services (id, unit_id, legal_basis, appointment, takes_application, name, summary, sort, active)
      select ${id}, 'residence', legal_basis, 'optional', true,
             (select jsonb_object_agg(key, 'E2E ' || ${suffix}) from jsonb_each_text(name)), summary, 900, true
      from services where id = 'settlement-permit'`;
    await tx`
      insert into document_rules (service_id, document_type_id, min_validity_days, sort)
      values (${id}, 'passport', 90, 1), (${id}, 'residence-card', 0, 2), (${id}, 'old-passport', null, 3)`;
  });
  return id;
}

test("from a file with a blurry and a missing document to a booked pickup (Arabic applicant, German staff)", async ({ page, staffPage }, testInfo) => {
  test.setTimeout(240_000);
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": randomIp() });
  const a = uiText("ar", "apply");
  const ca = uiText("ar", "clearing");
  const c = uiText("de", "clearing");
  const applyDe = uiText("de", "apply");
  const email = `clearing-${randomBytes(4).toString("hex")}@example.org`;

  // 1. The applicant files: passport, a blurry residence card, no old passport.
  const serviceId = await createClearingService();
  await page.goto(`/apply/${serviceId}?lng=ar`);
  await page.getByRole("button", { name: a.start.button }).click();
  await page.getByLabel(a.about.familyName, { exact: true }).fill("Özdemir");
  await page.getByLabel(a.about.givenNames, { exact: true }).fill("Ayşe");
  await page.locator("#birthDay").fill("27");
  await page.locator("#birthMonth").fill("3");
  await page.locator("#birthYear").fill("1990");
  await page.getByLabel(a.about.nationality).selectOption("TR");
  await page.getByRole("button", { name: a.continue }).click();
  await page.getByLabel(a.contact.email).fill(email);
  await page.getByLabel(a.contact.street).fill("Hauptstraße 5");
  await page.getByLabel(a.contact.postcode).fill("12345");
  await page.getByLabel(a.contact.city).fill("Musterstadt");
  await page.getByRole("button", { name: a.continue }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(a.check.title);
  await page.getByRole("button", { name: a.check.continue }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(a.documents.title);
  await upload(page, "passport", { name: "pass.jpg", mimeType: "image/jpeg", buffer: await sharpPhoto(false) }, "2031-05-31");
  await expect(page.locator("#slot-passport .uploaded-files li")).toHaveCount(1, { timeout: 30_000 });
  await upload(page, "residence-card", { name: "karte.jpg", mimeType: "image/jpeg", buffer: await sharpPhoto(true) }, "2026-12-31");
  await expect(page.locator("#slot-residence-card .uploaded-files li")).toHaveCount(1, { timeout: 30_000 });
  await page.getByRole("button", { name: a.documents.continue }).click();
  await page.getByLabel(a.submit.declaration).check();
  await page.getByRole("button", { name: a.submit.button }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(a.done.title);
  const reference = (await page.getByTestId("reference").textContent())!.trim();
  const code = (await page.getByTestId("access-code").textContent())!.trim();

  // 2. The clerk sees the case in the queue with both problems, and claims it.
  // Staff on a phone too, with the applicant's JavaScript setting: every page must work there.
  const clerk = await staffPage("clearing");
  await clerk.goto("/staff/clearing?lng=de");
  await expect(clerk.getByRole("heading", { level: 1 })).toHaveText(c.queue.title);
  const card = clerk.locator(".queue-item").filter({ hasText: reference });
  await expect(card).toContainText(fill(c.queue.summary, { satisfied: 0, applicable: 3 }));
  await expect(card).toContainText(fill(c.queue.summaryParts.missing, { count: 1 }));
  await expect(card).toContainText(fill(c.queue.summaryParts.awaitingReview, { count: 2 }));
  await expect(card).toContainText("العربية");
  await expectNoHorizontalScroll(clerk);
  await expectAccessible(clerk, testInfo);
  await card.getByRole("button", { name: new RegExp(`^${c.queue.claim}\\b`) }).click();
  await expect(clerk.getByRole("status")).toHaveText(c.case.notices.claimed);
  await expect(clerk.getByRole("heading", { level: 1 })).toContainText(reference);

  // The blurry residence card is looked at (the read is logged), rejected as illegible; the passport is accepted.
  const residenceCard = clerk.locator(".rule-status-awaiting-review").filter({ has: clerk.locator("img[alt*='karte.jpg']") });
  await expect(residenceCard).toHaveCount(1);
  const view = await clerk.request.get((await residenceCard.locator("a").first().getAttribute("href")) as string);
  expect(view.status()).toBe(200);
  expect(view.headers()["content-type"]).toBe("image/jpeg");
  await residenceCard.getByLabel(c.case.document.reasonCode).selectOption("illegible");
  await residenceCard.getByLabel(c.case.document.note).fill("Bitte ein scharfes Foto bei Tageslicht.");
  await residenceCard.getByRole("button", { name: new RegExp(`^${c.case.document.reject}`) }).click();
  await expect(clerk.getByRole("status")).toHaveText(c.case.notices.rejected);
  const passport = clerk.locator(".rule").filter({ has: clerk.locator("img[alt*='pass.jpg']") });
  await passport.getByRole("button", { name: new RegExp(`^${c.case.document.accept}`) }).click();
  await expect(clerk.getByRole("status")).toHaveText(c.case.notices.accepted);
  await expect(clerk.locator(".rule-status-satisfied")).toHaveCount(1);
  await expect(clerk.locator(".rule-status-rejected")).toHaveCount(1);
  await expect(clerk.locator(".rule-status-missing")).toHaveCount(1);

  // Forwarding is not offered while the file is incomplete; a direct POST is refused too.
  await expect(clerk.getByRole("button", { name: c.case.forward })).toHaveCount(0);
  await expect(clerk.getByText(c.case.forwardBlocked)).toBeVisible();
  const forged = await clerk.request.post(`/staff/cases/${reference}?lng=de`, { form: { intent: "forward" }, headers: { Origin: new URL(clerk.url()).origin } });
  expect(forged.status()).toBe(409);

  // One click: the request with both items preselected, deadline 14 days ahead.
  const request = clerk.locator("section").filter({ has: clerk.getByRole("heading", { name: c.case.requestTitle }) });
  await expect(request.locator("input[name=items]:checked")).toHaveCount(2);
  await request.getByLabel(c.case.requestMessage).fill("Bitte senden Sie auch den alten Pass.");
  await request.getByRole("button", { name: c.case.sendRequest }).click();
  await expect(clerk.getByRole("status")).toHaveText(c.case.notices.requested);
  await expect(clerk.getByRole("heading", { name: c.case.openRequestTitle })).toBeVisible();
  await expectNoHorizontalScroll(clerk);
  await expectAccessible(clerk, testInfo);

  // 3. The applicant gets the request in Arabic, by message and on the status page.
  await page.goto("/demo/outbox?lng=ar");
  const message = page.locator("[data-message-kind='clearing-request']").filter({ hasText: email });
  await expect(message).toHaveCount(1);
  await expect(message).toContainText(reference);
  await expect(message).toContainText(fill(ca.message.request.rejectedBecause, { reason: "" }).trim().slice(0, 8));
  await page.goto(`/status?lng=ar`);
  await page.getByLabel(a.status.reference).fill(reference);
  await page.getByLabel(a.status.code).fill(code);
  await page.getByRole("button", { name: a.status.show }).click();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { name: ca.status.requestTitle })).toBeVisible();
  await expect(page.getByRole("heading", { name: a.case.waiting.applicant })).toBeVisible();
  const requestPanel = page.locator(".request-panel");
  await expect(requestPanel.locator("li")).toHaveCount(2);
  await expect(requestPanel).toContainText("Bitte ein scharfes Foto bei Tageslicht.");
  // Exactly the requested items can be uploaded: the accepted passport has no upload form.
  await expect(page.locator("form[enctype='multipart/form-data']")).toHaveCount(2);
  await expect(page.locator("#slot-passport form[enctype='multipart/form-data']")).toHaveCount(0);
  await expectNoHorizontalScroll(page);
  await expectAccessible(page, testInfo);
  await upload(page, "residence-card", { name: "karte-scharf.jpg", mimeType: "image/jpeg", buffer: await sharpPhoto(false) }, "2026-12-31");
  await expect(page.locator("#slot-residence-card")).toHaveAttribute("data-status", "awaiting-review", { timeout: 30_000 });
  // One of two requested items arrived: the request stays open until the other one comes.
  await expect(page.locator("[data-state]")).toHaveText(a.case.states.documents_requested);
  await upload(page, "old-passport", { name: "alter-pass.pdf", mimeType: "application/pdf", buffer: await onePagePdf("Alter Pass") });
  // Both arrived: the case is back with the clerk by itself.
  await expect(page.locator("[data-state]")).toHaveText(a.case.states.in_clearing, { timeout: 30_000 });
  await expect(page.getByRole("heading", { name: a.case.waiting.office })).toBeVisible();

  // 4. The clerk sees the answer, accepts both and forwards; routing shows the case worker of O.
  await clerk.goto("/staff/clearing?lng=de&view=answered");
  await expect(clerk.locator(".queue-item").filter({ hasText: reference })).toContainText(c.queue.answered);
  await clerk.goto(`/staff/cases/${reference}?lng=de`);
  for (const file of ["karte-scharf.jpg", "alter-pass.pdf"]) {
    await clerk.getByRole("button", { name: new RegExp(`^${c.case.document.accept}.*${file.replace(".", "\\.")}`) }).click();
    await expect(clerk.getByRole("status")).toHaveText(c.case.notices.accepted);
  }
  await expect(clerk.getByText(fill(c.case.completenessSummary.complete, {}))).toBeVisible();
  await expect(clerk.getByText(fill(c.case.caseWorker, { name: "Mira Marković" }))).toBeVisible();
  await expect(clerk.getByText(fill(c.case.ruleLetter, { letter: "O", first: "M", last: "R" }))).toBeVisible();
  await clerk.getByRole("button", { name: c.case.forward }).click();
  await expect(clerk.getByRole("status")).toHaveText(c.case.notices.forwarded);
  await expect(clerk.locator("dl.summary").first()).toContainText(applyDe.case.states.forwarded_to_unit);

  const [routed] = await database()<{ state: string; routed_unit_id: string; email: string; rule: { caseWorker: { letter: string } } }[]>`
    select a.state, a.routed_unit_id, s.email, a.routing_rule as rule from applications a
    join staff_users s on s.id = a.routed_case_worker_id where a.reference = ${reference}`;
  expect(routed).toMatchObject({
    state: "forwarded_to_unit",
    routed_unit_id: "residence",
    email: "case-worker@demo.lotse.example",
    rule: { caseWorker: { letter: "O" } },
  });

  // Another case worker of the unit (letter range A–F) cannot open it.
  const other = await staffPage({ email: "albers@demo.lotse.example", password: DEMO_CASE_WORKER_PASSWORD });
  expect((await other.goto(`/staff/cases/${reference}?lng=de`))!.status()).toBe(404);
  await other.goto("/staff/inbox?lng=de");
  await expect(other.getByText(reference)).toHaveCount(0);

  // 5. The case worker finds it in the inbox, processes and decides; the pickup invitation goes out.
  const worker = await staffPage("case_worker");
  await worker.goto("/staff/inbox?lng=de");
  await worker.getByRole("link", { name: new RegExp(reference) }).click();
  await expect(worker.locator(".history")).toContainText(c.case.events.claimed);
  await worker.getByRole("button", { name: c.case.startProcessing }).click();
  await expect(worker.getByRole("status")).toHaveText(c.case.notices.processing);
  await worker.getByLabel(c.case.decisions.granted).check();
  await worker.getByRole("button", { name: c.case.decide }).click();
  await expect(worker.getByRole("status")).toHaveText(c.case.notices.decided);
  await worker.getByRole("button", { name: c.case.readyForPickup }).click();
  await expect(worker.getByRole("status")).toHaveText(c.case.notices.ready);
  await expectAccessible(worker, testInfo);

  // 6. The applicant books the pickup with the invitation from the message.
  await page.goto("/demo/outbox?lng=ar");
  const pickup = page.locator("[data-message-kind='clearing-pickup']").filter({ hasText: email });
  await expect(pickup).toHaveCount(1);
  const link = (await pickup.textContent())!.match(/https?:\/\/\S+\/invitation\/[A-Za-z0-9_-]+/)![0];
  await page.goto(new URL(link).pathname);
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await pickTime(page, "ar");
  // A name of this run's own: one active appointment per person and service (name and birth date).
  const tag = Array.from(randomBytes(6), (x) => String.fromCharCode(97 + (x % 26))).join("");
  await fillDetails(page, "ar", { name: `Ayşe ${tag} Özdemir`, email });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(b("ar").appointment.booked);

  // The audit log holds the clerk's document read and every change, chained.
  const reads = await database()<{ n: number }[]>`
    select count(*)::int as n from audit_log l join applications a on a.id = l.application_id
    where a.reference = ${reference} and l.action = 'document.read'`;
  expect(reads[0]!.n).toBeGreaterThanOrEqual(1);
});

test("a clerk opens a case filed without documents by its reference and sees every document missing", async ({ staffPage, submittedCase }) => {
  const c = uiText("de", "clearing");
  const clerk = await staffPage("clearing");
  const response = await clerk.goto(`/staff/cases/${submittedCase.reference}?lng=de`);
  expect(response!.status()).toBe(200);
  await expect(clerk.getByRole("heading", { level: 1 })).toContainText(submittedCase.reference);
  await expect(clerk.locator(".rule-status-missing").first()).toBeVisible();
  await expect(clerk.locator(".rule-status-satisfied, .rule-status-awaiting-review")).toHaveCount(0);
  // Forwarding is not offered while the file is incomplete.
  await expect(clerk.getByRole("button", { name: c.case.forward })).toHaveCount(0);
});
