// When nothing is free: the waitlist and its offers; when times are scarce: the fair-release
// lottery; and moving an appointment and booking by invitation. In German, Arabic and Turkish,
// at 360 px and on desktop, with and without JavaScript. Each journey arranges its own service
// in the database (a fully booked one, a lottery round that closes now), so this file runs on
// PostgreSQL only.
import type { Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import {
  bookSomeoneElse,
  closeRound,
  createService,
  fillAllPlaces,
  invite,
  messagesTo as messagesIn,
  openRound,
  requestBySomeoneElse,
  workingDayFrom,
} from "#tests/support/factories";
import { b, fillDetails, pickTime, randomIp } from "./booking-steps";
import { appDatabase, expect, test } from "./fixtures";
import { expectAccessible, expectNoHorizontalScroll } from "./support";

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": randomIp() });
});

/** Fills the person form of the waitlist and lottery pages (the permit expiry is optional). */
async function fillPerson(page: Page, lng: string, person: { name: string; email: string; permitExpires?: Date }) {
  const c = b(lng).contact;
  await page.getByLabel(c.name, { exact: true }).fill(person.name);
  const birth = page.getByRole("group", { name: c.birthDate });
  await birth.getByLabel(c.day, { exact: true }).fill("7");
  await birth.getByLabel(c.month, { exact: true }).fill("11");
  await birth.getByLabel(c.year, { exact: true }).fill("1991");
  await page.getByLabel(c.email, { exact: true }).fill(person.email);
  await page.getByLabel(c.language, { exact: true }).selectOption(lng);
  if (person.permitExpires) {
    const permit = page.getByRole("group", { name: c.permitExpires });
    await permit.getByLabel(c.day, { exact: true }).fill(String(person.permitExpires.getDate()));
    await permit.getByLabel(c.month, { exact: true }).fill(String(person.permitExpires.getMonth() + 1));
    await permit.getByLabel(c.year, { exact: true }).fill(String(person.permitExpires.getFullYear()));
  }
}

const messagesTo = async (email: string, kind: string) => messagesIn(await appDatabase(), email, kind);

/** Waits for a message (the background worker runs every 5 s) and returns the link in it. */
async function linkInMessage(email: string, kind: string, path: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const messages = await messagesTo(email, kind);
        link = messages.at(-1)?.body.match(new RegExp(`https?://[^\\s]+(/${path}/[A-Za-z0-9_-]{22}\\?lng=[a-z]{2})`))?.[1];
        return link ?? null;
      },
      { timeout: 20_000, intervals: [500] },
    )
    .not.toBeNull();
  return link!;
}

const person = (prefix: string) => {
  const id = randomBytes(4).toString("hex");
  return { name: `${prefix} Person ${id}`, email: `${prefix.toLowerCase()}-${id}@example.org` };
};

