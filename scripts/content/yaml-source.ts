/**
 * YAML parsing that remembers where every value came from, so a schema error
 * on `keyFigures.0.value` can be reported at its line and column.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";

export interface Located { line: number; col: number }

export interface YamlSource {
  /** The parsed value (plain JS), or undefined when the YAML itself is broken. */
  value: unknown;
  /** Syntax errors, already positioned. */
  errors: Array<Located & { message: string }>;
  /** Where the value at a path (or its closest existing ancestor) starts. */
  locate(path: ReadonlyArray<PropertyKey>): Located & { exists: boolean };
  /** Where a mapping key is written (for unknown keys). */
  locateKey(path: ReadonlyArray<PropertyKey>, key: string): Located;
}

// Guards against "billion laughs": aliases that expand a small file into a huge value.
const MAX_ALIAS_COUNT = 100;

export function parseYamlSource(text: string, firstLine = 1): YamlSource {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toLocated = (offset: number): Located => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + firstLine - 1, col };
  };
  const errors = doc.errors.map((error) => ({ ...toLocated(error.pos[0]), message: error.message.split("\n")[0]! }));

  let value: unknown;
  if (errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      errors.push({ ...toLocated(0), message: (error as Error).message });
    }
  }

  const nodeAt = (path: ReadonlyArray<PropertyKey>): { node: Node | null; exists: boolean } => {
    let node: unknown = doc.contents;
    for (const key of path) {
      const child = isMap(node) || isSeq(node) ? node.get(key as string | number, true) : undefined;
      if (child === undefined || child === null) return { node: node as Node | null, exists: false };
      node = child;
    }
    return { node: node as Node | null, exists: true };
  };

  return {
    value,
    errors,
    locate(path) {
      const { node, exists } = nodeAt(path);
      return { ...toLocated(node?.range?.[0] ?? 0), exists };
    },
    locateKey(path, key) {
      const { node } = nodeAt(path);
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === key);
        if (pair && isScalar(pair.key) && pair.key.range) return toLocated(pair.key.range[0]);
      }
      return toLocated(node?.range?.[0] ?? 0);
    },
  };
}
