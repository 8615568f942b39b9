// Uploads into an application's document slots, against the real database and real files on
// disk: a stored file is a row plus a storage object plus a fresh completeness result, or
// nothing at all; resumable uploads keep their pieces in PostgreSQL, take them in order only,
// survive a reconnect, serialise concurrent pieces, and expire without becoming documents.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as schema from "#db/schema";
import { seedDemoOffice } from "#db/seed/seed";
import { type ApplicationRow, createDraft, documentsFor, documentsOf } from "#app/domain/applications/applications.server";
import { appendChunk, startUploadSession, sweepUploadSessions, uploadSessionStatus } from "#app/domain/applications/upload-sessions.server";
import { readUploadForm, storeUploadForm } from "#app/domain/applications/upload-form.server";
import { storeUpload } from "#app/domain/applications/uploads.server";
import type { CompletenessResult } from "#app/domain/cases/completeness";
import type { DocumentSettings } from "#app/lib/env.server";
import { photoWithGps, plainPdf, savePdf } from "#tests/support/document-files";
import { createTestDatabase, type TestDatabase } from "#tests/support/database";

let tdb: TestDatabase;
let dir: string;
let settings: DocumentSettings;
const now = new Date("2026-11-23T09:00:00Z");
const MiB = 1024 * 1024;

beforeAll(async () => {
  tdb = await createTestDatabase(async (db) => {
    await seedDemoOffice(db, now);
  });
  dir = mkdtempSync(join(tmpdir(), "lotse-uploads-"));
  settings = { storage: { kind: "local", dir }, clamd: undefined, uploadMaxBytes: 20 * MiB, applicationQuotaBytes: 100 * MiB };
});
afterAll(async () => {
  await tdb?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function draft(): Promise<ApplicationRow> {
  const { id } = await createDraft(tdb.db, "residence-extension", "de");
  const [row] = await tdb.db.select().from(schema.applications).where(eq(schema.applications.id, id));
  return row!;
}

/** Every key in the document storage folder (temporary files of interrupted writes are not keys). */
async function storedKeys(): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of documentsFor(settings).storage.keys()) keys.push(key);
  return keys.sort();
}

async function rowsOf(applicationId: string) {
  return tdb.db.select().from(schema.applicationDocuments).where(eq(schema.applicationDocuments.applicationId, applicationId));
}

async function completenessOf(applicationId: string) {
  const [row] = await tdb.db.select().from(schema.applications).where(eq(schema.applications.id, applicationId));
  return row!.completeness as CompletenessResult | null;
}

function ruleOf(result: CompletenessResult | null, documentTypeId: string) {
  return result?.rules.find((r) => r.documentTypeId === documentTypeId);
}

const input = (documentTypeId: string, bytes: Uint8Array, extra: Partial<Parameters<typeof storeUpload>[3]> = {}) => ({
  documentTypeId,
  bytes,
  declaredName: "scan.jpg",
  declaredType: "image/jpeg",
  documentDate: null,
  validUntil: null,
  ...extra,
});

async function chunkRows(sessionId: string) {
  const [row] = await tdb.db.select({ n: count() }).from(schema.uploadChunks).where(eq(schema.uploadChunks.sessionId, sessionId));
  return row!.n;
}

