// One contract for both storage adapters: local disk in a temporary folder, and S3 against a
// local S3-compatible server (s3rver) that this file starts on a free port. Plus what only the
// disk has: the layout, the file modes, and a write killed between writing and renaming.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type DocumentStorage, LocalDiskStorage, S3Storage, createDocumentStorage, isStorageKey } from "./storage.server";

type Adapter = {
  name: string;
  start(): Promise<{ storage: DocumentStorage; raw(): Promise<string[]>; stop(): Promise<void> }>;
};

function filesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(root, path));
    }
  };
  walk(root);
  return out.sort();
}

const adapters: Adapter[] = [
  {
    name: "local disk",
    async start() {
      const root = mkdtempSync(join(tmpdir(), "lotse-docs-"));
      return {
        storage: new LocalDiskStorage(root),
        raw: async () => filesUnder(root),
        stop: async () => rmSync(root, { recursive: true, force: true }),
      };
    },
  },
  {
    name: "S3 (s3rver)",
    async start() {
      const directory = mkdtempSync(join(tmpdir(), "lotse-s3rver-"));
      const server = new S3rver({
        address: "127.0.0.1",
        port: 0,
        silent: true,
        directory,
        configureBuckets: [{ name: "lotse-documents", configs: [] }],
      });
      const { port } = await server.run();
      const endpoint = `http://127.0.0.1:${port}`;
      const credentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
      const storage = new S3Storage({ endpoint, bucket: "lotse-documents", region: "us-east-1", credentials });
      const client = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials });
      return {
        storage,
        raw: async () => ((await client.send(new ListObjectsV2Command({ Bucket: "lotse-documents" }))).Contents ?? []).map((o) => o.Key ?? "").sort(),
        async stop() {
          storage.destroy();
          client.destroy();
          await server.close();
          rmSync(directory, { recursive: true, force: true });
        },
      };
    },
  },
];

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const item of iterable) out.push(item);
  return out.sort();
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

for (const adapter of adapters) {
  describe(`document storage contract: ${adapter.name}`, () => {
    let storage: DocumentStorage;
    let raw: () => Promise<string[]>;
    let stop: () => Promise<void>;

    beforeAll(async () => {
      ({ storage, raw, stop } = await adapter.start());
    });
    afterAll(async () => {
      await stop();
    });

    test("put stores the bytes under a new random key and reports their hash and size", async () => {
      const bytes = new TextEncoder().encode("Meldebescheinigung");
      const stored = await storage.put(bytes);
      expect(isStorageKey(stored.key)).toBe(true);
      expect(stored).toEqual({ key: stored.key, sha256: sha256(bytes), size: bytes.byteLength });
      expect(await storage.get(stored.key)).toEqual(bytes);
      expect(await storage.exists(stored.key)).toBe(true);
      expect(await readAll((await storage.stream(stored.key))!)).toEqual(bytes);
      await storage.delete(stored.key);
    });

    test("the same bytes twice get two keys: deleting one leaves the other", async () => {
      const bytes = new Uint8Array([1, 2, 3]);
      const a = await storage.put(bytes);
      const b = await storage.put(bytes);
      expect(a.key).not.toBe(b.key);
      expect(a.sha256).toBe(b.sha256);
      await storage.delete(a.key);
      expect(await storage.exists(a.key)).toBe(false);
      expect(await storage.get(b.key)).toEqual(bytes);
      await storage.delete(b.key);
    });

    test("a missing key reads as absent, and deleting it twice is no error", async () => {
      const missing = "0123456789abcdef0123456789abcdef";
      expect(await storage.get(missing)).toBeNull();
      expect(await storage.stream(missing)).toBeNull();
      expect(await storage.exists(missing)).toBe(false);
      await storage.delete(missing);
      await storage.delete(missing);
    });

    test("anything that is not a key is refused before it can become a path", async () => {
      for (const bad of ["../../etc/passwd", "0123456789ABCDEF0123456789ABCDEF", "", "ab/cd/0123", "0123456789abcdef0123456789abcdef/.."]) {
        await expect(storage.get(bad)).rejects.toThrow(TypeError);
        await expect(storage.exists(bad)).rejects.toThrow(TypeError);
        await expect(storage.stream(bad)).rejects.toThrow(TypeError);
        await expect(storage.delete(bad)).rejects.toThrow(TypeError);
      }
    });

    test("keys lists exactly what is stored, in the sharded layout", async () => {
      const stored = await Promise.all([1, 2, 3].map((n) => storage.put(new Uint8Array(n).fill(n))));
      const keys = stored.map((s) => s.key).sort();
      expect(await collect(storage.keys())).toEqual(keys);
      expect(await raw()).toEqual(keys.map((k) => `${k.slice(0, 2)}/${k.slice(2, 4)}/${k}`).sort());
      for (const key of keys) await storage.delete(key);
      expect(await collect(storage.keys())).toEqual([]);
    });

    test("a 5 MB document comes back whole through a stream", async () => {
      const bytes = new Uint8Array(5 * 1024 * 1024);
      for (let i = 0; i < bytes.length; i += 1) bytes[i] = (i * 31) & 0xff;
      const stored = await storage.put(bytes);
      const back = await readAll((await storage.stream(stored.key))!);
      expect(sha256(back)).toBe(stored.sha256);
      await storage.delete(stored.key);
      expect(await raw()).toEqual([]);
    });
  });
}

