/**
 * The product lists of the default schedule: which source file and which
 * rows build each list. `data/build-schedule.mjs` reads the files under
 * data/sources/ (copied unchanged from their public repositories, see
 * data/README.md) and turns the selected rows into list entries.
 *
 * A list definition:
 *   id, label, authority?, heading?, sources (public URLs), note?
 *   source: {
 *     file:   path under data/sources/ (.csv with a header row, or .txt with one code a line)
 *     where:  row => boolean            which rows belong to the list (default: all)
 *     code:   row => string             the HS code or prefix (dots optional)
 *     from:   row => date | undefined   first day on the list (inclusive)
 *     until:  row => date | undefined   first day no longer on it (exclusive)
 *   }
 *   adjust?: (entries, ctx) => entries  a documented post-step (e.g. Annex II loses the codes Proclamation 11032 put back)
 *
 * Entries of one code with touching or overlapping date spans are merged, so
 * a code on two consecutive versions of a list is one entry.
 */

const YALE = "https://github.com/Budget-Lab-Yale/tariff-rate-tracker";
const HTS_HERO = "https://github.com/brendanxmac/hts-hero";
const TWT = "https://github.com/tradewartracker/trade-war-redux-2025";
const FR_301 = "https://www.federalregister.gov/documents/2026/07/28/2026-15181";
const USTR_338 = "https://ustr.gov/about/policy-offices/press-office/press-releases/2026/july/ambassador-greer-issues-statement-president-trump-imposing-section-338-tariffs-canada";
const WH_338 = "https://www.whitehouse.gov/fact-sheets/2026/09/fact-sheet-president-donald-j-trump-responds-to-canadas-retaliation";
const GAZ_66 = "https://gazette.gc.ca/rp-pr/p2/2025/2025-03-12/html/sor-dors66-eng.html";
const GAZ_95 = "https://gazette.gc.ca/rp-pr/p2/2025/2025-03-26/html/sor-dors95-eng.html";
const GAZ_118 = "https://gazette.gc.ca/rp-pr/p2/2025/2025-04-23/html/sor-dors118-eng.html";
const FIN_LIST = "https://www.canada.ca/en/department-finance/programs/international-trade-finance-policy/canadas-response-us-tariffs/complete-list-us-products-subject-to-counter-tariffs.html";
const OIC_0785 = "https://orders-in-council.canada.ca/attachment.php?attach=48943&lang=en";
const OIC_0786 = "https://orders-in-council.canada.ca/attachment.php?attach=48944&lang=en";
const CN_25_33 = "https://farrow.com/news/customs-notice-25-33-steel-derivative-goods-surtax-order";
const RHQ = "https://github.com/fahadhg/resilience-hq";

const open = () => undefined;
const col = (name) => (r) => r[name] || undefined;

// ---- file paths (under data/sources/) ----
const F = {
  fentanyl: "yale-tariff-rate-tracker/fentanyl_carveout_products.csv",
  s122: "yale-tariff-rate-tracker/s122_exempt_products.csv",
  derivatives: "yale-tariff-rate-tracker/s232_derivative_products.csv",
  copper: "yale-tariff-rate-tracker/s232_copper_products.csv",
  autoParts: "yale-tariff-rate-tracker/s232_auto_parts.txt",
  mhdParts: "yale-tariff-rate-tracker/s232_mhd_parts.txt",
  semi: "yale-tariff-rate-tracker/s232_semi_products.csv",
  note16c: "hts-2026-ch99-lists/s232_metals_note16c_lists.csv",
  annexII: "tradewartracker-lists/metals-annex-II-removed.csv",
  s338: "hts-2026-ch99-lists/s338_canada_note51b.csv",
  aircraft: "tradewartracker-lists/canada-338-aircraft-exempt.csv",
  s301: "hts-2026-ch99-lists/s301_note52_exemptions.csv",
  uas: "hts-2026-ch99-lists/s232_uas_note43c.csv",
  pharma: "hts-2026-ch99-lists/s232_pharma_note40c.csv",
  caItems: "canada-surtax-orders/ca_us_surtax_tariff_items.csv",
  caDerivatives: "canada-surtax-orders/ca_steel_derivative_surtax_UNVERIFIED.csv",
};

