// Booking as a person on a phone does it, in German, Arabic and Turkish, with and without
// JavaScript: book, find the confirmation in the outbox, cancel by its link, book again.
import { expect, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { b, challengeOf, fillDetails, holdAsSomeoneElse, pickTime, randomIp, solvePow } from "./booking-steps";
import { expectAccessible, expectNoHorizontalScroll, jsEnabled, uiText } from "./support";

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": randomIp() });
});

for (const lng of ["de", "ar", "tr"] as const) {
  test(`book, get the message, cancel by link, book again (${lng})`, async ({ page }, testInfo) => {
    const id = randomBytes(4).toString("hex");
    const person = { name: `Test Person ${id}`, email: `p-${id}@example.org` };
    const catalogue = uiText(lng, "catalogue");

    await page.goto(`/services/residence-extension?lng=${lng}`);
    await page.getByRole("link", { name: catalogue.service.appointment.book }).click();
    await expect(page.locator("table.calendar")).toBeVisible();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, testInfo);

    await pickTime(page, lng);
    await expectAccessible(page, testInfo);

    // Nothing filled in: a 4xx with the errors beside the fields, nothing booked.
    await page.getByRole("button", { name: b(lng).contact.submit }).click();
    await expect(page.locator(".error-summary")).toContainText(b(lng).contact.errors.nameRequired);
    await expect(page.locator(".error-summary")).toContainText(b(lng).contact.errors.contactRequired);
    await expectAccessible(page, testInfo);

    await fillDetails(page, lng, person);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(b(lng).appointment.booked);
    const code = (await page.locator(".booking-code").textContent())!.trim();
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await expect(page.locator(".qr svg")).toBeVisible();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, testInfo);

    // The calendar file.
    const ics = await page.request.get((await page.getByRole("link", { name: b(lng).appointment.addToCalendar }).getAttribute("href")) as string);
    expect(ics.headers()["content-type"]).toContain("text/calendar");
    expect(await ics.text()).toContain(`UID:${code}@lotse`);

    // The confirmation message, in the chosen language, with the manage link.
    await page.goto(`/demo/outbox?lng=${lng}`);
    const message = page.locator("[data-message-kind='booking-confirmation']").filter({ hasText: person.email });
    await expect(message).toHaveCount(1);
    await expect(message).toContainText(code);
    await expect(message.locator("article")).toHaveAttribute("lang", lng);
    await message.locator("a[href*='/appointment/']").click();

    await expect(page.locator(".booking-code")).toHaveText(code);
    await page.getByRole("button", { name: b(lng).appointment.cancel }).click();
    await expect(page.getByText(b(lng).appointment.cancelled)).toBeVisible();

    // Booking again is allowed once the first appointment is cancelled.
    await page.getByRole("link", { name: b(lng).appointment.bookNew }).click();
    await pickTime(page, lng);
    await fillDetails(page, lng, person);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(b(lng).appointment.booked);
    expect((await page.locator(".booking-code").textContent())!.trim()).not.toBe(code);
  });
}

test("a second active appointment for the same person is refused with a clear message", async ({ page }) => {
  const id = randomBytes(4).toString("hex");
  const person = { name: `Twice ${id}`, email: `twice-${id}@example.org` };
  for (const attempt of [1, 2]) {
    await page.goto("/book/residence-extension?lng=en");
    await pickTime(page, "en");
    await fillDetails(page, "en", person);
    if (attempt === 1) await expect(page.getByRole("heading", { level: 1 })).toHaveText(b("en").appointment.booked);
  }
  await expect(page.locator(".error-summary")).toContainText(b("en").contact.errors.alreadyBooked);
});

test("invitation-only services cannot be booked from the calendar", async ({ page }) => {
  await page.goto("/book/eat-pickup?lng=de");
  await expect(page.getByText(b("de").calendar.invitationOnly)).toBeVisible();
  await expect(page.locator("a.day.free")).toHaveCount(0);
  const response = await page.goto("/book/eat-pickup/day/2026-12-01?lng=de");
  expect(response!.status()).toBe(404);
});

