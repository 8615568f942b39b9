import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Finds a path relative to the project root, whether this code runs from the sources (dev,
 * tests) or from build/server; the built server reads db/migrations from the project.
 */
export function projectPath(relative: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Could not find ${relative} above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}
