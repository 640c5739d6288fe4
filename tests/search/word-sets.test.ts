/** The search phase's compact word sets (scripts/search/word-sets.ts): each record's words back, in order. */
import { describe, expect, it } from "vitest";
import { RecordWordSets } from "../../scripts/search/word-sets.ts";

describe("RecordWordSets", () => {
  it("gives each record its own words back, in the order they were added", () => {
    const sets = new RecordWordSets();
    const first = new Set(["kommune", "plan", "skole"]);
    const second = new Set(["skole", "kommunerna", "plan", "förskola"]);
    sets.add(first);
    sets.add(second);
    sets.add(new Set());
    expect(sets.length).toBe(3);
    expect([...sets.get(0)]).toEqual([...first]);
    expect([...sets.get(1)]).toEqual([...second]);
    expect(sets.get(2).size).toBe(0);
    expect([...sets].map((set) => [...set])).toEqual([[...first], [...second], []]);
    // Each word once, in the order a walk over every record meets it.
    expect(sets.distinct()).toEqual([...new Set([...first, ...second])]);
  });

  it("makes a new Set on each read, so a caller cannot change what is held", () => {
    const sets = new RecordWordSets();
    sets.add(new Set(["a", "b"]));
    sets.get(0).add("c");
    expect([...sets.get(0)]).toEqual(["a", "b"]);
  });

  it("refuses a record it does not have", () => {
    const sets = new RecordWordSets();
    sets.add(new Set(["a"]));
    expect(() => sets.get(1)).toThrow(/No word set for record 1 \(1 added\)/);
  });
});
