import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { zip } from "./zip.server";

test("a ZIP that Python's zipfile reads back byte for byte, with UTF-8 names", () => {
  const dir = mkdtempSync(join(tmpdir(), "lotse-zip-"));
  try {
    const files = [
      { name: "daten.json", bytes: new TextEncoder().encode('{"name":"Özdemir"}'), modified: new Date("2026-11-21T10:00:00Z") },
      { name: "dokumente/جواز-السفر.pdf", bytes: new Uint8Array(5000).map((_, i) => i % 251), modified: new Date("2026-11-21T10:00:00Z") },
      { name: "leer.txt", bytes: new Uint8Array(0), modified: new Date("2026-11-21T10:00:00Z") },
    ];
    writeFileSync(join(dir, "a.zip"), zip(files));
    const listing = execFileSync(
      "python3",
      [
        "-c",
        "import zipfile,sys,json,hashlib; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(json.dumps([[i.filename, hashlib.sha256(z.read(i)).hexdigest()] for i in z.infolist()]))",
        join(dir, "a.zip"),
      ],
      { encoding: "utf8" },
    );
    expect(JSON.parse(listing)).toEqual(files.map((f) => [f.name, createHash("sha256").update(f.bytes).digest("hex")]));
    expect(readFileSync(join(dir, "a.zip")).subarray(0, 4).toString("hex")).toBe("504b0304");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
