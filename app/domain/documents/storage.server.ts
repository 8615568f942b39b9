// Where accepted documents live: behind one small contract, on local disk by default or in an
// S3-compatible bucket. Callers keep the key, hash and size in the database; the storage knows
// nothing about people, applications or file names.
//
// Keys are 128 random bits in hex, never derived from what an uploader sent: a key says nothing
// about the content (a content hash would confirm that someone uploaded a known document), and
// deleting one person's document can never take away another's copy of the same file.
//
// This module imports only Node's built-ins and the S3 client, so that a test can load it in a
// child process with plain Node and kill that process in the middle of a write.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm, stat, unlink } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import type { DocumentSettings } from "#app/lib/env.server";

export type StoredObject = {
  key: string;
  /** SHA-256 of the stored bytes, hex. */
  sha256: string;
  size: number;
};

export type DocumentStorage = {
  readonly kind: "local" | "s3";
  /** Stores the bytes under a new key. Visible to get/exists only once completely written. */
  put(bytes: Uint8Array): Promise<StoredObject>;
  /** The bytes, or null if there is no such document. */
  get(key: string): Promise<Uint8Array | null>;
  /** The bytes as a stream (for downloads), or null if there is no such document. */
  stream(key: string): Promise<ReadableStream<Uint8Array> | null>;
  exists(key: string): Promise<boolean>;
  /** Removes the document; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** Every stored key, in no particular order. */
  keys(): AsyncIterable<string>;
  /**
   * Removes what interrupted writes left behind that is older than `olderThanMs` (younger
   * leftovers may belong to a write still under way in another process). Returns how many.
   */
  sweepTemp(olderThanMs?: number): Promise<number>;
};

const keyPattern = /^[0-9a-f]{32}$/;

export function isStorageKey(value: unknown): value is string {
  return typeof value === "string" && keyPattern.test(value);
}

function newKey(): string {
  return randomBytes(16).toString("hex");
}

/** Keys come back from the database, and requests may carry them: never let one become a path. */
function checkKey(key: string): string {
  if (!isStorageKey(key)) throw new TypeError("not a document storage key");
  return key;
}

/** Two levels of 256 folders each, so no folder grows past a few thousand entries. */
function shardOf(key: string): [string, string] {
  return [key.slice(0, 2), key.slice(2, 4)];
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

const tempPrefix = ".tmp-";
const hour = 60 * 60 * 1000;

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === "ENOENT";
}

/**
 * Documents as files under one folder (outside the web root), `ab/cd/<key>`. A write goes to a
 * temporary file in the target folder, is flushed to disk, then renamed into place, and the
 * folder is flushed too: after a crash a document is either completely there or not at all,
 * and a leftover temporary file never has a key's name.
 */
export class LocalDiskStorage implements DocumentStorage {
  readonly kind = "local" as const;
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  private pathOf(key: string): string {
    return join(this.root, ...shardOf(checkKey(key)), key);
  }

