// Uploads when the server dies: the built server is killed (SIGKILL, no chance to clean up) in the
// middle of a resumable upload's piece and in the middle of a slow plain form POST. After a
// restart the draft has no document row and the document folder no document file; the upload
// continues where it stood, and a fresh upload of the same file succeeds. In a browser,
// public/upload.js rides out the same crash and a page reload and finishes the upload itself,
// shrinks a large photo before sending it, and shows a refusal with the server's message.
import { chromium, expect, test } from "@playwright/test";
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import postgres from "postgres";
import sharp from "sharp";
import { hashSecret, newSecret } from "#app/domain/applications/codes";
import { LocalDiskStorage } from "#app/domain/documents/storage.server";
import { plainPdf, savePdf } from "#tests/support/document-files";
import { freePort } from "#tests/support/ports";
import { createPostgresDatabase } from "#tests/support/postgres";

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

type Server = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

/** One Lotse deployment (database, document folder, port) that can be started again and again. */
async function deployment() {
  const database = await createPostgresDatabase("lotse_upkill");
  const documents = mkdtempSync(join(tmpdir(), "lotse-upkill-docs-"));
  const data = mkdtempSync(join(tmpdir(), "lotse-upkill-data-"));
  const port = await freePort();
  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  let server: Server | null = null;

  async function start() {
    const base = { ...process.env } as Record<string, string>;
    delete base.DATABASE_URL;
    const env = { ...base, HOST: "127.0.0.1", PORT: String(port), DATABASE_URL: database.url, DEMO_MODE: "true", DOCUMENT_DIR: documents, DATA_DIR: data };
    const child = spawn(process.execPath, ["server.js"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    server = { child, output: () => output, exited };
    const running = server;
    await expect
      .poll(
        async () => {
          if (running.child.exitCode !== null) throw new Error(`server exited:\n${running.output()}`);
          return fetch(`http://127.0.0.1:${port}/healthz`).then(
            (r) => r.status,
            () => 0,
          );
        },
        { timeout: 60_000 },
      )
      .toBe(200);
  }

  async function kill() {
    if (!server || server.child.exitCode !== null) return;
    server.child.kill("SIGKILL");
    await server.exited;
  }

  async function stop() {
    if (server && server.child.exitCode === null) {
      server.child.kill("SIGTERM");
      await server.exited;
    }
  }

  async function draft(serviceId = "residence-extension") {
    const secret = newSecret();
    const [row] = await sql<{ id: string }[]>`
      insert into applications (service_id, language, draft_hash) values (${serviceId}, 'de', ${hashSecret(secret)}) returning id`;
    return { id: row!.id, secret, uploads: `http://127.0.0.1:${port}/application/${secret}/uploads` };
  }

  async function documentRows(applicationId: string) {
    return sql<{ id: string; sha256: string; size: number; document_type_id: string }[]>`
      select id, sha256, size, document_type_id from application_documents where application_id = ${applicationId} order by uploaded_at`;
  }

  /** Files in the document folder: documents (named by their key) and leftovers of interrupted writes. */
  function files() {
    const all: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else all.push(name);
      }
    };
    walk(documents);
    return { documents: all.filter((n) => /^[0-9a-f]{32}$/.test(n)), other: all.filter((n) => !/^[0-9a-f]{32}$/.test(n)) };
  }

  async function close() {
    await stop();
    await sql.end();
    await database.drop();
    rmSync(documents, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  }

  return { port, documents, sql, start, kill, stop, draft, documentRows, files, close, output: () => server?.output() ?? "" };
}

/** Starts a request, sends only the first `partial` bytes of its body and keeps the connection open. */
function halfSent(port: number, path: string, method: string, headers: Record<string, string>, body: Uint8Array, partial: number) {
  const request = http.request({ host: "127.0.0.1", port, path, method, headers: { ...headers, "Content-Length": String(body.byteLength) } });
  const ended = new Promise<string>((resolve) => {
    request.once("error", (error) => resolve(`error: ${(error as NodeJS.ErrnoException).code ?? error.message}`));
    request.once("response", (response) => {
      resolve(`answered ${response.statusCode}`);
      request.destroy();
    });
  });
  request.write(body.subarray(0, partial));
  return ended;
}

async function multipart(fields: Record<string, string>, file: { name: string; type: string; bytes: Uint8Array }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.append("file", new Blob([Buffer.from(file.bytes)], { type: file.type }), file.name);
  const encoded = new Request("http://localhost/", { method: "POST", body: form });
  return { type: encoded.headers.get("Content-Type")!, bytes: new Uint8Array(await encoded.arrayBuffer()) };
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function put(url: string, offset: number, bytes: Uint8Array) {
  const response = await fetch(url, {
    method: "PUT",
    body: Buffer.from(bytes),
    headers: { "Upload-Offset": String(offset), "Content-Type": "application/offset+octet-stream" },
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

async function announce(uploads: string, bytes: Uint8Array, documentTypeId = "passport") {
  const response = await fetch(uploads, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ documentTypeId, totalBytes: bytes.byteLength, name: "Reisepass.pdf", validUntil: "2031-05-31" }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

test("a server killed in the middle of a piece and of a form POST leaves no document; the upload continues after the restart", async () => {
  const lotse = await deployment();
  try {
    await lotse.start();
    const { id: applicationId, secret, uploads } = await lotse.draft();
    const pdf = await savePdf(await plainPdf(30));
    const third = Math.ceil(pdf.byteLength / 3);
    const pieces = [pdf.subarray(0, third), pdf.subarray(third, 2 * third), pdf.subarray(2 * third)];

    // A resumable upload: the first piece arrives, the second is on its way when the server dies.
    const uploadId = await announce(uploads, pdf);
    expect(await put(`${uploads}/${uploadId}`, 0, pieces[0]!)).toMatchObject({ status: 200, body: { offset: third, done: false } });
    const piece = halfSent(lotse.port, `/application/${secret}/uploads/${uploadId}`, "PUT", { "Upload-Offset": String(third) }, pieces[1]!, 500);
    await new Promise((r) => setTimeout(r, 700));
    await lotse.kill();
    expect(await piece).toMatch(/^error/);

    await lotse.start();
    expect(await lotse.documentRows(applicationId)).toEqual([]);
    expect(lotse.files().documents).toEqual([]);
    // The half piece was never taken: the server stands after the first piece.
    const status = await fetch(`${uploads}/${uploadId}`);
    expect(await status.json()).toEqual({ offset: third, totalBytes: pdf.byteLength });
    expect(status.headers.get("Upload-Offset")).toBe(String(third));

    // A slow form POST (the path without JavaScript) with a photo: killed halfway through its body.
    const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 40 } } })
      .jpeg({ quality: 92 })
      .toBuffer();
    const form = await multipart(
      { intent: "upload", documentTypeId: "biometric-photo", documentDate: "2026-10-01" },
      { name: "foto.jpg", type: "image/jpeg", bytes: photo },
    );
    const post = halfSent(lotse.port, `/application/${secret}/uploads`, "POST", { "Content-Type": form.type }, form.bytes, Math.floor(form.bytes.byteLength / 2));
    await new Promise((r) => setTimeout(r, 700));
    await lotse.kill();
    expect(await post).toMatch(/^error/);

    await lotse.start();
    expect(await lotse.documentRows(applicationId)).toEqual([]);
    const afterKills = lotse.files();
    expect(afterKills.documents).toEqual([]);
    // Whatever an interrupted write left is a temporary file, never a document, and the sweep removes it.
    expect(afterKills.other.every((name) => name.startsWith(".tmp-"))).toBe(true);
    await new LocalDiskStorage(lotse.documents).sweepTemp(0);
    expect(lotse.files().other).toEqual([]);

    // The resumable upload continues where it stood and becomes one document.
    expect(await put(`${uploads}/${uploadId}`, third, pieces[1]!)).toMatchObject({ status: 200, body: { offset: 2 * third, done: false } });
    const last = await put(`${uploads}/${uploadId}`, 2 * third, pieces[2]!);
    expect(last).toMatchObject({
      status: 200,
      body: { done: true, offset: pdf.byteLength, document: { documentTypeId: "passport", mediaType: "application/pdf", pages: 30 } },
    });
    expect(last.body.document.storageKey).toBeUndefined();
    let rows = await lotse.documentRows(applicationId);
    expect(rows).toEqual([expect.objectContaining({ sha256: sha256(pdf), size: pdf.byteLength, document_type_id: "passport" })]);
    expect(lotse.files().documents).toHaveLength(1);
    expect(Buffer.from((await new LocalDiskStorage(lotse.documents).get(lotse.files().documents[0]!))!)).toEqual(Buffer.from(pdf));
    const [pieceRows] = await lotse.sql<{ n: number }[]>`select count(*)::int as n from upload_chunks`;
    expect(pieceRows!.n).toBe(0);

    // Started afresh, the same file: one document still (the same row), no second file.
    const again = await announce(uploads, pdf);
    await put(`${uploads}/${again}`, 0, pdf.subarray(0, third));
    const fresh = await put(`${uploads}/${again}`, third, pdf.subarray(third));
    expect(fresh).toMatchObject({ status: 200, body: { done: true, document: { id: rows[0]!.id } } });
    expect(await lotse.documentRows(applicationId)).toHaveLength(1);
    expect(lotse.files().documents).toHaveLength(1);

    // The form POST sent again, whole: the photo is stored.
    const response = await fetch(uploads, { method: "POST", headers: { "Content-Type": form.type }, body: Buffer.from(form.bytes) });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ documents: [{ documentTypeId: "biometric-photo", mediaType: "image/jpeg", documentDate: "2026-10-01" }], errors: [] });
    rows = await lotse.documentRows(applicationId);
    expect(rows).toHaveLength(2);
    expect(lotse.files().documents).toHaveLength(2);
  } finally {
    await lotse.close();
  }
});

