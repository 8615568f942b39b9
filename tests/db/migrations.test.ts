import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { DataDirInUseError, lockDataDir } from "#app/lib/data-dir-lock.server";



const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe("the embedded database's folder lock", () => {
  test("a second opener of the same folder gets a clear error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lotse-lock-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const first = await lockDataDir(dir);
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirInUseError);
    await expect(lockDataDir(dir)).rejects.toThrow(/already in use by another Lotse process/);
    await first.release();
    const again = await lockDataDir(dir);
    await again.release();
  });

  test("the lock is released when its holder is killed with SIGKILL", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lotse-lock-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    // A child process takes the lock with the same module, then is killed with -9.
    const module = new URL("../../app/lib/data-dir-lock.server.ts", import.meta.url).href;
    const script = `const { lockDataDir } = await import(${JSON.stringify(module)});
      await lockDataDir(${JSON.stringify(dir)}); console.log("locked"); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirInUseError);
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    const lock = await lockDataDir(dir);
    await lock.release();
  });
});