describe("storeUpload", () => {
  test("a real photo and a real PDF are stored as rows and files, and the completeness result follows", async () => {
    const application = await draft();
    const before = await storedKeys();
    const photo = await storeUpload(tdb.db, settings, application, input("biometric-photo", await photoWithGps(), { documentDate: "2026-10-01" }), now);
    expect(photo).toMatchObject({ ok: true, duplicate: false, document: { mediaType: "image/jpeg", documentDate: "2026-10-01", displayName: "scan.jpg" } });
    const pdf = await storeUpload(
      tdb.db,
      settings,
      application,
      input("passport", await savePdf(await plainPdf(2)), { declaredName: "Reisepass.pdf", declaredType: "application/pdf", validUntil: "2030-01-31" }),
      now,
    );
    expect(pdf).toMatchObject({ ok: true, document: { mediaType: "application/pdf", pages: 2, validUntil: "2030-01-31" } });
    if (!photo.ok || !pdf.ok) throw new Error("not stored");

    expect(await rowsOf(application.id)).toHaveLength(2);
    expect(await storedKeys()).toEqual([...before, photo.document.storageKey, pdf.document.storageKey].sort());
    // The stored photo is the cleaned JPEG, not the bytes with the GPS position.
    const bytes = await documentsFor(settings).storage.get(photo.document.storageKey);
    expect(Buffer.from(bytes!).includes(Buffer.from("Secret Person"))).toBe(false);

    const result = await completenessOf(application.id);
    expect(ruleOf(result, "biometric-photo")).toMatchObject({ status: "awaiting-review", have: 1 });
    expect(ruleOf(result, "passport")).toMatchObject({ status: "awaiting-review", have: 1 });
    expect(ruleOf(result, "residence-card")).toMatchObject({ status: "missing", have: 0 });
  });

  test("a refused file (a PNG header on text) leaves no row and no stored object", async () => {
    const application = await draft();
    const before = await storedKeys();
    const fake = new Uint8Array(Buffer.concat([Buffer.from("not really a picture "), Buffer.alloc(2000, 65)]));
    const result = await storeUpload(tdb.db, settings, application, input("biometric-photo", fake), now);
    expect(result).toMatchObject({ ok: false, reason: "type", status: 415, message: { key: "documents:refusal.type" } });
    const png = new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500, 7)]));
    expect(await storeUpload(tdb.db, settings, application, input("biometric-photo", png), now)).toMatchObject({ ok: false, status: 422 });
    expect(await rowsOf(application.id)).toHaveLength(0);
    expect(await storedKeys()).toEqual(before);
    expect(await completenessOf(application.id)).toBeNull();
  });

  test("a document type that is not one of the service's slots is refused before any check of the file", async () => {
    const application = await draft();
    const before = await storedKeys();
    // pension-record is a slot of other services, not of the residence extension.
    const result = await storeUpload(tdb.db, settings, application, input("pension-record", await photoWithGps()), now);
    expect(result).toMatchObject({ ok: false, reason: "wrong-slot", status: 422, message: { key: "upload:refusal.wrong-slot" } });
    expect(await storeUpload(tdb.db, settings, application, input("no-such-type", await photoWithGps()), now)).toMatchObject({
      reason: "wrong-slot",
    });
    expect(await rowsOf(application.id)).toHaveLength(0);
    expect(await storedKeys()).toEqual(before);
  });

  test("dates must be days (yyyy-mm-dd) or empty", async () => {
    const application = await draft();
    const photo = await photoWithGps();
    for (const [field, value] of [
      ["documentDate", "01.10.2026"],
      ["documentDate", "2026-02-30"],
      ["validUntil", "2026-13-01"],
      ["validUntil", "tomorrow"],
    ] as const) {
      const result = await storeUpload(tdb.db, settings, application, input("biometric-photo", photo, { [field]: value }), now);
      expect(result).toMatchObject({ ok: false, reason: "bad-date", status: 422, field, message: { key: "upload:refusal.bad-date" } });
    }
    expect(await storeUpload(tdb.db, settings, application, input("biometric-photo", photo, { documentDate: "", validUntil: " " }), now)).toMatchObject({
      ok: true,
      document: { documentDate: null, validUntil: null },
    });
  });

  test("the same file twice in one slot is stored once; its second storage object is removed", async () => {
    const application = await draft();
    const before = await storedKeys();
    const pdf = await savePdf(await plainPdf(1));
    const first = await storeUpload(tdb.db, settings, application, input("registration-certificate", pdf), now);
    const second = await storeUpload(tdb.db, settings, application, input("registration-certificate", pdf), now);
    if (!first.ok || !second.ok) throw new Error("not stored");
    expect(second.duplicate).toBe(true);
    expect(second.document.id).toBe(first.document.id);
    expect(await rowsOf(application.id)).toHaveLength(1);
    expect(await storedKeys()).toEqual([...before, first.document.storageKey].sort());
    // The same file in another slot is another document.
    expect(await storeUpload(tdb.db, settings, application, input("health-insurance", pdf), now)).toMatchObject({ ok: true, duplicate: false });
    expect(await rowsOf(application.id)).toHaveLength(2);
  });

  test("when the transaction fails, the file written to storage is removed again", async () => {
    const application = await draft();
    const before = await storedKeys();
    // A trigger in this test database refuses one name, as a failing database would.
    await tdb.db.execute(
      sql.raw(`
      create function refuse_upload() returns trigger language plpgsql as $$
      begin
        if new.display_name = 'refused-by-database.jpg' then raise exception 'refused by the test'; end if;
        return new;
      end $$`),
    );
    await tdb.db.execute(sql.raw("create trigger refuse_upload before insert on application_documents for each row execute function refuse_upload()"));
    try {
      await expect(
        storeUpload(tdb.db, settings, application, input("biometric-photo", await photoWithGps(), { declaredName: "refused-by-database.jpg" }), now),
      ).rejects.toThrow();
    } finally {
      await tdb.db.execute(sql.raw("drop trigger refuse_upload on application_documents"));
      await tdb.db.execute(sql.raw("drop function refuse_upload()"));
    }
    expect(await rowsOf(application.id)).toHaveLength(0);
    expect(await storedKeys()).toEqual(before);
  });

  test("a case that is no longer a draft takes no upload through its draft, and the written file is removed", async () => {
    const application = await draft();
    const before = await storedKeys();
    await tdb.db.delete(schema.applications).where(eq(schema.applications.id, application.id));
    const result = await storeUpload(tdb.db, settings, application, input("biometric-photo", await photoWithGps()), now);
    expect(result).toMatchObject({ ok: false, reason: "closed", status: 409 });
    expect(await storedKeys()).toEqual(before);
  });
});

