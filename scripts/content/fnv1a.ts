/** FNV-1a over a string's UTF-16 code units, unsigned 32 bits: a small, stable hash, the same on every machine and Node version. */
export function fnv1a(text: string): number {
  return fnv1aOf(text, 0, text.length);
}

/** `fnv1a(text.slice(start, end))`, without making the slice (a word of a 5 MB dictionary looked up where it lies). */
export function fnv1aOf(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