test("choosing a time: with JavaScript a proof of work, without it a short wait that moves on by itself", async ({ page }, testInfo) => {
  await page.goto("/book/residence-extension?lng=de");
  await page.locator("a.day.free").last().click();
  const post = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/day/"));
  await page.locator("button.time").last().click();
  const response = await post;
  if (jsEnabled(testInfo.project.name)) {
    // The solved puzzle went to the hold endpoint: the time is held at once, without a page.
    expect(response.url()).toMatch(/\/day\/\d{4}-\d{2}-\d{2}\/hold\?lng=de$/);
    expect(response.request().postData()).toMatch(/pow=[A-Za-z0-9%]+/);
    expect(response.status()).toBe(200);
    // The answer named the details form, and the page went there.
    await expect(page).toHaveURL(/\/book\/residence-extension\/details\?lng=de$/);
  } else {
    expect(response.status()).toBe(202);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(b("de").wait.title);
  }
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(b("de").details.title, { timeout: 20_000 });
});

test("a time taken while the person looks at the day is refused with a message, and the next choice is held", async ({ page, request }, testInfo) => {
  const lng = "ar";
  await page.goto(`/book/residence-extension?lng=${lng}`);
  const days = page.locator("a.day.free");
  await days.nth(Math.floor(Math.random() * (await days.count()))).click();
  const times = page.locator("button.time");
  await expect(times.first()).toBeVisible();
  const dayPath = new URL(page.url()).pathname;
  // A random time, so that parallel runs do not fill the same one.
  const chosen = await times.nth(Math.floor(Math.random() * (await times.count()))).getAttribute("value");
  // Meanwhile other people take every place of that time.
  let taken = 0;
  for (let i = 0; i < 20; i++) {
    const answer = await holdAsSomeoneElse(request, dayPath, chosen!);
    if (answer.status() === 409) break;
    expect(answer.status()).toBe(200);
    taken++;
  }
  expect(taken).toBeGreaterThan(0);

  await page.locator(`button.time[value="${chosen}"]`).click();
  if (jsEnabled(testInfo.project.name)) {
    // In place: the message, read out and focused; the time gone; a new puzzle for the next choice.
    const summary = page.locator(".error-summary[role='alert']");
    await expect(summary).toHaveText(b(lng).day.errors.full);
    await expect(summary).toBeFocused();
    await expect(page.locator(`button.time[value="${chosen}"]`)).toHaveCount(0);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(b(lng).day.title.split("{{")[0]!.trim());
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, testInfo);
    await times.first().click();
  } else {
    // The short wait, then the refusal on a page of its own, and back to the calendar.
    await expect(page.getByText(b(lng).day.errors.full)).toBeVisible({ timeout: 20_000 });
    await expectAccessible(page, testInfo);
    await page.getByRole("link", { name: b(lng).details.chooseAgain }).click();
    await pickTime(page, lng);
  }
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(b(lng).details.title, { timeout: 20_000 });
});