describe("local disk storage", () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "lotse-docs-"));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test("files are readable by the app's user only", async () => {
    const storage = new LocalDiskStorage(root);
    const { key } = await storage.put(new Uint8Array([9]));
    expect(statSync(join(root, key.slice(0, 2), key.slice(2, 4), key)).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, key.slice(0, 2))).mode & 0o777).toBe(0o700);
    await storage.delete(key);
  });

  test("a write killed before its rename is never visible, and sweepTemp removes what it left", async () => {
    const dir = join(root, "crash");
    // A real process, killed with SIGKILL at the worst moment: the bytes are written and
    // flushed to the temporary file, but the rename that makes them a document never happens.
    const child = spawnSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `
        import { createRequire, syncBuiltinESMExports } from "node:module";
        const fsp = createRequire(import.meta.url)("node:fs/promises");
        fsp.rename = async () => { process.kill(process.pid, "SIGKILL"); await new Promise(() => {}); };
        syncBuiltinESMExports();
        const { LocalDiskStorage } = await import(process.argv[1]);
        await new LocalDiskStorage(process.argv[2]).put(new Uint8Array(1024 * 1024).fill(7));
        `,
        join(import.meta.dirname, "storage.server.ts"),
        dir,
      ],
      { encoding: "utf8" },
    );
    expect(child.signal).toBe("SIGKILL");

    const left = filesUnder(dir);
    expect(left).toHaveLength(1);
    const name = left[0]!.split("/")[2]!;
    expect(name).toMatch(/^\.tmp-/);
    expect(statSync(join(dir, left[0]!)).size).toBe(1024 * 1024);

    const storage = new LocalDiskStorage(dir);
    expect(await collect(storage.keys())).toEqual([]);
    // The leftover has no key's name, so nothing can ask for it.
    await expect(storage.get(name)).rejects.toThrow(TypeError);

    // A fresh leftover may be a write in progress elsewhere: kept. An old one is removed.
    expect(await storage.sweepTemp()).toBe(0);
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(join(dir, left[0]!), old, old);
    const done = await storage.put(new Uint8Array([1]));
    expect(await storage.sweepTemp()).toBe(1);
    expect(filesUnder(dir)).toEqual([`${done.key.slice(0, 2)}/${done.key.slice(2, 4)}/${done.key}`]);
  });

  test("createDocumentStorage picks the adapter the settings name", () => {
    expect(createDocumentStorage({ kind: "local", dir: root })).toBeInstanceOf(LocalDiskStorage);
    const s3 = createDocumentStorage({ kind: "s3", endpoint: "http://127.0.0.1:9", bucket: "b-1", region: "us-east-1", credentials: undefined });
    expect(s3).toBeInstanceOf(S3Storage);
    (s3 as S3Storage).destroy();
  });
});
