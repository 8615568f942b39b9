// The service point's day and the office settings, as staff and citizens walk them, on a phone
// and a desktop, with and without JavaScript. Nothing is arranged in the database directly, so
// this runs against PostgreSQL and the embedded database alike: the staff member opens today
// for the service point on the office page (the demo office may be closed today), a citizen
// books a time today, and the service point checks them in, calls them and sees the display.
import type { Page, TestInfo } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { b, fillDetails, randomIp } from "./booking-steps";
import { expect, test } from "./fixtures";
import { expectAccessible, expectNoHorizontalScroll, jsEnabled } from "./support";

type Texts = Record<string, any>;
const locale = (lng: string, ns: string): Texts => JSON.parse(readFileSync(join(import.meta.dirname, "../../locales", lng, `${ns}.json`), "utf8"));
const sp = (lng: string) => locale(lng, "servicepoint");
const seed: Texts = JSON.parse(readFileSync(join(import.meta.dirname, "../../db/seed/locales/de.json"), "utf8"));
const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? ""));
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A template with its placeholders as wildcards, for texts with a formatted date or time in them. */
const pattern = (template: string) =>
  new RegExp(
    template
      .split(/\{\{\w+\}\}/)
      .map(escapeRegExp)
      .join(".+"),
  );

const TZ = "Europe/Berlin";
const officeDay = (offset = 0) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" }).format(Date.now() + offset * 86_400_000);
const isoWeekday = (day: string) => ((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
const weekdayName = (day: string) => new Intl.DateTimeFormat("de-u-ca-gregory", { weekday: "long", timeZone: "UTC" }).format(new Date(`${day}T12:00:00Z`));

const projects = ["phone-js", "phone-nojs", "desktop-js", "desktop-nojs"];

// Long journeys (two roles, several pages, each checked with axe).
test.describe.configure({ timeout: 180_000 });

// The page is the service point's staff member's, signed in once per worker (the login is what
// staff-auth.spec.ts is about); the citizen's booking in between needs no other browser.
test.use({ staffRole: "service_point" });

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": randomIp() });
});

/** Books the first free time of `day` as a citizen in `lng`; returns the booking code. */
async function bookOn(page: Page, serviceId: string, day: string, lng: string, person: { name: string; email: string }): Promise<string | null> {
  await page.goto(`/book/${serviceId}/day/${day}?lng=${lng}`);
  const times = page.locator("button.time");
  if ((await times.count()) === 0) return null;
  // A random one of the first times, so that journeys running in parallel rarely race for one
  // place; not the very first ones today, which may begin before the time is held.
  const count = await times.count();
  const from = count > 4 ? 2 : 0;
  await times.nth(from + Math.floor(Math.random() * Math.min(3, count - from))).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(b(lng).details.title, { timeout: 20_000 });
  await fillDetails(page, lng, person);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(b(lng).appointment.booked);
  return (await page.locator(".booking-code").textContent())!.trim();
}

async function checkPage(page: Page, testInfo: TestInfo) {
  await expectNoHorizontalScroll(page);
  await expectAccessible(page, testInfo);
}