for (const lng of ["de", "ar", "tr"] as const) {
  test(`nothing free: join the waitlist, a cancellation is offered, claim it (${lng})`, async ({ page, browser, testService: service }, testInfo) => {
    // Someone booked a place, and every other place is taken.
    const db = await appDatabase();
    const other = await bookSomeoneElse(db, service, new Date());
    await fillAllPlaces(db, service, new Date());
    const me = person("Waiting");

    await page.goto(`/book/${service.id}?lng=${lng}`);
    await expect(page.getByText(b(lng).calendar.noneFree)).toBeVisible();
    await page.getByRole("link", { name: b(lng).waitlist.join }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(b(lng).waitlist.title.split("{{")[0]!.trim());
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, testInfo);

    // A wrong expiry date: 422 with the message beside the field, nothing stored.
    await fillPerson(page, lng, me);
    const permit = page.getByRole("group", { name: b(lng).contact.permitExpires });
    await permit.getByLabel(b(lng).contact.day, { exact: true }).fill("31");
    await permit.getByLabel(b(lng).contact.month, { exact: true }).fill("2");
    await permit.getByLabel(b(lng).contact.year, { exact: true }).fill("2027");
    await page.getByRole("button", { name: b(lng).waitlist.submit }).click();
    await expect(page.locator(".error-summary")).toContainText(b(lng).contact.errors.permitInvalid);
    await expectAccessible(page, testInfo);
    expect(await messagesTo(me.email, "waitlist-joined")).toEqual([]);

    await permit.getByLabel(b(lng).contact.day, { exact: true }).fill("");
    await permit.getByLabel(b(lng).contact.month, { exact: true }).fill("");
    await permit.getByLabel(b(lng).contact.year, { exact: true }).fill("");
    await page.getByRole("button", { name: b(lng).waitlist.submit }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(b(lng).waitlist.joinedTitle);
    await expect(page.locator("[data-status='waiting']")).toBeVisible();
    await expectAccessible(page, testInfo);
    const joined = await messagesTo(me.email, "waitlist-joined");
    expect(joined).toHaveLength(1);
    expect(joined[0]!.language).toBe(lng);

    // Someone else cancels: the place is offered to the person waiting, by message.
    const otherPage = await browser.newPage();
    await otherPage.goto(`/appointment/${other.manageToken}?lng=de`);
    await otherPage.getByRole("button", { name: b("de").appointment.cancel }).click();
    await expect(otherPage.getByText(b("de").appointment.cancelled)).toBeVisible();
    await otherPage.close();

    const offerLink = await linkInMessage(me.email, "waitlist-offer", "offer");
    await page.goto(offerLink);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(b(lng).offer.title);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, testInfo);
    // Meanwhile the offered place is held: the calendar still shows nothing free.
    const check = await page.context().request.get(`/book/${service.id}?lng=${lng}`);
    expect(await check.text()).not.toContain('class="day free"');

    await page.getByRole("button", { name: b(lng).offer.claim }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(b(lng).appointment.booked);
    await expect(page.locator(".booking-code")).toHaveText(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await expectAccessible(page, testInfo);
    expect(await messagesTo(me.email, "booking-confirmation")).toHaveLength(1);

    // The claim link again: the offer is used; nothing is booked twice.
    await page.goto(offerLink);
    await expect(page.getByText(b(lng).offer.states.claimed)).toBeVisible();
  });

  test(`fair release: requests during the window, the draw informs winners and losers (${lng})`, async ({ page, testService: service }, testInfo) => {
    const db = await appDatabase();
    const day = await workingDayFrom(db, new Date(), 3);
    // Two places that day (10:00 and 10:15, one counter); three requests; 50 % reserved for
    // people whose permit expires within 42 days — this person is one, so they always win.
    const roundId = await openRound(db, service, day, new Date(), 50);
    const me = person("Lottery");
    const others = [await requestBySomeoneElse(db, roundId, "ar", new Date()), await requestBySomeoneElse(db, roundId, "tr", new Date())];

    await page.goto(`/book/${service.id}?lng=${lng}`);
    await expect(page.getByRole("heading", { name: b(lng).lottery.title })).toBeVisible();
    // Before the draw nothing of the round's days can be booked first come, first served.
    await expect(page.locator("a.day.free")).toHaveCount(0);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, testInfo);
    // (The planner may have announced other weeks' rounds too: take this round's link.)
    await page.locator(`a[href*="/lottery/${roundId}"]`).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(b(lng).lottery.requestTitle.split("{{")[0]!.trim());
    await fillPerson(page, lng, { ...me, permitExpires: new Date(Date.now() + 20 * 86_400_000) });
    await page.getByRole("button", { name: b(lng).lottery.submit }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(b(lng).lottery.receivedTitle);
    await expect(page.locator("[data-result='pending']")).toBeVisible();
    await expectAccessible(page, testInfo);
    const statusUrl = page.url();
    expect(await messagesTo(me.email, "lottery-request")).toHaveLength(1);

    // Asking twice in one round is refused.
    await page.goto(`/book/${service.id}/lottery/${roundId}?lng=${lng}`);
    await fillPerson(page, lng, me);
    await page.getByRole("button", { name: b(lng).lottery.submit }).click();
    await expect(page.locator(".error-summary")).toContainText(b(lng).lottery.errors.alreadyRequested);

    // The window closes; the background worker draws.
    await closeRound(db, roundId, new Date());
    const won = await linkInMessage(me.email, "lottery-won", "appointment");
    await page.goto(statusUrl.replace("&new=1", ""));
    await expect(page.locator("[data-result='won']")).toBeVisible();
    await expect(page.locator(".booking-code")).toBeVisible();
    await expectAccessible(page, testInfo);

    // Of the two others, one won the second place and one lost; both were told, in their language.
    const results = await Promise.all(others.map(async (o) => ({ won: await messagesTo(o.email, "lottery-won"), lost: await messagesTo(o.email, "lottery-lost") })));
    expect(results.map((r) => r.won.length + r.lost.length)).toEqual([1, 1]);
    expect(results.filter((r) => r.won.length === 1)).toHaveLength(1);
    expect(
      results
        .flatMap((r) => [...r.won, ...r.lost])
        .map((m) => m.language)
        .sort(),
    ).toEqual(["ar", "tr"]);

    // The winner's appointment is a real one.
    await page.goto(won);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(b(lng).appointment.title);
    await expect(page.locator(".qr svg")).toBeVisible();
  });
}

test("move an appointment to another time: the old place is freed, the message follows", async ({ page }, testInfo) => {
  const service = await createService(await appDatabase(), { horizonDays: 4 });
  const me = person("Moving");
  await page.goto(`/book/${service.id}?lng=tr`);
  await pickTime(page, "tr");
  await fillDetails(page, "tr", me);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(b("tr").appointment.booked);
  const code = (await page.locator(".booking-code").textContent())!.trim();
  const appointmentUrl = page.url().replace(/&new=1/, "");

  await page.getByRole("button", { name: b("tr").move.start }).click();
  await expect(page.getByText(b("tr").move.banner.split("{{")[0]!.trim())).toBeVisible();
  await expectAccessible(page, testInfo);
  await pickTime(page, "tr", b("tr").move.title);
  await expectAccessible(page, testInfo);
  await page.getByRole("button", { name: b("tr").move.confirm }).click();
  await expect(page.getByText(b("tr").move.done)).toBeVisible();
  // Same appointment, same code, new time; a message says so.
  await expect(page.locator(".booking-code")).toHaveText(code);
  expect(page.url().split("?")[0]).toBe(appointmentUrl.split("?")[0]);
  await expect.poll(async () => (await messagesTo(me.email, "booking-moved")).length).toBe(1);
});

test("an invitation opens an invitation-only service once", async ({ page }, testInfo) => {
  const token = await invite(await appDatabase(), "eat-pickup", "ar", new Date());
  const me = person("Invited");
  await page.goto(`/invitation/${token}`);
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.locator("table.calendar")).toBeVisible();
  await pickTime(page, "ar");
  await fillDetails(page, "ar", me);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(b("ar").appointment.booked);
  await expectAccessible(page, testInfo);
  const again = await page.goto(`/invitation/${token}`);
  expect(again!.status()).toBe(410);
  await expect(page.getByText(b("ar").invitation.used)).toBeVisible();
});
