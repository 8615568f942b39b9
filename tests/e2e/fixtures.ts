// Playwright fixtures for set-up that is not what a journey is about: staff members signed in
// (once per worker and account, the browser state kept with storageState), a service of the
// journey's own, a submitted case. Data is arranged through the factories in
// tests/support/factories.ts, which use the app's own functions, in the journey server's
// PostgreSQL database (only PostgreSQL runs have one the tests can open: see global-setup.ts).
import { randomBytes } from "node:crypto";
import { test as base, type BrowserContext, expect, type Page } from "@playwright/test";
import postgres from "postgres";
import type { Role } from "#app/domain/staff/roles";
import { type Database, type DatabaseHandle, openDatabase } from "#app/lib/db.server";
import { demoStaff } from "#db/seed/demo-staff";
import { createService, submittedCase, type TestService } from "#tests/support/factories";
import { randomIp } from "./booking-steps";
import { uiText } from "./support";

export { expect };

let client: postgres.Sql | undefined;
let handle: Promise<DatabaseHandle> | undefined;

function databaseUrl(): string {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: this journey runs against PostgreSQL only (see playwright.config.ts)");
  return url;
}

/** The journey server's database for plain SQL questions afterwards (where did the case go?). */
export function database(): postgres.Sql {
  client ??= postgres(databaseUrl(), { max: 2, onnotice: () => {} });
  return client;
}

/** The journey server's database through the app's own data layer, for the factories. */
export async function appDatabase(): Promise<Database> {
  handle ??= openDatabase({ databaseUrl: databaseUrl(), dataDir: "unused", poolSize: 2 });
  return (await handle).db;
}

/** A staff account: one of the demo office's, by role, or any other with its password. */
export type StaffAccount = { email: string; password: string };
type StaffState = Awaited<ReturnType<BrowserContext["storageState"]>>;

/** A signed-in session stays usable while it is used within the idle timeout (30 minutes). */
const SESSION_REUSE_MS = 20 * 60_000;

function accountOf(who: Role | StaffAccount): StaffAccount {
  if (typeof who !== "string") return who;
  const account = demoStaff.find((s) => s.role === who);
  if (!account) throw new Error(`no demo staff member with the role ${who}`);
  return account;
}

type WorkerFixtures = {
  /** The browser state of a signed-in staff member: signed in once per worker and account. */
  staffState: (who: Role | StaffAccount) => Promise<StaffState>;
};

type TestFixtures = {
  /** With a role, the test's own `page` starts signed in as that demo staff member. */
  staffRole: Role | null;
  /** Another page, signed in as a staff member, with the project's screen and JavaScript setting. */
  staffPage: (who: Role | StaffAccount) => Promise<Page>;
  /** A bookable service of the test's own (see createService): PostgreSQL runs only. */
  testService: TestService;
  /** A submitted residence extension without documents: PostgreSQL runs only. */
  submittedCase: { id: string; reference: string; accessCode: string };
};

export const test = base.extend<TestFixtures, WorkerFixtures>({
  staffState: [
    async ({ browser }, use, workerInfo) => {
      const baseURL = workerInfo.project.use.baseURL;
      const states = new Map<string, { state: Promise<StaffState>; at: number }>();
      async function logIn(account: StaffAccount): Promise<StaffState> {
        const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
        try {
          const page = await context.newPage();
          const s = uiText("de", "staff");
          await page.goto("/staff/login?lng=de");
          await page.getByLabel(s.login.email, { exact: true }).fill(account.email);
          await page.getByLabel(s.login.password, { exact: true }).fill(account.password);
          await page.getByRole("button", { name: s.login.submit }).click();
          await expect(page.getByRole("navigation", { name: s.frame.navLabel })).toBeVisible();
          return await context.storageState();
        } finally {
          await context.close();
        }
      }
      await use(async (who) => {
        const account = accountOf(who);
        const kept = states.get(account.email);
        if (kept && Date.now() - kept.at < SESSION_REUSE_MS) return kept.state;
        const state = logIn(account);
        states.set(account.email, { state, at: Date.now() });
        // A failed login is not kept: the next test tries again.
        state.catch(() => states.delete(account.email));
        return state;
      });
    },
    { scope: "worker" },
  ],

  staffRole: [null, { option: true }],

  storageState: async ({ staffRole, staffState, storageState }, use) => {
    await use(staffRole ? await staffState(staffRole) : storageState);
  },

  staffPage: async ({ browser, staffState }, use, testInfo) => {
    const contexts: BrowserContext[] = [];
    const { baseURL, viewport, isMobile, hasTouch, deviceScaleFactor, javaScriptEnabled, locale } = testInfo.project.use;
    await use(async (who) => {
      const context = await browser.newContext({
        baseURL,
        viewport,
        isMobile,
        hasTouch,
        deviceScaleFactor,
        javaScriptEnabled,
        locale,
        storageState: await staffState(who),
        extraHTTPHeaders: { "X-Forwarded-For": randomIp() },
      });
      contexts.push(context);
      return context.newPage();
    });
    for (const context of contexts) await context.close();
  },

  testService: async ({}, use) => {
    await use(await createService(await appDatabase()));
  },

  submittedCase: async ({}, use) => {
    const c = await submittedCase(await appDatabase(), { language: "de", now: new Date(), details: caseDetails() });
    await use({ id: c.id, reference: c.reference, accessCode: c.accessCode });
  },
});

/** An applicant of the test's own (so that queue cards of parallel tests never look alike). */
function caseDetails() {
  const tag = Array.from(randomBytes(5), (x) => String.fromCharCode(97 + (x % 26))).join("");
  return {
    familyName: `Özdemir-${tag}`,
    givenNames: "Ayşe",
    familyNameMrz: "OEZDEMIR",
    birthDate: "1990-03-27",
    nationality: "TR",
    email: `case-${tag}@example.org`,
    street: "Hauptstraße 1",
    postcode: "12345",
    city: "Musterstadt",
  };
}
