/**
 * A publisher's links to another (scripts/content/load.ts): `parent`, the city a district belongs to, and `successor`,
 * the publisher a merged one became part of. Each must name a publisher there is, and neither may go round in a loop.
 */
import { describe, expect, it } from "vitest";
import { useContentCheck } from "../helpers/fixture.ts";

const { check } = useContentCheck();
const publisher = (id: string, extra = "") => `id: ${id}\nnames: { nb: ${id}, en: ${id} }\ncountry: NO\nkind: kommune\n${extra}`;

describe("a publisher's parent and successor", () => {
  it("are taken as written", () => {
    const result = check({ "content/gamleby/_publisher.yaml": publisher("gamleby", "successor: testby\n") });
    expect(result.lines).toEqual([]);
    expect(result.site.publishers.find((entry) => entry.id === "gamleby")?.successor).toBe("testby");
  });

  it("name a publisher there is, with the closest id, or the one an old id moved to", () => {
    const { lines } = check({
      "content/gamleby/_publisher.yaml": publisher("gamleby", "successor: testbyy\n"),
      "content/nyby/_publisher.yaml": publisher("nyby", "parent: testbyy\n"),
      "content/testby-sentrum/_publisher.yaml": publisher("testby-sentrum", "successor: sentrum\n"),
      "content/samlet/_publisher.yaml": publisher("samlet", "movedFrom: [sentrum]\n"),
    });
    expect(lines).toEqual([
      'content/gamleby/_publisher.yaml:5:12 successor: unknown publisher "testbyy". Did you mean "testby"?',
      'content/nyby/_publisher.yaml:5:9 parent: unknown publisher "testbyy". Did you mean "testby"?',
      'content/testby-sentrum/_publisher.yaml:5:12 successor: "sentrum" has moved to samlet (content/samlet/_publisher.yaml lists it in movedFrom). Write successor: samlet.',
    ]);
  });

  it("refuse a loop, one's own id included", () => {
    const { lines } = check({
      "content/gamleby/_publisher.yaml": publisher("gamleby", "successor: nyby\n"),
      "content/nyby/_publisher.yaml": publisher("nyby", "successor: gamleby\n"),
      "content/testby/_publisher.yaml": publisher("testby", "parent: testby\n"),
    });
    expect(lines).toEqual([
      "content/gamleby/_publisher.yaml:5:12 successor: publishers form a loop (gamleby → nyby → gamleby). A publisher cannot become part of one that became part of it.",
      "content/nyby/_publisher.yaml:5:12 successor: publishers form a loop (nyby → gamleby → nyby). A publisher cannot become part of one that became part of it.",
      "content/testby/_publisher.yaml:5:9 parent: publishers form a loop (testby → testby). A parent must not be one of its own districts.",
    ]);
  });

  it("say nothing of a publisher whose own file has the error", () => {
    const { lines } = check({
      "content/gamleby/_publisher.yaml": publisher("gamleby", "successor: nyby\n"),
      "content/nyby/_publisher.yaml": "id: nyby\nnames: { nb: Nyby }\n",
    });
    expect(lines.filter((line) => line.startsWith("content/gamleby/"))).toEqual([]);
    expect(lines.some((line) => line.startsWith("content/nyby/_publisher.yaml"))).toBe(true);
  });
});
