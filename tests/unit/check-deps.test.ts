import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const script = fileURLToPath(new URL("../../scripts/check-deps.mjs", import.meta.url));

function checkDeps(fixture: string) {
  const root = fileURLToPath(new URL(`../fixtures/deps/${fixture}`, import.meta.url));
  const run = spawnSync(process.execPath, [script, root], { encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

test("an acyclic area graph passes with a one-line summary; comments, strings and tests are not imports", () => {
  const run = checkDeps("acyclic");
  expect(run.stderr).toBe("");
  expect(run.stdout).toBe("check-deps: no import cycle between the 3 domain areas (3 files, 4 imports across areas, 3 area dependencies)\n");
  expect(run.status).toBe(0);
});

test("two areas that import each other fail, with one example import per direction", () => {
  const run = checkDeps("two-areas");
  expect(run.status).toBe(1);
  expect(run.stderr).toContain("check-deps: 1 import cycle between domain areas");
  expect(run.stderr).toContain(
    [
      "  applications -> clearing -> applications",
      '    applications -> clearing: app/domain/applications/submit.server.ts:2 imports "#app/domain/clearing/completeness"',
      '    clearing -> applications: app/domain/clearing/completeness.ts:2 imports "#app/domain/applications/paths"',
    ].join("\n"),
  );
});

test("a cycle through three areas closed by a relative import fails and names every edge", () => {
  const run = checkDeps("three-areas");
  expect(run.status).toBe(1);
  expect(run.stderr).toContain("check-deps: 1 import cycle between domain areas");
  expect(run.stderr).toContain(
    [
      "  booking -> clearing -> staff -> booking",
      '    booking -> clearing: app/domain/booking/jobs.server.ts:2 imports "#app/domain/clearing/queue"',
      '    clearing -> staff: app/domain/clearing/queue.ts:2 imports "#app/domain/staff/roles"',
      '    staff -> booking: app/domain/staff/roles.ts:2 imports "../booking/limits"',
    ].join("\n"),
  );
  // documents is used by clearing but uses nobody: not part of the cycle.
  expect(run.stderr).not.toContain("documents ->");
});

test("a type-only import closes a cycle too", () => {
  const run = checkDeps("type-only");
  expect(run.status).toBe(1);
  expect(run.stderr).toContain(
    [
      "  applications -> clearing -> applications",
      '    applications -> clearing: app/domain/applications/steps.ts:2 imports "#app/domain/clearing/rules"',
      '    clearing -> applications: app/domain/clearing/rules.ts:2 imports "#app/domain/applications/steps"',
    ].join("\n"),
  );
});

test("a root without app/domain is a usage error, not a pass", () => {
  const run = checkDeps("does-not-exist");
  expect(run.status).toBe(2);
  expect(run.stderr).toContain("no app/domain folder");
});
