/**
 * Fees and taxes charged with the duty (schedule format 2, `fees`): the US
 * merchandise processing fee and harbor maintenance fee, Canada's GST on
 * imports. `tariff calc --fees` charges them; off by default. Facts from
 * ../shared/domain/computation.md (B4, B5, B6, A3–A5) and
 * changes-2026-h2.md (MPF FY2027). `npm run schedule:build` puts them in the
 * default schedule (data/build-schedule.mjs: `fees` after `measures`).
 */

const MPF_SOURCES = [
  "https://imsw.com/cbp-adjusting-merchandise-processing-fee-limitations-in-fiscal-year-2025-due-to-inflation",
  "https://www.govinfo.gov/content/pkg/FR-2025-07-23/html/2025-13869.htm",
  "https://www.buckland.com/news/cbp-announces-adjusted-customs-user-fees-for-fy-2026",
  "https://www.bmsi.com/bmsi/doc/bildh/userfees.html",
  "http://stage.tradelawdaily.com/article/2012/05/24/cbp-lists-fta-and-trade-preference-program-mpf-exemptions-etc-12052410?BC=bc_6711fefe142d5",
];

export const fees = [
  {
    id: "us-mpf",
    kind: "fee",
    label: "Merchandise processing fee (formal entries)",
    importer: "US",
    authority: "19 U.S.C. 58c(a)(9)(A); 19 CFR 24.23(b)(1)",
    heading: "499",
    exemptions: ["usmca"],
    periods: [
      { from: "2024-10-01", until: "2025-10-01", rate: "0.3464%", minimum: "32.71", maximum: "634.62", note: "FY2025 (FR 2024-15990)" },
      { from: "2025-10-01", until: "2026-10-01", rate: "0.3464%", minimum: "33.58", maximum: "651.50", note: "FY2026 (90 FR 34665, CBP Dec. 25-10)" },
      {
        from: "2026-10-01",
        rate: "0.3464%",
        minimum: "34.58",
        maximum: "670.86",
        note: "FY2027 (Federal Register 2026-15530). The FY2028 minimum and maximum (from 2027-10-01) are not known: FY2027's are used after it.",
      },
    ],
    sources: MPF_SOURCES,
    note:
      "Formal entries (class 499): 0.3464% of each line's entered value, rounded to the cent per line; the lines' fees of an entry are summed, then raised to the minimum or cut to the maximum of the entry's date (never per line). " +
      "Goods that qualify under USMCA are exempt: UNVERIFIED, the exemption of originating goods of Canada and Mexico was NAFTA's (19 CFR 24.23(c)(3)) and is generally applied to USMCA goods, but the USMCA wording was not found in the sources read. " +
      "Informal entries (class 311a, value up to $2,500) pay a fixed fee instead ($2.69 in FY2026), which is not computed here: the MPF shown for such an entry is the formal entry's.",
  },
  {
    id: "us-hmf",
    kind: "fee",
    label: "Harbor maintenance fee",
    importer: "US",
    authority: "26 U.S.C. 4461; 19 CFR 24.24(a)",
    heading: "501",
    modes: ["vessel"],
    periods: [{ from: "2024-10-01", rate: "0.125%", note: "0.125% since 1991; the schedule starts 2025-01-01" }],
    sources: ["http://www.law.cornell.edu/cfr/text/19/24.24", "https://www.bmsi.com/bmsi/doc/bildh/userfees.html"],
    note:
      "0.125% of the value of commercial cargo loaded or unloaded from a commercial vessel at a listed port: charged on lines whose mode is vessel (ocean), none for truck, rail, air or mail or a line without a mode; no minimum or maximum; USMCA origin does not exempt it. " +
      "Charged on every vessel line, though the law charges only cargo at a listed port. CATAIR's de minimis (an entry's HMF of $3.00 or less is reported as $0.00 when it owes no other duty, fee or tax) is not applied: the entry's other charges (MFN duty) are not known here.",
  },
  {
    id: "ca-gst",
    kind: "tax",
    label: "Goods and services tax on imported goods",
    importer: "CA",
    authority: "Excise Tax Act, ss. 212 and 215",
    base: ["value", "duty", "customs_duty", "sima_duty", "excise"],
    periods: [{ from: "2008-01-01", rate: "5%" }],
    sources: [
      "https://cscb.ca/article/cbsa-message-tcc18-077-surtaxes-imposed-certain-products-originating-united-states",
      "https://buckland.com/news/cbsa-implements-50-surtax-trqs-on-steel-imports-from-non-fta-countries/",
    ],
    note:
      "Commercial imports: 5% of the value for tax = value for duty + customs duty + surtax (the schedule's duty on the line) + SIMA duties + excise; customs duty, SIMA and excise are not computed here and are taken from the line's customs_duty, sima_duty and excise columns (0 when not given). " +
      "Rounded to the cent per line, half up, and summed: UNVERIFIED, no CBSA text on rounding was found (computation.md A5). HST (personal imports into HST provinces) and the courier de minimis (CN 20-18) are out of scope.",
  },
];
