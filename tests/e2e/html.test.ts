/**
 * `--format html` (issue #16): one self-contained file for calc, compare and
 * diff. Checked as text (nothing to load, every UNVERIFIED measure badged,
 * input text escaped) and opened in headless Chromium (tests/helpers/chromium.ts):
 * the page asks for nothing but itself, logs no error, its DOM holds the
 * report's key texts, a screenshot is a real picture and it prints.
 *
 * Chromium is Debian's `chromium` (.ci/run installs it and sets
 * TARIFF_REQUIRE_BROWSER=1, so that CI fails rather than skips). Elsewhere,
 * without a browser, the browser tests are skipped with a message.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { fixture, tariff } from "../helpers/cli.js";
import { findChromium, openInChromium } from "../helpers/chromium.js";
import { summarizePng } from "../helpers/png.js";

const SAMPLE = fixture("shipments", "sample.csv");
const IEEPA = fixture("overlays", "ieepa-never-struck-down.json");
const METALS = fixture("overlays", "metals-232-at-25.json");
const IEEPA_TITLE = "The IEEPA border tariff was never struck down (and no Section 122 surcharge replaced it)";
const dir = mkdtempSync(path.join(tmpdir(), "tariff-html-"));
const file = (name: string) => path.join(dir, name);

// Text from inputs that would be markup, a script or a request if it were not escaped.
const HOSTILE_TITLE = `<script>alert("x")</script> & <img src="https://example.org/x.png"> "what-if"`;
const HOSTILE_ID = `<img src=x onerror=alert(1)>\u001b[31m`;

const reports = {
  calc: { args: ["calc", SAMPLE, "--overlay", IEEPA, "--lines"], code: 0 },
  compare: { args: ["compare", SAMPLE, "--overlay", IEEPA, "--overlay", METALS], code: 0 },
  diff: { args: ["diff", "default", "default", "--overlay", METALS], code: 1 },
  hostile: { args: [] as string[], code: 1 },
};

beforeAll(() => {
  writeFileSync(file("hostile-overlay.json"), JSON.stringify({ format: "tariff-overlay/1", title: HOSTILE_TITLE, changes: [] }));
  writeFileSync(file("hostile.csv"), `id,date,importer,hs,value\n"${HOSTILE_ID}",2025-09-15,US,8712,100\n"<b>bad</b>",2025/09/15,US,8712,100\n`);
  reports.hostile.args = ["calc", file("hostile.csv"), "--overlay", file("hostile-overlay.json"), "--lines"];
  for (const [name, r] of Object.entries(reports)) {
    const run = tariff([...r.args, "--format", "html", "-o", file(`${name}.html`)]);
    expect(run.code, `${name}: ${run.stderr}`).toBe(r.code);
    expect(run.stdout).toBe("");
  }
});

const html = (name: string) => readFileSync(file(`${name}.html`), "utf8");

describe("--format html: one self-contained file", () => {
  it.each(Object.keys(reports))("%s: nothing to load (no script, link, image, font, import or URL to fetch), a CSP that forbids it, a print stylesheet, no ANSI", (name) => {
    const page = html(name);
    expect(page.startsWith("<!DOCTYPE html>\n")).toBe(true);
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(page).toContain("@media print");
    // Tags only (text from the inputs may read "<img src=…", escaped, as text)
    const tags = page.match(/<[^>]+>/g) ?? [];
    expect(tags.filter((t) => /^<\/?(script|link|img|iframe|object|embed|audio|video|source|base|form)\b/i.test(t))).toEqual([]);
    expect(tags.filter((t) => /\s(src|href|action|xlink:href|background|srcset)\s*=/i.test(t))).toEqual([]);
    expect(page).not.toMatch(/@import|url\(|@font-face/i);
    // The only URL in a tag is the SVG namespace, which is a name, not a request
    expect(new Set(tags.flatMap((t) => t.match(/https?:\/\/[^\s"'<>]+/g) ?? []))).toEqual(new Set(page.includes("<svg") ? ["http://www.w3.org/2000/svg"] : []));
    expect(page).not.toMatch(/\u001b/);
  });

  it("calc: the schedule, the what-if with its title, what the duty leaves out, totals per currency, charts by measure, sector and month", () => {
    const page = html("calc");
    expect(page).toContain(`<dd class="whatif">${IEEPA} &quot;${IEEPA_TITLE}&quot; applied on the schedule: not the rates in force</dd>`);
    expect(page).toContain("<li>normal customs duty (US MFN rates of the HTSUS, Canadian MFN/UST rates of the Customs Tariff)</li>");
    for (const total of ["16618.83", "26619.00"]) expect(page).toContain(`<td class="num">${total}</td>`);
    for (const by of ["measure", "sector", "month"]) for (const c of ["CAD", "USD"]) expect(page).toContain(`aria-label="Duty by ${by}, ${c}"`);
  });

  it("calc: every UNVERIFIED measure charged is marked, in every table cell and chart label that names it", () => {
    const body = JSON.parse(tariff(["calc", SAMPLE, "--overlay", IEEPA, "--format", "json", "--no-lines"]).stdout);
    const charged = [...new Set(Object.values(body.totals).flatMap((t: any) => Object.keys(t.byMeasure)))];
    const unverified = charged.filter((m) => body.schedule.unverified.includes(m));
    expect(unverified.length).toBeGreaterThan(3);
    const page = html("calc");
    // The charts' tooltips (<title>) say "(UNVERIFIED)" in words; everywhere else a badge follows the id
    const main = page.slice(page.indexOf("<main>"));
    for (const t of main.match(/<title>[^<]*<\/title>/g) ?? []) for (const id of unverified) if (t.startsWith(`<title>${id}:`)) expect.soft(t).toMatch(/\(UNVERIFIED\)<\/title>$/);
    const shown = main.replace(/<title>[^<]*<\/title>/g, "");
    for (const id of unverified) {
      const cells = shown.match(new RegExp(`(?<![\\w-])${id}(?![\\w-]).{0,30}`, "g")) ?? [];
      expect.soft(cells.length, id).toBeGreaterThan(0);
      for (const c of cells) expect.soft(c, id).toMatch(new RegExp(`^${id} (<span class="unverified"|<tspan class="flag">)`));
      expect.soft(main, id).toContain(`${id} <tspan class="flag">UNVERIFIED</tspan>`);
      expect.soft(main, id).toContain(`${id} <span class="unverified"`);
    }
    // A measure that is not UNVERIFIED carries no badge
    expect(main).toContain("<td>us-232-steel</td>");
  });

  it("compare: the change by scenario as signed bars, the lines that change most", () => {
    const page = html("compare");
    expect(page).toContain('aria-label="Change against default by scenario, USD (increases right, decreases left)"');
    // +2500.00 for ieepa-never-struck-down (a bar right of the axis, red), -300.00 for metals-232-at-25 (left, green)
    expect(page).toMatch(/<rect x="[\d.]+" y="\d+" width="[\d.]+" height="14" class="bar up"\/><text [^>]*>\+2500\.00<\/text>/);
    expect(page).toMatch(/<rect x="[\d.]+" y="\d+" width="[\d.]+" height="14" class="bar down"\/><text [^>]*>-300\.00<\/text>/);
    expect(page).toContain("<h3>Lines that change most</h3>");
    expect(page).toContain(`metals-232-at-25: the base&#39;s schedule + what-if ${METALS}`);
  });

  it("diff: both schedules, the what-if, the changes in effect with UNVERIFIED measures marked", () => {
    const page = html("diff");
    expect(page).toContain("<dt>Old</dt>");
    expect(page).toContain("<td>us-232-aluminum <span class=\"unverified\"");
    expect(page).toContain("<td>us-232-steel</td>");
    expect(page).toContain("<p>2 measures changed; 6 rates changed.</p>");
  });

  it("text from the inputs is shown, never run: markup as entities, control characters escaped", () => {
    const page = html("hostile");
    expect(page).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=&quot;https://example.org/x.png&quot;&gt;");
    expect(page).toContain("&lt;img src=x onerror=alert(1)&gt;\\x1b[31m");
    // The rejected line is listed in the page too
    expect(page).toContain("<td>&lt;b&gt;bad&lt;/b&gt;</td>");
  });
});

const chromium = findChromium();
const required = process.env["TARIFF_REQUIRE_BROWSER"] === "1";
if (!chromium) {
  const message = "tests/e2e/html.test.ts: no Chromium found (install Debian's chromium package, or set CHROMIUM): the browser tests are skipped";
  if (required) throw new Error(message.replace("are skipped", "are required here (TARIFF_REQUIRE_BROWSER=1)"));
  console.warn(message);
}

describe.skipIf(!chromium)("--format html in headless Chromium", () => {
  it.each(Object.keys(reports))("%s: loads with no request but the file, no console error; its DOM holds the key texts; a real screenshot; it prints", async (name) => {
    const report = await openInChromium(chromium!, file(`${name}.html`));
    expect(report.requests).toEqual([pathToFileURL(file(`${name}.html`)).href]);
    expect(report.problems).toEqual([]);
    const texts: Record<string, string[]> = {
      calc: ["Duty report", "What-if", IEEPA_TITLE, "26619.00", "16618.83", "UNVERIFIED", "Duty by month (USD)", "normal customs duty"],
      compare: ["Scenario comparison", "ieepa-never-struck-down against default", "+2500.00", "-300.00", "Lines that change most", "UNVERIFIED"],
      diff: ["Schedule diff", "us-232-aluminum", "2 measures changed; 6 rates changed.", "UNVERIFIED"],
      hostile: ['<script>alert("x")</script> &amp; <img src="https://example.org/x.png"> "what-if"'.replace(/</g, "&lt;").replace(/>/g, "&gt;")],
    };
    for (const t of texts[name]!) expect.soft(report.dom, t).toContain(t.replace(/&(?!amp;|lt;|gt;)/g, "&amp;"));
    // A real picture: the page's size, many colours (text, bars, badges), not all background
    const png = summarizePng(report.screenshot);
    expect(png.width).toBe(1100);
    expect(png.height).toBeGreaterThan(name === "hostile" ? 300 : 800);
    expect(png.colours).toBeGreaterThan(50);
    expect(png.commonest).toBeLessThan(0.97);
    expect(report.pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(report.pdf.length).toBeGreaterThan(10_000);
  }, 120_000);
});
