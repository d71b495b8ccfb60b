/**
 * The schedule and overlay file formats as strict zod schemas: the single
 * source of truth for what a file may contain. `tariff schedule schema` derives
 * the JSON Schema from these; nothing here is written twice.
 *
 * Shapes only. Cross-field rules (overlaps, references, coverage, stacking
 * cycles) live in `validate.ts`.
 */
import { z } from "zod";

export { SCHEDULE_FORMAT, SCHEDULE_FORMAT_1, SCHEDULE_FORMATS, OVERLAY_FORMAT } from "./versions.js";
export { ISO_DATE, isCalendarDate } from "../dates.js";
import { SCHEDULE_FORMATS } from "./versions.js";
import { ISO_DATE, isCalendarDate } from "../dates.js";

export const IsoDate = z
  .string({ error: 'expected a date as a string "YYYY-MM-DD"' })
  .check((ctx) => {
    if (isCalendarDate(ctx.value)) return;
    const message = ISO_DATE.test(ctx.value) ? `"${ctx.value}" is not a calendar date` : `expected a date "YYYY-MM-DD", got "${ctx.value}"`;
    ctx.issues.push({ code: "custom", message, input: ctx.value });
  })
  .meta({ description: "A date, YYYY-MM-DD.", examples: ["2025-03-04"], pattern: "^\\d{4}-\\d{2}-\\d{2}$" });

export const RateText = z
  .string({ error: 'expected a rate as a string such as "25%"' })
  .check((ctx) => {
    const value = ctx.value;
    if (/^\d+(\.\d+)?%$/.test(value)) return;
    const message = /^-/.test(value)
      ? `rate "${value}" is negative: rates are 0% or more`
      : /^\d+(\.\d+)?$/.test(value)
        ? `rate "${value}" has no "%": write "${value}%"`
        : `rate "${value}" is not a decimal percentage such as "25%" or "7.5%"`;
    ctx.issues.push({ code: "custom", message, input: value });
  })
  .meta({ description: 'An exact decimal percentage, e.g. "25%" or "7.5%".', pattern: "^\\d+(\\.\\d+)?%$" });

export const MeasureId = z
  .string({ error: "expected a measure id as a string" })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: "a measure id is kebab-case: lowercase letters, digits and single hyphens, e.g. us-232-steel" })
  .meta({ description: "Stable kebab-case measure id, e.g. us-232-steel." });

export const SectorId = z
  .string({ error: "expected a sector id as a string" })
  .regex(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/, { error: "a sector id is lower_snake_case, e.g. steel or auto_parts" })
  .meta({ description: "Sector id, lower_snake_case." });

export const ListId = z
  .string({ error: "expected a list id as a string" })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: "a list id is kebab-case: lowercase letters, digits and single hyphens, e.g. us-338-note-51b1" })
  .meta({ description: "Stable kebab-case product list id, e.g. us-301-note-52b." });

/** A key of a period's `rates`: a sector id or a product list id. */
export const ScopeId = z
  .string({ error: "expected a sector or list id as a string" })
  .regex(/^[a-z0-9]+([-_][a-z0-9]+)*$/, { error: "expected a sector id (lower_snake_case) or a list id (kebab-case)" })
  .meta({ description: "A sector id or a product list id." });

export const HsPrefix = z
  .string({ error: 'expected an HS prefix as a string such as "7208" or "7308.90"' })
  .regex(/^\d{2}(\.?\d)*$/, { error: 'an HS prefix is 2 to 10 digits, dots optional, e.g. "72", "7208" or "7308.90"' })
  .refine((s) => { const n = s.replace(/\./g, "").length; return n >= 2 && n <= 10; }, { error: "an HS prefix has 2 to 10 digits" })
  .meta({ description: "HS/HTS code prefix, 2 to 10 digits, dots optional." });

export const Country = z
  .string({ error: "expected a country code as a string" })
  .regex(/^[A-Z]{2}$/, { error: 'expected an ISO 3166 alpha-2 country code such as "CA" or "US"' });

