/**
 * YAML parsing that can say where every value came from, so a schema error
 * on `keyFigures.0.value` can be reported at its line and column.
 *
 * Keeping positions costs: the `yaml` library's document tree is about five
 * times slower to build than js-yaml's plain values, and most files have no
 * problem to point at. So a plain file is read by js-yaml, and the positioned
 * `yaml` parse runs only when something needs a position (a problem) or when
 * js-yaml refuses the text, so syntax errors keep `yaml`'s wording exactly.
 */
import jsYaml from "js-yaml";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";

export interface Located {
  line: number;
  col: number;
}

export interface YamlSource {
  /** The parsed value (plain JS), or undefined when the YAML itself is broken. */
  value: unknown;
  /** Syntax errors, already positioned. */
  errors: Array<Located & { message: string }>;
  /** Where the value at a path (or its closest existing ancestor) starts. */
  locate(path: ReadonlyArray<PropertyKey>): Located & { exists: boolean };
  /** Where a mapping key is written (for unknown keys). */
  locateKey(path: ReadonlyArray<PropertyKey>, key: string): Located;
  /** Whether the slow, positioned parse has run (for tests: a clean file never needs it). */
  readonly positioned: boolean;
}

// Guards against "billion laughs": aliases that expand a small file into a huge value.
const MAX_ALIAS_COUNT = 100;
// Real front-matter nests a few levels; thousands of levels would overflow the parser's stack.
export const MAX_NESTING = 32;
const MAX_YAML_BYTES = 512 * 1024;

/**
 * Cheap pre-checks before parsing, so hostile input is refused quickly rather
 * than exhausting stack or memory inside the YAML parser.
 */
function shapeProblem(text: string): { offset: number; message: string } | undefined {
  if (text.length > MAX_YAML_BYTES) {
    return {
      offset: 0,
      message: `YAML is ${Math.round(text.length / 1024)} KB; the limit is ${MAX_YAML_BYTES / 1024} KB. In a document's front-matter, move long text into the Markdown body; a registry or a publisher file must hold fewer or shorter entries.`,
    };
  }
  let depth = 0;
  let quote: string | null = null;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === "\n") {
      lineStart = i + 1;
      quote = null;
      continue;
    }
    if (quote) {
      if (char === quote) quote = null;
      continue;
    }
    if (char === "#" && (i === lineStart || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf("\n", i);
      i = end === -1 ? text.length : end - 1;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === "[" || char === "{") depth++;
    else if (char === "]" || char === "}") depth = Math.max(0, depth - 1);
    else if (i === lineStart && (char === " " || char === "-")) {
      let indent = 0;
      while (text[i + indent] === " ") indent++;
      if (indent / 2 > MAX_NESTING)
        return { offset: i, message: `YAML is indented ${indent} spaces deep; front-matter may nest at most ${MAX_NESTING} levels.` };
      // "- - - x" is a list inside a list inside a list on one line: 20,000 of them overflowed the parser's stack.
      let dashes = 0;
      for (let at = i + indent; text[at] === "-" && (text[at + 1] === " " || text[at + 1] === "\t"); dashes++) {
        at += 2;
        while (text[at] === " " || text[at] === "\t") at++;
      }
      if (indent / 2 + dashes > MAX_NESTING)
        return {
          offset: i,
          message: `YAML nests more than ${MAX_NESTING} levels deep on this line (a list inside a list for each "- "). Front-matter fields need only a few levels.`,
        };
    }
    if (depth > MAX_NESTING) return { offset: i, message: `YAML nests more than ${MAX_NESTING} levels deep. Front-matter fields need only a few levels.` };
  }
  return undefined;
}

/**
 * js-yaml with exactly the YAML 1.2 core schema the `yaml` library uses (js-yaml's
 * own core schema also reads 0b101 and -0x1F as numbers, where `yaml` keeps text).
 */