test("the hold endpoint answers every refusal with its status and a translated message, never a 5xx", async ({ request }) => {
  const day = await firstFreeDay(request);
  const dayPath = `/book/residence-extension/day/${day}`;
  const headers = { "X-Forwarded-For": randomIp() };
  const fresh = async () => solvePow(challengeOf(await (await request.get(`${dayPath}?lng=tr`, { headers })).text()));
  const post = (form: Record<string, string>, path = `${dayPath}/hold?lng=tr`) => request.post(path, { headers, form, maxRedirects: 0 });
  const tr = b("tr").day.errors;

  // Not a time of the day (07:07), a time of another day, junk: 409 "not a slot", and the day's times.
  const notASlot = await post({ startsAt: new Date(`${day}T07:07:00Z`).toISOString(), pow: await fresh() });
  expect(notASlot.status()).toBe(409);
  const body = await notASlot.json();
  expect(body).toMatchObject({ ok: false, error: "notASlot", message: tr.notASlot, noneFree: b("tr").day.noneFree });
  expect(body.times.length).toBeGreaterThan(0);
  expect(body.times[0]).toEqual({ startsAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), time: expect.any(String), places: expect.any(String) });
  expect(body.challenge).toMatchObject({ algorithm: "SHA-256", maxnumber: expect.any(Number) });
  const otherDay = await post({ startsAt: body.times[0].startsAt.replace(day, "2030-01-07"), pow: await fresh() });
  expect(otherDay.status()).toBe(409);
  expect((await post({ startsAt: "soon", pow: await fresh() })).status()).toBe(409);

  // A forged solution and a used one: 400 with the translated message and a new puzzle.
  const forged = await post({ startsAt: body.times[0].startsAt, pow: Buffer.from('{"algorithm":"SHA-256"}').toString("base64") });
  expect(forged.status()).toBe(400);
  expect(await forged.json()).toMatchObject({ error: "verification", message: tr.verification, times: null, challenge: { algorithm: "SHA-256" } });
  const once = await fresh();
  expect((await post({ startsAt: new Date(`${day}T07:07:00Z`).toISOString(), pow: once })).status()).toBe(409);
  const reused = await post({ startsAt: body.times[0].startsAt, pow: once });
  expect(reused.status()).toBe(400);
  expect((await reused.json()).message).toBe(tr.verification);

  // An unknown service: 404 in JSON. A GET: not a page.
  const unknown = await post({ startsAt: body.times[0].startsAt, pow: await fresh() }, `/book/no-such-service/day/${day}/hold?lng=tr`);
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).ok).toBe(false);
  expect((await request.get(`${dayPath}/hold`, { headers })).status()).toBeGreaterThanOrEqual(400);
  expect((await request.get(`${dayPath}/hold`, { headers })).status()).toBeLessThan(500);

  // The address's limit (30 attempts in 10 minutes) holds here too: then 429, and no new puzzle.
  let last = await post({ startsAt: "soon", pow: "" });
  for (let i = 0; i < 30 && last.status() !== 429; i++) last = await post({ startsAt: body.times[0].startsAt, pow: "" });
  expect(last.status()).toBe(429);
  expect(await last.json()).toMatchObject({ error: "tooMany", message: tr.tooMany, challenge: null });
});

test("holding times is rate-limited per client address, with a translated 429", async ({ request }) => {
  const headers = { "X-Forwarded-For": randomIp() };
  const day = await firstFreeDay(request);
  let last = 0;
  for (let i = 0; i < 11; i++) {
    const response = await request.post(`/book/residence-extension/day/${day}?lng=tr`, {
      headers,
      form: { startsAt: new Date(`${day}T07:00:00Z`).toISOString(), pow: "" },
      maxRedirects: 0,
    });
    last = response.status();
    if (i < 10) expect(last).toBe(202);
    else expect(await response.text()).toContain(b("tr").day.errors.tooMany);
  }
  expect(last).toBe(429);
});

test("a forged or reused proof of work is refused", async ({ request }) => {
  const day = await firstFreeDay(request);
  const forged = Buffer.from(JSON.stringify({ algorithm: "SHA-256", challenge: "00", number: 1, salt: "x", signature: "y" })).toString("base64");
  const response = await request.post(`/book/residence-extension/day/${day}?lng=en`, {
    headers: { "X-Forwarded-For": randomIp() },
    form: { startsAt: new Date(`${day}T07:00:00Z`).toISOString(), pow: forged },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain(b("en").day.errors.verification);
});

async function firstFreeDay(request: import("@playwright/test").APIRequestContext): Promise<string> {
  const html = await (await request.get("/book/residence-extension?lng=de")).text();
  return html.match(/\/book\/residence-extension\/day\/(\d{4}-\d{2}-\d{2})/)![1]!;
}
