/**
 * tests/helpers/byte-equality.ts: every test file compares byte arrays at once, and the answers are
 * the ones Vitest's own rules give.
 */
import { afterEach, expect, it, vi } from "vitest";

afterEach(() => {
  vi.restoreAllMocks();
});

it("compares two Buffers at once, before Vitest's own rules", () => {
  const compare = vi.spyOn(Buffer, "compare");
  const page = Buffer.from("<p>Tønsberg – Jūba</p>\n".repeat(2000));
  expect(Buffer.from(page)).toEqual(page);
  expect(new Map([["index.html", Buffer.from(page)]])).toStrictEqual(new Map([["index.html", page]]));
  expect(compare).toHaveBeenCalledTimes(2);
});

it("tells different bytes apart, alone and inside Maps and objects", () => {
  expect(Buffer.from("abc")).not.toEqual(Buffer.from("abd"));
  expect(Buffer.from("abc")).not.toEqual(Buffer.from("abcd"));
  expect(new Map([["a.png", Buffer.from([1, 2])]])).not.toEqual(new Map([["a.png", Buffer.from([1, 3])]]));
  expect({ bytes: new Uint8Array([1, 2]) }).toEqual({ bytes: new Uint8Array([1, 2]) });
  expect({ bytes: new Uint8Array([1, 2]) }).not.toEqual({ bytes: new Uint8Array([2, 1]) });
  // A view compares its own bytes, not the memory around it.
  expect(Buffer.from("xxabcxx").subarray(2, 5)).toEqual(Buffer.from("abc"));
  expect(() => expect(Buffer.from("abc")).toEqual(Buffer.from("abd"))).toThrow(/expected/);
});

it("leaves a Buffer beside another kind of array to Vitest's rules", () => {
  const compare = vi.spyOn(Buffer, "compare");
  expect(Buffer.from([1, 2])).not.toStrictEqual(new Uint8Array([1, 2]));
  expect(Buffer.from([1, 2])).not.toEqual([1, 2]);
  expect(compare).not.toHaveBeenCalled();
});