export const Importer = z.enum(["US", "CA"], { error: 'expected "US" or "CA"' }).meta({ description: "Whose customs levies the measure." });

export const Basis = z
  .enum(["value", "content", "non_content", "non_us_content"], { error: 'expected a basis: "value", "content", "non_content" or "non_us_content"' })
  .meta({
    description:
      "value: the customs value; content: the declared metal content value; non_content: the value less that content; non_us_content: the value less the declared US content (format 2).",
  });

const Heading = z.string({ error: "expected a heading as a string" }).min(1, { error: "a heading must not be empty" });

export const Exemption = z
  .union([
    z.literal("usmca"),
    z.strictObject({
      list: ListId.optional().meta({ description: "Goods on this product list are exempt (automatically, or with `claim` only when claimed)." }),
      claim: Heading.optional().meta({ description: "The chapter 99 heading a line must claim (its `claims` column) for the exemption to hold." }),
      heading: Heading.optional().meta({ description: "The exemption's own heading, reported on the line (e.g. 9903.05.86)." }),
      note: z.string({ error: "expected a note as a string" }).optional(),
    }),
  ], { error: 'expected "usmca", or { "list"?, "claim"?, "heading"? } (format 2)' })
  .meta({ description: 'usmca: goods that qualify under USMCA/CUSMA are exempt. An object: goods on a list, or claiming a heading, or both, are exempt (format 2).' });

const UsContentCap = z
  .string({ error: 'expected a share as a string such as "40%"' })
  .regex(/^\d+(\.\d+)?%$/, { error: 'expected a share such as "40%"' })
  .meta({ description: "non_us_content basis: the US content deducted from the value is at most this share of it (format 2)." });
const Text = (what: string) => z.string({ error: `expected ${what} as a string` });
const Url = z.string({ error: "expected a URL as a string" }).regex(/^https?:\/\/\S+$/, { error: "expected an http(s) URL" });

export const ExcludedBy = z
  .union([
    MeasureId,
    z.strictObject({
      measure: MeasureId,
      when: z.enum(["applies", "owes"], { error: 'expected "applies" or "owes"' }).meta({
        description: "applies: whenever that measure applies to the line; owes: only when it applies at a rate above 0%.",
      }),
    }),
  ], { error: 'expected a measure id, or { "measure": id, "when": "applies" | "owes" }' })
  .meta({ description: "A measure that, when it applies to the same line, switches this one off." });

export const SectorTerms = z
  .union([
    RateText,
    z.strictObject({ rate: RateText, heading: Heading.optional(), basis: Basis.optional(), usContentCap: UsContentCap.optional(), note: Text("a note").optional() }),
  ], { error: 'expected a rate such as "10%", or { "rate", "heading"?, "basis"? }' })
  .meta({ description: "The rate (and optionally heading and basis) for one sector, or one product list, inside a period." });

export const UsmcaTerms = z
  .strictObject({
    rate: RateText.optional(),
    basis: Basis.optional(),
    share: RateText.optional().meta({ description: "Share of the basis that is charged, e.g. 85% (CUSMA vehicles: value less 15% deemed Canadian/Mexican content)." }),
    usContentCap: UsContentCap.optional(),
    heading: Heading.optional(),
    note: Text("a note").optional(),
  })
  .meta({ description: "Terms that replace the period's for lines that qualify under USMCA/CUSMA (usmca=Y)." });

