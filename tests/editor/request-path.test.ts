/** The dev server's guard for request paths its own file lookup would throw on (scripts/editor/request-path.ts). */
import { describe, expect, it } from "vitest";
import { BAD_REQUEST_TARGET, servableTarget, unservablePath } from "../../scripts/editor/request-path.ts";

describe("unservablePath", () => {
  it("passes the site's own paths, encoded or not, with a query", () => {
    for (const url of ["/", "/en/", "/stavanger/forankring-fryder/?slide=3", "/media/rapport%20endelig.pdf", "/s%C3%B8k/", "/.11ty/reload-client.js"])
      expect(unservablePath(url), url).toBeUndefined();
  });

  it("refuses a path that does not decode, leads to a parent folder once decoded, or holds NUL", () => {
    expect(unservablePath("/%zz")).toMatch(/% that is not followed by two hexadecimal digits/u);
    for (const url of ["/..%2fpackage.json", "/.11ty/..%2f..%2fpackage.json", "/a/%2e%2e/%2e%2e/etc/passwd", "/..%5cpackage.json", "/../x"])
      expect(unservablePath(url), url).toBe("the path leads to a parent folder");
    expect(unservablePath("/a%00.html")).toBe("the path holds a NUL character");
    expect(unservablePath("http://evil.example/")).toBe("the path does not start with /");
  });
});

describe("servableTarget", () => {
  it("keeps a path, and points a target that is no path at the page that answers 400, under the base path", () => {
    expect(servableTarget("/en/?q=1", "")).toBe("/en/?q=1");
    expect(servableTarget("*", "")).toBe(BAD_REQUEST_TARGET);
    expect(servableTarget("http://127.0.0.1:8080/", "/lysark")).toBe(`/lysark${BAD_REQUEST_TARGET}`);
  });
});