const annexOf = (annex) => (r) => r.april_2026_annex === annex;
const note16cList = (annex) => ({
  file: F.note16c,
  where: annexOf(annex),
  code: col("hts_digits"),
  from: col("effective_from"),
  until: col("effective_to"),
});

const derivatives = (type, heading) => ({
  file: F.derivatives,
  where: (r) => r.derivative_type === type && r.ch99_code === heading,
  code: col("hts_prefix"),
  // blank effective_date: on the list from the start of the 2025 regime (2025-03-12)
  from: col("effective_date"),
  until: open,
});

const s338 = (heading, where = () => true) => ({
  file: F.s338,
  where: (r) => r.ch99_heading === heading && where(r),
  code: col("hts_digits"),
  from: col("effective_from"),
  until: col("effective_to"),
});

const s301 = (heading) => ({ file: F.s301, where: (r) => r.exemption_heading === heading, code: col("hts_digits"), from: col("effective_from"), until: col("effective_to") });

const caItems = (where) => ({ file: F.caItems, where, code: col("tariff_item"), from: col("effective_from"), until: col("effective_to") });
const caRows = (order, schedule, extra = () => true) => (r) => r.order === order && (schedule === undefined || r.schedule === schedule) && extra(r);

export const lists = [
  // ------------------------------------------------------------------ US: IEEPA
  {
    id: "us-ieepa-energy",
    label: "IEEPA Canada energy, energy resources and critical minerals (9903.01.13, 10%)",
    authority: "EO 14193 as amended; U.S. note 2 to subchapter III of chapter 99",
    heading: "9903.01.13",
    sources: [YALE, "https://content.govdelivery.com/bulletins/gd/USDHSCBP-3d7c46d"],
    note: "The Yale tracker's reading (fentanyl_carveout_products.csv, category energy_ca, 294 HTS8 codes) of CBP's non-exhaustive list (CSMS 64472173); the EO 14156 definition decides, the list may be incomplete (UNVERIFIED).",
    source: { file: F.fentanyl, where: (r) => r.category === "energy_ca", code: col("hts8") },
  },
  {
    id: "us-ieepa-potash",
    label: "IEEPA Canada potash (9903.01.15, 10% from 2025-03-07)",
    authority: "EO 14231 (2025-03-06)",
    heading: "9903.01.15",
    sources: [YALE, "https://www.govinfo.gov/content/pkg/FR-2025-03-06/html/2025-03664.htm"],
    note: "fentanyl_carveout_products.csv, category potash_ca (7 HTS8 codes), as read by the Yale tracker.",
    source: { file: F.fentanyl, where: (r) => r.category === "potash_ca", code: col("hts8") },
  },
  // ------------------------------------------------------------------ US: Section 122
  {
    id: "us-122-annex-2",
    label: "Section 122 surcharge: Annex II exempt products",
    authority: "Proclamation 11012 (2026-02-20), Annex II; U.S. note 2(aa) to subchapter III of chapter 99",
    sources: [YALE, "https://worldtradescanner.com/Temporary%20Import%20Surcharge%20Under%20Section%20122%20of%20Trade%20Act.htm"],
    note: "The Yale tracker's s122_exempt_products.csv (1,656 HTS8 codes, one HTS10): energy, critical minerals, fertilizers, pharmaceuticals, some electronics, passenger vehicles and parts, some farm goods. The tracker's reading, not the annex itself (UNVERIFIED against the proclamation).",
    source: { file: F.s122, code: col("hts8") },
  },
  // ------------------------------------------------------------------ US: Section 232 metals, 2025 regime
  {
    id: "us-232-2025-steel-derivatives",
    label: "Section 232 steel derivatives outside chapter 73 (9903.81.91), inclusions of 2025-08-18",
    authority: "Section 232 inclusions process, 90 FR 40326 (FR 2025-15819), effective 2025-08-18",
    heading: "9903.81.91",
    sources: [YALE, "https://www.govinfo.gov/content/pkg/FR-2025-08-19/html/2025-15819.htm"],
    note: "s232_derivative_products.csv rows of derivative_type steel (357 HTS8 codes, all dated 2025-08-18), the Yale tracker's reading. Steel derivatives of chapter 73 (9903.81.89/.90) are the steel sectors of chapter 73; the appliance additions of 2025-06-23 (90 FR 25208) are not separately dated in this file (they are the household_appliances sector from 2025-06-23).",
    source: derivatives("steel", "9903.81.91"),
  },
  {
    id: "us-232-2025-aluminum-derivatives-04",
    label: "Section 232 existing aluminum derivatives (9903.85.04)",
    authority: "Procl. 9980 (2020) derivatives, continued by Procl. 10895 (2025-02-10)",
    heading: "9903.85.04",
    sources: [YALE, "https://content.govdelivery.com/bulletins/gd/USDHSCBP-3d66df0"],
    note: "s232_derivative_products.csv rows with ch99_code 9903.85.04 (stranded wire 7614, bumper and body stampings 8708.10.30, 8708.29.21); no date in the file: from 2025-03-12.",
    source: derivatives("aluminum", "9903.85.04"),
  },
  {
    id: "us-232-2025-aluminum-derivatives-07",
    label: "Section 232 new aluminum derivatives of chapter 76 (9903.85.07)",
    authority: "Procl. 10895 (2025-02-10, 90 FR 9807)",
    heading: "9903.85.07",
    sources: [YALE, "https://content.govdelivery.com/bulletins/gd/USDHSCBP-3d66df0"],
    note: "s232_derivative_products.csv rows with ch99_code 9903.85.07 (11 codes of 7610, 7615, 7616); no date in the file: from 2025-03-12.",
    source: derivatives("aluminum", "9903.85.07"),
  },
  {
    id: "us-232-2025-aluminum-derivatives-08",
    label: "Section 232 aluminum derivatives outside chapter 76 (9903.85.08)",
    authority: "Procl. 10895 (2025-02-10, 90 FR 9807); inclusions 90 FR 40326 (2025-08-18)",
    heading: "9903.85.08",
    sources: [YALE, "https://content.govdelivery.com/bulletins/gd/USDHSCBP-3d66df0", "https://www.govinfo.gov/content/pkg/FR-2025-08-19/html/2025-15819.htm"],
    note: "s232_derivative_products.csv rows with ch99_code 9903.85.08: 77 undated (from 2025-03-12) and 117 from 2025-08-18. Beer and empty cans (2025-04-04) are the beer sector, not this list.",
    source: derivatives("aluminum", "9903.85.08"),
  },
  {
    id: "us-232-2025-copper",
    label: "Section 232 copper, U.S. note 36(b) (9903.78.01)",
    authority: "Procl. 10962 (2025-07-30; FR 2025-14893)",
    heading: "9903.78.01",
    sources: [YALE, "https://www.fleischer-chb.com/post/50-tariff-copper-section-232"],
    note: "s232_copper_products.csv (80 HTS8 codes), the Yale tracker's reading of note 36(b).",
    source: { file: F.copper, code: col("hts10") },
  },
  // ------------------------------------------------------------------ US: Section 232 metals, 2026 regime
  {
    id: "us-232-metals-annex-1a",
    label: "Section 232 metals Annex I-A (U.S. note 16(c)(i)-(v)), 50%",
    authority: "Proclamation of 2026-04-02 (Procl. 11021, 91 FR 18201), Annex I-A; Proclamation 11032 (2026-06-08)",
    heading: "9903.82.02",
    sources: [HTS_HERO, TWT, "https://tradefacts.io/blog/section-232-tariffs-shift-to-full-customs-value-april-6-2026.html"],
    note: "s232_metals_note16c_lists.csv rows of april_2026_annex I-A, dated per HTS revision (Rev 5/6 from 2026-04-06, Rev 10 from 2026-06-08). Lists (i), (ii), (iv), (v) are hts-hero's migrated legacy lists, not rebuilt from the note text; their start 2026-04-06 is the transcriber's (UNVERIFIED). The first version equals tradewartracker's metals-annex-IA.csv as a set.",
    source: note16cList("I-A"),
  },
  {
    id: "us-232-metals-annex-1b",
    label: "Section 232 metals Annex I-B (U.S. note 16(c)(vi)-(viii)), 25%",
    authority: "Proclamation of 2026-04-02 (Procl. 11021), Annex I-B; Proclamation 11032 (2026-06-08): (vii) loses 62 codes and gains 9403.20.00.75, 9403.20.00.82, 9403.99.90.40; (vi) +1 -5",
    heading: "9903.82.09",
    sources: [HTS_HERO, TWT],
    note: "s232_metals_note16c_lists.csv rows of april_2026_annex I-B, dated versions (2026-04-06 and 2026-06-08). (viii) is a migrated legacy list (UNVERIFIED). The first version equals tradewartracker's metals-annex-IB.csv as a set.",
    source: note16cList("I-B"),
  },
  {
    id: "us-232-metals-annex-3",
    label: "Section 232 metals Annex III (U.S. note 16(c)(ix)-(x)), temporary reduced treatment",
    authority: "Proclamation of 2026-04-02 (Procl. 11021), Annex III; Proclamation 11032 (2026-06-08): (ix) +5, (x) +34",
    heading: "9903.82.10",
    sources: [HTS_HERO, TWT],
    note: "s232_metals_note16c_lists.csv rows of april_2026_annex III, dated versions. The first versions of (ix) and (x) are migrated legacy lists (UNVERIFIED); the first version equals tradewartracker's metals-annex-III-temporary.csv as a set.",
    source: note16cList("III"),
  },
  {
    id: "us-232-metals-note-16c-xi",
    label: "Section 232 metals U.S. note 16(c)(xi): mobile industrial equipment (from 2026-06-08)",
    authority: "Proclamation 11032 (2026-06-08), U.S. note 16(c)(xi) and (j)",
    heading: "9903.82.09",
    sources: [HTS_HERO],
    note: "s232_metals_note16c_lists.csv rows of note list (xi) (28 codes, HTS Rev 10 note text); not in the April 2026 annexes.",
    source: { file: F.note16c, where: (r) => r.note_list === "U.S. note 16(c)(xi)", code: col("hts_digits"), from: col("effective_from"), until: col("effective_to") },
  },
  {
    id: "us-232-metals-annex-2",
    label: "Section 232 metals Annex II: derivatives removed from Section 232 (from 2026-04-06)",
    authority: "Proclamation of 2026-04-02 (Procl. 11021), Annex II",
    sources: [TWT],
    note: "tradewartracker metals-annex-II-removed.csv (165 codes), from 2026-04-06. Where Proclamation 11032 put a code (or a code under it) on a note 16(c) list on 2026-06-08, the entry ends that day or names the code as an exception (3701.30.00, 9403.20.00.75/.82, 9403.99.90.40). 9403.99.90.20 is on both Annex II and the first version of note 16(c)(vii) in the sources: it is left on (vii) and off this list (UNVERIFIED which is right).",
    source: { file: F.annexII, code: col("HTSUS"), from: () => "2026-04-06" },
    adjust: "annex-2-against-note-16c",
  },
  // ------------------------------------------------------------------ US: other Section 232
  {
    id: "us-232-auto-parts",
    label: "Section 232 automobile parts (Annex I of Procl. 10908 as amended)",
    authority: "Procl. 10908 (2025-03-26), Procl. 10925 (2025-04-29); U.S. note 33",
    heading: "9903.94.05",
    sources: [YALE, "https://omnitrans.com/news/section-232-tariffs-on-automobiles-and-parts-annex-lists-of-affected-hts-codes-released"],
    note: "s232_auto_parts.txt (130 HTS prefixes/codes), the Yale tracker's reading of the parts annex; later inclusion rounds are not separately dated (UNVERIFIED).",
    source: { file: F.autoParts },
  },
  {
    id: "us-232-mhd-parts",
    label: "Section 232 medium- and heavy-duty vehicle parts (U.S. note 38(i))",
    authority: "Procl. 10984 (2025-10-17, 90 FR 48451), Annex",
    heading: "9903.74.08",
    sources: [YALE, "https://www.govinfo.gov/content/pkg/FR-2025-10-22/html/2025-19639.htm"],
    note: "s232_mhd_parts.txt (182 HTS codes), the Yale tracker's reading of the parts annex.",
    source: { file: F.mhdParts },
  },
  {
    id: "us-232-semiconductors",
    label: "Section 232 semiconductors annex (U.S. note 39)",
    authority: "Procl. 11002 (2026-01-14), U.S. note 39",
    heading: "9903.79.01",
    sources: [YALE, "https://perkinscoie.com/insights/article/presidential-action-semiconductors-and-critical-minerals-under-section-232"],
    note: "s232_semi_products.csv (10 HTS10 codes).",
    source: { file: F.semi, code: col("hts10") },
  },
  {
    id: "us-232-pharma-note-40c",
    label: "Section 232 patented pharmaceuticals, U.S. note 40(c)",
    authority: "Proclamation 11020 (2026-04-02), U.S. note 40(c); HTS Rev 14 and Rev 20",
    heading: "9903.04.60",
    sources: [HTS_HERO, "https://particle.news/story/white-house-says-generics-not-targeted-by-tariffs-for-now"],
    note: "s232_pharma_note40c.csv: 131 codes from 2026-07-31 (Rev 14) replaced by 149 statistical splits from 2026-09-29 (Rev 20). One transcription only (UNVERIFIED).",
    source: { file: F.pharma, code: col("hts_digits"), from: col("effective_from"), until: col("effective_to") },
  },
  {
    id: "us-232-uas-100",
    label: "Section 232 drones, U.S. note 43(c)(1)-(3): default heading 9903.08.21 (100%)",
    authority: "Proclamation 11055, U.S. note 43(c); HTS Rev 18",
    heading: "9903.08.21",
    sources: [HTS_HERO],
    note: "s232_uas_note43c.csv rows whose default heading is 9903.08.21 (10 codes), from 2026-09-03.",
    source: { file: F.uas, where: (r) => r.default_heading === "9903.08.21", code: col("hts_digits"), from: col("effective_from") },
  },
  {
    id: "us-232-uas-25",
    label: "Section 232 drones without thermal imaging, U.S. note 43(c)(4): default heading 9903.08.22 (25%)",
    authority: "Proclamation 11055, U.S. note 43(c)(4); HTS Rev 18",
    heading: "9903.08.22",
    sources: [HTS_HERO],
    note: "s232_uas_note43c.csv rows whose default heading is 9903.08.22 (6 codes of 8806), from 2026-09-03. With thermal imaging they fall under 9903.08.21 (100%): the schedule cannot tell, so they are charged 25% (UNVERIFIED per shipment).",
    source: { file: F.uas, where: (r) => r.default_heading === "9903.08.22", code: col("hts_digits"), from: col("effective_from") },
  },
  {
    id: "us-232-uas-general-purpose",
    label: "Section 232 drones: general-purpose codes that may enter under 9903.08.20 when not for use with unmanned aircraft",
    authority: "Proclamation 11055, U.S. note 43(c); HTS Rev 18",
    heading: "9903.08.20",
    sources: [HTS_HERO],
    note: "s232_uas_note43c.csv rows whose alternative heading is 9903.08.20 (docking stations, aircraft parts; 6 codes).",
    source: { file: F.uas, where: (r) => r.alternative_heading.startsWith("9903.08.20"), code: col("hts_digits"), from: col("effective_from") },
  },
  // ------------------------------------------------------------------ US: Section 301 exemptions
  ...[
    ["b", "9903.05.86", "articles of note 52(b) (automatic)", "863 codes here; tradewartracker's README counts 856 unconditional codes in Annex II Part A of the USTR notice: the 7-code gap is unresolved (UNVERIFIED). Only one list version (Rev 13) was seen; revisions 14-20 may have changed it."],
    ["c", "9903.05.87", "particular articles of note 52(c) (automatic; the note describes the articles)", "16 codes; the note text narrows some codes by description, not checked here (UNVERIFIED)."],
    ["d", "9903.05.88", "civil aircraft and parts of note 52(d) (claim required: general note 6)", "541 codes; exempt only when 9903.05.88 is claimed."],
    ["e", "9903.05.89", "articles for pharmaceutical use of note 52(e) (claim required)", "700 codes; exempt only when 9903.05.89 is claimed."],
  ].map(([sub, heading, what, note]) => ({
    id: `us-301-note-52${sub}`,
    label: `Section 301 (forced labor) exemption: ${what}`,
    authority: "USTR Notice of Action, Section 301 (forced labor), 91 FR 47318 (FR 2026-15181); U.S. note 52(" + sub + ")",
    heading,
    sources: [FR_301, HTS_HERO],
    note: `s301_note52_exemptions.csv rows of ${heading}, from 2026-07-24 (HTS Rev 13). ${note}`,
    source: s301(heading),
  })),
  // ------------------------------------------------------------------ US: Section 338
  {
    id: "us-338-note-51b1",
    label: "Section 338 Canada, U.S. note 51(b)(1) (alcohol; from 2026-09-15 also cheese, hides, boats)",
    authority: "Tariff Act of 1930 s. 338; Proclamation 11046 (2026-07-20), 11056; Proclamation 11064 (2026-09-15)",
    heading: "9903.03.12",
    sources: [HTS_HERO, TWT, USTR_338, WH_338],
    note: "s338_canada_note51b.csv rows of 9903.03.12: 63 provisions from 2026-08-22 (HTS Rev 17; equal to tradewartracker's canada-338-alcohol.csv) and 101 from 2026-09-15 (Rev 19, one source only: UNVERIFIED). Start 2026-08-22 per hts-hero and Proclamation 11056; the Yale tracker and tradewartracker say 2026-08-19 (UNVERIFIED).",
    source: s338("9903.03.12"),
  },
  {
    id: "us-338-note-51b2",
    label: "Section 338 Canada, U.S. note 51(b)(2) (dairy, sugars, caseins)",
    authority: "Tariff Act of 1930 s. 338; Proclamation 11047 (2026-07-20), 11056",
    heading: "9903.03.13",
    sources: [HTS_HERO, TWT, USTR_338],
    note: "s338_canada_note51b.csv rows of 9903.03.13: 52 provisions from 2026-08-22, unchanged in Rev 19 (equal to tradewartracker's canada-338-dairy.csv). Start date 2026-08-22 vs 2026-08-19: UNVERIFIED.",
    source: s338("9903.03.13"),
  },
  {
    id: "us-338-note-51b3",
    label: "Section 338 Canada, U.S. note 51(b)(3) (the 'motor vehicles' action: consumer and industrial goods)",
    authority: "Tariff Act of 1930 s. 338; Proclamation 11048 (2026-07-20), 11056; Proclamation 11065 (2026-09-15)",
    heading: "9903.03.14",
    sources: [HTS_HERO, TWT, USTR_338, WH_338],
    note: "s338_canada_note51b.csv rows of 9903.03.14: 439 provisions from 2026-08-22 (equal to tradewartracker's canada-338-autos.csv), 513 from 2026-09-15 (Rev 19, one source only: UNVERIFIED). Start date 2026-08-22 vs 2026-08-19: UNVERIFIED.",
    source: s338("9903.03.14"),
  },
  {
    id: "us-338-note-51d-civil-aircraft",
    label: "Section 338 Canada civil-aircraft carve-out, U.S. note 51(d) (9903.03.16, by claim)",
    authority: "Proclamation 11056, U.S. note 51(d)",
    heading: "9903.03.16",
    sources: [TWT, HTS_HERO],
    note: "tradewartracker canada-338-aircraft-exempt.csv (554 provisions), from 2026-08-22; general note 6 criteria, so the exemption holds only when 9903.03.16 is claimed.",
    source: { file: F.aircraft, code: col("HTSUS"), from: () => "2026-08-22" },
  },
  {
    id: "us-338-ban-alcohol",
    label: "Section 338 import ban from 2026-09-29: beer, wine, cider and spirits",
    authority: "Proclamations 11061-11063 (2026-09-29); CBP CSMS 70050970",
    sources: [WH_338, HTS_HERO],
    note: "UNVERIFIED scope: the chapter 22 provisions of note 51(b)(1) as of 2026-09-15 (beer 2203, wine 2204, vermouth 2205, cider 2206, ethyl alcohol 2207, spirits 2208). The fact sheet says 'many spirits', so some of these may not be banned; the proclamations' annexes were not seen.",
    source: { ...s338("9903.03.12", (r) => r.effective_from === "2026-09-15" && /^220[3-8]/.test(r.hts_digits)), from: () => "2026-09-29", until: open },
  },
  {
    id: "us-338-ban-whey-molasses-na-beer",
    label: "Section 338 import ban from 2026-09-29: whey, molasses, non-alcoholic beer",
    authority: "Proclamations 11061-11063 (2026-09-29); CBP CSMS 70050970",
    sources: [WH_338, HTS_HERO],
    note: "UNVERIFIED scope: the note 51(b)(2) provisions of whey (0404.10), molasses (1703) and non-alcoholic beer (2202.91). 'Some dairy' is also reported banned; which provisions is not known and they are not listed (they stay at 50%).",
    source: { ...s338("9903.03.13", (r) => /^(040410|1703|220291)/.test(r.hts_digits)), from: () => "2026-09-29", until: open },
  },
  {
    id: "us-338-ban-motorcycles",
    label: "Section 338 import ban from 2026-09-29: motorcycles over 800 cc",
    authority: "Proclamations 11061-11063 (2026-09-29); CBP CSMS 70050970",
    sources: [WH_338, HTS_HERO],
    note: "8711.50.00 (engine over 800 cc) of note 51(b)(3). UNVERIFIED: whether electric or other motorcycles are also covered.",
    source: { ...s338("9903.03.14", (r) => r.hts_digits.startsWith("871150") && r.effective_from === "2026-09-15"), from: () => "2026-09-29", until: open },
  },
  // ------------------------------------------------------------------ Canada
  {
    id: "ca-sor-2025-66",
    label: "United States Surtax Order (2025-1), SOR/2025-66, Schedule (1,270 items)",
    authority: "SOR/2025-66 (P.C. 2025-265), repealed from 2025-09-01",
    heading: "SOR/2025-66 Schedule",
    sources: [GAZ_66, FIN_LIST],
    note: "ca_us_surtax_tariff_items.csv rows of SOR/2025-66: 1,256 rate-bearing items plus the 14 chapter 98/99 items named in the Schedule, 2025-03-04 to 2025-09-01.",
    source: caItems(caRows("SOR/2025-66")),
  },
  {
    id: "ca-sor-2025-95-other-goods",
    label: "SOR/2025-95 other goods (tools, computers, monitors, sports goods, cast iron), 2025-03-13 to 2025-09-01",
    authority: "SOR/2025-95 (P.C. 2025-398); removed by the amending order of 2025-08-29",
    heading: "SOR/2025-95 Schedule 1",
    sources: [GAZ_95, FIN_LIST],
    note: "ca_us_surtax_tariff_items.csv rows of goods_group 'other goods' (245 items): items of the Finance 2025-03-13 group missing from the current table. That they belong to SOR/2025-95, and the schedule number, are inferred (UNVERIFIED).",
    source: caItems(caRows("SOR/2025-95", undefined, (r) => r.goods_group.startsWith("other goods"))),
  },
  ...[
    ["steel", "25", "ca-sor-2025-95-steel-25", "SOR/2025-95 steel at 25% (Schedule 2 from 2026-09-08)", "265 steel items from 2025-03-13 (schedule number as first made UNVERIFIED); from 2026-09-08 only the 21 of the new Schedule 2 (SOR/2026-187)."],
    ["steel", "50", "ca-sor-2025-95-steel-50", "SOR/2025-95 steel at 50% (Schedule 2.1, from 2026-09-08)", "244 items from 2026-09-08, derived as the 265 steel items less the 21 of the new Schedule 2 (count matches; 26 sampled items checked against the OIC text)."],
    ["aluminum", "25", "ca-sor-2025-95-aluminum-25", "SOR/2025-95 aluminum at 25% (Schedule 1 from 2026-09-08)", "29 aluminum items from 2025-03-13; from 2026-09-08 only the 2 of the new Schedule 1 (SOR/2026-187)."],
    ["aluminum", "50", "ca-sor-2025-95-aluminum-50", "SOR/2025-95 aluminum at 50% (Schedule 1.1, from 2026-09-08)", "27 items from 2026-09-08 (SOR/2026-187), transcribed from the OIC text."],
  ].map(([metal, rate, id, label, note]) => ({
    id,
    label,
    authority: "SOR/2025-95 (P.C. 2025-398) as amended by SOR/2026-187 (P.C. 2026-0786)",
    sources: [GAZ_95, FIN_LIST, OIC_0786],
    note: `ca_us_surtax_tariff_items.csv rows of goods_group ${metal} at ${rate}%. ${note}`,
    source: caItems((r) => r.order.startsWith("SOR/2025-95") && r.goods_group === metal && r.surtax_rate_pct === rate),
  })),
  {
    id: "ca-sor-2025-118-vehicles",
    label: "United States Surtax Order (Motor Vehicles 2025), SOR/2025-118, Schedule (19 items)",
    authority: "SOR/2025-118 (P.C. 2025-463)",
    heading: "SOR/2025-118 Schedule 1",
    sources: [GAZ_118, FIN_LIST, "https://www.cbsa-asfc.gc.ca/publications/cn-ad/cn25-15-eng.html"],
    note: "ca_us_surtax_tariff_items.csv rows of SOR/2025-118 (19 items, from 2025-04-09, Finance list). One third-party source calls the order SOR/2025-119 and lists 25 items (UNVERIFIED); CBSA surtax code 25118A supports SOR/2025-118.",
    source: caItems(caRows("SOR/2025-118")),
  },
  {
    id: "ca-sor-2025-267-steel-derivatives",
    label: "Steel Derivative Goods Surtax Order, SOR/2025-267 (52 items, UNVERIFIED list)",
    authority: "SOR/2025-267; CBSA Customs Notice 25-33",
    heading: "SOR/2025-267",
    sources: [CN_25_33, RHQ],
    note: "UNVERIFIED: third-party list (ca_steel_derivative_surtax_UNVERIFIED.csv, 52 items from 2025-12-26) not checked against the Order's schedule.",
    source: { file: F.caDerivatives, code: col("tariff_item"), from: col("effective_from"), until: col("effective_to") },
  },
  ...[
    ["1", "15"],
    ["2", "25"],
    ["3", "50"],
  ].map(([n, rate]) => ({
    id: `ca-sor-2026-186-schedule-${n}`,
    label: `United States Surtax Order (2026), SOR/2026-186, Schedule ${n} (${rate}%)`,
    authority: "SOR/2026-186 (P.C. 2026-0785), in force 2026-09-08",
    heading: `SOR/2026-186 Schedule ${n}`,
    sources: [OIC_0785],
    note: `ca_us_surtax_tariff_items.csv rows of SOR/2026-186 Schedule ${n}, from 2026-09-08, transcribed from the Order in Council (counts match the axiom-corpus census).`,
    source: caItems(caRows("SOR/2026-186", `Schedule ${n}`)),
  })),
  {
    id: "ca-sor-2026-186-schedule-4",
    label: "United States Surtax Order (2026), SOR/2026-186, Schedule 4: chapter 98/99 items that remain subject",
    authority: "SOR/2026-186 (P.C. 2026-0785), para. 2(a)",
    heading: "SOR/2026-186 Schedule 4",
    sources: [OIC_0785],
    note: "14 chapter 98/99 items. They carry no rate of their own: goods under them pay the rate of the Schedule 1-3 item they are otherwise classifiable under, which a chapter 98/99 code does not tell. Listed for reference; no measure charges them (the calculator cannot know the underlying item).",
    source: caItems(caRows("SOR/2026-186", "Schedule 4")),
  },
];