export const Period = z
  .strictObject({
    from: IsoDate.meta({ description: "First day in force (inclusive)." }),
    until: IsoDate.optional().meta({ description: "First day no longer in force (exclusive); open-ended when absent." }),
    rate: RateText.optional().meta({ description: "Rate for every sector the measure covers, unless `rates` says otherwise." }),
    rates: z
      .record(ScopeId, SectorTerms, { error: "expected an object of sector or list id → rate" })
      .optional()
      .meta({ description: "Rates by sector id or list id; a line takes the first key (in file order) that holds it." }),
    lists: z
      .array(ListId, { error: "expected a list of product list ids" })
      .min(1, { error: "lists must not be empty" })
      .optional()
      .meta({ description: "Product lists covered in this period, when they differ from the measure's (format 2)." }),
    action: z
      .enum(["charge", "prohibit"], { error: 'expected "charge" or "prohibit"' })
      .optional()
      .meta({ description: "charge (default): a duty at the rate; prohibit: entry is banned, a line it applies to is rejected, never priced (format 2)." }),
    usContentCap: UsContentCap.optional(),
    sectors: z
      .union([z.literal("*"), z.array(SectorId).min(1, { error: 'sectors must not be empty (use "*" for all)' })], { error: 'expected "*" or a list of sector ids' })
      .optional()
      .meta({ description: "The sectors covered in this period, when they differ from the measure's (e.g. products added to a measure later)." }),
    exceptSectors: z.array(SectorId, { error: "expected a list of sector ids" }).optional(),
    basis: Basis.optional(),
    exemptions: z.array(Exemption, { error: "expected a list of exemptions" }).optional(),
    usmca: UsmcaTerms.optional(),
    excludedBy: z.array(ExcludedBy, { error: "expected a list of measure ids" }).optional(),
    heading: Heading.optional(),
    note: Text("a note").optional(),
  })
  .meta({ description: "A span of dates with its rate; from inclusive, until exclusive. Fields given here replace the measure's for this span." });

export const Measure = z
  .strictObject({
    id: MeasureId,
    label: Text("a label"),
    importer: Importer,
    origins: z.array(Country, { error: 'expected a list of country codes such as ["CA"]' }).min(1, { error: "origins must not be empty" }),
    authority: Text("an authority (EO, proclamation, order and its number)"),
    heading: Heading.optional(),
    sectors: z
      .union([z.literal("*"), z.array(SectorId).min(1, { error: 'sectors must not be empty (use "*" for all)' })], {
        error: 'expected "*" or a list of sector ids',
      })
      .optional()
      .meta({ description: "Sectors covered. Required unless `lists` is given (format 2)." }),
    lists: z
      .array(ListId, { error: "expected a list of product list ids" })
      .min(1, { error: "lists must not be empty" })
      .optional()
      .meta({ description: "Product lists covered: a line is covered when its HS code is on one of them on its date (format 2)." }),
    exceptSectors: z.array(SectorId, { error: "expected a list of sector ids" }).optional(),
    basis: Basis.optional().meta({ description: "Default value." }),
    exemptions: z.array(Exemption, { error: "expected a list of exemptions" }).optional(),
    usmca: UsmcaTerms.optional(),
    excludedBy: z.array(ExcludedBy, { error: "expected a list of measure ids" }).optional(),
    periods: z.array(Period, { error: "expected a list of periods" }).min(1, { error: "a measure needs at least one period" }),
    sources: z.array(Url, { error: "expected a list of URLs" }).optional(),
    note: Text("a note").optional(),
  })
  .meta({ description: "One duty or surtax: who levies it, on what, at what rate, when, and why." });

export const Sector = z
  .strictObject({
    id: SectorId,
    label: Text("a label"),
    hs: z.array(HsPrefix, { error: "expected a list of HS prefixes" }),
    note: Text("a note").optional(),
  })
  .meta({ description: "A group of goods by HS prefix; a code belongs to the sector with its longest matching prefix." });

export const ListEntry = z
  .union([
    HsPrefix,
    z.strictObject({
      hs: HsPrefix,
      from: IsoDate.optional().meta({ description: "First day the code is on the list (inclusive)." }),
      until: IsoDate.optional().meta({ description: "First day it is no longer on the list (exclusive)." }),
      except: z.array(HsPrefix, { error: "expected a list of HS prefixes" }).optional().meta({ description: "Codes under `hs` that are not on the list." }),
      note: Text("a note").optional(),
    }),
  ], { error: 'expected an HS code such as "7326.90.86", or { "hs", "from"?, "until"?, "except"? }' })
  .meta({ description: "A code or prefix on a list; a line's code is on it when the entry is a prefix of the code (codes shorter than the entry are not)." });

