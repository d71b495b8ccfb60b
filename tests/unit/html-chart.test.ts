/**
 * The inline SVG charts of `--format html` (issue #16): bars to scale, an axis
 * at zero for changes, text escaped. Geometry: a 720-wide chart, labels in the
 * first 250, amounts in the last 110, bars in the 360 between.
 */
import { describe, expect, it } from "vitest";
import { barChart, esc, htmlTable } from "../../src/cli/render/html.js";

const rects = (svg: string) => [...svg.matchAll(/<rect x="([\d.]+)" y="\d+" width="([\d.]+)" height="14" class="([^"]+)"\/>/g)].map((m) => [Number(m[1]), Number(m[2]), m[3]]);

describe("bar charts", () => {
  it("unsigned: from the left edge of the plot, the largest the full 360", () => {
    const svg = barChart("Duty by sector, USD", [{ label: "autos", text: "10000.00", value: 10000 }, { label: "energy", text: "2000.00", value: 2000 }], false);
    // 2000 / 10000 × 360 = 72
    expect(rects(svg)).toEqual([[250, 360, "bar"], [250, 72, "bar"]]);
    expect(svg).toContain('aria-label="Duty by sector, USD"');
  });

  it("signed with both signs: the axis in the middle (250 + 180), increases right in red, decreases left in green", () => {
    const svg = barChart("Change", [{ label: "a", text: "+3500.00", value: 3500 }, { label: "b", text: "-1000.00", value: -1000 }], true);
    // 1000 / 3500 × 180 = 51.43, drawn from 430 − 51.43 = 378.57
    expect(rects(svg)).toEqual([[430, 180, "bar up"], [378.57, 51.43, "bar down"]]);
    expect(svg).toContain('<line x1="430"');
  });

  it("signed, decreases only: the axis at the right of the plot, bars to its left", () => {
    const svg = barChart("Change", [{ label: "us-232-steel", text: "-300.00", value: -300 }], true);
    expect(rects(svg)).toEqual([[250, 360, "bar down"]]);
  });

  it("an UNVERIFIED label is flagged; text is escaped; long labels are cut with the whole in the tooltip", () => {
    const svg = barChart("<b>", [{ label: "x".repeat(40) + "<i>", text: "1.00", value: 1, unverified: true }], false);
    expect(svg).toContain(`${"x".repeat(33)}… <tspan class="flag">UNVERIFIED</tspan>`);
    expect(svg).toContain(`<title>${"x".repeat(40)}&lt;i&gt;: 1.00 (UNVERIFIED)</title>`);
    expect(svg).toContain('aria-label="&lt;b&gt;"');
  });
});

describe("tables", () => {
  it("amounts right-aligned, changes marked, an UNVERIFIED measure badged once, a cell's lines kept", () => {
    const html = htmlTable({ columns: ["Measure", "Change"], numeric: [false, true], rows: [["us-ieepa-canada (UNVERIFIED)", "+3500.00"], ["us-ieepa-canada-2 +1.00\nus-ieepa-canada -2.00", "-1.00"]], tones: [[undefined, "red"], [undefined, "green"]] }, new Set(["us-ieepa-canada"]));
    expect(html).toContain('<td>us-ieepa-canada <span class="unverified"');
    expect(html).toContain('<td class="num up">+3500.00</td>');
    // us-ieepa-canada-2 is another measure: no badge; the second line's us-ieepa-canada has one
    expect(html).toMatch(/<td>us-ieepa-canada-2 \+1\.00<br>us-ieepa-canada <span class="unverified"[^>]*>UNVERIFIED<\/span> -2\.00<\/td>/);
    expect(esc("a\u001bb<&>\"'")).toBe("a\\x1bb&lt;&amp;&gt;&quot;&#39;");
  });
});
