import { describe, expect, test } from "vitest";
import { displayName, displayNameMaxLength } from "./display-name";

describe("displayName", () => {
  test("an ordinary name keeps its words and gets the stored type's extension", () => {
    expect(displayName("Reisepass Seite 1.jpeg", "image/jpeg")).toBe("Reisepass Seite 1.jpg");
    expect(displayName("IMG_4032.HEIC", "image/jpeg")).toBe("IMG_4032.jpg");
    expect(displayName("Mietvertrag.pdf", "application/pdf")).toBe("Mietvertrag.pdf");
    expect(displayName("scan", "application/pdf")).toBe("scan.pdf");
  });

  test("folders are dropped: path traversal and Windows paths leave only the last part", () => {
    expect(displayName("../../etc/passwd.jpg", "image/jpeg")).toBe("passwd.jpg");
    expect(displayName("..\\..\\Windows\\System32\\evil.jpg", "image/jpeg")).toBe("evil.jpg");
    expect(displayName("C:\\Users\\Amira\\Pictures\\pass.png", "image/jpeg")).toBe("pass.jpg");
    expect(displayName("/", "image/jpeg")).toBeNull();
    expect(displayName("..", "image/jpeg")).toBeNull();
  });

  test("a right-to-left override cannot disguise the extension", () => {
    // Shown as "invoiceexe.jpg" by a bidi-aware screen, it is really "invoice" U+202E "gpj.exe".
    expect(displayName("invoice\u202Egpj.exe", "image/jpeg")).toBe("invoicegpj.jpg");
    expect(displayName("a\u2066b\u2069c\u200Fd\u061Ce.pdf", "application/pdf")).toBe("abcde.pdf");
  });

  test("control characters, line breaks and zero-width characters go; Persian joiners stay", () => {
    expect(displayName("bad\r\nContent-Type: text-html\u0000.pdf", "application/pdf")).toBe("badContent-Type_ text-html.pdf");
    expect(displayName("a\u200Bb\uFEFFc\u2028d.jpg", "image/jpeg")).toBe("abcd.jpg");
    expect(displayName("گذرنامه\u200Cها.jpg", "image/jpeg")).toBe("گذرنامه\u200Cها.jpg");
  });

  test("Arabic, Cyrillic and other scripts are kept as they are", () => {
    expect(displayName("جواز سفر.jpg", "image/jpeg")).toBe("جواز سفر.jpg");
    expect(displayName("Паспорт (стр. 2).pdf", "application/pdf")).toBe("Паспорт (стр. 2).pdf");
  });

  test("characters file systems refuse are replaced; hidden-file dots and trailing dots go", () => {
    expect(displayName('a<b>c:d"e|f?g*h.pdf', "application/pdf")).toBe("a_b_c_d_e_f_g_h.pdf");
    expect(displayName(".htaccess", "application/pdf")).toBeNull();
    expect(displayName("...secret. .jpg", "image/jpeg")).toBe("secret.jpg");
    expect(displayName("CON.jpg", "image/jpeg")).toBe("_CON.jpg");
  });

  test("long names are cut at whole characters", () => {
    const long = `${"Ä".repeat(150)}.pdf`;
    expect(displayName(long, "application/pdf")).toBe(`${"Ä".repeat(displayNameMaxLength)}.pdf`);
    const family = "👨‍👩‍👧";
    const name = displayName(`${"x".repeat(displayNameMaxLength - 1)}${family}${family}.jpg`, "image/jpeg")!;
    expect(name).toBe(`${"x".repeat(displayNameMaxLength - 1)}${family}.jpg`);
  });

  test("nothing usable: null, and the caller shows a translated fallback", () => {
    expect(displayName(undefined, "image/jpeg")).toBeNull();
    expect(displayName("", "image/jpeg")).toBeNull();
    expect(displayName("\u202E\u0000", "image/jpeg")).toBeNull();
    expect(displayName(".jpg", "image/jpeg")).toBeNull();
  });
});
