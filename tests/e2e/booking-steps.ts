// Steps of the booking journey shared by the journeys that book.
import { type APIRequestContext, expect, type Page } from "@playwright/test";
import { createHash, randomBytes } from "node:crypto";
import { uiText } from "./support";

export const b = (lng: string) => uiText(lng, "booking");

// The test server trusts one proxy (TRUST_PROXY=1): each test is a different client address, as
// real people are, so that the per-address rate limits apply per test.

export function randomIp() {
  const [a, b2, c] = randomBytes(3);
  return `10.${a}.${b2}.${(c! % 250) + 1}`;
}

export async function pickTime(page: Page, lng: string, heading: string = b(lng).details.title) {
  // A random free day and time, so that parallel tests do not all race for one slot.
  const days = page.locator("a.day.free");
  await expect(days.first()).toBeVisible();
  const count = await days.count();
  await days.nth(Math.floor(Math.random() * count)).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(b(lng).day.title.split("{{")[0]!.trim());
  const times = page.locator("button.time");
  const n = await times.count();
  await times.nth(Math.floor(Math.random() * n)).click();
  // With JavaScript a proof of work is solved first; without it the server makes the person
  // wait a few seconds on a page that moves on by itself.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading, { timeout: 20_000 });
}

export async function fillDetails(page: Page, lng: string, person: { name: string; email: string }) {
  const c = b(lng).contact;
  await page.getByLabel(c.name, { exact: true }).fill(person.name);
  await page.getByLabel(c.day, { exact: true }).fill("7");
  await page.getByLabel(c.month, { exact: true }).fill("11");
  await page.getByLabel(c.year, { exact: true }).fill("1991");
  await page.getByLabel(c.email, { exact: true }).fill(person.email);
  await page.getByLabel(c.language, { exact: true }).selectOption(lng);
  await page.getByRole("button", { name: c.submit }).click();
}

type Challenge = { algorithm: string; challenge: string; salt: string; signature: string; max: number };

/** The proof-of-work challenge of a day page, as /enhance.js reads it. */
export function challengeOf(html: string): Challenge {
  const attr = (name: string) => (html.match(new RegExp(`data-pow-${name}="([^"]*)"`))?.[1] ?? "").replace(/&amp;/g, "&").replace(/&quot;/g, '"');
  return { algorithm: attr("algorithm"), challenge: attr("challenge"), salt: attr("salt"), signature: attr("signature"), max: Number(attr("max")) };
}

/** Solves an ALTCHA v1 challenge as /enhance.js does, and encodes the solution as it sends it. */
export function solvePow(c: Challenge): string {
  for (let n = 0; n <= c.max; n++) {
    if (
      createHash("sha256")
        .update(c.salt + n)
        .digest("hex") === c.challenge
    ) {
      return Buffer.from(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number: n, salt: c.salt, signature: c.signature })).toString("base64");
    }
  }
  throw new Error("the proof of work could not be solved");
}

/**
 * Another person holds `startsAt` as /enhance.js would: loads the day page from an address of
 * their own, solves its puzzle, and posts to the hold endpoint. Returns the endpoint's answer.
 */
export async function holdAsSomeoneElse(request: APIRequestContext, dayPath: string, startsAt: string) {
  const headers = { "X-Forwarded-For": randomIp() };
  const page = await request.get(`${dayPath}?lng=en`, { headers });
  const pow = solvePow(challengeOf(await page.text()));
  const [path] = dayPath.split("?");
  return request.post(`${path}/hold?lng=en`, { headers, form: { startsAt, pow }, maxRedirects: 0 });
}
