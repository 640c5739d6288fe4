/**
 * Pagefind's data files decoded whole, for tests that compare bundles: "pagefind_dcd", then
 * CBOR of arrays, text, and positive and negative integers, gzip-compressed.
 */
/** A CBOR item, decoded whole (Pagefind's files hold arrays, text, and positive and negative integers). */
export function decodeCbor(bytes: Buffer, at = 0): [unknown, number] {
  const initial = bytes[at]!;
  const type = initial >> 5;
  const info = initial & 31;
  let value = info;
  let next = at + 1;
  if (info === 24) value = bytes[next++]!;
  else if (info === 25) value = bytes.readUInt16BE((next += 2) - 2);
  else if (info === 26) value = bytes.readUInt32BE((next += 4) - 4);
  if (type === 0) return [value, next];
  if (type === 1) return [-1 - value, next];
  if (type === 3) return [bytes.subarray(next, next + value).toString("utf8"), next + value];
  if (type === 4) {
    const items: unknown[] = [];
    for (let i = 0; i < value; i++) {
      const [item, end] = decodeCbor(bytes, next);
      items.push(item);
      next = end;
    }
    return [items, next];
  }
  throw new Error(`unexpected CBOR type ${type} at byte ${at}`);
}
