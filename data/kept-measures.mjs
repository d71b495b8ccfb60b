// Measures carried over from the format 1 schedule unchanged (sector scopes that are exact HS prefixes, policy_params.yaml of the Yale tracker).
export const keptMeasures = {
  "us-232-autos": {
    "id": "us-232-autos",
    "label": "Section 232 passenger vehicles and light trucks",
    "importer": "US",
    "origins": [
      "CA"
    ],
    "authority": "Trade Expansion Act s. 232; Procl. 10908 (2025-03-26, 90 FR 14705)",
    "heading": "9903.94.01",
    "sectors": [
      "autos"
    ],
    "basis": "value",
    "periods": [
      {
        "from": "2025-04-03",
        "rate": "25%"
      }
    ],
    "sources": [
      "https://www.govinfo.gov/content/pkg/FR-2025-04-03/html/2025-05930.htm",
      "https://www.govinfo.gov/content/pkg/FR-2025-05-02/html/2025-07833.htm",
      "https://omnitrans.com/news/section-232-tariffs-on-automobiles-and-parts-annex-lists-of-affected-hts-codes-released",
      "https://content.govdelivery.com/accounts/USDHSCBP/bulletins/3e9bbf4",
      "https://github.com/Budget-Lab-Yale/tariff-rate-tracker"
    ],
    "note": "25% from 2025-04-03 12:01 a.m. EDT; vehicles 25 years old or more excluded (not modelled). USMCA vehicles: with Commerce approval of their US content (90 FR 21450) only the non-US content pays 25% (9903.94.03) and the US content 0% (9903.94.02); without approval, full value. The calculator has no US-content column, so USMCA vehicles are charged on full value here: for approved importers, enter the non-US content as the value or use an overlay. The assembler offset (3.75% of MSRP) is a credit on parts duty, not an entry-line rate: not modelled. UNVERIFIED: whether Proclamation 10908 covers 8703.21 (spark-ignition, up to 1,000 cc); it is left out here (small_passenger_vehicles) as in the Yale tracker."
  },
  "us-232-timber-lumber": {
    "id": "us-232-timber-lumber",
    "label": "Section 232 softwood timber and lumber",
    "importer": "US",
    "origins": [
      "CA"
    ],
    "authority": "Trade Expansion Act s. 232; Procl. 10976 (2025-09-29, 90 FR 48127)",
    "heading": "9903.76.01",
    "sectors": [
      "softwood_lumber",
      "softwood_logs_ties"
    ],
    "basis": "value",
    "excludedBy": [
      "us-232-autos"
    ],
    "periods": [
      {
        "from": "2025-10-14",
        "rate": "10%"
      }
    ],
    "sources": [
      "https://americanfocus.online/amendments-to-adjusting-imports-of-timber-lumber-and-their-derivative-products-into-the-united-states-the-white-house",
      "https://www.universallogistics.ca/route-newsletter-articles/new-us-section-232-tariffs-on-imports-october-2025",
      "https://thefurnituretimes.com/?p=2951",
      "https://www.internationaltradeinsights.com/2025/09/section-232-tariffs-on-timber-lumber-and-certain-wood-products-take-effect-on-october-14",
      "https://github.com/Budget-Lab-Yale/tariff-rate-tracker"
    ],
    "note": "10% from 2025-10-14 12:01 a.m. EDT. No USMCA relief; AD/CVD duties add on top; 232 autos wins over wood; wood displaces IEEPA Canada."
  },
  "us-232-wood-products": {
    "id": "us-232-wood-products",
    "label": "Section 232 upholstered wooden furniture and kitchen cabinets/vanities",
    "importer": "US",
    "origins": [
      "CA"
    ],
    "authority": "Trade Expansion Act s. 232; Procl. 10976 (2025-09-29, 90 FR 48127); Procl. 11000 (2025-12-31) deferral",
    "sectors": [
      "upholstered_furniture",
      "kitchen_cabinets"
    ],
    "basis": "value",
    "excludedBy": [
      "us-232-autos"
    ],
    "periods": [
      {
        "from": "2025-10-14",
        "until": "2027-01-01",
        "rates": {
          "upholstered_furniture": {
            "rate": "25%",
            "heading": "9903.76.02"
          },
          "kitchen_cabinets": {
            "rate": "25%",
            "heading": "9903.76.03"
          }
        }
      },
      {
        "from": "2027-01-01",
        "rates": {
          "upholstered_furniture": {
            "rate": "30%",
            "heading": "9903.76.02"
          },
          "kitchen_cabinets": {
            "rate": "50%",
            "heading": "9903.76.03"
          }
        },
        "note": "Scheduled: the increase set for 2026-01-01 was deferred to 2027-01-01 by Procl. 11000; not yet in force on the asOf date and may change again."
      }
    ],
    "sources": [
      "https://americanfocus.online/amendments-to-adjusting-imports-of-timber-lumber-and-their-derivative-products-into-the-united-states-the-white-house",
      "https://www.universallogistics.ca/route-newsletter-articles/new-us-section-232-tariffs-on-imports-october-2025",
      "https://thefurnituretimes.com/?p=2951",
      "https://www.internationaltradeinsights.com/2025/09/section-232-tariffs-on-timber-lumber-and-certain-wood-products-take-effect-on-october-14",
      "https://github.com/Budget-Lab-Yale/tariff-rate-tracker"
    ],
    "note": "25% from 2025-10-14 12:01 a.m. EDT; no USMCA relief; 232 autos wins over wood; wood displaces IEEPA Canada. The 2027-01-01 period is scheduled, not yet in force."
  },
  "us-232-trucks": {
    "id": "us-232-trucks",
    "label": "Section 232 medium and heavy-duty trucks and buses",
    "importer": "US",
    "origins": [
      "CA"
    ],
    "authority": "Trade Expansion Act s. 232; Procl. 10984 (2025-10-17, 90 FR 48451)",
    "heading": "9903.74.01",
    "sectors": [
      "mhd_trucks",
      "electric_goods_vehicles",
      "buses"
    ],
    "basis": "value",
    "periods": [
      {
        "from": "2025-11-01",
        "rate": "25%",
        "rates": {
          "buses": {
            "rate": "10%",
            "heading": "9903.74.02"
          }
        }
      }
    ],
    "sources": [
      "https://www.govinfo.gov/content/pkg/FR-2025-10-22/html/2025-19639.htm",
      "https://www.buckland.com/?p=6376",
      "https://internationaltradetoday.com/article/2025/10/30/cbp-releases-section-232-guidance-on-buses-medium-and-heavyduty-trucks-and-parts-2510300014",
      "https://www.cassidylevy.com/news/section-232-tariff-regimes-introduced-revised-on-trucks-autos",
      "https://github.com/Budget-Lab-Yale/tariff-rate-tracker"
    ],
    "note": "From 2025-11-01: trucks 25% (9903.74.01), buses 10% (9903.74.02). Vehicles 25 years old or more (9903.74.07) and out-of-scope goods (.05, .11) at 0%: not modelled. USMCA trucks: 25% on non-US content only (9903.74.03, US content .06) after Commerce approval, on hold pending guidance: full value here. Buses: no USMCA relief. Stacking clauses of Procl. 10984 UNVERIFIED beyond: trucks displace IEEPA Canada."
  },
  "us-ad-softwood-lumber": {
    "id": "us-ad-softwood-lumber",
    "label": "Antidumping duty on softwood lumber from Canada (non-selected exporters)",
    "importer": "US",
    "origins": [
      "CA"
    ],
    "authority": "Tariff Act of 1930 s. 731; antidumping order A-122-857",
    "sectors": [
      "softwood_lumber"
    ],
    "basis": "value",
    "periods": [
      {
        "from": "2025-01-01",
        "until": "2025-07-29",
        "rate": "7.66%",
        "note": "AR5 rate for non-selected exporters."
      },
      {
        "from": "2025-07-29",
        "rate": "20.56%",
        "note": "AR6 (POR 2023) final, non-selected exporters, for entries from 2025-07-29."
      }
    ],
    "sources": [
      "https://www.lesprom.com/en/news/U_S_sets_final_combined_duty_rates_up_to_47_65_on_Canadian_softwood_lumber_119979",
      "https://www.anderinger.com/us-finalizes-canadian-lumber-duties"
    ],
    "note": "Cash-deposit rate for exporters not individually examined ('all others' of the review); exporter-specific rates differ (combined AD+CVD: Canfor 47.65%, West Fraser 26.47%): use an overlay. Always stacks (MFN, 232, IEEPA); USMCA does not exempt. AD amended 2025-09 for ministerial errors (effect UNVERIFIED); AR7 (POR 2024) results not found (UNVERIFIED). Final liability is set at liquidation."
  },
  "us-cvd-softwood-lumber": {
    "id": "us-cvd-softwood-lumber",
    "label": "Countervailing duty on softwood lumber from Canada (non-selected exporters)",
    "importer": "US",
    "origins": [
      "CA"
    ],
    "authority": "Tariff Act of 1930 s. 701; countervailing duty order C-122-858",
    "sectors": [
      "softwood_lumber"
    ],
    "basis": "value",
    "periods": [
      {
        "from": "2025-01-01",
        "until": "2025-08-12",
        "rate": "6.74%",
        "note": "AR5 rate for non-selected exporters."
      },
      {
        "from": "2025-08-12",
        "rate": "14.63%",
        "note": "AR6 final (2025-08-08, published 2025-08-12), non-selected exporters."
      }
    ],
    "sources": [
      "https://www.lesprom.com/en/news/U_S_sets_final_combined_duty_rates_up_to_47_65_on_Canadian_softwood_lumber_119979",
      "https://www.anderinger.com/us-finalizes-canadian-lumber-duties"
    ],
    "note": "Cash-deposit rate for non-selected exporters; combined with AD: 14.40% before 2025-07-29, 27.30% from 2025-07-29, 35.19% from 2025-08-12. The CVD rate is 14.63% (Commerce release), not 14.38% as some reports say. Exporter-specific rates (Canfor, West Fraser) differ: use an overlay. Always stacks; USMCA does not exempt. AR7 results UNVERIFIED."
  },
};
// Sources and notes of the format 1 measures, reused below where still right.
export const oldSources = {
  "us-ieepa-canada": [
    "https://www.govinfo.gov/content/pkg/FR-2025-03-06/html/2025-03664.htm",
    "https://www.govinfo.gov/content/pkg/FR-2025-08-06/html/2025-14999.htm",
    "https://content.govdelivery.com/accounts/USDHSCBP/bulletins/3d5b0a5",
    "https://www.nnrglobal.com/insight/tariffs-increase-to-35-on-products-of-canada",
    "https://content.govdelivery.com/bulletins/gd/USDHSCBP-3d7c46d",
    "https://taggart-intl.com/update-for-canada-and-mexico-tariffs",
    "https://www.govinfo.gov/content/pkg/FR-2025-05-02/html/2025-07835.htm",
    "https://www.internationaltradeinsights.com/2025/05/cbp-issues-guidance-on-prioritization-of-articles-subject-to-more-than-one-tariff-under-eo-14289/",
    "https://www.nnrglobal.com/?p=3742",
    "https://natlawreview.com/article/return-tariffs-rise-import-surcharge",
    "https://www.supremecourt.gov/opinions/25pdf/24-1287_4gcj.pdf",
    "https://patentlyo.com/patent/2026/03/forthwith-part-ii-cit-orders-refunds-for-all-importers-not-just-litigants.html",
    "https://content.govdelivery.com/accounts/USDHSCBP/bulletins/4126a9c",
    "https://www.the-independent.com/bulletin/news/trump-canada-tariffs-reagan-ad-b2852444.html",
    "https://github.com/Budget-Lab-Yale/tariff-rate-tracker"
  ],
  "us-122-surcharge": [
    "https://globalimportblog.bakermckenzie.com/2026/05/08/us-cit-invalidates-section-122-tariffs/",
    "https://www.internationaltradeinsights.com/2026/02/cbp-issues-csms-guidance-on-section-122-duties-and-continued-suspension-of-de-minimis-eligibility",
    "https://www.jmrodgers.com/cbp-issues-guidance-on-temporary-10-percent-section-122-import-surcharge",
    "https://worldtradescanner.com/Temporary%20Import%20Surcharge%20Under%20Section%20122%20of%20Trade%20Act.htm",
    "https://www.kelleydrye.com/viewpoints/blogs/trade-and-manufacturing-monitor/court-of-international-trade-holds-section-122-tariffs-unlawful",
    "https://github.com/Budget-Lab-Yale/tariff-rate-tracker"
  ],
  "us-301-forced-labor": [
    "https://taxnews.ey.com/news/2026-0633-ustr-initiates-section-301-investigations-relating-to-forced-labor",
    "https://www.greenwich-mercantile.com/section-301-forced-labor-tariffs-2026",
    "https://www.federalregister.gov/documents/2026/07/28/2026-15181"
  ],
  "us-338-canada": [
    "https://ustr.gov/about/policy-offices/press-office/press-releases/2026/july/ambassador-greer-issues-statement-president-trump-imposing-section-338-tariffs-canada",
    "https://www.whitehouse.gov/fact-sheets/2026/09/fact-sheet-president-donald-j-trump-responds-to-canadas-retaliation"
  ],
  "us-232-steel": [
    "https://www.govinfo.gov/content/pkg/FR-2025-02-18/html/2025-02832.htm",
    "https://content.govdelivery.com/bulletins/gd/USDHSCBP-3d66da7",
    "https://shifl.com/resources/aluminum-and-steel-tariffs-going-into-effect-on-march-12/",
    "https://www.govinfo.gov/content/pkg/FR-2025-06-09/html/2025-10524.htm",
    "https://www.thompsonhinesmartrade.com/2025/06/section-232-aluminum-and-steel-tariffs-increased-to-50-except-for-uk-significant-changes-made-to-calculating-and-stacking-of-tariffs/",
    "https://borderbuddy.com/trade-tariff-news/new-steel-derivatives-added-to-50-section-232",
    "https://www.govinfo.gov/content/pkg/FR-2025-08-19/html/2025-15819.htm",
    "https://www.universallogistics.ca/trade-alerts/us-announces-50-percent-tariffs-on-imports-of-steel-aluminum-june-4-2025",
    "https://www.ashurstperkinscoie.com/en/insights/restructured-and-additional-section-232-tariffs-on-aluminum-steel-and-copper/",
    "https://tariffsentinel.com/changes/section-232-steel-aluminum-monitoring",
    "https://www.govinfo.gov/content/pkg/FR-2025-05-02/html/2025-07835.htm",
    "https://www.internationaltradeinsights.com/2025/05/cbp-issues-guidance-on-prioritization-of-articles-subject-to-more-than-one-tariff-under-eo-14289/",
    "https://www.nnrglobal.com/?p=3742",
    "https://github.com/Budget-Lab-Yale/tariff-rate-tracker"
  ],
  "us-232-aluminum": [
    "https://www.govinfo.gov/content/pkg/FR-2025-02-18/html/2025-02832.htm",
    "https://content.govdelivery.com/bulletins/gd/USDHSCBP-3d66df0",
    "https://shifl.com/resources/aluminum-and-steel-tariffs-going-into-effect-on-march-12/",
    "https://www.govinfo.gov/content/pkg/FR-2025-06-09/html/2025-10524.htm",
    "https://www.thompsonhinesmartrade.com/2025/06/section-232-aluminum-and-steel-tariffs-increased-to-50-except-for-uk-significant-changes-made-to-calculating-and-stacking-of-tariffs/",
    "https://borderbuddy.com/trade-tariff-news/new-steel-derivatives-added-to-50-section-232",
    "https://www.govinfo.gov/content/pkg/FR-2025-08-19/html/2025-15819.htm",
    "https://www.universallogistics.ca/trade-alerts/us-announces-50-percent-tariffs-on-imports-of-steel-aluminum-june-4-2025",
    "https://www.ashurstperkinscoie.com/en/insights/restructured-and-additional-section-232-tariffs-on-aluminum-steel-and-copper/",
    "https://tariffsentinel.com/changes/section-232-steel-aluminum-monitoring",
    "https://www.govinfo.gov/content/pkg/FR-2025-05-02/html/2025-07835.htm",
    "https://www.internationaltradeinsights.com/2025/05/cbp-issues-guidance-on-prioritization-of-articles-subject-to-more-than-one-tariff-under-eo-14289/",
    "https://www.nnrglobal.com/?p=3742",
    "https://github.com/Budget-Lab-Yale/tariff-rate-tracker"
  ],
  "us-232-copper": [
    "https://www.whitecase.com/insight-alert/president-trump-orders-50-percent-section-232-tariff-copper-imports",
    "https://www.mti-worldwide.com/current-events-worldwide-logistics-blog/section-232-import-duties-on-copper-and-copper-derivative-products-csms-65794272",
    "https://www.fleischer-chb.com/post/50-tariff-copper-section-232",
    "https://www.mallorygroup.com/customs-guidance-tariffs-on-copper",
    "https://tradefacts.io/blog/section-232-tariffs-shift-to-full-customs-value-april-6-2026.html",
    "https://www.ashurstperkinscoie.com/en/insights/restructured-and-additional-section-232-tariffs-on-aluminum-steel-and-copper/",
    "https://github.com/Budget-Lab-Yale/tariff-rate-tracker"
  ],
  "us-232-autos": [
    "https://www.govinfo.gov/content/pkg/FR-2025-04-03/html/2025-05930.htm",
    "https://www.govinfo.gov/content/pkg/FR-2025-05-02/html/2025-07833.htm",
    "https://omnitrans.com/news/section-232-tariffs-on-automobiles-and-parts-annex-lists-of-affected-hts-codes-released",
    "https://content.govdelivery.com/accounts/USDHSCBP/bulletins/3e9bbf4",
    "https://github.com/Budget-Lab-Yale/tariff-rate-tracker"
  ],
  "us-232-auto-parts": [
    "https://www.govinfo.gov/content/pkg/FR-2025-04-03/html/2025-05930.htm",
    "https://www.govinfo.gov/content/pkg/FR-2025-05-02/html/2025-07833.htm",
    "https://omnitrans.com/news/section-232-tariffs-on-automobiles-and-parts-annex-lists-of-affected-hts-codes-released",
    "https://www.internationaltradeinsights.com/2025/05/customs-provides-clarification-on-automobile-and-automobile-parts-tariffs-by-issuing-csms/",
    "https://favofcanada.ca/canada-auto-parts-get-trump-tariff-exemption-under-cusma-u-s-says/amp",
    "https://github.com/Budget-Lab-Yale/tariff-rate-tracker"
  ],
  "us-232-timber-lumber": [
    "https://americanfocus.online/amendments-to-adjusting-imports-of-timber-lumber-and-their-derivative-products-into-the-united-states-the-white-house",
    "https://www.universallogistics.ca/route-newsletter-articles/new-us-section-232-tariffs-on-imports-october-2025",
    "https://thefurnituretimes.com/?p=2951",
    "https://www.internationaltradeinsights.com/2025/09/section-232-tariffs-on-timber-lumber-and-certain-wood-products-take-effect-on-october-14",
    "https://github.com/Budget-Lab-Yale/tariff-rate-tracker"
  ],
  "us-232-wood-products": [
    "https://americanfocus.online/amendments-to-adjusting-imports-of-timber-lumber-and-their-derivative-products-into-the-united-states-the-white-house",
    "https://www.universallogistics.ca/route-newsletter-articles/new-us-section-232-tariffs-on-imports-october-2025",
    "https://thefurnituretimes.com/?p=2951",
    "https://www.internationaltradeinsights.com/2025/09/section-232-tariffs-on-timber-lumber-and-certain-wood-products-take-effect-on-october-14",
    "https://github.com/Budget-Lab-Yale/tariff-rate-tracker"
  ],
  "us-232-trucks": [
    "https://www.govinfo.gov/content/pkg/FR-2025-10-22/html/2025-19639.htm",
    "https://www.buckland.com/?p=6376",
    "https://internationaltradetoday.com/article/2025/10/30/cbp-releases-section-232-guidance-on-buses-medium-and-heavyduty-trucks-and-parts-2510300014",
    "https://www.cassidylevy.com/news/section-232-tariff-regimes-introduced-revised-on-trucks-autos",
    "https://github.com/Budget-Lab-Yale/tariff-rate-tracker"
  ],
  "us-232-mhd-parts": [
    "https://www.govinfo.gov/content/pkg/FR-2025-10-22/html/2025-19639.htm",
    "https://www.buckland.com/?p=6376",
    "https://internationaltradetoday.com/article/2025/10/30/cbp-releases-section-232-guidance-on-buses-medium-and-heavyduty-trucks-and-parts-2510300014",
    "https://www.cassidylevy.com/news/section-232-tariff-regimes-introduced-revised-on-trucks-autos",
    "https://github.com/Budget-Lab-Yale/tariff-rate-tracker"
  ],
  "us-232-semiconductors": [
    "https://perkinscoie.com/insights/article/presidential-action-semiconductors-and-critical-minerals-under-section-232",
    "https://github.com/Budget-Lab-Yale/tariff-rate-tracker"
  ],
  "us-ad-softwood-lumber": [
    "https://www.lesprom.com/en/news/U_S_sets_final_combined_duty_rates_up_to_47_65_on_Canadian_softwood_lumber_119979",
    "https://www.anderinger.com/us-finalizes-canadian-lumber-duties"
  ],
  "us-cvd-softwood-lumber": [
    "https://www.lesprom.com/en/news/U_S_sets_final_combined_duty_rates_up_to_47_65_on_Canadian_softwood_lumber_119979",
    "https://www.anderinger.com/us-finalizes-canadian-lumber-duties"
  ],
  "ca-surtax-us-2025-1": [
    "https://gazette.gc.ca/rp-pr/p2/2025/2025-03-12/html/sor-dors66-eng.html",
    "https://www.cbsa-asfc.gc.ca/publications/cn-ad/cn25-10-eng.html",
    "https://www.canada.ca/en/department-finance/programs/international-trade-finance-policy/canadas-response-us-tariffs/complete-list-us-products-subject-to-counter-tariffs.html",
    "https://miragenews.com/canada-unveils-strong-tariff-plan-against-us-1419305",
    "https://taxnews.ey.com/news/2025-1890-canada-removing-tariffs-on-certain-us-goods-canadian-business-support-measures-announced",
    "https://www.buckland.com/news/what-you-need-to-know-canadian-surtax-updates-effective-september-1st-2025"
  ],
  "ca-surtax-us-other-goods": [
    "https://gazette.gc.ca/rp-pr/p2/2025/2025-03-26/html/sor-dors95-eng.html",
    "https://www.cbsa-asfc.gc.ca/publications/cn-ad/cn25-11-eng.html",
    "https://gtatoday.ca/canada-hits-back-with-29-8-billion-in-tariffs-on-u-s-imports/",
    "https://taxnews.ey.com/news/2025-1890-canada-removing-tariffs-on-certain-us-goods-canadian-business-support-measures-announced",
    "https://bcbinternational.com/canada-trade-alert-order-amending-and-repealing-certain-orders-made-under-the-customs-tariff-united-states-surtax/"
  ],
  "ca-surtax-us-steel": [
    "https://gazette.gc.ca/rp-pr/p2/2025/2025-03-26/html/sor-dors95-eng.html",
    "https://www.cbsa-asfc.gc.ca/publications/cn-ad/cn25-11-eng.html",
    "https://gtatoday.ca/canada-hits-back-with-29-8-billion-in-tariffs-on-u-s-imports/",
    "https://blgwebsite.azurefd.net/en/insights/2026/06/canada-extends-steel-and-aluminum-trade-measures-what-stakeholders-need-to-know",
    "https://beta.bnnbloomberg.ca/business/politics/2025/08/22/canada-to-remove-countertariffs-on-american-goods-amid-ongoing-trade-war-carney",
    "https://gazette.gc.ca/rp-pr/p2/2025/2025-05-07/html/sor-dors122-eng.html"
  ],
  "ca-surtax-us-aluminum": [
    "https://gazette.gc.ca/rp-pr/p2/2025/2025-03-26/html/sor-dors95-eng.html",
    "https://www.cbsa-asfc.gc.ca/publications/cn-ad/cn25-11-eng.html",
    "https://gtatoday.ca/canada-hits-back-with-29-8-billion-in-tariffs-on-u-s-imports/",
    "https://blgwebsite.azurefd.net/en/insights/2026/06/canada-extends-steel-and-aluminum-trade-measures-what-stakeholders-need-to-know",
    "https://beta.bnnbloomberg.ca/business/politics/2025/08/22/canada-to-remove-countertariffs-on-american-goods-amid-ongoing-trade-war-carney",
    "https://gazette.gc.ca/rp-pr/p2/2025/2025-05-07/html/sor-dors122-eng.html"
  ],
  "ca-surtax-us-vehicles": [
    "https://gazette.gc.ca/rp-pr/p2/2025/2025-04-23/html/sor-dors118-eng.html",
    "https://www.cbsa-asfc.gc.ca/publications/cn-ad/cn25-15-eng.html",
    "https://info.expeditors.com/newsflash/canada-announces-united-states-surtax-order",
    "https://universallogistics.ca/trade-alerts/usa-canada-trade-war-update-surtax-on-us-motor-vehicles-april-10-2025",
    "https://laws-lois.justice.gc.ca/eng/regulations/SI-2025-60/FullText.html"
  ],
  "ca-steel-derivatives": [
    "https://taxnews.ey.com/news/2026-0197-canada-provides-guidance-for-steel-derivative-goods-surtax-and-relief-for-certain-steel-goods",
    "https://farrow.com/news/customs-notice-25-33-steel-derivative-goods-surtax-order",
    "https://www.universallogistics.ca/trade-alerts/new-canadian-trade-measures-to-impact-steel-product-imports-december-12-2025",
    "https://www.valexander.com/2025/12/29/canada-issues-steel-derivative-tariffs-effective-december-26th",
    "https://borderbuddy.com/trade-tariff-news/list-of-steel-derivative-products-subject-to-25-tariff-effective-december-26-2025"
  ]
};

