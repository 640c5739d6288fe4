/**
 * URL slug from a title: lower case, Nordic letters transliterated the way
 * Norwegian and Swedish addresses spell them (æ→ae, ø→o, å→a, ä→a, ö→o, ü→u,
 * ß→ss, þ→th, ð→d), other accents dropped, everything else between words one
 * hyphen. At most 80 characters, cut at a hyphen. Empty when nothing is left.
 */
const TRANSLITERATION: Record<string, string> = {
  æ: "ae",
  ø: "o",
  å: "a",
  ä: "a",
  ö: "o",
  ü: "u",
  ß: "ss",
  þ: "th",
  ð: "d",
  œ: "oe",
  ł: "l",
  đ: "d",
  ı: "i",
};

export const MAX_SLUG = 80;

export function slugify(title: string): string {
  const lower = title.normalize("NFC").toLowerCase();
  const mapped = [...lower].map((char) => TRANSLITERATION[char] ?? char).join("");
  let slug = mapped
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/gu, "")
    .replace(/[^a-z0-9]+/gu, "-")
    .replace(/^-+|-+$/gu, "");
  if (slug.length > MAX_SLUG) {
    const cut = slug.lastIndexOf("-", MAX_SLUG);
    slug = slug.slice(0, cut > 20 ? cut : MAX_SLUG).replace(/-+$/u, "");
  }
  return slug;
}
