/** CSV and JSON: dialect per locale, RFC 4180 quoting, byte-order mark, stable columns. */
import { describe, expect, it } from "vitest";
import { COLUMNS, CSV_DIALECTS, csvPieces, type DataRow, jsonPieces, toCsv, toJson } from "../../scripts/keyfigures/downloads.ts";

const row = (over: Partial<DataRow> = {}): DataRow => ({
  ...(Object.fromEntries(COLUMNS.map((column) => [column, null])) as DataRow),
  publisher_id: "stavanger",
  publisher_name: "Stavanger kommune",
  indicator_id: "immigrant-share",
  indicator_label: "Andel innvandrere",
  unit: "percent",
  kind: "percent",
  value: 17.7,
  approximate: false,
  document_date: "unknown",
  is_latest: true,
  document_id: "stavanger/x",
  document_title: "Forankring fryder!",
  document_url: "/dokumenter/stavanger/x/",
  slide: 4,
  slide_url: "/dokumenter/stavanger/x/#slide-4",
  ...over,
});

describe("CSV", () => {
  it("starts with a UTF-8 byte-order mark, ends lines with CRLF, and has the documented header", () => {
    const csv = toCsv("en", [row()], "https://lysark.test");
    expect(csv.startsWith("\uFEFFpublisher_id,publisher_name,indicator_id,")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.split("\r\n")).toHaveLength(3);
    expect(csv.split("\r\n")[0]).toBe(`\uFEFF${COLUMNS.join(",")}`);
  });

  it("uses ; and a decimal comma for Norwegian spreadsheets, , and a point for English", () => {
    expect(CSV_DIALECTS).toEqual({ nb: { delimiter: ";", decimal: "," }, en: { delimiter: ",", decimal: "." } });
    const nb = toCsv("nb", [row()], "https://lysark.test").split("\r\n")[1]!;
    const en = toCsv("en", [row()], "https://lysark.test").split("\r\n")[1]!;
    expect(nb).toBe(
      "stavanger;Stavanger kommune;immigrant-share;Andel innvandrere;percent;percent;;;17,7;;;false;;unknown;;true;;;stavanger/x;Forankring fryder!;https://lysark.test/dokumenter/stavanger/x/;4;https://lysark.test/dokumenter/stavanger/x/#slide-4",
    );
    expect(en).toContain(",17.7,,,false,,unknown,,true,");
  });

  it("writes numbers without grouping or exponents", () => {
    const line = toCsv("nb", [row({ value: 32000, comparison_value: 0.000001, value_min: -1250.5 })], "").split("\r\n")[1]!;
    expect(line).toContain(";32000;-1250,5;");
    expect(line).toContain(";0,000001;");
  });

  it("writes every number as Intl's plain format does, the integers written faster included", () => {
    const plain = new Intl.NumberFormat("en-US", { useGrouping: false, maximumFractionDigits: 20 });
    const values = [0, -0, 7, -7, 2 ** 53 - 1, 2 ** 53, -(2 ** 53), 1e21, 1e-7, 0.1 + 0.2, 123456.789, -1250.5, 5e-324, Number.MAX_VALUE];
    for (let seed = 1; values.length < 200; seed = (seed * 48271) % 2147483647) values.push((seed / 2147483647 - 0.5) * 10 ** (seed % 12));
    for (const value of values) {
      const cell = toCsv("en", [row({ value })], "")
        .split("\r\n")[1]!
        .split(",")[8];
      expect(cell, String(value)).toBe(plain.format(value));
    }
  });

  it("quotes fields holding the delimiter, quotes or line breaks, doubling quotes (RFC 4180)", () => {
    const nb = toCsv("nb", [row({ breakdown_label: 'Bosnia "og" Hercegovina', scope: "Sør-Sudan; Sudan", document_title: "To\nlinjer" })], "")
      .split("\r\n")
      .slice(1)
      .join("\r\n");
    expect(nb).toContain(';"Sør-Sudan; Sudan";"Bosnia ""og"" Hercegovina";');
    expect(nb).toContain(';"To\nlinjer";');
    const en = toCsv("en", [row({ scope: "Sør-Sudan; Sudan", publisher_name: "Oslo, Sagene" })], "").split("\r\n")[1]!;
    expect(en).toContain(",Sør-Sudan; Sudan,");
    expect(en).toContain(',"Oslo, Sagene",');
  });

  it("keeps text from running as a spreadsheet formula", () => {
    const line = toCsv("en", [row({ breakdown_label: '=HYPERLINK("http://x")', scope: "+47", value: -3 })], "").split("\r\n")[1]!;
    expect(line).toContain(`,'+47,"'=HYPERLINK(""http://x"")",-3,`);
  });

  it("keeps Norwegian letters as UTF-8", () => {
    const bytes = Buffer.from(toCsv("nb", [row({ publisher_name: "Bærum – Østre Årvoll" })], ""), "utf8");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toContain("Bærum – Østre Årvoll");
  });
});

describe("JSON", () => {
  it("holds the same columns as keys in order, numbers as numbers and empty cells as null", () => {
    const data = JSON.parse(toJson("en", "Key figures", [row()], "https://lysark.test"));
    expect(data.title).toBe("Key figures");
    expect(data.locale).toBe("en");
    expect(data.columns).toEqual([...COLUMNS]);
    expect(Object.keys(data.rows[0])).toEqual([...COLUMNS]);
    expect(data.rows[0]).toMatchObject({
      value: 17.7,
      value_min: null,
      approximate: false,
      slide: 4,
      document_url: "https://lysark.test/dokumenter/stavanger/x/",
    });
  });

  it("is the same text every time", () => {
    expect(toJson("nb", "T", [row()], "")).toBe(toJson("nb", "T", [row()], ""));
    expect(toJson("nb", "T", [row()], "").endsWith("}\n")).toBe(true);
  });
});

describe("written in pieces", () => {
  const rows = [
    row(),
    row({ document_title: 'To\nlinjer og "sitat"', breakdown_label: "Sør-Sudan – Jūba 🇸🇸", value: null, value_min: -1.5, value_max: 2 }),
    row({ publisher_name: "Bærum", slide_url: null, is_latest: false }),
  ];
  // Not a cell a build makes, but JSON.stringify's rule holds: a key without a value is left out.
  const unwritable = row({ scope: undefined as unknown as null, value: -0 });

  it("the JSON is, byte for byte, what JSON.stringify of the whole table writes, a row a piece", () => {
    for (const some of [[], rows.slice(0, 1), rows, [...rows, unwritable]]) {
      const whole = {
        title: "Nøkkeltall",
        locale: "nb",
        columns: COLUMNS,
        rows: some.map((one) =>
          Object.fromEntries(
            COLUMNS.map((column) => [column, column.endsWith("_url") && typeof one[column] === "string" ? `https://x.test${one[column]}` : one[column]]),
          ),
        ),
      };
      const pieces = [...jsonPieces("nb", "Nøkkeltall", some, "https://x.test")];
      expect(pieces.join("")).toBe(`${JSON.stringify(whole, null, 2)}\n`);
      expect(pieces).toHaveLength(some.length + 1);
    }
  });

  it("the CSV is a line a piece, its lines those of one text", () => {
    const pieces = [...csvPieces("nb", rows, "")];
    expect(pieces).toHaveLength(rows.length + 1);
    expect(pieces.every((piece) => piece.endsWith("\r\n"))).toBe(true);
    expect(pieces.join("")).toBe(toCsv("nb", rows, ""));
    expect(toCsv("nb", [], "")).toBe(`\uFEFF${COLUMNS.join(";")}\r\n`);
  });
});
