import { describe, expect, it } from "vitest";
import { alternatesFor, urlFor } from "../../scripts/i18n/routes.ts";

describe("routes", () => {
  it("puts Norwegian at the root and English under /en/ with translated segments", () => {
    expect(urlFor("nb", { kind: "home" })).toBe("/");
    expect(urlFor("en", { kind: "home" })).toBe("/en/");
    expect(urlFor("nb", { kind: "topic", id: "likestilling" })).toBe("/tema/likestilling/");
    expect(urlFor("en", { kind: "topic", id: "likestilling" })).toBe("/en/topics/likestilling/");
    expect(urlFor("nb", { kind: "document", publisher: "oslo-sagene", slug: "x" })).toBe("/dokumenter/oslo-sagene/x/");
    expect(urlFor("en", { kind: "type", id: "presentation" })).toBe("/en/types/presentation/");
    expect(urlFor("nb", { kind: "type", id: "presentation" })).toBe("/typer/presentasjon/");
    expect(urlFor("nb", { kind: "year", year: null })).toBe("/ar/udatert/");
    expect(urlFor("en", { kind: "search" })).toBe("/en/search/");
  });

  it("lists the same page in every locale", () => {
    expect(alternatesFor({ kind: "publishers" })).toEqual([
      { locale: "nb", hreflang: "nb", url: "/utgivere/" },
      { locale: "en", hreflang: "en", url: "/en/publishers/" },
    ]);
  });
});
