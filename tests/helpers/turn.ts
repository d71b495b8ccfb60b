/**
 * Setup for every test file: after each test, give the event loop a full turn.
 * Many tests run the CLI with spawnSync, which blocks the worker; vitest awaits
 * a test only through promises, so a file of such tests can hold the loop for
 * a minute on a busy machine, and the worker then misses vitest's replies
 * ("Timeout calling onTaskUpdate", an error that fails a green run). One turn
 * between tests lets the replies in.
 */
import { afterEach } from "vitest";

afterEach(() => new Promise<void>((resolve) => setImmediate(resolve)));