export const ProductList = z
  .strictObject({
    id: ListId,
    label: Text("a label"),
    authority: Text("an authority").optional(),
    heading: Heading.optional(),
    sources: z.array(Url, { error: "expected a list of URLs" }).optional(),
    note: Text("a note").optional(),
    codes: z.array(ListEntry, { error: "expected a list of HS codes" }),
  })
  .meta({ description: "A named product list of the law (an annex, a U.S. note subdivision, an order's schedule), membership dated per code (format 2)." });

export const FeeId = z
  .string({ error: "expected a fee id as a string" })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: "a fee id is kebab-case: lowercase letters, digits and single hyphens, e.g. us-mpf" })
  .meta({ description: "Stable kebab-case fee or tax id, e.g. us-mpf; never a measure's id." });

export const Mode = z
  .enum(["vessel", "truck", "rail", "air", "mail"], { error: 'expected a mode: "vessel", "truck", "rail", "air" or "mail"' })
  .meta({ description: "How goods reached the border (a shipment's `mode` column; `ocean` reads as vessel)." });

export const TaxBasePart = z
  .enum(["value", "duty", "customs_duty", "sima_duty", "excise"], { error: 'expected a part of a tax base: "value", "duty", "customs_duty", "sima_duty" or "excise"' })
  .meta({
    description:
      "value: the customs value (value for duty); duty: the line's duty under the schedule's measures (surtaxes); customs_duty, sima_duty, excise: the amounts the line declares in those columns (not computed here).",
  });

const Amount = z
  .string({ error: 'expected an amount as a string such as "33.58"' })
  .regex(/^\d+(\.\d+)?$/, { error: 'expected an amount such as "33.58": digits, a decimal point, no currency sign' })
  .meta({ description: "An exact non-negative amount in the importer's currency, e.g. \"33.58\"." });

export const FeePeriod = z
  .strictObject({
    from: IsoDate.meta({ description: "First day in force (inclusive)." }),
    until: IsoDate.optional().meta({ description: "First day no longer in force (exclusive); open-ended when absent." }),
    rate: RateText.meta({ description: "Rate on the base of each line." }),
    minimum: Amount.optional().meta({ description: "Fee only: the least charged per entry (the lines' fees are summed, then raised to it)." }),
    maximum: Amount.optional().meta({ description: "Fee only: the most charged per entry (the lines' fees are summed, then cut to it)." }),
    note: Text("a note").optional(),
  })
  .meta({ description: "A span of dates with its rate and, for a fee, the minimum and maximum per entry of an entry dated in it." });

export const Fee = z
  .strictObject({
    id: FeeId,
    kind: z.enum(["fee", "tax"], { error: 'expected "fee" or "tax"' }).meta({
      description: "fee: charged on the value, with an optional minimum and maximum per entry (US MPF, HMF); tax: charged on a base that can include other charges (Canada's GST).",
    }),
    label: Text("a label"),
    importer: Importer,
    authority: Text("an authority (statute, regulation and section)"),
    heading: Heading.optional().meta({ description: "The code the fee or tax is declared under (e.g. class code 499 for the MPF)." }),
    origins: z.array(Country, { error: 'expected a list of country codes such as ["CA"]' }).min(1, { error: "origins must not be empty (leave it out for all)" }).optional().meta({
      description: "Goods of these origins only; absent: every origin.",
    }),
    modes: z.array(Mode, { error: "expected a list of modes" }).min(1, { error: "modes must not be empty (leave it out for all)" }).optional().meta({
      description: "Lines shipped by these modes only; a line without a mode is not charged. Absent: every line.",
    }),
    base: z.array(TaxBasePart, { error: "expected a list of base parts" }).min(1, { error: "base must not be empty" }).optional().meta({
      description: 'Tax only: what the rate is applied to, summed per line; default ["value"]. A fee is always on the value.',
    }),
    exemptions: z.array(z.literal("usmca", { error: 'expected "usmca"' }), { error: "expected a list of exemptions" }).optional().meta({
      description: "usmca: lines that qualify under USMCA/CUSMA are not charged.",
    }),
    periods: z.array(FeePeriod, { error: "expected a list of periods" }).min(1, { error: "a fee needs at least one period" }),
    sources: z.array(Url, { error: "expected a list of URLs" }).optional(),
    note: Text("a note").optional(),
  })
  .meta({ description: "A fee or tax charged with the duty (off unless asked for: `tariff calc --fees`), dated like a measure (format 2)." });

