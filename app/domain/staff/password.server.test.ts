import { describe, expect, test } from "vitest";
import { argon2Params, dummyVerify, generatePassword, hashPassword, needsRehash, parsePhc, verifyPassword } from "./password.server";

describe("argon2id password hashes", () => {
  test("the reference implementation's test vector verifies (phc-winner-argon2, src/test.c)", async () => {
    const reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
    expect(await verifyPassword("password", reference)).toBe(true);
    expect(await verifyPassword("passwore", reference)).toBe(false);
  });

  test("a new hash is a PHC string with OWASP's parameters and a random salt", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(parsePhc(hash)?.params).toEqual(argon2Params);
    expect(await hashPassword("correct horse battery staple")).not.toBe(hash);
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
    expect(needsRehash(hash)).toBe(false);
  });

  test("unicode passwords are normalised (the same word typed on two keyboards)", async () => {
    const hash = await hashPassword("Gr\u00fc\u00dfe aus K\u00f6ln");
    expect(await verifyPassword("Gru\u0308\u00dfe aus Ko\u0308ln", hash)).toBe(true);
  });

  test("malformed or absurd hashes never match and are not used", async () => {
    expect(await verifyPassword("password", "")).toBe(false);
    expect(await verifyPassword("password", "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc")).toBe(false);
    expect(parsePhc("$argon2id$v=19$m=9999999,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc")).toBeNull();
    expect(parsePhc("$argon2id$v=19$m=65536,t=0,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc")).toBeNull();
    expect(needsRehash("$argon2id$v=19$m=4096,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc")).toBe(true);
  });

  test("the dummy verification for unknown addresses does real work", async () => {
    await dummyVerify("whatever");
    await dummyVerify("whatever");
    const known = await hashPassword("x");
    const t0 = performance.now();
    await verifyPassword("y", known);
    const real = performance.now() - t0;
    const t1 = performance.now();
    await dummyVerify("whatever");
    const dummy = performance.now() - t1;
    // Same parameters, same cost: within a factor of three of a real verification.
    expect(dummy).toBeGreaterThan(real / 3);
  });
});

test("generated passwords are long, unambiguous and different", () => {
  const a = generatePassword();
  expect(a).toMatch(/^[a-km-zA-HJ-NP-Y3-79]{5}(-[a-km-zA-HJ-NP-Y3-79]{5}){3}$/);
  expect(new Set(Array.from({ length: 50 }, generatePassword)).size).toBe(50);
});