describe("resumable uploads", () => {
  async function session(application: ApplicationRow, bytes: Uint8Array, documentTypeId = "passport") {
    const started = await startUploadSession(
      tdb.db,
      settings,
      application,
      { documentTypeId, totalBytes: bytes.byteLength, declaredName: "Pass.pdf", documentDate: null, validUntil: "2031-05-31" },
      now,
    );
    if (!started.ok) throw new Error(`no session: ${started.reason}`);
    expect(started.offset).toBe(0);
    return started.id;
  }

  function thirds(bytes: Uint8Array): [Uint8Array, Uint8Array, Uint8Array] {
    const a = Math.floor(bytes.byteLength / 3);
    const b = Math.floor((2 * bytes.byteLength) / 3);
    return [bytes.subarray(0, a), bytes.subarray(a, b), bytes.subarray(b)];
  }

  test("three pieces in order become one document; the session and its pieces are gone", async () => {
    const application = await draft();
    const pdf = await savePdf(await plainPdf(3));
    const id = await session(application, pdf);
    const [a, b, c] = thirds(pdf);
    expect(await appendChunk(tdb.db, settings, application, id, 0, a, now)).toEqual({ ok: true, offset: a.byteLength, done: false });
    expect(await chunkRows(id)).toBe(1);
    expect(await appendChunk(tdb.db, settings, application, id, a.byteLength, b, now)).toMatchObject({ ok: true, done: false });
    expect(await rowsOf(application.id)).toHaveLength(0);
    const last = await appendChunk(tdb.db, settings, application, id, a.byteLength + b.byteLength, c, now);
    expect(last).toMatchObject({
      ok: true,
      done: true,
      offset: pdf.byteLength,
      document: { documentTypeId: "passport", pages: 3, size: pdf.byteLength, validUntil: "2031-05-31", displayName: "Pass.pdf" },
    });
    if (!last.ok || !last.done) throw new Error("not done");
    expect(Buffer.from((await documentsFor(settings).storage.get(last.document.storageKey))!)).toEqual(Buffer.from(pdf));
    expect(await rowsOf(application.id)).toHaveLength(1);
    expect(await tdb.db.select().from(schema.uploadSessions).where(eq(schema.uploadSessions.id, id))).toHaveLength(0);
    expect(await chunkRows(id)).toBe(0);
    expect(ruleOf(await completenessOf(application.id), "passport")).toMatchObject({ status: "awaiting-review", have: 1 });
    // The upload is over: its address answers like any unknown one.
    expect(await uploadSessionStatus(tdb.db, application, id, now)).toMatchObject({ ok: false, reason: "not-found", status: 404 });
  });

  test("a piece at the wrong offset is refused with 409 and the offset the server has", async () => {
    const application = await draft();
    const pdf = await savePdf(await plainPdf(2));
    const id = await session(application, pdf);
    const [a, b] = thirds(pdf);
    await appendChunk(tdb.db, settings, application, id, 0, a, now);
    // Sent again (the answer was lost), and sent too far ahead.
    expect(await appendChunk(tdb.db, settings, application, id, 0, a, now)).toMatchObject({ ok: false, reason: "offset", status: 409, offset: a.byteLength });
    expect(await appendChunk(tdb.db, settings, application, id, a.byteLength + 10, b, now)).toMatchObject({ status: 409, offset: a.byteLength });
    expect(await chunkRows(id)).toBe(1);
    // More bytes than announced.
    const tooMuch = new Uint8Array(pdf.byteLength);
    expect(await appendChunk(tdb.db, settings, application, id, a.byteLength, tooMuch, now)).toMatchObject({ ok: false, reason: "beyond-end" });
    // A piece over 1 MiB is refused whatever its offset.
    expect(await appendChunk(tdb.db, settings, application, id, a.byteLength, new Uint8Array(MiB + 1), now)).toMatchObject({
      reason: "chunk-too-large",
      status: 413,
    });
  });

  test("after a dropped connection the client asks where it stands and continues from there", async () => {
    const application = await draft();
    const pdf = await savePdf(await plainPdf(2));
    const id = await session(application, pdf);
    const [a, b, c] = thirds(pdf);
    await appendChunk(tdb.db, settings, application, id, 0, a, now);
    await appendChunk(tdb.db, settings, application, id, a.byteLength, b, now);
    // "Reconnect" (a reloaded page, another app process): only the session's id is known.
    const later = new Date(now.getTime() + 3 * 3600_000);
    const status = await uploadSessionStatus(tdb.db, application, id, later);
    expect(status).toEqual({ ok: true, offset: a.byteLength + b.byteLength, totalBytes: pdf.byteLength });
    if (!status.ok) throw new Error("no status");
    expect(await appendChunk(tdb.db, settings, application, id, status.offset, c, later)).toMatchObject({ ok: true, done: true });
    expect(await rowsOf(application.id)).toHaveLength(1);
    // Another application's secret never reaches this application's uploads.
    const other = await draft();
    const otherId = await session(other, pdf);
    expect(await uploadSessionStatus(tdb.db, application, otherId, now)).toMatchObject({ reason: "not-found" });
    expect(await appendChunk(tdb.db, settings, application, otherId, 0, a, now)).toMatchObject({ reason: "not-found" });
    expect(await uploadSessionStatus(tdb.db, application, "not-a-uuid", now)).toMatchObject({ reason: "not-found" });
  });

  test("two pieces sent at once for the same offset: exactly one is taken", async () => {
    const application = await draft();
    const pdf = await savePdf(await plainPdf(2));
    const id = await session(application, pdf);
    const [a, b, c] = thirds(pdf);
    await appendChunk(tdb.db, settings, application, id, 0, a, now);
    const results = await Promise.all([
      appendChunk(tdb.db, settings, application, id, a.byteLength, b, now),
      appendChunk(tdb.db, settings, application, id, a.byteLength, b, now),
      appendChunk(tdb.db, settings, application, id, a.byteLength, b, now),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([
      expect.objectContaining({ reason: "offset", offset: a.byteLength + b.byteLength }),
      expect.objectContaining({ reason: "offset", offset: a.byteLength + b.byteLength }),
    ]);
    expect(await chunkRows(id)).toBe(2);
    // Two last pieces at once: one document.
    const finals = await Promise.all([
      appendChunk(tdb.db, settings, application, id, a.byteLength + b.byteLength, c, now),
      appendChunk(tdb.db, settings, application, id, a.byteLength + b.byteLength, c, now),
    ]);
    expect(finals.filter((r) => r.ok && r.done)).toHaveLength(1);
    expect(await rowsOf(application.id)).toHaveLength(1);
  });

  test("an upload never finished expires: swept with its pieces, and it never becomes a document", async () => {
    const application = await draft();
    const before = await storedKeys();
    const pdf = await savePdf(await plainPdf(2));
    const id = await session(application, pdf);
    const [a, b] = thirds(pdf);
    await appendChunk(tdb.db, settings, application, id, 0, a, now);
    await appendChunk(tdb.db, settings, application, id, a.byteLength, b, now);
    const dayLater = new Date(now.getTime() + 24 * 3600_000 + 1000);
    // Expired: no more pieces, no status, even before the sweep.
    expect(await appendChunk(tdb.db, settings, application, id, a.byteLength + b.byteLength, pdf.subarray(a.byteLength + b.byteLength), dayLater)).toMatchObject({
      reason: "not-found",
    });
    const fresh = await session(application, pdf);
    expect(await sweepUploadSessions(tdb.db, new Date(now.getTime() + 3600_000))).toBe(0);
    expect(await sweepUploadSessions(tdb.db, dayLater)).toBeGreaterThanOrEqual(2);
    expect(await tdb.db.select().from(schema.uploadSessions).where(eq(schema.uploadSessions.id, id))).toHaveLength(0);
    expect(await tdb.db.select().from(schema.uploadSessions).where(eq(schema.uploadSessions.id, fresh))).toHaveLength(0);
    expect(await chunkRows(id)).toBe(0);
    expect(await rowsOf(application.id)).toHaveLength(0);
    expect(await storedKeys()).toEqual(before);
  });

  test("a file too large for the limit or the quota is refused when announced, before any byte", async () => {
    const application = await draft();
    const announce = (totalBytes: number, over: Partial<DocumentSettings> = {}) =>
      startUploadSession(
        tdb.db,
        { ...settings, ...over },
        application,
        { documentTypeId: "passport", totalBytes, declaredName: null, documentDate: null, validUntil: null },
        now,
      );
    expect(await announce(20 * MiB + 1)).toMatchObject({
      ok: false,
      reason: "too-large",
      status: 413,
      message: { key: "documents:refusal.too-large", values: { max: 20 } },
    });
    expect(await announce(0)).toMatchObject({ ok: false, reason: "empty", status: 422 });
    // A quota smaller than what is stored plus the announced file.
    await storeUpload(tdb.db, settings, application, input("passport", await savePdf(await plainPdf(1))), now);
    expect(await announce(MiB, { applicationQuotaBytes: MiB + 100 })).toMatchObject({ ok: false, reason: "quota", status: 413 });
    expect(await tdb.db.select().from(schema.uploadSessions).where(eq(schema.uploadSessions.applicationId, application.id))).toHaveLength(0);
    // And a wrong slot or a bad date as well.
    expect(
      await startUploadSession(tdb.db, settings, application, { documentTypeId: "cv", totalBytes: 10, declaredName: null, documentDate: null, validUntil: null }, now),
    ).toMatchObject({ reason: "wrong-slot", status: 422 });
    expect(
      await startUploadSession(
        tdb.db,
        settings,
        application,
        { documentTypeId: "passport", totalBytes: 10, declaredName: null, documentDate: null, validUntil: "31.12.2030" },
        now,
      ),
    ).toMatchObject({ reason: "bad-date", field: "validUntil" });
  });

  test("a complete upload that the pipeline refuses leaves no document, no object and no pieces", async () => {
    const application = await draft();
    const before = await storedKeys();
    const fake = new Uint8Array(Buffer.from("%PDF-1.7\nthis is not a PDF at all, only its first line\n".repeat(20)));
    const id = await session(application, fake);
    const [a, b, c] = thirds(fake);
    await appendChunk(tdb.db, settings, application, id, 0, a, now);
    await appendChunk(tdb.db, settings, application, id, a.byteLength, b, now);
    const result = await appendChunk(tdb.db, settings, application, id, a.byteLength + b.byteLength, c, now);
    expect(result).toMatchObject({ ok: false, status: 422, message: { key: expect.stringMatching(/^documents:refusal\./) } });
    expect(await chunkRows(id)).toBe(0);
    expect(await tdb.db.select().from(schema.uploadSessions).where(eq(schema.uploadSessions.id, id))).toHaveLength(0);
    expect(await rowsOf(application.id)).toHaveLength(0);
    expect(await storedKeys()).toEqual(before);
  });
});

describe("the form without JavaScript", () => {
  test("several files in one form: the good ones are stored, each refused one is named with its reason", async () => {
    const application = await draft();
    const form = new FormData();
    form.set("intent", "upload");
    form.set("documentTypeId", "payslip");
    form.append("file", new Blob([Buffer.from(await savePdf(await plainPdf(1)))], { type: "application/pdf" }), "Lohn-Oktober.pdf");
    form.append("file", new Blob([Buffer.from(await photoWithGps())], { type: "image/jpeg" }), "Lohn-September.jpg");
    form.append("file", new Blob(["MZ this is a program"], { type: "image/jpeg" }), "Lohn‮gpj.exe");
    form.append("file", new Blob([]), ""); // the camera input, left empty
    form.set("documentDate", "2026-10-31");
    form.set("validUntil", "");
    const request = new Request("http://lotse.test/application/x", { method: "POST", body: form });
    const read = await readUploadForm(request, settings);
    if (!read.ok) throw new Error(read.reason);
    expect(read.form.files).toHaveLength(3);
    const outcome = await storeUploadForm(tdb.db, settings, application, read.form, now);
    expect(outcome.stored).toHaveLength(2);
    expect(outcome.stored.every((d) => d.documentTypeId === "payslip" && d.documentDate === "2026-10-31")).toBe(true);
    expect(outcome.status).toBe(415);
    // The name is shown without its direction-changing character.
    expect(outcome.errors).toEqual({ file: [{ key: "documents:refusal.type", values: {}, fileName: "Lohngpj.exe" }] });
    expect(await documentsOf(tdb.db, application.id)).toHaveLength(2);
  });

  test("no file, a bad date, or a body over the limit is refused without storing anything", async () => {
    const application = await draft();
    const empty = new FormData();
    empty.set("documentTypeId", "payslip");
    empty.append("file", new Blob([]), "");
    const read = await readUploadForm(new Request("http://lotse.test/a", { method: "POST", body: empty }), settings);
    if (!read.ok) throw new Error(read.reason);
    expect(await storeUploadForm(tdb.db, settings, application, read.form, now)).toMatchObject({
      stored: [],
      status: 422,
      errors: { file: [{ key: "upload:refusal.no-file" }] },
    });
    expect(await storeUploadForm(tdb.db, settings, application, { ...read.form, documentDate: "2026-02-31" }, now)).toMatchObject({
      status: 422,
      errors: { documentDate: { key: "upload:refusal.bad-date" } },
    });
    const small = { ...settings, uploadMaxBytes: 1000, applicationQuotaBytes: 1000 };
    const big = new FormData();
    big.append("file", new Blob([new Uint8Array(2 * MiB)]), "big.pdf");
    // Refused by its Content-Length, and (without one) while it is read.
    const encoded = new Request("http://lotse.test/a", { method: "POST", body: big });
    const type = encoded.headers.get("Content-Type")!;
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    expect(
      await readUploadForm(
        new Request("http://lotse.test/a", { method: "POST", body: bytes, headers: { "Content-Type": type, "Content-Length": String(bytes.byteLength) } }),
        small,
      ),
    ).toMatchObject({ ok: false, reason: "form-too-large", status: 413 });
    const streamed = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
    expect(
      await readUploadForm(
        new Request("http://lotse.test/a", { method: "POST", body: streamed, headers: { "Content-Type": type }, duplex: "half" } as RequestInit),
        small,
      ),
    ).toMatchObject({ ok: false, reason: "form-too-large" });
    expect(await documentsOf(tdb.db, application.id)).toHaveLength(0);
  });
});

test("an application has at most 20 unfinished uploads at once", async () => {
  const application = await draft();
  const announce = () =>
    startUploadSession(tdb.db, settings, application, { documentTypeId: "passport", totalBytes: 1000, declaredName: null, documentDate: null, validUntil: null }, now);
  for (let i = 0; i < 20; i++) expect(await announce()).toMatchObject({ ok: true });
  expect(await announce()).toMatchObject({ ok: false, reason: "too-many-sessions", status: 429 });
  const [row] = await tdb.db.select({ n: count() }).from(schema.uploadSessions).where(eq(schema.uploadSessions.applicationId, application.id));
  expect(row!.n).toBe(20);
});