  async put(bytes: Uint8Array): Promise<StoredObject> {
    const key = newKey();
    const folder = join(this.root, ...shardOf(key));
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const temp = join(folder, `${tempPrefix}${randomBytes(8).toString("hex")}`);
    const file = await open(temp, "wx", 0o600);
    try {
      await file.writeFile(bytes);
      await file.sync();
    } catch (error) {
      await file.close();
      await rm(temp, { force: true });
      throw error;
    }
    await file.close();
    try {
      await rename(temp, join(folder, key));
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    await syncFolder(folder);
    return { key, sha256: sha256Hex(bytes), size: bytes.byteLength };
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(this.pathOf(key)));
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async stream(key: string): Promise<ReadableStream<Uint8Array> | null> {
    let file: Awaited<ReturnType<typeof open>>;
    try {
      file = await open(this.pathOf(key), "r");
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    // The read stream closes the file when it ends or is cancelled.
    return Readable.toWeb(file.createReadStream()) as ReadableStream<Uint8Array>;
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    try {
      await unlink(path);
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    await syncFolder(join(this.root, ...shardOf(key)));
  }

  async *keys(): AsyncIterable<string> {
    for (const [, name] of await this.files()) if (isStorageKey(name)) yield name;
  }

  async sweepTemp(olderThanMs = hour): Promise<number> {
    const cutoff = Date.now() - olderThanMs;
    let removed = 0;
    for (const [folder, name] of await this.files()) {
      if (!name.startsWith(tempPrefix)) continue;
      const path = join(folder, name);
      try {
        if ((await stat(path)).mtimeMs > cutoff) continue;
        await unlink(path);
        removed += 1;
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    }
    return removed;
  }

  /** [folder, file name] of every file in the shard folders. */
  private async files(): Promise<[string, string][]> {
    const out: [string, string][] = [];
    for (const a of await listFolders(this.root)) {
      for (const b of await listFolders(join(this.root, a))) {
        const folder = join(this.root, a, b);
        for (const entry of await readdir(folder, { withFileTypes: true })) {
          if (entry.isFile()) out.push([folder, entry.name]);
        }
      }
    }
    return out;
  }
}

const shardPattern = /^[0-9a-f]{2}$/;

async function listFolders(path: string): Promise<string[]> {
  try {
    const entries = await readdir(path, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() && shardPattern.test(e.name)).map((e) => e.name);
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

/** A rename or unlink is durable only once the folder itself is flushed. */
async function syncFolder(path: string): Promise<void> {
  const folder = await open(path, "r");
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

export type S3StorageOptions = {
  /** Unset: Amazon S3 itself. */
  endpoint: string | undefined;
  bucket: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
};

/**
 * Documents as objects in an S3-compatible bucket (Amazon S3, MinIO, Ceph, Garage, …), keys
 * `ab/cd/<key>` as on disk, addressed path-style because most self-hosted servers need it. A
 * PutObject is atomic: an object appears whole or not at all, so nothing is ever left to sweep.
 * The SHA-256 goes along with every upload, and a server that checks it refuses damaged bytes.
 */
export class S3Storage implements DocumentStorage {
  readonly kind = "s3" as const;
  readonly bucket: string;
  private readonly client: S3Client;

  constructor(options: S3StorageOptions) {
    this.bucket = options.bucket;
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region,
      forcePathStyle: true,
      credentials: options.credentials,
      // Newer SDKs add CRC checksums and chunked uploads by default, which many S3-compatible
      // servers refuse; we send our own SHA-256 instead.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  private objectKey(key: string): string {
    return [...shardOf(checkKey(key)), key].join("/");
  }

  async put(bytes: Uint8Array): Promise<StoredObject> {
    const key = newKey();
    const hash = createHash("sha256").update(bytes).digest();
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.objectKey(key),
        Body: bytes,
        ContentLength: bytes.byteLength,
        ContentType: "application/octet-stream",
        ChecksumSHA256: hash.toString("base64"),
      }),
    );
    return { key, sha256: hash.toString("hex"), size: bytes.byteLength };
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async stream(key: string): Promise<ReadableStream<Uint8Array> | null> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      if (!out.Body) return new Blob([]).stream();
      return out.Body.transformToWebStream() as ReadableStream<Uint8Array>;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
  }

  async *keys(): AsyncIterable<string> {
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, ContinuationToken: token }));
      for (const object of page.Contents ?? []) {
        const name = object.Key?.split("/").pop();
        if (isStorageKey(name) && object.Key === this.objectKey(name)) yield name;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async sweepTemp(): Promise<number> {
    return 0;
  }

  destroy(): void {
    this.client.destroy();
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof S3ServiceException && (error.name === "NoSuchKey" || error.name === "NotFound" || error.$metadata.httpStatusCode === 404);
}

export function createDocumentStorage(settings: DocumentSettings["storage"]): DocumentStorage {
  return settings.kind === "local" ? new LocalDiskStorage(settings.dir) : new S3Storage(settings);
}
