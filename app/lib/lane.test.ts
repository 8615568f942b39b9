import { describe, expect, test } from "vitest";
import { Lane } from "./lane";

const tick = () => new Promise((r) => setTimeout(r, 1));

describe("Lane", () => {
  test("never runs more than its width at once, and starts waiting tasks in order", async () => {
    const lane = new Lane(3);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        lane.run(async () => {
          started.push(i);
          most = Math.max(most, ++running);
          await tick();
          running--;
          return i;
        }),
      ),
    );
    expect(most).toBe(3);
    expect(started).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  test("a failing task gives its place back and its error to its caller", async () => {
    const lane = new Lane(1);
    await expect(lane.run(async () => Promise.reject(new Error("refused")))).rejects.toThrow("refused");
    expect(await lane.run(async () => "next")).toBe("next");
    const results = await Promise.allSettled([
      lane.run(async () => {
        throw new Error("a");
      }),
      lane.run(async () => "b"),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled"]);
  });
});
