// `node scripts/check-deps.mjs [root]`: refuses import cycles between domain areas, the folders
// directly under <root>/app/domain (docs/decisions/0017). An area may use another, but two areas
// may never need each other, directly or through a third.
//
// A small scanner instead of dependency-cruiser or madge: both read TypeScript through the
// TypeScript JS API, which TypeScript 7 no longer has, and esbuild-based tools drop type-only
// imports, which count here too (a type shared both ways is a boundary in the wrong place).
// What counts as an import: `import … from "x"`, `import "x"`, `import type …`, `export … from "x"`
// and `import("x")` (also in type positions), when "x" is `#app/domain/<area>/…` or a relative
// path that lands in another area. Tests (*.test.*, *.spec.*) are left out: a test may set up
// data through another area without making the areas depend on each other.
//
// Exit 0 with a one-line summary when the area graph has no cycle; otherwise print every cycle
// (each edge with one example import, file:line) and exit 1.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

const root = resolve(process.argv[2] ?? ".");
const domainDir = join(root, "app", "domain");
const alias = "#app/domain/";
const sourceFile = /\.(?:[cm]?tsx?|[cm]?jsx?)$/;
const testFile = /\.(?:test|spec)\.[cm]?[jt]sx?$/;

function fail(message) {
  console.error(`check-deps: ${message}`);
  process.exit(2);
}

if (!statSync(domainDir, { throwIfNoEntry: false })?.isDirectory()) fail(`no app/domain folder under ${root}`);

const areas = readdirSync(domainDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function filesUnder(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(path));
    else if (sourceFile.test(entry.name) && !testFile.test(entry.name)) found.push(path);
  }
  return found.sort();
}

// The source with comments and the insides of string and template literals turned into spaces
// (newlines kept, so offsets and line numbers stay true). The import patterns then only see code;
// the specifier itself is read from the original text. Regular-expression literals are not
// recognised; an unbalanced quote inside one could hide the code after it, which the domain's
// regexes do not have.
function codeOnly(source) {
  let out = "";
  let quote = null;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    const next = source[i + 1];
    if (quote) {
      if (c === "\\") {
        out += next === "\n" ? " \n" : "  ";
        i++;
      } else if (c === quote) {
        out += c;
        quote = null;
      } else out += c === "\n" ? "\n" : " ";
    } else if (c === "/" && next === "/") {
      while (i < source.length && source[i] !== "\n") {
        out += " ";
        i++;
      }
      if (i < source.length) out += "\n";
    } else if (c === "/" && next === "*") {
      const end = source.indexOf("*/", i + 2);
      const stop = end === -1 ? source.length : end + 2;
      out += source.slice(i, stop).replace(/[^\n]/g, " ");
      i = stop - 1;
    } else {
      if (c === '"' || c === "'" || c === "`") quote = c;
      out += c;
    }
  }
  return out;
}

// Each pattern ends just after the specifier's opening quote.
const importPatterns = [/(?<![\w$.])(?:import|export)\b\s*(?:type\b\s*)?(?:[\w$*{},\s]*?\bfrom\s*)?(["'])/g, /(?<![\w$.])import\s*\(\s*(["'])/g];

function specifiersIn(source) {
  const code = codeOnly(source);
  const found = [];
  for (const pattern of importPatterns) {
    for (const match of code.matchAll(pattern)) {
      const start = match.index + match[0].length;
      const end = source.indexOf(match[1], start);
      if (end === -1) continue;
      const line = code.slice(0, match.index).split("\n").length;
      found.push({ specifier: source.slice(start, end), line });
    }
  }
  return found.sort((a, b) => a.line - b.line);
}

function areaOfPath(path) {
  const inside = relative(domainDir, path);
  if (inside.startsWith("..") || inside === "") return null;
  const [first, ...rest] = inside.split(sep);
  return rest.length > 0 && areas.includes(first) ? first : null;
}

function targetArea(specifier, file) {
  if (specifier.startsWith(alias)) {
    const area = specifier.slice(alias.length).split("/")[0];
    return areas.includes(area) ? area : null;
  }
  if (specifier.startsWith("./") || specifier.startsWith("../")) {
    const target = resolve(dirname(file), specifier);
    const inside = relative(domainDir, target);
    if (inside.startsWith("..")) return null;
    const area = inside.split(sep)[0];
    return areas.includes(area) ? area : null;
  }
  return null;
}

// edges: from area -> (to area -> first example import)
const edges = new Map(areas.map((area) => [area, new Map()]));
let fileCount = 0;
let crossImports = 0;
for (const file of filesUnder(domainDir)) {
  const from = areaOfPath(file);
  if (!from) continue;
  fileCount++;
  for (const { specifier, line } of specifiersIn(readFileSync(file, "utf8"))) {
    const to = targetArea(specifier, file);
    if (!to || to === from) continue;
    crossImports++;
    const out = edges.get(from);
    if (!out.has(to)) out.set(to, { file: relative(root, file).split(sep).join("/"), line, specifier });
  }
}

// Tarjan's strongly connected components.
function components() {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  function visit(v) {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v).keys()) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      found.push(component.sort());
    }
  }
  for (const v of areas) if (!index.has(v)) visit(v);
  return found.filter((component) => component.length > 1);
}

// Shortest path from `start` to `goal` inside one component (breadth first, alphabetical ties).
function path(start, goal, members) {
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift();
    if (v === goal) break;
    for (const w of [...edges.get(v).keys()].sort()) {
      if (members.has(w) && !previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  const steps = [];
  for (let v = goal; v !== null; v = previous.get(v)) steps.unshift(v);
  return steps;
}

// Cycles that together use every edge inside each component: for each edge u -> v not yet shown,
// the shortest way back from v to u closes a cycle.
function cyclesOf(component) {
  const members = new Set(component);
  const shown = new Set();
  const cycles = [];
  for (const u of component) {
    for (const v of [...edges.get(u).keys()].sort()) {
      if (!members.has(v) || shown.has(`${u}>${v}`)) continue;
      const cycle = [u, ...path(v, u, members)];
      // Start each cycle at its alphabetically first area so the output is stable.
      const ring = cycle.slice(0, -1);
      const first = ring.indexOf([...ring].sort()[0]);
      const rotated = [...ring.slice(first), ...ring.slice(0, first)];
      rotated.push(rotated[0]);
      for (let i = 0; i < rotated.length - 1; i++) shown.add(`${rotated[i]}>${rotated[i + 1]}`);
      cycles.push(rotated);
    }
  }
  return cycles;
}

const edgeCount = [...edges.values()].reduce((sum, out) => sum + out.size, 0);
const tangled = components();
if (tangled.length === 0) {
  console.log(
    `check-deps: no import cycle between the ${areas.length} domain areas (${fileCount} files, ${crossImports} imports across areas, ${edgeCount} area dependencies)`,
  );
  process.exit(0);
}

const cycles = tangled.flatMap(cyclesOf);
console.error(`check-deps: ${cycles.length} import ${cycles.length === 1 ? "cycle" : "cycles"} between domain areas (folders under app/domain):`);
for (const cycle of cycles) {
  console.error(`\n  ${cycle.join(" -> ")}`);
  for (let i = 0; i < cycle.length - 1; i++) {
    const { file, line, specifier } = edges.get(cycle[i]).get(cycle[i + 1]);
    console.error(`    ${cycle[i]} -> ${cycle[i + 1]}: ${file}:${line} imports "${specifier}"`);
  }
}
console.error("\nAn area may use another, but not the other way round as well: move what both need into one of them (or app/lib), or let the caller pass it in.");
process.exit(1);
