import { describe, expect, test } from "vitest";
import { serverI18n } from "#app/lib/i18n/instance.server";
import { languages } from "#app/lib/i18n/languages";
import { refusalMessage, refusalStatus, uploadRefusals } from "./refusals";

const limits = { uploadMaxBytes: 20 * 1024 * 1024, applicationQuotaBytes: 100 * 1024 * 1024, maxPixels: 50_000_000 };

describe("refusal messages", () => {
  test("sizes are given in whole MB and megapixels", () => {
    expect(refusalMessage("too-large", limits)).toEqual({ key: "refusal.too-large", values: { max: 20 } });
    expect(refusalMessage("quota", limits)).toEqual({ key: "refusal.quota", values: { max: 100 } });
    expect(refusalMessage("pixel-flood", limits)).toEqual({ key: "refusal.pixel-flood", values: { count: 50 } });
    expect(refusalMessage("virus", limits)).toEqual({ key: "refusal.virus", values: {} });
  });

  for (const lng of languages) {
    test(`every reason reads as a sentence in ${lng}, with its numbers`, async () => {
      const t = (await serverI18n()).getFixedT(lng, "documents");
      const format = new Intl.NumberFormat(lng);
      for (const reason of uploadRefusals) {
        const { key, values } = refusalMessage(reason, limits);
        const text = t(key, values);
        expect(text, `${lng} ${reason}`).not.toBe(key);
        expect(text.length).toBeGreaterThan(20);
        for (const n of Object.values(values)) expect(text).toContain(format.format(n));
      }
      expect(t("fallbackName")).not.toBe("fallbackName");
    });
  }

  test("the German texts are the source, e.g. for pixel floods with one and many megapixels", async () => {
    const t = (await serverI18n()).getFixedT("de", "documents");
    expect(t("refusal.pixel-flood", { count: 1 })).toContain("höchstens 1 Megapixel");
    expect(t("refusal.pixel-flood", { count: 50 })).toContain("Erlaubt sind höchstens 50 Megapixel");
    expect(t("refusal.too-large", { max: 20 })).toContain("höchstens 20 MB");
    const ru = (await serverI18n()).getFixedT("ru", "documents");
    expect(ru("refusal.pixel-flood", { count: 2 })).toContain("2 мегапикселя");
    expect(ru("refusal.pixel-flood", { count: 50 })).toContain("50 мегапикселей");
  });

  test("HTTP status: 413 for size and quota, 415 for type, 503 to try later, 422 otherwise", () => {
    expect(uploadRefusals.map((r) => [r, refusalStatus(r)])).toEqual([
      ["empty", 422],
      ["too-large", 413],
      ["quota", 413],
      ["type", 415],
      ["polyglot", 422],
      ["pixel-flood", 422],
      ["corrupt", 422],
      ["pdf-encrypted", 422],
      ["pdf-active-content", 422],
      ["virus", 422],
      ["scan-unavailable", 503],
    ]);
  });
});
