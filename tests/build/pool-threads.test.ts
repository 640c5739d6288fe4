/**
 * How a build shares the machine's cores between pass 1's pool and the card pool (scripts/build/pass1.ts).
 */
import { describe, expect, it } from "vitest";
import { buildPoolThreads } from "../../scripts/build/pass1.ts";

describe("buildPoolThreads", () => {
  it("shares the cores between the two pools when every document gets a card", () => {
    expect(buildPoolThreads(2, true)).toEqual({ pass1: 1, cards: 1 });
    expect(buildPoolThreads(8, true)).toEqual({ pass1: 4, cards: 4 });
    // An odd core goes to pass 1, which the rest of the build waits for.
    expect(buildPoolThreads(3, true)).toEqual({ pass1: 2, cards: 1 });
  });

  it("gives pass 1 every core when only the site's cards are drawn", () => {
    expect(buildPoolThreads(2, false).pass1).toBe(2);
    expect(buildPoolThreads(8, false).pass1).toBe(8);
  });

  it("never starts a pool without a thread", () => {
    expect(buildPoolThreads(1, true)).toEqual({ pass1: 1, cards: 1 });
    expect(buildPoolThreads(0, true)).toEqual({ pass1: 1, cards: 1 });
    expect(buildPoolThreads(0, false)).toEqual({ pass1: 1, cards: 1 });
  });
});
