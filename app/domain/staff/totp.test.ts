import { describe, expect, test } from "vitest";
import { base32Decode, base32Encode, generateTotpSecret, hotp, otpauthUri, totpCode, totpStep, verifyTotp } from "./totp";

const ascii = (s: string) => Buffer.from(s, "ascii");

describe("base32 (RFC 4648 section 10, without padding)", () => {
  const vectors: [string, string][] = [
    ["", ""],
    ["f", "MY"],
    ["fo", "MZXQ"],
    ["foo", "MZXW6"],
    ["foob", "MZXW6YQ"],
    ["fooba", "MZXW6YTB"],
    ["foobar", "MZXW6YTBOI"],
  ];
  test.each(vectors)("%j <-> %s", (plain, encoded) => {
    expect(base32Encode(ascii(plain))).toBe(encoded);
    expect(base32Decode(encoded)!.toString("ascii")).toBe(plain);
  });
  test("decoding ignores case, spaces and padding, and refuses other characters", () => {
    expect(base32Decode("mzxw 6ytb oi======")!.toString("ascii")).toBe("foobar");
    expect(base32Decode("MZXW1")).toBeNull();
  });
  test("a new secret is 160 bits", () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
    expect(generateTotpSecret()).not.toBe(secret);
  });
});

describe("HOTP (RFC 4226 appendix D)", () => {
  test("the ten test values", () => {
    const expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
    expect(expected.map((_, i) => hotp(ascii("12345678901234567890"), i))).toEqual(expected);
  });
});

describe("TOTP (RFC 6238 appendix B)", () => {
  const times = [59, 1111111109, 1111111111, 1234567890, 2000000000, 20000000000];
  const cases = {
    sha1: { key: "12345678901234567890", codes: ["94287082", "07081804", "14050471", "89005924", "69279037", "65353130"] },
    sha256: { key: "12345678901234567890123456789012", codes: ["46119246", "68084774", "67062674", "91819424", "90698825", "77737706"] },
    sha512: {
      key: "1234567890123456789012345678901234567890123456789012345678901234",
      codes: ["90693936", "25091201", "99943326", "93441116", "38618901", "47863826"],
    },
  } as const;
  for (const [algorithm, { key, codes }] of Object.entries(cases)) {
    test(`${algorithm}, eight digits`, () => {
      const got = times.map((s) => hotp(ascii(key), totpStep(new Date(s * 1000)), 8, algorithm as "sha1"));
      expect(got).toEqual(codes);
    });
  }
  test("six digits from a base32 secret, as apps show it", () => {
    const secret = base32Encode(ascii("12345678901234567890"));
    // The last six digits of the eight-digit SHA-1 vector.
    expect(totpCode(secret, new Date(1111111109_000))).toBe("081804");
  });
});

describe("verifying a code", () => {
  const secret = base32Encode(ascii("12345678901234567890"));
  const now = new Date(1234567890_000);
  const step = totpStep(now);
  test("accepts the current step and one step either side, returning the step that matched", () => {
    expect(verifyTotp(secret, totpCode(secret, now), now)).toBe(step);
    expect(verifyTotp(secret, totpCode(secret, new Date(now.getTime() - 30_000)), now)).toBe(step - 1);
    expect(verifyTotp(secret, totpCode(secret, new Date(now.getTime() + 30_000)), now)).toBe(step + 1);
  });
  test("refuses codes two steps away, wrong codes and malformed input", () => {
    expect(verifyTotp(secret, totpCode(secret, new Date(now.getTime() - 60_000)), now)).toBeNull();
    expect(verifyTotp(secret, totpCode(secret, new Date(now.getTime() + 60_000)), now)).toBeNull();
    const code = totpCode(secret, now);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    expect(verifyTotp(secret, wrong, now)).toBeNull();
    expect(verifyTotp(secret, "12345", now)).toBeNull();
    expect(verifyTotp(secret, "abcdef", now)).toBeNull();
    expect(verifyTotp("not base32!", code, now)).toBeNull();
  });
  test("tolerates spaces in the code as people type it", () => {
    const code = totpCode(secret, now);
    expect(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(step);
  });
});

test("the otpauth URI names issuer, account and parameters", () => {
  const uri = otpauthUri("JBSWY3DPEHPK3PXP", "anna@example.org", "Lotse Musterstadt");
  expect(uri).toBe("otpauth://totp/Lotse%20Musterstadt:anna%40example.org?secret=JBSWY3DPEHPK3PXP&issuer=Lotse%20Musterstadt&algorithm=SHA1&digits=6&period=30");
});
