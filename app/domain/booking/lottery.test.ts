import { randomInt } from "node:crypto";
import { describe, expect, test } from "vitest";
import { drawLottery, type DrawRequest, type RandomInt } from "./lottery";

/** A small deterministic generator (mulberry32), so that failures can be reproduced. */
function seeded(seed: number): RandomInt {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const requests = (urgent: number, normal: number): DrawRequest[] => [
  ...Array.from({ length: urgent }, (_, i) => ({ id: i + 1, urgent: true })),
  ...Array.from({ length: normal }, (_, i) => ({ id: urgent + i + 1, urgent: false })),
];

describe("drawLottery", () => {
  test("every place goes to exactly one request and every request is either drawn or not", () => {
    const all = requests(3, 20);
    const result = drawLottery(10, all, 30, seeded(1));
    expect(result.winners).toHaveLength(10);
    expect(new Set(result.winners.map((w) => w.place))).toEqual(new Set([...Array(10).keys()]));
    expect(new Set(result.winners.map((w) => w.requestId)).size).toBe(10);
    expect(result.losers).toHaveLength(13);
    expect(new Set([...result.losers, ...result.winners.map((w) => w.requestId)]).size).toBe(23);
  });

  test("the reserved share goes to urgent requests first (rounded down)", () => {
    // 10 places, 30 % → 3 reserved; 3 urgent requests among 50: all three always win.
    for (let seed = 0; seed < 200; seed++) {
      const result = drawLottery(10, requests(3, 47), 30, seeded(seed));
      expect(result.reserved).toBe(3);
      const won = new Set(result.winners.map((w) => w.requestId));
      expect([1, 2, 3].every((id) => won.has(id))).toBe(true);
    }
  });

  test("fewer urgent requests than reserved places: the rest is drawn among everyone", () => {
    const result = drawLottery(10, requests(1, 30), 50, seeded(7));
    expect(result.winners).toHaveLength(10);
    expect(result.winners.map((w) => w.requestId)).toContain(1);
  });

  test("urgent requests beyond the reserved share still take part in the general draw", () => {
    // 2 places, 50 % → 1 reserved; with only urgent requests both places go to urgent people.
    const result = drawLottery(2, requests(5, 0), 50, seeded(3));
    expect(result.winners).toHaveLength(2);
  });

  test("more places than requests: everyone wins, places stay free", () => {
    const result = drawLottery(10, requests(1, 2), 20, seeded(5));
    expect(result.winners).toHaveLength(3);
    expect(result.losers).toEqual([]);
  });

  test("no places or no requests", () => {
    expect(drawLottery(0, requests(2, 2), 50, seeded(1))).toEqual({ winners: [], losers: [1, 2, 3, 4], reserved: 0 });
    expect(drawLottery(5, [], 50, seeded(1))).toEqual({ winners: [], losers: [], reserved: 2 });
  });

  test("the order of requests gives no advantage: each request wins about equally often", () => {
    const all = requests(0, 10);
    const wins = new Map<number, number>();
    const rounds = 20_000;
    for (let i = 0; i < rounds; i++) {
      for (const w of drawLottery(3, all, 0, randomInt).winners) wins.set(w.requestId, (wins.get(w.requestId) ?? 0) + 1);
    }
    // Expected 6,000 wins each (3 of 10); allow a generous ±6 % for randomness.
    for (const id of all.map((r) => r.id)) {
      expect(wins.get(id)).toBeGreaterThan(5_640);
      expect(wins.get(id)).toBeLessThan(6_360);
    }
  });

  test("refuses nonsense input", () => {
    expect(() => drawLottery(-1, [], 0, seeded(1))).toThrow();
    expect(() => drawLottery(1, [], 101, seeded(1))).toThrow();
  });
});