test("open today, check in by code, call to counter 2, see it on the display; no-show refused before the time", async ({ page }, testInfo) => {
  const t = sp("de");
  const today = officeDay();
  const weekday = weekdayName(today);
  const id = randomBytes(4).toString("hex");

  // The staff member opens the service point all day today, with 3 counters.
  await page.goto("/staff/office?lng=de");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.office.title);
  await checkPage(page, testInfo);
  await page.getByRole("link", { name: fill(t.hours.edit, { weekday }) }).click();
  await expect(page.getByRole("heading", { name: fill(t.hours.editTitle, { weekday, unit: seed.units["service-point"].name }) })).toBeVisible();

  // A mistake first: the end before the start, answered beside the field, nothing saved.
  const ranges = page.locator("fieldset.sp-range");
  await ranges.nth(0).getByLabel(t.hours.opens, { exact: true }).fill("12:00");
  await ranges.nth(0).getByLabel(t.hours.closes, { exact: true }).fill("08:00");
  await page.getByRole("button", { name: fill(t.hours.save, { weekday }) }).click();
  await expect(page.locator(".error-summary")).toContainText(t.hours.errors.order);
  await checkPage(page, testInfo);

  await ranges.nth(0).getByLabel(t.hours.opens, { exact: true }).fill("00:00");
  await ranges.nth(0).getByLabel(t.hours.closes, { exact: true }).fill("23:59");
  await ranges.nth(0).getByLabel(t.hours.counters, { exact: true }).fill("3");
  for (let i = 1; i < 4; i++) {
    await ranges.nth(i).getByLabel(t.hours.opens, { exact: true }).fill("");
    await ranges.nth(i).getByLabel(t.hours.closes, { exact: true }).fill("");
  }
  await page.getByRole("button", { name: fill(t.hours.save, { weekday }) }).click();
  await expect(page.getByRole("status")).toContainText(pattern(t.hours.saved));

  // Passport transfers: bookable at once, in 5-minute steps, 3 at a time.
  const service = seed.services["passport-transfer"].name;
  await page.getByRole("link", { name: fill(t.slots.edit, { service }) }).click();
  await page.getByLabel(t.slots.slotMinutes, { exact: true }).fill("5");
  await page.getByLabel(t.slots.parallel, { exact: true }).fill("3");
  await page.getByLabel(t.slots.minLeadHours, { exact: true }).fill("0");
  await page.getByRole("button", { name: t.slots.save }).click();
  await expect(page.getByRole("status")).toContainText(fill(t.slots.saved, { service }));

  // The four lottery settings are checked and saved with the rest (they apply in lottery mode).
  await page.getByRole("link", { name: fill(t.slots.edit, { service }) }).click();
  await page.getByLabel(t.slots.lotteryUrgentSharePercent, { exact: true }).fill("101");
  await page.getByRole("button", { name: t.slots.save }).click();
  await expect(page.locator(".error-summary")).toContainText(t.slots.errors.lotteryUrgentSharePercent);
  await checkPage(page, testInfo);
  await page.getByLabel(t.slots.lotteryUrgentSharePercent, { exact: true }).fill("40");
  await page.getByLabel(t.slots.lotteryWindowHours, { exact: true }).fill("24");
  await page.getByRole("button", { name: t.slots.save }).click();
  await expect(page.getByRole("status")).toContainText(fill(t.slots.saved, { service }));
  await page.getByRole("link", { name: fill(t.slots.edit, { service }) }).click();
  await expect(page.getByLabel(t.slots.lotteryUrgentSharePercent, { exact: true })).toHaveValue("40");
  await expect(page.getByLabel(t.slots.lotteryWindowHours, { exact: true })).toHaveValue("24");

  // A citizen books a time today and gets the booking code.
  const code = await bookOn(page, "passport-transfer", today, "de", { name: `Heute Person ${id}`, email: `today-${id}@example.org` });
  expect(code, "a free time today after opening it").not.toBeNull();

  await page.goto("/staff/service-point?lng=de");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.servicePoint.heading);
  const card = page.locator(".sp-appointment", { hasText: code! });
  await expect(card).toContainText(`Heute Person ${id}`);
  await expect(card).toContainText(t.servicePoint.statuses.booked);
  await checkPage(page, testInfo);

  // Not come? Not before the time has begun plus the grace time.
  await card.getByRole("button", { name: t.servicePoint.noShow }).click();
  await expect(page.locator(".sp-appointment", { hasText: code! }).locator(".error-message")).toContainText(pattern(t.servicePoint.results.tooEarly));
  await expect(page.locator(".sp-appointment", { hasText: code! })).toContainText(t.servicePoint.statuses.booked);

  // Check-in as a keyboard-wedge scanner does it: the code typed, then Enter; lower case and no dash also work.
  const codeField = page.getByLabel(t.checkIn.label, { exact: true });
  await codeField.fill(code!.replace("-", "").toLowerCase());
  await codeField.press("Enter");
  const status = page.getByRole("status");
  await expect(status).toContainText(fill(t.checkIn.success, { name: `Heute Person ${id}` }));
  const ticketText = (await page.locator(".sp-ticket").textContent())!;
  const ticket = Number(ticketText.match(/\d+/)![0]);
  expect(ticket).toBeGreaterThan(0);
  await expect(page.getByLabel(t.checkIn.label, { exact: true })).toBeFocused();
  await checkPage(page, testInfo);

  // The same code again: already checked in, with the ticket; an unknown code is said so.
  await page.getByLabel(t.checkIn.label, { exact: true }).fill(code!);
  await page.getByRole("button", { name: t.checkIn.submit }).click();
  await expect(page.locator("#code-error")).toHaveText(fill(t.checkIn.errors.already, { code: code!, ticket }));
  await page.getByLabel(t.checkIn.label, { exact: true }).fill("XXXX-XXXX");
  await page.getByRole("button", { name: t.checkIn.submit }).click();
  await expect(page.locator("#code-error")).toHaveText(t.checkIn.errors.unknown);
  await checkPage(page, testInfo);

  // Call to counter 2.
  const checkedIn = page.locator(".sp-appointment", { hasText: code! });
  await expect(checkedIn).toContainText(t.servicePoint.statuses.checked_in);
  await checkedIn.getByLabel(t.servicePoint.counter, { exact: true }).selectOption("2");
  await checkedIn.getByRole("button", { name: t.servicePoint.call }).click();
  await expect(page.getByRole("status")).toHaveText(fill(t.servicePoint.results.called, { ticket, counter: 2 }));
  // The counter chosen is remembered for the next call.
  await expect(page.locator(".sp-appointment", { hasText: code! }).getByLabel(t.servicePoint.counter, { exact: true })).toHaveValue("2");

  // The waiting-room display: no login, numbers and counters only, German and Arabic.
  const display = await page
    .context()
    .browser()!
    .newContext({
      javaScriptEnabled: jsEnabled(testInfo.project.name),
      viewport: page.viewportSize(),
    });
  try {
    const screen = await display.newPage();
    await screen.goto("/display?lng=ar");
    await expect(screen.locator("h1")).toContainText(sp("de").display.title);
    await expect(screen.locator("h1")).toContainText(sp("ar").display.title);
    const row = screen.locator("tr", { has: screen.locator(".board-ticket", { hasText: new RegExp(`^${ticket}$`) }) });
    await expect(row.locator(".board-counter")).toHaveText("2");
    await expect(screen.locator("#display-board")).not.toContainText(`Heute Person ${id}`);
    await expect(screen.locator("#display-board")).not.toContainText(code!);
    await expect(screen.locator('meta[http-equiv="refresh"]')).toHaveCount(0);
    await checkPage(screen, testInfo);

    if (jsEnabled(testInfo.project.name)) {
      // With JavaScript the board follows by itself and announces the new call.
      await checkedIn.getByLabel(t.servicePoint.counter, { exact: true }).selectOption("3");
      await page.locator(".sp-appointment", { hasText: code! }).getByRole("button", { name: t.servicePoint.recall }).click();
      await expect(page.getByRole("status")).toHaveText(fill(t.servicePoint.results.called, { ticket, counter: 3 }));
      await expect(row.locator(".board-counter")).toHaveText("3", { timeout: 15_000 });
      await expect(screen.locator("[data-refresh-announce]")).toContainText(fill(sp("ar").display.announce, { ticket, counter: 3 }));
    } else {
      await expect(screen.getByRole("link", { name: sp("ar").display.reload })).toHaveAttribute("href", "/display?lng=ar");
    }
  } finally {
    await display.close();
  }

  // Done.
  await page.locator(".sp-appointment", { hasText: code! }).getByRole("button", { name: t.servicePoint.complete }).click();
  await expect(page.getByRole("status")).toHaveText(fill(t.servicePoint.results.completed, { ticket }));
  await expect(page.locator(".sp-appointment", { hasText: code! })).toContainText(t.servicePoint.statuses.completed);

  // The same page right to left, in Arabic.
  await page.goto("/staff/service-point?lng=ar");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(sp("ar").servicePoint.heading);
  await expect(page.locator(".sp-appointment", { hasText: code! })).toContainText(sp("ar").servicePoint.statuses.completed);
  await checkPage(page, testInfo);
});

