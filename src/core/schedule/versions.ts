/** The file format versions this tariff reads. */
export const SCHEDULE_FORMAT = "tariff-schedule/1";
export const OVERLAY_FORMAT = "tariff-overlay/1";
