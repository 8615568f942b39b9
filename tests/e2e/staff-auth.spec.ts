// Staff login as people at the office do it, on a phone and a desktop, with and without
// JavaScript: log in (with and without a second factor), a wrong password in German and in
// Arabic, a page the role may not use, account management by an admin, logging out.
import { expect, type Page, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { totpCode } from "#app/domain/staff/totp";
import { demoStaff } from "#db/seed/demo-staff";
import { expectAccessible, expectNoHorizontalScroll } from "./support";

type Texts = Record<string, any>;
const text = (lng: string, ns: "staff" | "common"): Texts => JSON.parse(readFileSync(join(import.meta.dirname, "../../locales", lng, `${ns}.json`), "utf8"));
const s = (lng: string) => text(lng, "staff");
const demo = (role: string) => demoStaff.find((d) => d.role === role)!;
const fill = (template: string, values: Record<string, string>) => template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? "");

// Every test is another client address (the server trusts one proxy), so the per-address
// login limit applies per test, as it would per person.
test.beforeEach(async ({ page }) => {
  const [a, b, c] = randomBytes(3);
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": `10.${a}.${b}.${(c! % 250) + 1}` });
});

async function logIn(page: Page, lng: string, email: string, password: string) {
  await page.getByLabel(s(lng).login.email, { exact: true }).fill(email);
  await page.getByLabel(s(lng).login.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: s(lng).login.submit }).click();
}

async function logOut(page: Page, lng: string) {
  await page.getByRole("button", { name: s(lng).frame.logout }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(s(lng).login.title);
  await expect(page.getByRole("status")).toHaveText(s(lng).login.loggedOut);
}

test("log in, see what the role may do, log out (German)", async ({ page }, testInfo) => {
  const t = s("de");
  const me = demo("service_point");
  await page.goto("/staff?lng=de");
  // Not logged in: the login page, which brings the person back afterwards.
  await expect(page).toHaveURL(/\/staff\/login\?lng=de&next=%2Fstaff/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.login.title);
  await expectNoHorizontalScroll(page);
  await expectAccessible(page, testInfo);

  await logIn(page, "de", me.email, me.password);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(fill(t.start.welcome, { name: me.name }));
  await expect(page.locator(".staff-who")).toContainText(me.name);
  await expect(page.locator(".staff-who")).toContainText(t.roles.service_point);
  const nav = page.getByRole("navigation", { name: t.frame.navLabel });
  await expect(nav.getByRole("link", { name: t.nav.servicePoint })).toHaveAttribute("href", /\/staff\/service-point/);
  await expect(nav.getByRole("link", { name: t.nav.office })).toBeVisible();
  await expect(nav.getByRole("link", { name: t.nav.accounts })).toHaveCount(0);
  await expectNoHorizontalScroll(page);
  await expectAccessible(page, testInfo);

  // The session cookie is host-only, HTTPS-only and hidden from scripts.
  const cookie = (await page.context().cookies()).find((c) => c.name === "__Host-lotse-staff");
  expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });

  await logOut(page, "de");
  await page.goto("/staff?lng=de");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.login.title);
});

for (const lng of ["de", "ar"] as const) {
  test(`a wrong password gets a translated error that names no account (${lng})`, async ({ page }, testInfo) => {
    const t = s(lng);
    await page.goto(`/staff/login?lng=${lng}`);
    await expect(page.locator("html")).toHaveAttribute("dir", lng === "ar" ? "rtl" : "ltr");
    await logIn(page, lng, demo("team_lead").email, "not the password");
    const summary = page.locator(".error-summary");
    await expect(summary).toContainText(t.errors.invalid);
    await expect(page.getByLabel(t.login.email, { exact: true })).toHaveValue(demo("team_lead").email);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, testInfo);
    // An address without an account: word for word the same message.
    await logIn(page, lng, `nobody-${randomBytes(4).toString("hex")}@demo.lotse.example`, "not the password");
    await expect(summary).toContainText(t.errors.invalid);
    // Nothing typed: the fields say what is missing.
    await page.getByLabel(t.login.email, { exact: true }).fill("");
    await page.getByRole("button", { name: t.login.submit }).click();
    await expect(summary).toContainText(t.errors.emailRequired);
    await expect(summary).toContainText(t.errors.passwordRequired);
    // The right password still works (and clears the count of failures towards a lockout).
    await logIn(page, lng, demo("team_lead").email, demo("team_lead").password);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(fill(t.start.welcome, { name: demo("team_lead").name }));
  });
}

test("a page the role may not use answers 403 with a translated page (Persian)", async ({ page }, testInfo) => {
  const me = demo("clearing");
  await page.goto("/staff/accounts?lng=fa");
  await logIn(page, "fa", me.email, me.password);
  // Back to the page asked for: forbidden for the clearing role.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text("fa", "common").errors.forbidden.title);
  const response = await page.goto("/staff/accounts?lng=fa");
  expect(response!.status()).toBe(403);
  await expectNoHorizontalScroll(page);
  await expectAccessible(page, testInfo);
  // Its own start page offers only what the role may use.
  await page.goto("/staff?lng=fa");
  await expect(page.getByRole("link", { name: s("fa").nav.accounts })).toHaveCount(0);
});

