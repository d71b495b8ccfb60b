export * from "./decimal.js";
export * from "./rate.js";
export * from "./money.js";
