/**
 * _headers for Netlify and Cloudflare Pages: the effective headers of a few
 * paths, computed the way each host combines the rules that match (Cloudflare
 * joins a repeated header with ", ", Netlify keeps the later rule's value),
 * with the embed views' rule that allows framing there only.
 */
import { describe, expect, it } from "vitest";
import { effectiveHeaders, headerRules, headersFile, parseHeadersFile, type HeaderRule } from "../../scripts/publish/headers.ts";

const HOSTS = ["netlify", "cloudflare"] as const;
const rules = parseHeadersFile(headersFile());

/** The policies a browser enforces: one per comma-separated CSP value, each a map of directives. */
function policies(header: string | undefined): Array<Map<string, string>> {
  if (!header) return [];
  return header.split(",").map(
    (policy) =>
      new Map(
        policy
          .split(";")
          .map((d) => d.trim())
          .filter(Boolean)
          .map((d) => {
            const [name, ...values] = d.split(/\s+/);
            return [name!.toLowerCase(), values.join(" ")] as [string, string];
          }),
      ),
  );
}
/** A page may be framed by another site when no policy says otherwise and X-Frame-Options is absent. */
function framable(headers: Record<string, string>): boolean {
  return (
    !headers["x-frame-options"] &&
    policies(headers["content-security-policy"]).every((policy) => !policy.has("frame-ancestors") || policy.get("frame-ancestors") === "*")
  );
}
/** Scripts are limited to the site itself when some enforced policy says so. */
function scriptsSelfOnly(headers: Record<string, string>): boolean {
  return policies(headers["content-security-policy"]).some(
    (policy) => policy.get("script-src") === "'self' 'wasm-unsafe-eval'" && policy.get("object-src") === "'none'",
  );
}

describe("_headers", () => {
  it("reads back as the rules it was written from", () => {
    expect(rules).toEqual(headerRules());
  });

  for (const host of HOSTS) {
    describe(`on ${host}`, () => {
      for (const path of [
        "/",
        "/index.html",
        "/dokumenter/stavanger/forankring/",
        "/en/documents/stavanger/forankring/",
        "/tema/likestilling/side/2/",
        "/en/search/",
        "/404.html",
        "/en/404.html",
        "/dokumenter/stavanger/forankring/original.pdf",
      ]) {
        it(`${path}: CSP, nosniff, referrer policy, no framing`, () => {
          const headers = effectiveHeaders(rules, path, host);
          expect(headers["x-content-type-options"]).toBe("nosniff");
          expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
          expect(scriptsSelfOnly(headers)).toBe(true);
          expect(framable(headers)).toBe(false);
        });
      }

      it("assets get nosniff and the policy too", () => {
        const headers = effectiveHeaders(rules, "/assets/site.css", host);
        expect(headers["x-content-type-options"]).toBe("nosniff");
        expect(scriptsSelfOnly(headers)).toBe(true);
      });

      it("the embed views' rule allows framing there, and only there, keeping the policy", () => {
        for (const path of ["/innebygd/stavanger/forankring/", "/en/embed/stavanger/forankring/"]) {
          const there = effectiveHeaders(rules, path, host);
          expect(framable(there), path).toBe(true);
          expect(scriptsSelfOnly(there)).toBe(true);
          expect(there["x-content-type-options"]).toBe("nosniff");
        }
        expect(framable(effectiveHeaders(rules, "/dokumenter/stavanger/forankring/", host))).toBe(false);
        expect(framable(effectiveHeaders(rules, "/en/documents/stavanger/forankring/", host))).toBe(false);
      });
    });
  }

  it("the two hosts really differ on a header set twice (the model is not trivially the same)", () => {
    const twice: HeaderRule[] = [
      { pattern: "/*", headers: [["X-Test", "a"]] },
      { pattern: "/x/*", headers: [["X-Test", "b"]] },
    ];
    expect(effectiveHeaders(twice, "/x/y", "cloudflare")["x-test"]).toBe("a, b");
    expect(effectiveHeaders(twice, "/x/y", "netlify")["x-test"]).toBe("b");
  });
});