const yamlCoreScalars = [
  new jsYaml.Type("tag:yaml.org,2002:null", {
    kind: "scalar",
    resolve: (data: string | null) => data === null || /^(?:~|[Nn]ull|NULL)?$/.test(data),
    construct: () => null,
  }),
  new jsYaml.Type("tag:yaml.org,2002:bool", {
    kind: "scalar",
    resolve: (data: string | null) => data !== null && /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(data),
    construct: (data: string) => data[0] === "t" || data[0] === "T",
  }),
  new jsYaml.Type("tag:yaml.org,2002:int", {
    kind: "scalar",
    resolve: (data: string | null) => data !== null && /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/.test(data),
    construct: (data: string) => {
      if (data.startsWith("0o")) return parseInt(data.slice(2), 8);
      if (data.startsWith("0x")) return parseInt(data.slice(2), 16);
      const n = parseInt(data.replace(/^[-+]/, ""), 10);
      return data.startsWith("-") ? -n : n;
    },
  }),
  new jsYaml.Type("tag:yaml.org,2002:float", {
    kind: "scalar",
    resolve: (data: string | null) =>
      data !== null &&
      /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/.test(data),
    construct: (data: string) => {
      if (/nan$/i.test(data)) return NaN;
      if (/inf$/i.test(data)) return data.startsWith("-") ? -Infinity : Infinity;
      return parseFloat(data);
    },
  }),
];
const FAST_SCHEMA = jsYaml.FAILSAFE_SCHEMA.extend({ implicit: yamlCoreScalars });

/**
 * Text the fast path leaves to `yaml`: anchors and aliases (their expansion limit),
 * tags, directives, complex, collection and null keys ({a: 1}: b, ~: b) and __proto__
 * keys, where the two libraries' results could differ. Matching more than needed only
 * costs time, never correctness.
 */
const NEEDS_FULL_PARSER = /(?:^|[\s[{,])[&*!?]|^%|[\]}]\s*:|(?:^|[\s{,])(?:~|[Nn]ull|NULL)\s*:|__proto__/m;

/** Plain values by js-yaml, or undefined when the text is better left to the positioned parse. */
function fastValue(text: string): { value: unknown } | undefined {
  if (NEEDS_FULL_PARSER.test(text) || shapeProblem(text)) return undefined;
  try {
    const value = jsYaml.load(text, { schema: FAST_SCHEMA });
    // `yaml` reads an empty or comment-only text as null, js-yaml as undefined.
    return { value: value === undefined ? null : value };
  } catch {
    return undefined;
  }
}

/**
 * Parses YAML; positions are worked out only when asked for. `firstLine` is the
 * line of the file the text starts on, so positions point into the whole file.
 */
export function parseYamlSource(text: string, firstLine = 1): YamlSource {
  const fast = fastValue(text);
  if (!fast) return parsePositioned(text, firstLine);
  let full: YamlSource | undefined;
  const positionedSource = () => (full ??= parsePositioned(text, firstLine));
  return {
    value: fast.value,
    errors: [],
    locate: (path) => positionedSource().locate(path),
    locateKey: (path, key) => positionedSource().locateKey(path, key),
    get positioned() {
      return full !== undefined;
    },
  };
}

/** The `yaml` library's words, where they are advice to a programmer, said for an editor. */
function editorMessage(message: string): string {
  if (message.startsWith("Source contains multiple documents"))
    return 'a line "---" starts a second YAML document here, and a file here holds one. Remove the line (a list goes on with "- ").';
  return message;
}

/** The `yaml` library's parse, keeping every node's offset for exact line and column. */
export function parsePositioned(text: string, firstLine = 1): YamlSource {
  const lineCounter = new LineCounter();
  const refused = shapeProblem(text);
  // A refused text is parsed as empty, so positions still resolve but nothing risky runs.
  const doc: Document = parseDocument(refused ? "" : text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toLocated = (offset: number): Located => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + firstLine - 1, col };
  };
  const errors = doc.errors.map((error) => ({ ...toLocated(error.pos[0]), message: editorMessage(error.message.split("\n")[0]!) }));
  if (refused) {
    const before = text.slice(0, refused.offset);
    const line = before.split("\n").length;
    errors.push({ line: line + firstLine - 1, col: refused.offset - before.lastIndexOf("\n"), message: refused.message });
  }

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
    positioned: true,
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
