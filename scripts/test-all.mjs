// `npm test`: everything the test suite needs, then the whole suite, then one count line.
// 1. provision (Chromium, PostgreSQL) where missing; 2. typecheck, lint (where package.json has
// a "lint" script) and build; 3. Vitest on PostgreSQL, then the database tests again on the
// embedded PGlite; 4. Playwright journeys against the built server on PostgreSQL (all four
// projects and the server specs) and on the embedded default (both phone projects). Prints each
// phase's wall time, then "N passed, N failed" as the last line; exits non-zero on failure.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  console.error(`Node ${process.versions.node} is too old: run through npm (npm test), which uses the pinned Node from node_modules.`);
  process.exit(1);
}

const started = Date.now();
rmSync("reports", { recursive: true, force: true });
mkdirSync("reports", { recursive: true });

const provisionStarted = Date.now();
const databaseUrl = execFileSync("bash", ["scripts/provision.sh"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] })
  .trim()
  .split("\n")
  .pop();
const env = { ...process.env, TEST_DATABASE_URL: databaseUrl, CI: process.env.CI ?? "" };
delete env.DATABASE_URL;

const results = [];
/** Wall time of each phase, in the order they ran. */
const times = [{ name: "provision", ms: Date.now() - provisionStarted }];

function run(name, command, args, extraEnv = {}) {
  console.log(`\n=== ${name} ===`);
  const phaseStarted = Date.now();
  const r = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  times.push({ name, ms: Date.now() - phaseStarted });
  return r.status === 0;
}

function check(name, ok) {
  results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });
}

function duration(ms) {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

function vitest(name, report, extraEnv, files = []) {
  const ok = run(name, "npx", ["vitest", "run", ...files, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`], extraEnv);
  if (!existsSync(report)) return check(`${name} (no report)`, false);
  const j = JSON.parse(readFileSync(report, "utf8"));
  // A failing run with no failed test (e.g. a file that does not load) still counts as a failure.
  const failed = j.numFailedTests + (j.numFailedTests === 0 && !ok ? 1 : 0);
  results.push({ name, passed: j.numPassedTests, failed, skipped: j.numPendingTests + j.numTodoTests });
}

function playwright(name, report, extraEnv, projects) {
  const ok = run(name, "npx", ["playwright", "test", ...projects.flatMap((p) => ["--project", p])], { ...extraEnv, E2E_REPORT: report });
  if (!existsSync(report)) return check(`${name} (no report)`, false);
  const s = JSON.parse(readFileSync(report, "utf8")).stats;
  results.push({ name, passed: s.expected + s.flaky, failed: s.unexpected + (s.unexpected === 0 && !ok ? 1 : 0), skipped: s.skipped });
}

check("typecheck", run("typecheck", "npm", ["run", "typecheck", "--silent"]));
// The lint script comes with the linter's configuration; a checkout without it has no lint phase.
if (JSON.parse(readFileSync("package.json", "utf8")).scripts?.lint) check("lint", run("lint", "npm", ["run", "lint", "--silent"]));
const built = run("build", "npm", ["run", "build", "--silent"]);
check("build", built);

vitest("vitest on PostgreSQL", "reports/vitest-postgres.json", { TEST_DB: "postgres" });
vitest("database tests on embedded PGlite", "reports/vitest-pglite.json", { TEST_DB: "pglite" }, ["tests/db"]);
if (built) {
  playwright("browser journeys on PostgreSQL", "reports/playwright-postgres.json", { E2E_DB: "postgres" }, [
    "phone-js",
    "phone-nojs",
    "desktop-js",
    "desktop-nojs",
    "server",
  ]);
  // On the embedded default the data layer is what differs: both phone projects, because the
  // journeys without JavaScript take other server paths (the wait ticket, form posts) than
  // those with it.
  playwright("browser journeys on the embedded default", "reports/playwright-pglite.json", { E2E_DB: "pglite" }, ["phone-js", "phone-nojs"]);
}

console.log("\nWall time per phase (m:ss):");
for (const t of times) console.log(`  ${t.name}: ${duration(t.ms)}`);
console.log(`  total: ${duration(Date.now() - started)}`);

console.log("\nSummary:");
for (const r of results) console.log(`  ${r.name}: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ""}`);
const total = results.reduce((a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed, skipped: a.skipped + r.skipped }), {
  passed: 0,
  failed: 0,
  skipped: 0,
});
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
process.exit(total.failed > 0 ? 1 : 0);