export const ImporterRules = z
  .strictObject({
    currency: z.string().regex(/^[A-Z]{3}$/, { error: 'expected an ISO 4217 currency code such as "USD"' }),
    valueRounding: z.enum(["whole", "cent"], { error: 'expected "whole" or "cent"' }).meta({
      description: "How a line's value (and each content basis) is rounded before rates apply, half away from zero.",
    }),
    dutyRounding: z.enum(["cent"], { error: 'expected "cent"' }).meta({ description: "How each measure's duty is rounded, half away from zero." }),
    asOf: IsoDate.optional().meta({ description: "When this authority's sources were last read, if earlier than the schedule's asOf (format 2)." }),
  })
  .meta({ description: "Currency and rounding of one customs authority." });

export const Importers = z
  .strictObject({ US: ImporterRules.optional(), CA: ImporterRules.optional() })
  .meta({ description: "Defaults: US in USD, value to whole dollars; CA in CAD, value to the cent; duty to the cent." });

export const ScheduleFile = z
  .strictObject({
    $schema: z.string().optional(),
    format: z.enum(SCHEDULE_FORMATS, { error: `expected "${SCHEDULE_FORMATS.join('" or "')}"` }),
    id: Text("an id").min(1),
    version: Text("a version (a date or a semver)").min(1),
    title: Text("a title"),
    asOf: IsoDate.meta({ description: "When the facts were last checked." }),
    importers: Importers.optional(),
    sectors: z.array(Sector, { error: "expected a list of sectors" }),
    lists: z.array(ProductList, { error: "expected a list of product lists" }).optional(),
    measures: z.array(Measure, { error: "expected a list of measures" }),
    fees: z.array(Fee, { error: "expected a list of fees and taxes" }).optional().meta({ description: "Fees and taxes charged with the duty, per line and per entry (format 2)." }),
    sources: z.array(Url, { error: "expected a list of URLs" }).optional(),
    note: Text("a note").optional(),
  })
  .meta({ title: "tariff schedule", description: "A versioned table of US and Canadian duty measures by sector and date." });

export type ScheduleFileT = z.infer<typeof ScheduleFile>;
export type MeasureT = z.infer<typeof Measure>;
export type PeriodT = z.infer<typeof Period>;
export type SectorT = z.infer<typeof Sector>;
export type ExcludedByT = z.infer<typeof ExcludedBy>;
export type SectorTermsT = z.infer<typeof SectorTerms>;
export type UsmcaTermsT = z.infer<typeof UsmcaTerms>;
export type ImporterRulesT = z.infer<typeof ImporterRules>;
export type ProductListT = z.infer<typeof ProductList>;
export type ListEntryT = z.infer<typeof ListEntry>;
export type ExemptionT = z.infer<typeof Exemption>;
export type FeeT = z.infer<typeof Fee>;
export type FeePeriodT = z.infer<typeof FeePeriod>;

/** The JSON Schema of the schedule format, derived from the zod schemas above. */
export function scheduleJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ScheduleFile, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
}
