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
export const oldNotes = {
  "us-ieepa-canada": "Ended for entries on or after 2026-02-24 (EO 14389; CBP CSMS 67834313) after the Supreme Court held on 2026-02-20 that IEEPA does not authorize tariffs (Learning Resources v. Trump, Nos. 24-1287/25-250). The periods keep the duty as assessed at entry: refunds (CIT, Atmus Filtration v. US, 2026-03-04; CBP CAPE declarations from 2026-04-20; Phase 2 date and the appeal UNVERIFIED) are to be modelled as an overlay, not by deleting history. The '+10%' announced over Ontario's Reagan ad (2025-10-25) had no EO, HTS change or CBP guidance and is treated as never collected. Energy (9903.01.13) and potash (9903.01.15) use the CBP lists as read by the Yale tracker. Exempt donations/informational materials (9903.01.11/.12), accompanied baggage, Chapter 98 treatment and the transshipment rate are not modelled. De minimis shipments paid no IEEPA duty until 2025-08-29 (EO 14226/EO 14324): not modelled. Each period lists the 232 measures that rank above it while they exist: autos and parts always; steel and aluminum from 2025-06-04; copper from 2025-08-01; wood from 2025-10-14; trucks and truck parts from 2025-11-01. The 232 semiconductor exclusion (from 2026-01-15) follows the general 232-over-IEEPA order; UNVERIFIED. Differs from the Yale tariff-rate-tracker, which charges the border tariff on the non-metal share of 232 products and ranks 232 above it also before 2025-06-04; an overlay can express that reading. UNVERIFIED: copper (from 2025-08-01) ranking above IEEPA Canada is the tracker's and the brief's reading of the copper proclamation's stacking clause (it 'is not applied if the good pays 232 autos'); no CBP guidance naming IEEPA Canada was seen. 'owes' means the other measure charges more than nothing on the line (rate above 0% and a base above 0): a can-content beer line with content 0 pays IEEPA.",
  "us-122-surcharge": "10% from 2026-02-24 12:01 a.m. EST to 2026-07-24 12:01 a.m. EDT (150 days, no extension found). A 15% rate announced on 2026-02-21 was never proclaimed (CBP and counsel still reported 10% in May 2026). The CIT held the surcharge unlawful on 2026-05-07 (2-1) with relief for the named plaintiffs only; the government appealed: the duty is kept here. Exempt: USMCA goods of Canada (9903.03.07), 232 goods (9903.03.06), civil aircraft (9903.03.05, not modelled), goods loaded before 2026-02-24 and entered before 2026-02-28 (9903.03.02, not modelled). Annex II exemptions are approximated by exceptSectors: energy and critical minerals, fertilizers (potash), coffee, orange juice, computers and their parts, per the Yale tracker's s122_exempt_products.csv; passenger vehicles and parts are 232 goods here anyway; pharmaceuticals, other electronics and farm goods on Annex II are not separate sectors (UNVERIFIED which). Metal-content split before 2026-04-06: UNVERIFIED (brief section 1b). Passenger vehicles on Annex II are 232 autos (excluded by 232) except 8703.21 (small_passenger_vehicles), which is excepted here directly; other mineral fuels of Annex II (ch. 27 outside the IEEPA energy list) are the other_mineral_fuels sector.",
  "us-301-forced-labor": "UNVERIFIED: rate, headings, exemptions and start time were seen only in third-party transcriptions of FR 2026-15181 (not read). 10% from 12:01 a.m. 2026-07-24, no end date; USMCA goods exempt (9903.05.93); 232 goods exempt (9903.05.90). Any product exclusions (e.g. an Annex like Section 122's) are not modelled. USTR had proposed 10% / 12.5% on 2026-06-02.",
  "us-338-canada": "UNVERIFIED: the line lists (about 569 8-digit lines, about US$20B) were not available; the sectors here are the goods the brief names (alcohol, dairy, molasses, large motorcycles from 2026-08-22; cheese and golf carts from 2026-09-15) at 4/6-digit level, so they over- or under-cover the real lists. Headings 9903.03.12-.14 by proclamation; all lines show 9903.03.12 here (split UNVERIFIED). Exemptions 9903.03.15 (232 goods, to 2026-09-14) and 9903.03.16 (civil aircraft, not modelled). USMCA does NOT exempt. The 2026-09-15 drops (cement, rock salt, toilet paper, bulk whisky...) are not separate sectors: bulk whisky stays at 50% here. The 2026-09-29 import bans are not a rate and are not modelled. Announced but not law: 50% on Canadian autos, parts and steel from 2027-01-01.",
  "us-232-steel": "Steel articles 9903.81.87, ch. 73 derivatives 9903.81.89/.90, derivatives outside ch. 73 9903.81.91 (steel content only until 2025-06-03). No USMCA exemption. Before 2025-06-04 (EO 14289) it yields to 232 autos/parts and to IEEPA Canada when IEEPA duty above 0% is owed: non-USMCA Canadian metal paid IEEPA 25% and no 232; USMCA metal paid 232. From 2025-06-04 it yields only to autos/parts. The Yale tariff-rate-tracker differs (brief us-measures.md section 13 item 4): it ranks 232 above the border tariff also before 2025-06-04 and charges the border tariff on the non-metal share; an overlay can express that reading. Content basis: duty on the declared metal content value (content_value), full value when it is missing (CBP: unknown content pays on full value). From 2026-04-06 (Procl. 11021, 91 FR 18201) full entered value: 50% for articles wholly or mostly of metal (9903.82.02), 25% for derivatives (heading 9903.82.09 from third-party transcriptions, UNVERIFIED); the 15% industrial/grid tier, the 10% tier for 95%/85% US metal, the out-of-scope rule for metal at or under 15% and Annex II removals are not modelled except where a sector is wholly removed. Procl. 11032 (2026-06-08; 9903.82.18-.26, ag equipment and residential HVAC at 15%) is not modelled; its reported USMCA Annex I-C rule (25% on non-US content, 15% floor) is UNVERIFIED and not encoded. Melt-and-pour reporting (US metal 0%) is not modelled. The 50% threat of 2025-03-11 on Canadian metals was withdrawn the same day and never in force. UNVERIFIED (us-measures.md §13.3): whether the 2026 out-of-scope threshold (metal at most 15%) is by weight (Ashurst) or by value (one vendor); not modelled.",
  "us-232-aluminum": "Aluminum articles 9903.85.02, existing derivatives .04, new ch. 76 derivatives .07, derivatives outside ch. 76 .08 (aluminum content only until 2025-06-03). Beer is covered only when canned: enter content_value = value of the cans (0 for bottles or kegs); heading for beer (.08) UNVERIFIED. No USMCA exemption. Before 2025-06-04 (EO 14289) it yields to 232 autos/parts and to IEEPA Canada when IEEPA duty above 0% is owed: non-USMCA Canadian metal paid IEEPA 25% and no 232; USMCA metal paid 232. From 2025-06-04 it yields only to autos/parts. The Yale tariff-rate-tracker differs (brief us-measures.md section 13 item 4): it ranks 232 above the border tariff also before 2025-06-04 and charges the border tariff on the non-metal share; an overlay can express that reading. Content basis: duty on the declared metal content value (content_value), full value when it is missing (CBP: unknown content pays on full value). From 2026-04-06 (Procl. 11021, 91 FR 18201) full entered value: 50% for articles wholly or mostly of metal (9903.82.02), 25% for derivatives (heading 9903.82.09 from third-party transcriptions, UNVERIFIED); the 15% industrial/grid tier, the 10% tier for 95%/85% US metal, the out-of-scope rule for metal at or under 15% and Annex II removals are not modelled except where a sector is wholly removed. Procl. 11032 (2026-06-08; 9903.82.18-.26, ag equipment and residential HVAC at 15%) is not modelled; its reported USMCA Annex I-C rule (25% on non-US content, 15% floor) is UNVERIFIED and not encoded. Melt-and-pour reporting (US metal 0%) is not modelled. The 50% threat of 2025-03-11 on Canadian metals was withdrawn the same day and never in force. UNVERIFIED (us-measures.md §13.3): whether the 2026 out-of-scope threshold (metal at most 15%) is by weight (Ashurst) or by value (one vendor); not modelled.",
  "us-232-copper": "50% from 2025-08-01 12:01 a.m. EDT, no in-transit relief, no USMCA exemption; copper content only (unproven content: full value). Not applied when the good pays 232 autos/parts. From 2026-04-06 folded into the full-value metals regime; copper derivative rate UNVERIFIED. Phased duty on refined copper (15% 2027, 30% 2028) was recommended, not in force.",
  "us-232-autos": "25% from 2025-04-03 12:01 a.m. EDT; vehicles 25 years old or more excluded (not modelled). USMCA vehicles: with Commerce approval of their US content (90 FR 21450) only the non-US content pays 25% (9903.94.03) and the US content 0% (9903.94.02); without approval, full value. The calculator has no US-content column, so USMCA vehicles are charged on full value here: for approved importers, enter the non-US content as the value or use an overlay. The assembler offset (3.75% of MSRP) is a credit on parts duty, not an entry-line rate: not modelled. UNVERIFIED: whether Proclamation 10908 covers 8703.21 (spark-ignition, up to 1,000 cc); it is left out here (small_passenger_vehicles) as in the Yale tracker.",
  "us-232-auto-parts": "25% from 2025-05-03 12:01 a.m. USMCA-qualifying parts enter at 0% (9903.94.06) until Commerce/CBP set a non-US-content process; none found by 2026-11 (UNVERIFIED). Knock-down kits are excluded from that relief (not modelled). The auto/truck parts election of Procl. 10984 is not modelled.",
  "us-232-timber-lumber": "10% from 2025-10-14 12:01 a.m. EDT. No USMCA relief; AD/CVD duties add on top; 232 autos wins over wood; wood displaces IEEPA Canada.",
  "us-232-wood-products": "25% from 2025-10-14 12:01 a.m. EDT; no USMCA relief; 232 autos wins over wood; wood displaces IEEPA Canada. The 2027-01-01 period is scheduled, not yet in force.",
  "us-232-trucks": "From 2025-11-01: trucks 25% (9903.74.01), buses 10% (9903.74.02). Vehicles 25 years old or more (9903.74.07) and out-of-scope goods (.05, .11) at 0%: not modelled. USMCA trucks: 25% on non-US content only (9903.74.03, US content .06) after Commerce approval, on hold pending guidance: full value here. Buses: no USMCA relief. Stacking clauses of Procl. 10984 UNVERIFIED beyond: trucks displace IEEPA Canada.",
  "us-232-mhd-parts": "25% from 2025-11-01 (9903.74.08/.09). USMCA-qualifying parts 0% (9903.74.10) until a content process exists. A separate measure from us-232-trucks because trucks and buses get no such exemption. Parts on both the auto-parts and truck-parts lists are in auto_parts (us-232-auto-parts, same 25% and USMCA 0%).",
  "us-232-semiconductors": "25% from 2026-01-15 on a narrow annex; no USMCA exemption. Only articles meeting the note 39 technical thresholds pay (others 9903.79.02, 0%) and broad end-use exemptions (data centers, R&D, start-ups...) apply: neither is modelled, so the sectors overstate the duty for non-qualifying goods. The Yale tracker dates it 2026-01-16 (HTS revision); the brief's 2026-01-15 is kept.",
  "us-ad-softwood-lumber": "Cash-deposit rate for exporters not individually examined ('all others' of the review); exporter-specific rates differ (combined AD+CVD: Canfor 47.65%, West Fraser 26.47%): use an overlay. Always stacks (MFN, 232, IEEPA); USMCA does not exempt. AD amended 2025-09 for ministerial errors (effect UNVERIFIED); AR7 (POR 2024) results not found (UNVERIFIED). Final liability is set at liquidation.",
  "us-cvd-softwood-lumber": "Cash-deposit rate for non-selected exporters; combined with AD: 14.40% before 2025-07-29, 27.30% from 2025-07-29, 35.19% from 2025-08-12. The CVD rate is 14.63% (Commerce release), not 14.38% as some reports say. Exporter-specific rates (Canfor, West Fraser) differ: use an overlay. Always stacks; USMCA does not exempt. AR7 results UNVERIFIED.",
  "ca-surtax-us-2025-1": "25% of value for duty, on top of customs duty; CUSMA preference does NOT remove it. In force 2025-03-04 12:01 a.m. ET; repealed effective 2025-09-01 (order of 2025-08-29, SOR number UNVERIFIED). Headline products only: the order lists about 1,250 (count UNVERIFIED) tariff items (C$30B); the sectors here approximate them at 4/6-digit level, so some goods of these sectors were not surtaxed and many listed goods are not modelled. Exceptions not modelled: goods in transit on 2025-03-04, OEM tires of 40.11, certain Chapter 98/99 goods, Campobello residents' goods and Import for Re-Export Program goods (SOR/2025-119). Remission (United States Surtax Remission Order (2025), SOR/2025-122: health, public safety, manufacturing/processing, food and beverage packaging, agriculture, company and short-supply schedules) is not encoded: it is an opt-in relief for eligible importers, to be modelled as an overlay.",
  "ca-surtax-us-other-goods": "C$14.2B of 'other goods' (tools, computers and servers, display monitors, sports equipment, cast-iron products) from 2025-03-13 12:01 a.m. EDT until removed on 2025-09-01. Headline sectors only; cast-iron products are not separated from the steel sectors and are not modelled. CUSMA preference does not remove the surtax. Remission (United States Surtax Remission Order (2025), SOR/2025-122: health, public safety, manufacturing/processing, food and beverage packaging, agriculture, company and short-supply schedules) is not encoded: it is an opt-in relief for eligible importers, to be modelled as an overlay.",
  "ca-surtax-us-steel": "25% of value for duty (C$12.6B), full value not metal content; CUSMA qualification is NOT an exemption. No end date found; still in force per June 2026 sources, no later change found (UNVERIFIED after 2026-06). The sector is ch. 72 mill products and 7301-7306; whether Schedule 2 also lists ch. 73 articles (structures, fasteners...) is UNVERIFIED - those are under ca-steel-derivatives here. The 2025-09-01 amendment narrowed the order for certain goods (not modelled). Not applied to US goods: the steel TRQ over-quota surtax (SOR/2025-148, 50%; CUSMA goods excluded) and the China melt-and-pour surtax (SOR/2025-154, 25%; US goods excepted). Remission (United States Surtax Remission Order (2025), SOR/2025-122: health, public safety, manufacturing/processing, food and beverage packaging, agriculture, company and short-supply schedules) is not encoded: it is an opt-in relief for eligible importers, to be modelled as an overlay.",
  "ca-surtax-us-aluminum": "25% of value for duty (C$3.0B), full value; CUSMA qualification is NOT an exemption. No end date found (UNVERIFIED after 2026-06). The sectors approximate the Schedule 1 aluminum items by Chapter 76 headings (without scrap and powders): exact item list UNVERIFIED. Remission (United States Surtax Remission Order (2025), SOR/2025-122: health, public safety, manufacturing/processing, food and beverage packaging, agriculture, company and short-supply schedules) is not encoded: it is an opt-in relief for eligible importers, to be modelled as an overlay.",
  "ca-surtax-us-vehicles": "From 2025-04-09: 25% of full value for duty on non-CUSMA vehicles; CUSMA vehicles (entitled to the United States Tariff) pay 25% of value less Canadian/Mexican content, deemed 15% unless the importer claims and proves more (usmca share 85%; for a larger content use an overlay). Scope: heading 87.03 other than 8703.10 and 8703.21, goods vehicles up to 5 t and electric-only goods vehicles; parts not covered. Company remission under SI/2025-60 (vehicles imported 2025-04-09 to 2026-04-08, confidential quotas, cut for GM and Stellantis in Oct 2025) is not encoded; its renewal is UNVERIFIED. No end date found (UNVERIFIED after 2026-06). Remission (United States Surtax Remission Order (2025), SOR/2025-122: health, public safety, manufacturing/processing, food and beverage packaging, agriculture, company and short-supply schedules) is not encoded: it is an opt-in relief for eligible importers, to be modelled as an overlay. The 2025-09-01 amending order also narrowed SOR/2025-118 'for certain goods' (canada-measures.md §6); which goods is not known and it is not modelled.",
  "ca-steel-derivatives": "UNVERIFIED for US goods: the order applies to 'all countries' and no CUSMA exception was seen, so a US-origin listed derivative not already under SOR/2025-95 appears to pay 25% of full value. Headline sectors only (about C$10B of listed items: shapes, doors and windows, wire/rope/chain, fasteners, prefabricated structures and wind towers, cloth/grill/netting, metal-framed seating and furniture); steel shapes and wire of ch. 72 are in the steel sector, under ca-surtax-us-steel. Not applied to goods under the US surtax order (excludedBy), the China surtax, the TRQ or China-melt orders; exclusions not modelled: casual goods, Chapter 98, inputs for motor vehicles/parts or aircraft imported before 2026-07-01 (extension UNVERIFIED), wind-tower sections 7308.20 for projects west of the Ontario-Manitoba border, goods in transit."
};
export const oldHeader = {
  "sources": [
    "https://github.com/Budget-Lab-Yale/tariff-rate-tracker"
  ],
  "note": "Additional duties and surtaxes only: MFN/UST customs duty, fees (MPF, HMF), GST and excise are not measures of this schedule. Sectors are headline HS prefixes, not the full legal lists; each partial sector says so in its note. HS code lists derive from the Budget Lab at Yale tariff-rate-tracker (github.com/Budget-Lab-Yale/tariff-rate-tracker, commit 8315fffd697c42559141ed5f8bf7c8fa3da47ae8, MIT licence). Facts marked UNVERIFIED were seen only in secondary sources or sources disagree. Exclusions by a 232 measure use 'owes': it switches the other measure off only when it charges more than nothing on the line (EO 14289: 'when more than 0% is owed'). Not modelled: Section 232 pharmaceuticals (Procl. 11020, from 2026-07-31/09-29), drones (Procl. 11055, from 2026-09-03) and polysilicon (Procl. 11052, from 2026-12-04), all UNVERIFIED in the brief (us-measures.md §7); MPF, HMF and GST. Rounding (computation.md B6, A5; us-measures.md §13.10): US values to whole dollars (19 CFR 159.3; whether ACE still applies it is UNVERIFIED), CA to the cent (no CBSA text found: UNVERIFIED); each duty to the cent half away from zero, per line, then summed (per-line rounding is practice, UNVERIFIED as a rule). Canada: whether the courier de minimis relief (C$150) also relieves the surtax is UNVERIFIED (computation.md A4).",
  "importers": {
    "US": {
      "currency": "USD",
      "valueRounding": "whole",
      "dutyRounding": "cent"
    },
    "CA": {
      "currency": "CAD",
      "valueRounding": "cent",
      "dutyRounding": "cent"
    }
  }
};
