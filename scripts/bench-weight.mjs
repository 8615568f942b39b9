// `npm run bench:weight`: builds the app (npm script), starts it on a fresh embedded database,
// loads each public page in Chromium as a first-time visitor (empty cache) and prints, per
// page, the compressed bytes that crossed the wire for HTML, CSS, JavaScript and the rest.
// Target for citizen pages: under 100 KB in total.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";

const port = 3931;
const base = `http://127.0.0.1:${port}`;
const budget = 100 * 1024;
const pages = [
  ["home (de)", "/?lng=de"],
  ["home (ar)", "/?lng=ar"],
  ["catalogue (de)", "/services?lng=de"],
  ["search (uk)", "/services?lng=uk&q=%D0%BF%D0%BE%D1%81%D0%B2%D1%96%D0%B4%D0%BA%D1%83"],
  ["service + checklist (de)", "/services/residence-extension?lng=de&purpose=employment"],
  ["service + checklist (fa)", "/services/naturalisation?lng=fa&married=yes&livelihood=employment"],
  ["booking calendar (ar)", "/book/residence-extension?lng=ar"],
  ["booking calendar (tr)", "/book/passport-transfer?lng=tr"],
  ["404 (tr)", "/no-such-page?lng=tr"],
];

const dataDir = mkdtempSync(join(tmpdir(), "lotse-bench-"));
const server = spawn(process.execPath, ["server.js"], {
  env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, DATABASE_URL: "" },
  stdio: ["ignore", "ignore", "inherit"],
});

try {
  await waitForHealth();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
  });
  const rows = [];
  for (const [name, path] of pages) {
    // A new context per page: a first-time visitor with an empty cache.
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    const types = new Map();
    const bytes = { html: 0, css: 0, js: 0, other: 0 };
    cdp.on("Network.responseReceived", (e) => types.set(e.requestId, e.type));
    cdp.on("Network.loadingFinished", (e) => {
      const type = types.get(e.requestId);
      const kind = type === "Document" ? "html" : type === "Stylesheet" ? "css" : type === "Script" ? "js" : "other";
      bytes[kind] += e.encodedDataLength; // bytes on the wire: compressed body plus headers
    });
    await page.goto(base + path, { waitUntil: "networkidle" });
    await context.close();
    rows.push({ name, ...bytes, total: bytes.html + bytes.css + bytes.js + bytes.other });
  }
  await browser.close();

  const kb = (n) => (n / 1024).toFixed(1).padStart(7);
  console.log("\nPage weight, first visit, compressed bytes on the wire (KB, headers included)\n");
  console.log(`${"page".padEnd(28)}${"HTML".padStart(7)}${"CSS".padStart(7)}${"JS".padStart(7)}${"other".padStart(7)}${"total".padStart(7)}  budget`);
  for (const r of rows) {
    console.log(`${r.name.padEnd(28)}${kb(r.html)}${kb(r.css)}${kb(r.js)}${kb(r.other)}${kb(r.total)}  ${r.total <= budget ? "ok" : "OVER"}`);
  }
  const over = rows.filter((r) => r.total > budget);
  console.log(`\n${rows.length - over.length} of ${rows.length} citizen pages within ${budget / 1024} KB.`);
} finally {
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  rmSync(dataDir, { recursive: true, force: true });
}

async function waitForHealth() {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("server did not start");
}
