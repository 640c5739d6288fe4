import { describe, expect, it } from "vitest";
import type { MovedPage } from "../../scripts/publish/moved.ts";
import { redirectsFile, SPLAT_RULES } from "../../scripts/publish/redirects.ts";

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

  it("writes one splat rule, last, for a renamed publisher's addresses of one kind, in place of the moves it covers", () => {
    const rules = redirectsFile(
      [
        moved("/dokumenter/sentrum/a/", "/dokumenter/testby-sentrum/a/"),
        moved("/dokumenter/sentrum/b/", "/dokumenter/testby-sentrum/b/"),
        // Renamed as it moved: the splat would send it elsewhere, so its own rule stays, first.
        moved("/dokumenter/sentrum/c/", "/dokumenter/testby-sentrum/c-2019/"),
      ],
      "/lysark",
      [
        { from: "/dokumenter/sentrum/", to: "/dokumenter/testby-sentrum/" },
        // It covers no move: no rule.
        { from: "/innebygd/sentrum/", to: "/innebygd/testby-sentrum/" },
      ],
    ).split("\n");
    expect(rules.slice(2)).toEqual([
      "/lysark/dokumenter/sentrum/c/ /lysark/dokumenter/testby-sentrum/c-2019/ 301",
      "/lysark/dokumenter/sentrum/* /lysark/dokumenter/testby-sentrum/:splat 301",
      "",
    ]);
  });

  it(`writes at most ${SPLAT_RULES} splat rules, for the prefixes that cover the most moves, and a rule per move for the rest`, () => {
    const moves = Array.from({ length: SPLAT_RULES + 1 }, (_, index) => moved(`/utgivere/gammel-${index}/`, `/utgivere/ny-${index}/`));
    // One old id has its feed too: its prefix covers two moves, so it is among the rules whatever the order.
    moves.push(moved(`/utgivere/gammel-${SPLAT_RULES}/feed.xml`, `/utgivere/ny-${SPLAT_RULES}/feed.xml`));
    const prefixes = Array.from({ length: SPLAT_RULES + 1 }, (_, index) => ({ from: `/utgivere/gammel-${index}/`, to: `/utgivere/ny-${index}/` }));
    const rules = redirectsFile(moves, "", prefixes)
      .split("\n")
      .filter((line) => line && !line.startsWith("#"));
    const splats = rules.filter((rule) => rule.includes("*"));
    expect(splats).toHaveLength(SPLAT_RULES);
    expect(splats[0]).toBe(`/utgivere/gammel-${SPLAT_RULES}/* /utgivere/ny-${SPLAT_RULES}/:splat 301`);
    // The one prefix left out keeps its move's own rule, before every splat.
    expect(rules.slice(0, -SPLAT_RULES)).toHaveLength(1);
    expect(rules[0]).toMatch(/^\/utgivere\/gammel-\d+\/ \/utgivere\/ny-\d+\/ 301$/);
  });

  it("puts both addresses under the base path, as the hosts see them", () => {
    expect(redirectsFile([moved("/dokumenter/a/b/", "/dokumenter/a/c/")], "/lysark").split("\n")[2]).toBe(
      "/lysark/dokumenter/a/b/ /lysark/dokumenter/a/c/ 301",
    );
  });
});
