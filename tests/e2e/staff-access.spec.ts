// Who may open which staff page, asked of the server for every demo role and every page of the
// staff area: the answer is what the permission policy says (200 or 403), never cached; without
// a session every page sends to the login; a POST from another site is refused. Logged in once
// per role through the login form's POST, without drawing pages, so that the matrix stays fast.
import { type APIRequestContext, type Browser, expect, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { type Action, can, staffActor } from "#app/domain/access/policy";
import { demoStaff } from "#db/seed/demo-staff";

const pages: [string, Action][] = [
  ["/staff", "staff:enter"],
  ["/staff/account", "staff:enter"],
  ["/staff/accounts", "accounts:manage"],
  ["/staff/clearing", "queue:view"],
  ["/staff/clearing/queue.json", "queue:view"],
  ["/staff/inbox", "inbox:view"],
  ["/staff/letter-ranges", "letter-ranges:manage"],
  ["/staff/service-point", "service-point:use"],
  ["/staff/office", "office:configure"],
];

/** Another client address per context: the login limit applies per address, as per person. */
const someAddress = () => {
  const [a, b, c] = randomBytes(3);
  return `10.${a}.${b}.${(c! % 250) + 1}`;
};

async function newClient(browser: Browser) {
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": someAddress() } });
  return { context, request: context.request };
}

async function logIn(request: APIRequestContext, origin: string, email: string, password: string) {
  const response = await request.post("/staff/login", { form: { email, password, next: "/staff" }, headers: { Origin: origin }, maxRedirects: 0 });
  expect(response.status(), `login of ${email}`).toBe(302);
  expect(response.headers().location).toBe("/staff");
}

for (const me of demoStaff) {
  test(`${me.role}: each staff page answers as the policy says, never cached`, async ({ browser, baseURL }) => {
    const origin = new URL(baseURL!).origin;
    const { context, request } = await newClient(browser);
    try {
      await logIn(request, origin, me.email, me.password);
      const actor = staffActor({ id: 1, role: me.role, unitId: me.unitId });
      for (const [path, action] of pages) {
        const response = await request.get(path, { maxRedirects: 0 });
        expect(response.status(), `${me.role} ${path}`).toBe(can(actor, action) ? 200 : 403);
        expect(response.headers()["cache-control"], `${me.role} ${path}`).toContain("no-store");
      }
      // A form posted from another site, or with no origin at all, is refused before anything is done.
      const forgedHeaders: Array<Record<string, string>> = [{ Origin: "https://evil.example" }, { Referer: "https://evil.example/staff/account" }];
      for (const headers of forgedHeaders) {
        const forged = await request.post("/staff/account", { form: { intent: "totp-start" }, headers, maxRedirects: 0 });
        // React Router refuses a foreign Origin itself (400); our middleware refuses a foreign Referer (403).
        expect(forged.status(), `${me.role} ${JSON.stringify(headers)}`).toBe("Origin" in headers ? 400 : 403);
      }
      const bare = await request.post("/staff/account", { form: { intent: "totp-start" }, maxRedirects: 0 });
      expect(bare.status()).toBe(403);
    } finally {
      await context.close();
    }
  });
}

test("without a session every staff page sends to the login page, which brings the person back", async ({ browser }) => {
  const { context, request } = await newClient(browser);
  try {
    for (const [path] of pages) {
      const response = await request.get(`${path}?lng=ar`, { maxRedirects: 0 });
      expect(response.status(), path).toBe(302);
      const location = new URL(response.headers().location!, "http://lotse.invalid");
      expect(location.pathname, path).toBe("/staff/login");
      expect(location.searchParams.get("next"), path).toBe(`${path}?lng=ar`);
      expect(location.searchParams.get("lng"), path).toBe("ar");
      expect(response.headers()["cache-control"], path).toContain("no-store");
    }
  } finally {
    await context.close();
  }
});

test("a cross-site POST to the staff area is refused even without a session", async ({ browser, baseURL }) => {
  const { context, request } = await newClient(browser);
  try {
    // React Router refuses a foreign Origin itself (400); our middleware refuses a foreign Referer (403).
    const response = await request.post("/staff/accounts", { form: { intent: "create" }, headers: { Origin: "https://evil.example" }, maxRedirects: 0 });
    expect(response.status()).toBe(400);
    const referred = await request.post("/staff/accounts", { form: { intent: "create" }, headers: { Referer: "https://evil.example/x" }, maxRedirects: 0 });
    expect(referred.status()).toBe(403);
    // The same POST from this site, without a session, goes to the login.
    const own = await request.post("/staff/accounts", { form: { intent: "create" }, headers: { Origin: new URL(baseURL!).origin }, maxRedirects: 0 });
    expect(own.status()).toBe(302);
  } finally {
    await context.close();
  }
});
