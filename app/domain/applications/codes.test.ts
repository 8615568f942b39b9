import { describe, expect, test } from "vitest";
import { ALPHABET, checkCharacter, groupCode, hashSecret, newReference, newSecret, normalizeCode, parseReference, parseSecret, SECRET_LENGTH } from "./codes";

describe("reference numbers", () => {
  test("have the printed form and pass their own check", () => {
    for (let i = 0; i < 200; i++) {
      const reference = newReference();
      expect(reference).toMatch(/^LT-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(parseReference(reference)).toBe(reference);
    }
  });

  test("are read back however they are typed", () => {
    const reference = newReference();
    const bare = reference.slice(3).replace("-", "");
    expect(parseReference(bare.toLowerCase())).toBe(reference);
    expect(parseReference(` lt ${bare.slice(0, 4)} ${bare.slice(4)} `)).toBe(reference);
    expect(parseReference(reference.replaceAll("0", "o").replaceAll("1", "l"))).toBe(reference);
  });

  test("every single mistyped character and every swap of neighbours is caught", () => {
    const payload = "7K4M9QX";
    const chars = payload + checkCharacter(payload);
    for (let i = 0; i < chars.length; i++) {
      for (const c of ALPHABET) {
        if (c === chars[i]) continue;
        const typo = chars.slice(0, i) + c + chars.slice(i + 1);
        expect(parseReference(typo), typo).toBeNull();
      }
    }
    for (let i = 0; i + 1 < chars.length; i++) {
      if (chars[i] === chars[i + 1]) continue;
      const swapped = chars.slice(0, i) + chars[i + 1] + chars[i] + chars.slice(i + 2);
      expect(parseReference(swapped), swapped).toBeNull();
    }
  });

  test("wrong lengths and junk are not references", () => {
    expect(parseReference("")).toBeNull();
    expect(parseReference("LT-7K4M")).toBeNull();
    expect(parseReference("x".repeat(500))).toBeNull();
  });
});

describe("secret codes", () => {
  test("carry at least 128 random bits and are distinct", () => {
    expect(SECRET_LENGTH * Math.log2(ALPHABET.length)).toBeGreaterThanOrEqual(128);
    const seen = new Set(Array.from({ length: 1000 }, newSecret));
    expect(seen.size).toBe(1000);
  });

  test("are read back grouped, in lower case or with confusable letters", () => {
    const code = newSecret();
    const grouped = groupCode(code);
    expect(grouped).toMatch(/^([0-9A-Z]{4}-){6}[0-9A-Z]{4}$/);
    expect(parseSecret(grouped.toLowerCase())).toBe(code);
    expect(parseSecret(grouped.replaceAll("1", "I"))).toBe(code);
    expect(parseSecret(code.slice(1))).toBeNull();
    expect(normalizeCode("a-b c")).toBe("AB C".replace(" ", ""));
  });

  test("are stored as a hash that differs per code", () => {
    const a = newSecret();
    expect(hashSecret(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret(a)).not.toBe(hashSecret(newSecret()));
    expect(hashSecret(a)).toBe(hashSecret(parseSecret(groupCode(a))!));
  });
});
