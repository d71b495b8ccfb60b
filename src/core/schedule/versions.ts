/** The file format versions this tariff reads. */
export const SCHEDULE_FORMAT = "tariff-schedule/2";
/** Format 1 (sectors only) is still read: it is format 2 without lists, claims, prohibitions or US-content bases. */
export const SCHEDULE_FORMAT_1 = "tariff-schedule/1";
export const SCHEDULE_FORMATS = [SCHEDULE_FORMAT_1, SCHEDULE_FORMAT] as const;
export const OVERLAY_FORMAT = "tariff-overlay/1";
