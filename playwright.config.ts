import { defineConfig, devices } from "@playwright/test";

// Journeys run against the built app (started by tests/e2e/global-setup.ts on a database of
// its own) in Debian's Chromium: at 360×740 and at desktop width, with and without JavaScript.
const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  },
};
const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const desktop = { viewport: { width: 1280, height: 900 } };
// Specs that start the built server as processes of their own (and kill it) instead of using
// the shared one: start-up, and uploads interrupted by a killed server.
const serverSpecs = ["**/startup.spec.ts", "**/upload-kill.spec.ts"];
// Journeys that arrange their data in the server's PostgreSQL database (*.postgres.spec.ts) do
// not run against the embedded database, which only the server process can open.
const ignored = process.env.E2E_DB === "pglite" ? [...serverSpecs, "**/*.postgres.spec.ts"] : serverSpecs;
// The waitlist, lottery and application journeys are phone journeys (360 px, with and without JavaScript);
// on desktop they would repeat the same server work and add minutes to CI.
const phoneOnly = [...ignored, "**/waitlist-lottery.postgres.spec.ts", "**/application-journey.spec.ts", "**/clearing-journey.postgres.spec.ts"];
// On desktop the booking journey runs in German only, and the refusal of a time taken meanwhile
// not at all: the phone runs both in every language the issue names, with and without
// JavaScript, on the same server code, and CI must stay under 30 minutes.
const phoneOnlyTests = /book, get the message, cancel by link, book again \((ar|tr)\)|a time taken while the person looks at the day/;

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: "./tests/e2e/global-setup.ts",
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"], ["json", { outputFile: process.env.E2E_REPORT ?? "reports/playwright.json" }]],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? `http://127.0.0.1:${process.env.E2E_PORT ?? 3917}`,
    trace: "retain-on-failure",
  },
  projects: [
    { name: "phone-js", testIgnore: ignored, use: { ...chromium, ...phone } },
    { name: "phone-nojs", testIgnore: ignored, use: { ...chromium, ...phone, javaScriptEnabled: false } },
    { name: "desktop-js", testIgnore: phoneOnly, grepInvert: phoneOnlyTests, use: { ...chromium, ...desktop } },
    // The page matrix (pages.spec.ts) without JavaScript runs on the phone only: the desktop
    // layout is the same CSS as with JavaScript, and CI must stay under 30 minutes.
    { name: "desktop-nojs", testIgnore: [...phoneOnly, "**/pages.spec.ts"], grepInvert: phoneOnlyTests, use: { ...chromium, ...desktop, javaScriptEnabled: false } },
    // The built server as processes of its own; runs once (the upload spec opens its own browser).
    { name: "server", testMatch: serverSpecs },
  ],
});
