// Every language has every key of the German source, no key the source lacks, exactly the
// plural forms its grammar needs (Arabic has six), and the same placeholders; and the code uses
// every German key (an unused key is a text nobody reads, or a typo in the code).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { defaultLanguage, languages } from "#app/lib/i18n/languages";
import { projectUsage, unusedKeys, usageOf } from "#tests/support/i18n-usage";

const root = join(import.meta.dirname, "../..");
const pluralSuffix = /_(zero|one|two|few|many|other)$/;

type Flat = Map<string, string>;

function flatten(value: unknown, prefix = "", out: Flat = new Map()): Flat {
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === "object") flatten(v, key, out);
    else out.set(key, String(v));
  }
  return out;
}

function load(path: string): Flat {
  return flatten(JSON.parse(readFileSync(path, "utf8")));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)].map((m) => m[1]!.replace(/\s+/g, "")).sort();
}

/** base key -> the plural categories present (or null for a plain key) */
function shape(flat: Flat): Map<string, Set<string> | null> {
  const out = new Map<string, Set<string> | null>();
  for (const key of flat.keys()) {
    const m = key.match(pluralSuffix);
    if (!m) {
      out.set(key, null);
      continue;
    }
    const base = key.replace(pluralSuffix, "");
    const set = out.get(base) ?? new Set<string>();
    set.add(m[1]!);
    out.set(base, set);
  }
  return out;
}

function checkAgainstSource(source: Flat, target: Flat, lng: string): string[] {
  const problems: string[] = [];
  const categories = new Set(new Intl.PluralRules(lng).resolvedOptions().pluralCategories);
  const s = shape(source);
  const t = shape(target);
  for (const [base, plural] of s) {
    if (!t.has(base)) {
      problems.push(`missing ${base}`);
      continue;
    }
    const got = t.get(base);
    if (plural && !got) problems.push(`${base} must have plural forms`);
    if (!plural && got) problems.push(`${base} must not have plural forms`);
    if (plural && got) {
      for (const c of categories) if (!got.has(c)) problems.push(`${base} lacks plural form _${c}`);
      for (const c of got) if (!categories.has(c as Intl.LDMLPluralRule)) problems.push(`${base} has plural form _${c} that ${lng} does not use`);
    }
    const sourceText = plural ? source.get(`${base}_other`)! : source.get(base)!;
    const expected = placeholders(sourceText).filter((p) => !p.startsWith("count"));
    const forms = plural ? [...(got ?? [])].map((c) => `${base}_${c}`) : [base];
    for (const key of forms) {
      const text = target.get(key);
      if (text === undefined) continue;
      if (text.trim() === "") problems.push(`${key} is empty`);
      const found = placeholders(text).filter((p) => !p.startsWith("count"));
      if (JSON.stringify(found) !== JSON.stringify(expected)) {
        problems.push(`${key} has placeholders ${found.join(",") || "none"}, expected ${expected.join(",") || "none"}`);
      }
    }
  }
  for (const base of t.keys()) if (!s.has(base)) problems.push(`has ${base}, which German does not have`);
  return problems;
}

describe("interface translations (locales/)", () => {
  const namespaces = readdirSync(join(root, "locales", defaultLanguage)).filter((f) => f.endsWith(".json"));

  test("German has namespaces", () => {
    expect(namespaces.sort()).toEqual([
      "apply.json",
      "booking.json",
      "catalogue.json",
      "clearing.json",
      "common.json",
      "documents.json",
      "receipt.json",
      "servicepoint.json",
      "staff.json",
      "upload.json",
    ]);
  });

  test("the code uses every German key", () => {
    const usage = projectUsage(root);
    const unused = namespaces.flatMap((ns) => {
      const name = ns.replace(/\.json$/, "");
      return unusedKeys(name, load(join(root, "locales", defaultLanguage, ns)).keys(), usage).map((key) => `${name}:${key}`);
    });
    expect(unused).toEqual([]);
  });

  for (const lng of languages) {
    test(`${lng} has exactly the namespaces of German`, () => {
      expect(
        readdirSync(join(root, "locales", lng))
          .filter((f) => f.endsWith(".json"))
          .sort(),
      ).toEqual(namespaces.sort());
    });
    for (const ns of namespaces) {
      test(`${lng}/${ns} matches the German keys, plural forms and placeholders`, () => {
        const source = load(join(root, "locales", defaultLanguage, ns));
        const target = load(join(root, "locales", lng, ns));
        expect(checkAgainstSource(source, target, lng)).toEqual([]);
      });
    }
  }
});

describe("office data translations (db/seed/locales/)", () => {
  for (const lng of languages) {
    test(`${lng} has every text of the German demo office`, () => {
      const source = load(join(root, "db/seed/locales", `${defaultLanguage}.json`));
      const target = load(join(root, "db/seed/locales", `${lng}.json`));
      expect(checkAgainstSource(source, target, lng)).toEqual([]);
    });
  }
});

describe("the check itself", () => {
  test("finds a key used by a literal, with its namespace, or through a template; and one used nowhere", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the check is fed source text that contains a template literal
    const usage = usageOf(['t("a.b"); t("staff:c.d");', "t(`roles.${role}`); const x = `${y}.z`;"]);
    expect(unusedKeys("staff", ["a.b", "c.d", "roles.admin", "roles.clerk_one", "e.f", "g.z"], usage)).toEqual(["e.f", "g.z"]);
  });

  test("catches a missing key, an extra key, a missing Arabic plural form and a lost placeholder", () => {
    const source: Flat = new Map([
      ["a", "x {{name}}"],
      ["n_one", "{{count}} Tag"],
      ["n_other", "{{count}} Tage"],
    ]);
    const target: Flat = new Map([
      ["n_one", "يوم"],
      ["n_two", "يومان"],
      ["n_few", "{{count}} أيام"],
      ["n_many", "{{count}} يومًا"],
      ["n_other", "{{count}} يوم"],
      ["b", "extra"],
    ]);
    expect(checkAgainstSource(source, target, "ar")).toEqual(["missing a", "n lacks plural form _zero", "has b, which German does not have"]);
    expect(checkAgainstSource(new Map([["a", "{{name}}"]]), new Map([["a", "{{nom}}"]]), "fr")).toEqual(["a has placeholders nom, expected name"]);
  });
});
