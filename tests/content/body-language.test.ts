/** The schema accepts any BCP 47 code for a document's body language (issue 16); the UI stays nb/en. */
import { describe, expect, it } from "vitest";
import { bodyLanguage } from "../../scripts/content/schema.ts";

describe("document language", () => {
  it.each(["nb", "nn", "sv", "da", "en", "de", "pl", "cs", "fi", "se", "pt-BR", "sr-Latn"])("accepts %s", (code) => {
    expect(bodyLanguage.safeParse(code).success).toBe(true);
  });
  it.each(["", "Deutsch", "pt-br", "de_DE", "x", "de-", "nb no"])("refuses %j with a clear message", (code) => {
    const result = bodyLanguage.safeParse(code);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toMatch(/BCP 47 language code .* e\.g\. "nb", "sv", "de"/u);
  });
  it("says which code to write for a non-canonical one, and refuses Norwegian without its written standard", () => {
    expect(bodyLanguage.safeParse("pt-br").error!.issues[0]!.message).toMatch(/write "pt-BR"/u);
    expect(bodyLanguage.safeParse("no").error!.issues[0]!.message).toBe(
      '"no" is not allowed. Did you mean "nb"? Norwegian is written nb (bokmål) or nn (nynorsk).',
    );
  });
});
