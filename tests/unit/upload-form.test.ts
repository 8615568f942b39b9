// The upload form as the server renders it: a complete multipart form without JavaScript, every
// input labelled and its hints and errors linked, texts for the script in the page's language,
// and the script loaded once with the page's nonce however many forms a page has.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, test } from "vitest";
import { UploadForm, type UploadFormProps } from "#app/components/upload-form";
import { serverI18n } from "#app/lib/i18n/instance.server";
import { NonceContext } from "#app/lib/nonce";

async function render(lng: string, ...forms: Partial<UploadFormProps>[]) {
  const i18n = (await serverI18n()).cloneInstance({ lng });
  await i18n.changeLanguage(lng);
  const base: UploadFormProps = {
    action: "/application/SECRET/documents",
    uploadUrl: "/application/SECRET/uploads",
    documentTypeId: "passport",
    documentName: "Reisepass",
    needsDocumentDate: false,
    needsValidUntil: true,
  };
  const html = renderToString(
    createElement(
      I18nextProvider,
      { i18n },
      createElement(NonceContext.Provider, { value: "n0nce" }, ...forms.map((f, i) => createElement(UploadForm, { key: i, ...base, ...f }))),
    ),
  );
  return new Markup(html);
}

// No DOM in these tests (happy-dom and jsdom are not installed): start tags and text are enough.
class Markup {
  constructor(readonly html: string) {}
  /** Every start tag of a name, with its attributes. */
  tags(name: string): Array<Record<string, string>> {
    const out: Array<Record<string, string>> = [];
    for (const m of this.html.matchAll(new RegExp(`<${name}(\\s[^>]*)?>`, "g"))) {
      const attrs: Record<string, string> = {};
      for (const a of (m[1] ?? "").matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) attrs[a[1]!] = a[2] ?? "";
      out.push(attrs);
    }
    return out;
  }
  text(): string {
    return this.html
      .replace(/<[^>]+>/g, " ")
      .replace(/&amp;/g, "&")
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'");
  }
}

describe("the upload form", () => {
  test("works without JavaScript: a multipart POST to the page with intent, slot and the files", async () => {
    const doc = await render("de", {});
    expect(doc.tags("form")).toEqual([
      expect.objectContaining({
        method: "post",
        encType: "multipart/form-data",
        action: "/application/SECRET/documents",
        "data-upload-url": "/application/SECRET/uploads",
      }),
    ]);
    const inputs = doc.tags("input");
    expect(inputs).toContainEqual(expect.objectContaining({ type: "hidden", name: "intent", value: "upload" }));
    expect(inputs).toContainEqual(expect.objectContaining({ type: "hidden", name: "documentTypeId", value: "passport" }));
    const files = inputs.filter((i) => i.type === "file");
    expect(files).toEqual([
      expect.objectContaining({ name: "file", multiple: "", accept: "image/jpeg,image/png,image/heic,image/heif,application/pdf" }),
      expect.objectContaining({ name: "file", accept: "image/*", capture: "environment" }),
    ]);
    // Only the date the slot needs.
    expect(inputs.filter((i) => i.type === "date").map((i) => i.name)).toEqual(["validUntil"]);
    expect(doc.tags("button")).toEqual([expect.objectContaining({ type: "submit" })]);
    expect(doc.tags("p").filter((p) => p.role === "status")).toEqual([expect.objectContaining({ "aria-live": "polite" })]);
    expect(doc.text()).toContain("Datei hochladen: Reisepass");
  });

  test("every input has a label; hints and errors are linked with aria-describedby", async () => {
    const doc = await render("en", {
      needsDocumentDate: true,
      errors: {
        file: [{ key: "documents:refusal.too-large", values: { max: 20 }, fileName: "scan.heic" }],
        documentDate: { key: "upload:refusal.bad-date", values: {} },
      },
      values: { documentDate: "2026-02-31" },
    });
    const labels = new Set(doc.tags("label").map((l) => l.for));
    const ids = new Set([...doc.html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    for (const input of doc.tags("input").filter((i) => i.type !== "hidden")) {
      expect(labels.has(input.id!), `label for ${input.id}`).toBe(true);
      for (const ref of (input["aria-describedby"] ?? "").split(" ").filter(Boolean)) expect(ids.has(ref), `${input.id} → ${ref}`).toBe(true);
    }
    const [file] = doc.tags("input").filter((i) => i.type === "file");
    expect(file).toMatchObject({ "aria-invalid": "true", "aria-describedby": "upload-passport-file-hint upload-passport-file-error" });
    const date = doc.tags("input").find((i) => i.name === "documentDate");
    expect(date).toMatchObject({ "aria-invalid": "true", value: "2026-02-31" });
    expect(doc.text()).toContain("scan.heic: The file is too large. A file may be at most 20 MB.");
    expect(doc.text()).toContain("Please enter a complete date: day, month and year.");
  });

  test("the script gets its texts in the page's language, with placeholders to fill in", async () => {
    const doc = await render("ar", {});
    const [form] = doc.tags("form");
    expect(form!["data-text-uploading"]).toBe("جارٍ رفع الملف {current} من {total}: {percent}");
    expect(form!["data-text-retrying"]).toContain("{seconds}");
    for (const key of ["preparing", "resuming", "done", "partly", "paused", "failed"]) expect(form![`data-text-${key}`]).toBeTruthy();
  });

  test("two forms on a page load the script once, with the nonce", async () => {
    const doc = await render("de", { documentTypeId: "passport" }, { documentTypeId: "biometric-photo", documentName: "Foto" });
    expect(doc.tags("form")).toHaveLength(2);
    const scripts = doc.tags("script").filter((s) => s.src === "/upload.js");
    expect(scripts).toEqual([expect.objectContaining({ async: "", nonce: "n0nce" })]);
    // Ids stay unique per slot.
    const ids = [...doc.html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
