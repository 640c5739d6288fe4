/** `npm run build`'s arguments, as build options: the cache flags and their clash. */
import { describe, expect, it } from "vitest";
import { buildOptionsFromArgs } from "../../scripts/cli/build-args.ts";

describe("npm run build's arguments", () => {
  it("uses the cache and trusts kept pages' stamps by default", () => {
    expect(buildOptionsFromArgs([], "/site")).toMatchObject({ cache: true, verifyCache: false });
  });

  it("--verify-cache reads every kept page; --no-cache uses no cache", () => {
    expect(buildOptionsFromArgs(["--verify-cache"], "/site")).toMatchObject({ cache: true, verifyCache: true });
    expect(buildOptionsFromArgs(["--no-cache"], "/site")).toMatchObject({ cache: false, verifyCache: false });
  });

  it("refuses both at once, saying why", () => {
    expect(() => buildOptionsFromArgs(["--no-cache", "--verify-cache"], "/site")).toThrow(/--no-cache and --verify-cache.*nothing to verify/);
  });
});