async function createAccount(page: Page, lng: string, role: string, unit: string | null) {
  const t = s(lng);
  const admin = demo("admin");
  await page.goto(`/staff/accounts?lng=${lng}`);
  await logIn(page, lng, admin.email, admin.password);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.accounts.title);
  const email = `staff-${randomBytes(4).toString("hex")}@example.org`;
  const form = page.locator("form", { has: page.getByRole("button", { name: t.accounts.createSubmit }) });
  await form.getByLabel(t.account.name, { exact: true }).fill("Nina Neu");
  await form.getByLabel(t.account.email, { exact: true }).fill(email);
  await form.getByLabel(t.account.role, { exact: true }).selectOption(role);
  if (unit) await form.getByLabel(t.account.unit, { exact: true }).selectOption(unit);
  await page.getByRole("button", { name: t.accounts.createSubmit }).click();
  await expect(page.getByRole("status")).toContainText(fill(t.accounts.notices.created, { email }));
  const password = (await page.locator(".one-time-password").textContent())!.trim();
  expect(password).toMatch(/^\w{5}(-\w{5}){3}$/);
  return { email, password };
}

test("an admin creates an account; its first password works once; the person changes it", async ({ page }, testInfo) => {
  const t = s("en");
  await page.goto("/staff/accounts?lng=en");
  await logIn(page, "en", demo("admin").email, demo("admin").password);
  // A unit role without a unit: refused with the reason beside the field.
  await page.getByLabel(t.account.name, { exact: true }).fill("No Unit");
  await page.getByLabel(t.account.email, { exact: true }).fill(`nounit-${randomBytes(3).toString("hex")}@example.org`);
  await page.getByLabel(t.account.role, { exact: true }).selectOption("clearing");
  await page.getByRole("button", { name: t.accounts.createSubmit }).click();
  await expect(page.locator(".error-summary")).toContainText(t.errors.unitRequired);
  await expectNoHorizontalScroll(page);
  await expectAccessible(page, testInfo);
  await logOut(page, "en");

  const created = await createAccount(page, "en", "case_worker", "residence");
  await expectAccessible(page, testInfo);
  await logOut(page, "en");

  await page.goto("/staff/account?lng=en");
  await logIn(page, "en", created.email, created.password);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.account.title);
  await page.getByLabel(t.account.currentPassword, { exact: true }).fill(created.password);
  await page.getByLabel(t.account.newPassword, { exact: true }).fill("a new sentence of words");
  await page.getByLabel(t.account.repeatPassword, { exact: true }).fill("a new sentence of word");
  await page.getByRole("button", { name: t.account.passwordSubmit }).click();
  await expect(page.locator(".error-summary")).toContainText(t.errors.passwordMismatch);
  await page.getByLabel(t.account.currentPassword, { exact: true }).fill(created.password);
  await page.getByLabel(t.account.newPassword, { exact: true }).fill("a new sentence of words");
  await page.getByLabel(t.account.repeatPassword, { exact: true }).fill("a new sentence of words");
  await page.getByRole("button", { name: t.account.passwordSubmit }).click();
  await expect(page.getByRole("status")).toHaveText(t.account.passwordChanged);
  await logOut(page, "en");
  await logIn(page, "en", created.email, created.password);
  await expect(page.locator(".error-summary")).toContainText(t.errors.invalid);
  await logIn(page, "en", created.email, "a new sentence of words");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(fill(t.start.welcome, { name: "Nina Neu" }));
});

test("a second factor: set up with a QR code, then asked for at login; a used code is refused", async ({ page }, testInfo) => {
  const t = s("de");
  const created = await createAccount(page, "de", "team_lead", null);
  await logOut(page, "de");
  await page.goto("/staff/account?lng=de");
  await logIn(page, "de", created.email, created.password);
  await page.getByRole("button", { name: t.account.totpStart }).click();
  await expect(page.getByRole("img", { name: t.account.qrLabel })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectAccessible(page, testInfo);
  const secret = (await page.locator(".totp-secret").textContent())!.replace(/\s/g, "");
  await page.getByLabel(t.account.totpCode, { exact: true }).fill("12345");
  await page.getByRole("button", { name: t.account.totpConfirm }).click();
  await expect(page.locator(".error-summary")).toContainText(t.errors.codeFormat);
  const setupCode = totpCode(secret, new Date());
  await page.getByLabel(t.account.totpCode, { exact: true }).fill(setupCode);
  await page.getByRole("button", { name: t.account.totpConfirm }).click();
  await expect(page.getByRole("status")).toHaveText(t.account.totpEnabled);
  await logOut(page, "de");

  await logIn(page, "de", created.email, created.password);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.code.title);
  await expectAccessible(page, testInfo);
  // The code that set it up counts as used.
  await page.getByLabel(t.code.label, { exact: true }).fill(setupCode);
  await page.getByRole("button", { name: t.code.submit }).click();
  await expect(page.locator(".error-summary")).toContainText(t.errors.codeInvalid);
  // The app's next code (one step ahead is accepted for clock drift).
  await page.getByLabel(t.code.label, { exact: true }).fill(totpCode(secret, new Date(Date.now() + 30_000)));
  await page.getByRole("button", { name: t.code.submit }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(fill(t.start.welcome, { name: "Nina Neu" }));
});
