/**
 * Tables in a PDF, rebuilt from text positions. A PDF has no table structure
 * of its own (unless tagged, and few are); what it has is text set at
 * positions. A table is taken only where a clear grid is evident: at least
 * three consecutive lines split into the same number (≥ 2) of cells, each
 * column aligned on its left edge, right edge or centre. Lines set in columns
 * that do not form such a grid stay text and are reported, so the editor can
 * compare them with the PDF. Never a cell the PDF does not state.
 */

/** A run of text on one line, separated from its neighbours by a wide gap. */
export interface Cell {
  x: number;
  end: number;
  text: string;
}

/** A line of text with its cells (one cell for ordinary text). */
export interface GridLine {
  cells: Cell[];
}

export type Run<L> = { kind: "table"; lines: L[]; rows: string[][] } | { kind: "line"; line: L; columns: boolean };

/** A gap this many times the font size (or more) between two pieces of text on a line starts a new cell. */
export const CELL_GAP_EM = 1.2;
/** Points of slack when comparing column edges. */
const ALIGN_TOLERANCE = 3;
export const MIN_TABLE_ROWS = 3;

function aligned(a: Cell, b: Cell): boolean {
  return (
    Math.abs(a.x - b.x) <= ALIGN_TOLERANCE || Math.abs(a.end - b.end) <= ALIGN_TOLERANCE || Math.abs((a.x + a.end) / 2 - (b.x + b.end) / 2) <= ALIGN_TOLERANCE
  );
}

/** Two lines continue one grid: same number of cells, and every column lines up. */
function sameGrid(a: GridLine, b: GridLine): boolean {
  return a.cells.length === b.cells.length && a.cells.every((c, i) => aligned(c, b.cells[i]!));
}

/**
 * Groups lines into tables and single lines, in order. A line with several
 * cells that is not part of a table is marked `columns: true` (kept as text, reported).
 */
export function findTables<L extends GridLine>(lines: L[]): Run<L>[] {
  const out: Run<L>[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = lines[i]!;
    if (first.cells.length < 2) {
      out.push({ kind: "line", line: first, columns: false });
      i++;
      continue;
    }
    let j = i + 1;
    while (j < lines.length && sameGrid(lines[j - 1]!, lines[j]!)) j++;
    if (j - i >= MIN_TABLE_ROWS) {
      const run = lines.slice(i, j);
      out.push({ kind: "table", lines: run, rows: run.map((l) => l.cells.map((c) => c.text)) });
      i = j;
    } else {
      for (const line of lines.slice(i, j)) out.push({ kind: "line", line, columns: true });
      i = j;
    }
  }
  return out;
}
