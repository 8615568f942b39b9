import { defineConfig, devices } from "@playwright/test";

// Journeys run against the built app (started by tests/e2e/global-setup.ts on a database of
// its own) in Debian's Chromium: at 360×740 and at desktop width, with and without JavaScript.
const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
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
// Spec files that run on the phone only (360 px, with and without JavaScript): each walks one
// long journey through server work (filing with uploads, a waitlist offer, a lottery draw, the
// clearing loop) whose pages are already checked at desktop width by pages.spec.ts,
// booking-journey.spec.ts, service-point.spec.ts and staff-auth.spec.ts. On desktop they would
// repeat the same requests against the same code; both phone projects run every one of them.
const phoneOnly = [...ignored, "**/waitlist-lottery.postgres.spec.ts", "**/application-journey.spec.ts", "**/clearing-journey.postgres.spec.ts"];

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
    { name: "desktop-js", testIgnore: phoneOnly, use: { ...chromium, ...desktop } },
    { name: "desktop-nojs", testIgnore: phoneOnly, use: { ...chromium, ...desktop, javaScriptEnabled: false } },
    // The built server as processes of its own; runs once (the upload spec opens its own browser).
    { name: "server", testMatch: serverSpecs },
  ],
});
