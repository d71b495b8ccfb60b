import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // e2e tests spawn the built CLI; keep them from starving each other on 2 cores.
    maxWorkers: 2,
    testTimeout: 30_000,
    // beforeAll hooks that run the CLI several times (html reports) need more than the default 10 s on a loaded machine.
    hookTimeout: 60_000,
    // A turn of the event loop after each test (see the file).
    setupFiles: ["tests/helpers/turn.ts"],
  },
});
