import { describe, expect, it } from "vitest";
import { growingParts, growingPartsLine } from "../../bench/growth.ts";

// Milliseconds: a part linear in the documents, one that costs their square, and one too small to count.
const size = (n: number) => ({
  n,
  wallMs: 10 * n,
  parts: { validate: 3 * n, "pages: publisher": (n * n) / 5000, "pages: feed": 0.001 * n * (n / 1000) },
});

describe("what grows faster than the archive", () => {
  it("names a part whose time per document grows, from the second size on, and not a linear or a tiny one", () => {
    const growth = growingParts([size(1000), size(5000), size(20000)])!;
    expect(growth.fromN).toBe(5000);
    expect(growth.toN).toBe(20000);
    expect(growth.parts.map((part) => part.name)).toEqual(["pages: publisher"]);
    expect(growth.parts[0]!.from).toBeCloseTo(1);
    expect(growth.parts[0]!.to).toBeCloseTo(4);
    expect(growingPartsLine(growth)).toBe(
      "info  time per document grows by more than 25 % (N = 5000 → 20000, parts of 1 % of the build or more): pages: publisher 1.00 → 4.00 ms (×4.0)",
    );
  });

  it("compares from the smallest size when there are two, and says when nothing grows", () => {
    const linear = (n: number) => ({ n, wallMs: 10 * n, parts: { validate: 3 * n, pages: 5 * n + 100 } });
    const growth = growingParts([linear(1000), linear(5000)])!;
    expect(growth.fromN).toBe(1000);
    expect(growth.parts).toEqual([]);
    expect(growingPartsLine(growth)).toBe(
      "info  no phase or page kind's time per document grows by more than 25 % (N = 1000 → 5000, parts of 1 % of the build or more)",
    );
    expect(growingParts([linear(1000)])).toBeUndefined();
  });

  it("orders the parts by how much they grew, and leaves out one the smaller build did not have", () => {
    const growth = growingParts([
      { n: 1000, wallMs: 10_000, parts: { a: 1000, b: 1000 } },
      { n: 2000, wallMs: 20_000, parts: { a: 3000, b: 5000, c: 5000 } },
    ])!;
    expect(growth.parts.map((part) => part.name)).toEqual(["b", "a"]);
  });
});