test("over HTTP: one 404 for every failed lookup, refusals by Content-Length and in the asked language", async () => {
  const lotse = await deployment();
  try {
    await lotse.start();
    const { secret, uploads } = await lotse.draft();
    const base = `http://127.0.0.1:${lotse.port}`;
    const pdf = await savePdf(await plainPdf(1));
    const uploadId = await announce(uploads, pdf);
    const notFound = async (url: string, init?: RequestInit) => {
      const response = await fetch(url, init);
      return { status: response.status, body: await response.text() };
    };
    const expected = await notFound(`${base}/application/${newSecret()}/uploads/${uploadId}`);
    expect(expected.status).toBe(404);
    for (const [url, init] of [
      [`${uploads}/00000000-0000-4000-8000-000000000000`, undefined],
      [`${uploads}/not-an-id`, undefined],
      // A draft's secret is not an access code, and a case's uploads are not a draft's.
      [`${base}/case/${secret}/uploads/${uploadId}`, undefined],
      [`${base}/application/${secret.slice(1)}x/uploads/${uploadId}`, undefined],
    ] as const) {
      expect(await notFound(url, init)).toEqual(expected);
    }
    expect(await notFound(`${uploads}/00000000-0000-4000-8000-000000000000`, { method: "PUT", body: "x", headers: { "Upload-Offset": "0" } })).toEqual(expected);

    // A piece over 1 MiB is refused by its Content-Length, before a byte of it is read.
    const big = halfSent(lotse.port, `/application/${secret}/uploads/${uploadId}`, "PUT", { "Upload-Offset": "0" }, new Uint8Array(2 * 1024 * 1024), 10);
    expect(await big).toBe("answered 413");
    // Another slot than the service's, in Arabic and in Ukrainian.
    for (const [lng, text] of [
      ["ar", "هذا الملف لا ينتمي"],
      ["uk", "Цей файл не належить"],
    ] as const) {
      const response = await fetch(`${uploads}?lng=${lng}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ documentTypeId: "pension-record", totalBytes: 1000 }),
      });
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({ reason: "wrong-slot", message: expect.stringContaining(text) });
    }
    // Too large when announced, in the browser's language.
    const tooLarge = await fetch(uploads, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept-Language": "fr-FR,fr;q=0.9" },
      body: JSON.stringify({ documentTypeId: "passport", totalBytes: 21 * 1024 * 1024 }),
    });
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ reason: "too-large", message: expect.stringContaining("20 Mo") });
    // The wrong offset: 409 with where the server stands.
    expect(await put(`${uploads}/${uploadId}`, 5, pdf.subarray(5, 10))).toMatchObject({ status: 409, body: { reason: "offset", offset: 0 } });
  } finally {
    await lotse.close();
  }
});

test("in a browser, public/upload.js rides out a killed server and a page reload and finishes the upload", async () => {
  const lotse = await deployment();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    await lotse.start();
    const { id: applicationId, secret } = await lotse.draft();
    // A 2 MB PDF (a scanned-looking page), so the upload takes several pieces of 256 KiB.
    const noise = await sharp({ create: { width: 1400, height: 1400, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 60 } } })
      .jpeg({ quality: 95 })
      .toBuffer();
    const doc = await PDFDocument.create();
    const image = await doc.embedJpg(noise);
    doc.addPage([595, 842]).drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
    const pdf = await doc.save();
    expect(pdf.byteLength).toBeGreaterThan(1_000_000);

    // The form as app/components/upload-form.tsx renders it, on a page served by the test (so that
    // it still loads while the server is down), with the script inlined.
    const script = readFileSync(join(import.meta.dirname, "../../public/upload.js"), "utf8");
    const page = `http://127.0.0.1:${lotse.port}/upload-harness`;
    const html = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Upload</title></head><body>
      <form method="post" encType="multipart/form-data" action="/nowhere" class="upload-form" data-upload-url="/application/${secret}/uploads"
        data-text-preparing="Datei {current} von {total} wird vorbereitet …" data-text-uploading="Datei {current} von {total} wird hochgeladen: {percent}"
        data-text-retrying="Keine Verbindung. Neuer Versuch in {seconds} Sekunden …" data-text-resuming="Ein unterbrochenes Hochladen geht weiter …"
        data-text-done="Fertig hochgeladen." data-text-partly="{stored} von {total}" data-text-paused="Unterbrochen." data-text-failed="Fehler.">
        <input type="hidden" name="intent" value="upload"><input type="hidden" name="documentTypeId" value="passport">
        <label for="f">Datei</label><input id="f" type="file" name="file" multiple accept="image/jpeg,image/png,image/heic,image/heif,application/pdf">
        <label for="c">Kamera</label><input id="c" type="file" name="file" accept="image/*" capture="environment">
        <label for="v">Gültig bis</label><input id="v" type="date" name="validUntil">
        <button type="submit">Hochladen</button>
        <div class="upload-progress" hidden><progress max="100" value="0"></progress></div>
        <p class="upload-status" role="status" aria-live="polite"></p>
      </form><script>${script}</script></body></html>`;
    const context = await browser.newContext();
    await context.route(`${page}*`, (route) => route.fulfill({ contentType: "text/html; charset=utf-8", body: html }));
    const tab = await context.newPage();
    await tab.goto(page);
    await tab.locator("#f").setInputFiles({ name: "scan.pdf", mimeType: "application/pdf", buffer: Buffer.from(pdf) });
    await tab.locator("#v").fill("2031-05-31");
    // Two pieces taken, then the server dies.
    let pieces = 0;
    const twoPieces = new Promise<void>((resolve) =>
      tab.on("response", (r) => {
        if (r.request().method() === "PUT" && r.status() === 200 && ++pieces === 2) resolve();
      }),
    );
    await tab.getByRole("button", { name: "Hochladen" }).click();
    await twoPieces;
    await lotse.kill();
    await expect(tab.getByRole("status")).toContainText("Keine Verbindung", { timeout: 20_000 });
    // The person reloads the page while the server is down: the upload is still waiting in IndexedDB.
    await tab.reload();
    await expect(tab.getByRole("status")).toContainText(/Keine Verbindung|unterbrochenes/, { timeout: 20_000 });
    await tab.evaluate(() => ((window as { beforeDone?: boolean }).beforeDone = true));
    expect(await lotse.documentRows(applicationId)).toEqual([]);
    await lotse.start();
    // The device notices it is online again: the script tries at once instead of waiting.
    await context.setOffline(true);
    await context.setOffline(false);
    await expect.poll(async () => (await lotse.documentRows(applicationId)).length, { timeout: 60_000 }).toBe(1);
    const [row] = await lotse.documentRows(applicationId);
    expect(row).toMatchObject({ sha256: sha256(pdf), size: pdf.byteLength, document_type_id: "passport" });
    // The script loaded the page again when it was done, and nothing waits in IndexedDB any more.
    const jobsLeft = () =>
      tab
        .evaluate(
          () =>
            new Promise<number | string>((resolve) => {
              if ((window as { beforeDone?: boolean }).beforeDone) return resolve("not reloaded yet");
              const open = indexedDB.open("lotse-uploads", 1);
              open.onsuccess = () => {
                const request = open.result.transaction("jobs", "readonly").objectStore("jobs").count();
                request.onsuccess = () => resolve(request.result);
              };
            }),
        )
        .catch(() => "navigating");
    await expect.poll(jobsLeft, { timeout: 20_000 }).toBe(0);
    const [sessions] = await lotse.sql<{ n: number }[]>`select count(*)::int as n from upload_sessions where application_id = ${applicationId}`;
    // The finished upload's session is gone with its pieces.
    expect(sessions!.n).toBe(0);

    // A 3000 × 2000 photo is shrunk in the browser: the server (which keeps up to 3,000 px) stores 2,000.
    const big = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: "#3060a0" } })
      .jpeg({ quality: 90 })
      .toBuffer();
    await tab.locator("#c").setInputFiles({ name: "IMG_0001.jpg", mimeType: "image/jpeg", buffer: big });
    await tab.getByRole("button", { name: "Hochladen" }).click();
    await expect.poll(async () => (await lotse.documentRows(applicationId)).length, { timeout: 30_000 }).toBe(2);
    const [photo] = await lotse.sql<{ width: number; height: number; display_name: string }[]>`
      select width, height, display_name from application_documents where application_id = ${applicationId} and media_type = 'image/jpeg'`;
    expect(photo).toEqual({ width: 2000, height: 1333, display_name: "IMG_0001.jpg" });

    // A refusal is shown with the server's translated message, and the form stays usable.
    await expect.poll(jobsLeft, { timeout: 20_000 }).toBe(0);
    await tab.locator("#f").setInputFiles({ name: "brief.pdf", mimeType: "application/pdf", buffer: Buffer.from("Nur ein Text, kein PDF.\n".repeat(50)) });
    await tab.getByRole("button", { name: "Hochladen" }).click();
    await expect(tab.getByRole("status")).toContainText("Diese Art von Datei können wir nicht annehmen", { timeout: 20_000 });
    await expect(tab.getByRole("button", { name: "Hochladen" })).toBeEnabled();
    await expect(tab.locator("#f")).toBeEnabled();
    expect(await lotse.documentRows(applicationId)).toHaveLength(2);
    await context.close();
  } finally {
    await browser.close();
    await lotse.close();
  }
});
