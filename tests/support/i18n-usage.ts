// Which interface keys the code uses: every string literal of the sources counts as a possible
// key ("errors.required" or "staff:errors.required"), and a template literal with a static key
// prefix (`roles.${role}`) counts for every key it can produce. Used by the locale test, which
// fails on a German key that no source uses.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const sourceFile = /\.(tsx?|mjs|js)$/;
const testFile = /\.test\.tsx?$/;

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (sourceFile.test(name) && !testFile.test(name)) out.push(path);
  }
  return out;
}

export type Usage = { literals: Set<string>; patterns: RegExp[] };

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** String literals and key-like template patterns found in the given sources' text. */
export function usageOf(sources: string[]): Usage {
  const literals = new Set<string>();
  const patterns: RegExp[] = [];
  for (const src of sources) {
    for (const m of src.matchAll(/"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'/g)) literals.add(m[1] ?? m[2] ?? "");
    for (const m of src.matchAll(/`((?:[^`\\]|\\.)*)`/g)) {
      const body = m[1] ?? "";
      if (!body.includes("${")) {
        literals.add(body);
        continue;
      }
      const parts = body.split(/\$\{(?:[^{}]|\{[^{}]*\})*\}/);
      // Only a template that starts with a key's first segment ("roles." or "staff:nav.") names keys.
      if (!/^[a-zA-Z]+([.:][a-zA-Z0-9_]+)*[.:]/.test(parts[0] ?? "")) continue;
      patterns.push(new RegExp(`^${parts.map(escapeRegExp).join("\\S+")}$`));
    }
  }
  return { literals, patterns };
}

/** The sources' usage under the project's folders (app, db/seed, server, public). */
export function projectUsage(root: string): Usage {
  const files = ["app", "db/seed", "server", "public"].flatMap((dir) => walk(join(root, dir)));
  return usageOf(files.map((f) => readFileSync(f, "utf8")));
}

/** The keys (without plural suffixes) of a namespace that no source uses. */
export function unusedKeys(namespace: string, keys: Iterable<string>, usage: Usage): string[] {
  const unused: string[] = [];
  for (const key of new Set([...keys].map((k) => k.replace(/_(zero|one|two|few|many|other)$/, "")))) {
    const names = [key, `${namespace}:${key}`];
    if (names.some((n) => usage.literals.has(n))) continue;
    if (usage.patterns.some((re) => names.some((n) => re.test(n)))) continue;
    unused.push(key);
  }
  return unused;
}
