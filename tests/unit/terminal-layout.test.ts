/**
 * Tables that fit the terminal, and bars beside the numbers (issue #16):
 * display widths, wrapping, the column fitting and the bar strings, each
 * pinned exactly.
 */
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { barCell, barWidth } from "../../src/cli/render/bars.js";
import { type Grid, drawTable, fitColumns, share } from "../../src/cli/render/grid.js";
import { displayWidth, wrapText } from "../../src/cli/render/text-width.js";

const plain = new Chalk({ level: 0 });
const term = (width: number | undefined, unicode = false) => ({ color: plain, width, unicode });
const widest = (text: string) => Math.max(...text.split("\n").map(displayWidth));

describe("display width", () => {
  it.each<[string, number]>([
    ["INV-001", 7],
    ["US ← CA", 7], // the arrow is one column
    ["日本", 4], // East Asian wide: two columns each
    ["e\u0301", 1], // a combining accent takes none
    ["█▌│", 3],
    ["😀", 2],
  ])("%s is %i columns", (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe("wrapping", () => {
  it.each<[string, number, string[]]>([
    ["us-ieepa-canada 35% on value 10000.00 = 3500.00", 20, ["us-ieepa-canada 35%", "on value 10000.00 =", "3500.00"]],
    // a word longer than the line breaks after its punctuation, not in the middle of a name
    ["steel_construction_fasteners", 16, ["steel_", "construction_", "fasteners"]],
    ["us-232-2025-aluminum-derivatives-04", 14, ["us-232-2025-", "aluminum-", "derivatives-04"]],
    // without punctuation, at the width
    ["abcdefghijkl", 5, ["abcde", "fghij", "kl"]],
    // the text's own lines stay
    ["short\nalso short", 20, ["short", "also short"]],
  ])("%j at %i columns", (text, width, lines) => {
    expect(wrapText(text, width)).toEqual(lines);
  });

  it("hangs the continuation of a line under its first, so that a cell's own lines stand out", () => {
    expect(wrapText("us-232-timber-lumber 10% on value 10000.00 = 1000.00\nus-ad-softwood-lumber 20.56%", 24, 2)).toEqual([
      "us-232-timber-lumber 10%",
      "  on value 10000.00 =",
      "  1000.00",
      "us-ad-softwood-lumber",
      "  20.56%",
    ]);
  });
});

describe("bars", () => {
  it.each<[string, number, number, number, boolean, boolean, string]>([
    // 687.50 of 11687.50 on 16 columns: 0.94 columns → 8 eighths = one full block
    ["small, Unicode", 687.5, 11687.5, 16, false, true, "█               "],
    // 4243.83 / 11687.50 × 16 = 5.81 columns → 46 eighths = 5 blocks and ▊
    ["a fraction, Unicode", 4243.83, 11687.5, 16, false, true, "█████▊          "],
    ["the largest fills the width", 11687.5, 11687.5, 8, false, true, "████████"],
    ["zero draws nothing", 0, 100, 8, false, true, "        "],
    // not on a UTF-8 terminal: whole columns of #, a value above zero at least one
    ["ASCII", 4243.83, 11687.5, 16, false, false, "######          "],
    ["ASCII, tiny", 1, 11687.5, 16, false, false, "#               "],
    // signed: an axis in the middle, 10 columns a side; +3500 of 3500 fills the right
    ["signed, positive, Unicode", 3500, 3500, 21, true, true, "          │██████████"],
    // -1000 of 3500: 2.86 columns → 6 halves = 3 blocks to the left of the axis
    ["signed, negative, Unicode", -1000, 3500, 21, true, true, "       ███│          "],
    // -1200 of 3500: 3.43 columns → 7 halves = ▐ and 3 blocks
    ["signed, negative, a half", -1200, 3500, 21, true, true, "      ▐███│          "],
    ["signed, ASCII", -1000, 3500, 21, true, false, "       ###|          "],
    ["signed, zero", 0, 3500, 21, true, false, "          |          "],
  ])("%s", (_name, value, max, width, signed, unicode, expected) => {
    expect(barCell(value, max, width, signed, unicode)).toBe(expected);
    expect(displayWidth(expected)).toBe(width);
  });

  it("signed bars take an odd width, the axis in the middle, never more than the room given", () => {
    expect([barWidth({ signed: true }, 20), barWidth({ signed: true }, 21), barWidth({ signed: false }, 20)]).toEqual([19, 21, 20]);
    expect([barWidth({ signed: true }, undefined), barWidth({ signed: false }, undefined)]).toEqual([21, 20]);
  });
});

describe("sharing the room left", () => {
  it("first makes whole the columns that need least, then shares in proportion", () => {
    // 10 to share: column 0 needs 2 (given), columns 1 and 2 need 20 and 60 (8 left: 2 and 6)
    expect(share([5, 10, 10], [7, 30, 70], 10)).toEqual([7, 12, 16]);
    expect(share([5, 10], [5, 10], 10)).toEqual([5, 10]);
  });
});

// A small grid, like calc's lines table: an amount never broken, a text cell that wraps, columns that may go.
const GRID: Grid = {
  title: "Lines",
  columns: ["Line", "Id", "Sector", "Duties", "Duty", "Exempt or excluded"],
  numeric: [true, false, false, false, true, false],
  rows: [
    ["2", "INV-001", "steel_construction_fasteners", "us-232-steel 50% on content 1200.00 = 600.00", "600.00", "us-ieepa-canada: excluded by us-232-steel"],
    ["3", "INV-002", "other_goods", "us-ieepa-canada 35% on value 10000.00 = 3500.00", "3500.00", ""],
  ],
  drop: [5, 2],
};

describe("a table fitted to the terminal", () => {
  it("in a pipe (no width): every column at its natural width", () => {
    const out = drawTable(GRID, term(undefined));
    expect(widest(out)).toBe(153);
    expect(out).toContain("│ us-ieepa-canada: excluded by us-232-steel │");
  });

  it("at 80 columns: the column named first is left out, long cells wrap, and a note says what is missing", () => {
    expect(drawTable(GRID, term(80))).toBe(
      [
        "Lines",
        "┌──────┬─────────┬─────────────────────┬─────────────────────────────┬─────────┐",
        "│ Line │ Id      │ Sector              │ Duties                      │    Duty │",
        "├──────┼─────────┼─────────────────────┼─────────────────────────────┼─────────┤",
        "│    2 │ INV-001 │ steel_construction_ │ us-232-steel 50% on content │  600.00 │",
        "│      │         │ fasteners           │ 1200.00 = 600.00            │         │",
        "├──────┼─────────┼─────────────────────┼─────────────────────────────┼─────────┤",
        "│    3 │ INV-002 │ other_goods         │ us-ieepa-canada 35% on      │ 3500.00 │",
        "│      │         │                     │ value 10000.00 = 3500.00    │         │",
        "└──────┴─────────┴─────────────────────┴─────────────────────────────┴─────────┘",
        "(not shown, to fit 80 columns: Exempt or excluded; --format md or a wider",
        "terminal shows every column)",
        "",
      ].join("\n"),
    );
  });

  it("at 50 columns the next one goes too; no line is wider than the terminal at any width", () => {
    expect(fitColumns(GRID, 50)?.dropped).toEqual([2, 5]);
    for (let width = 20; width <= 200; width++) expect.soft(widest(drawTable(GRID, term(width))), `at ${width}`).toBeLessThanOrEqual(width);
  });

  it("too narrow for any table: a record per row, no box to break", () => {
    expect(drawTable({ ...GRID, title: undefined }, term(30))).toBe(
      [
        "Line: 2",
        "Id: INV-001",
        "Sector: steel_construction_",
        "        fasteners",
        "Duties: us-232-steel 50% on",
        "        content 1200.00 =",
        "        600.00",
        "Duty: 600.00",
        "Exempt or excluded: us-ieepa-",
        "                    canada:",
        "                    excluded",
        "                    by us-232-",
        "                    steel",
        "",
        "Line: 3",
        "Id: INV-002",
        "Sector: other_goods",
        "Duties: us-ieepa-canada 35% on",
        "        value 10000.00 =",
        "        3500.00",
        "Duty: 3500.00",
        "",
      ].join("\n"),
    );
  });

  it("bars take the width the table leaves them, and go first when there is no room", () => {
    const grid: Grid = {
      columns: ["Currency", "Sector", "Duty"],
      numeric: [false, false, true],
      rows: [["USD", "autos", "10000.00"], ["USD", "energy", "2000.00"]],
      bars: { after: 2, title: "Duty bar", values: [10000, 2000], groups: ["USD", "USD"], signed: false },
    };
    expect(drawTable(grid, term(undefined, true)).split("\n")[3]).toBe("│ USD      │ autos  │ 10000.00 │ ████████████████████ │");
    // At 45 columns the bars get 10: 2000 of 10000 is 2 columns; 4 columns less and they go
    expect(drawTable(grid, term(45, true)).split("\n")[3]).toBe("│ USD      │ autos  │ 10000.00 │ ██████████ │");
    expect(drawTable(grid, term(45, true)).split("\n")[5]).toBe("│ USD      │ energy │  2000.00 │ ██         │");
    expect(drawTable(grid, term(44, true)).split("\n")[3]).toBe("│ USD      │ autos  │ 10000.00 │");
    expect(fitColumns(grid, 44)?.barsDropped).toBe(true);
    expect(fitColumns(grid, 30)).toBeUndefined(); // a list of records
  });
});
