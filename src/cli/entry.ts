/**
 * What `bin/tariff.js` runs: the program and the last-resort handler, from
 * one module, so that the build can bundle them into one file (with the
 * libraries) that Node loads at once: every command starts faster than from
 * a hundred modules resolved one by one (see esbuild.config.mjs).
 */
export { main } from "./main.js";
export { installLastResort } from "./last-resort.js";
