import { describe, expect, it } from "vitest";
import type { MovedPage } from "../../scripts/publish/moved.ts";
import { redirectsFile } from "../../scripts/publish/redirects.ts";

const moved = (url: string, movedTo: string) => ({ url, movedTo }) as MovedPage;

describe("redirectsFile", () => {
  it("writes a 301 a moved page, from its address to the document's, after two comment lines", () => {
    const text = redirectsFile([
      moved("/dokumenter/oslo/gammel/", "/dokumenter/oslo-sagene/ny/"),
      moved("/en/embed/oslo/gammel/", "/en/embed/oslo-sagene/ny/"),
    ]);
    const lines = text.split("\n");
    expect(lines.slice(0, 2).every((line) => line.startsWith("# "))).toBe(true);
    expect(lines.slice(2)).toEqual(["/dokumenter/oslo/gammel/ /dokumenter/oslo-sagene/ny/ 301", "/en/embed/oslo/gammel/ /en/embed/oslo-sagene/ny/ 301", ""]);
  });

  it("puts both addresses under the base path, as the hosts see them", () => {
    expect(redirectsFile([moved("/dokumenter/a/b/", "/dokumenter/a/c/")], "/lysark").split("\n")[2]).toBe(
      "/lysark/dokumenter/a/b/ /lysark/dokumenter/a/c/ 301",
    );
  });
});