test("close a day with a booked appointment: confirmation, then the person is told in their language", async ({ page }, testInfo) => {
  const t = sp("de");
  const lng = "fa";
  const id = randomBytes(4).toString("hex");
  const person = { name: `Closure Person ${id}`, email: `closure-${id}@example.org` };
  // Naturalisation appointments can be booked 90 days ahead, other services at most 56: a day
  // beyond that, different for each project, is shared with no other journey.
  const index = Math.max(0, projects.indexOf(testInfo.project.name));
  let day = "";
  let code: string | null = null;
  for (let offset = 60 + index * 6; offset < 60 + index * 6 + 6 && !code; offset++) {
    day = officeDay(offset);
    if (isoWeekday(day) > 5) continue;
    code = await bookOn(page, "naturalisation", day, lng, person);
  }
  expect(code, "a free naturalisation time about two months ahead").not.toBeNull();

  await page.goto("/staff/office?lng=de#closures");
  const clearing = seed.units.clearing.name;
  const section = page.getByRole("region", { name: t.closures.title });
  await section.getByLabel(t.closures.day, { exact: true }).fill(day);
  await section.getByLabel(t.closures.unit, { exact: true }).selectOption({ label: clearing });
  await section.getByLabel(t.closures.note, { exact: true }).fill("Betriebsversammlung");
  await section.getByRole("button", { name: t.closures.add }).click();

  // Asked first, with the number of people booked.
  const confirm = page.locator(".sp-confirm");
  await expect(confirm).toContainText(t.closures.confirmTitle);
  await expect(confirm).toContainText(pattern(t.closures.confirm_one));
  await checkPage(page, testInfo);
  await confirm.getByRole("button", { name: fill(t.closures.confirmButton_one, { count: 1 }) }).click();
  await expect(page.getByRole("status")).toContainText(pattern(t.closures.closed));
  await expect(page.getByRole("status")).toContainText(fill(t.closures.cancelled_one, { count: 1 }));
  const closure = page.locator(".sp-closures li", { hasText: "Betriebsversammlung" });
  await expect(closure).toContainText(clearing);
  await checkPage(page, testInfo);

  // The same day again is refused beside the field.
  await section.getByLabel(t.closures.day, { exact: true }).fill(day);
  await section.getByLabel(t.closures.unit, { exact: true }).selectOption({ label: clearing });
  await section.getByRole("button", { name: t.closures.add }).click();
  await expect(page.locator(".error-summary")).toContainText(t.closures.errors.exists);

  // The message, in Persian, with a link to book again.
  await page.goto("/demo/outbox?lng=de");
  const closureMessage = page.locator('.messages li[data-message-kind="closure-cancellation"]', { hasText: person.email });
  await expect(closureMessage.locator("article")).toHaveAttribute("lang", "fa");
  await expect(closureMessage).toContainText(sp("fa").message.closure.sorry);
  await expect(closureMessage).toContainText(code!);
  await expect(closureMessage.getByRole("link", { name: /\/book\/naturalisation\?lng=fa/ })).toBeVisible();

  // The calendar no longer offers the day.
  const response = await page.goto(`/book/naturalisation/day/${day}?lng=de`);
  expect(response!.status()).toBeLessThan(500);
  await expect(page.locator("button.time")).toHaveCount(0);

  // Removing the closure opens the day again.
  await page.goto("/staff/office?lng=de#closures");
  await page.locator(".sp-closures li", { hasText: "Betriebsversammlung" }).getByRole("button", { name: t.closures.remove }).click();
  await expect(page.getByRole("status")).toHaveText(t.closures.removed);
  await expect(page.locator(".sp-closures li", { hasText: "Betriebsversammlung" })).toHaveCount(0);

  // The office page right to left, in Persian.
  await page.goto("/staff/office?lng=fa");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(sp("fa").office.title);
  await checkPage(page, testInfo);
});
