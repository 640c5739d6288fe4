/** Nordic letters spelled the way Norwegian and Swedish URLs usually spell them. */
const TRANSLITERATION: Record<string, string> = {
  æ: "ae", ø: "o", å: "a", ä: "a", ö: "o", ü: "u", é: "e", è: "e", ð: "d", þ: "th", ß: "ss",
};

/** "Forankring fryder! Sammen for en by" → "forankring-fryder-sammen-for-en-by". */
export function slugify(text: string, maxLength = 80): string {
  const ascii = text
    .toLowerCase()
    .replace(/[æøåäöüéèðþß]/g, (letter) => TRANSLITERATION[letter] ?? letter)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "");
  const slug = ascii.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  return cut.includes("-") ? cut.slice(0, cut.lastIndexOf("-")) : cut;
}
