import { describe, expect, it } from "vitest";
import { findTables, type GridLine } from "../../../scripts/importer/originals/pdf-tables.js";

/** A line whose cells start at the given x positions, each 30 points wide. */
const line = (...cells: [string, number][]): GridLine => ({ cells: cells.map(([text, x]) => ({ text, x, end: x + 30 })) });

describe("tables from text positions", () => {
  it("takes three rows with the same aligned columns as a table", () => {
    const runs = findTables([
      line(["a", 50]),
      line(["År", 50], ["Tall", 200]),
      line(["2009", 50], ["12", 200]),
      line(["2010", 51], ["13", 201]),
      line(["z", 50]),
    ]);
    expect(runs.map((r) => r.kind)).toEqual(["line", "table", "line"]);
    expect(runs[1]).toMatchObject({
      rows: [
        ["År", "Tall"],
        ["2009", "12"],
        ["2010", "13"],
      ],
    });
  });

  it("accepts columns aligned on their right edge (numbers) or centre", () => {
    const right = (text: string, x: number, end: number) => ({ text, x, end });
    const rows: GridLine[] = [
      { cells: [right("Navn", 50, 80), right("Antall", 200, 240)] },
      { cells: [right("Skole", 50, 78), right("12", 228, 240)] },
      { cells: [right("Barnehage", 50, 110), right("1 200", 212, 240)] },
    ];
    expect(findTables(rows).map((r) => r.kind)).toEqual(["table"]);
  });

  it("keeps two rows, or rows whose columns do not line up, as text marked as columns", () => {
    const two = findTables([line(["a", 50], ["b", 200]), line(["c", 50], ["d", 200])]);
    expect(two).toEqual([expect.objectContaining({ kind: "line", columns: true }), expect.objectContaining({ kind: "line", columns: true })]);
    const ragged = findTables([line(["a", 50], ["b", 200]), line(["c", 50], ["d", 260]), line(["e", 50], ["f", 320])]);
    expect(ragged.every((r) => r.kind === "line" && r.columns)).toBe(true);
    const counts = findTables([line(["a", 50], ["b", 200]), line(["c", 50], ["d", 200], ["e", 300]), line(["f", 50], ["g", 200])]);
    expect(counts.some((r) => r.kind === "table")).toBe(false);
  });
});
