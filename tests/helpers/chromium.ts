/**
 * Opens a file in headless Chromium and reports what happened, through the
 * DevTools protocol over a pipe (`--remote-debugging-pipe`: messages are JSON
 * ended by a NUL byte, written to the browser's fd 3 and read from its fd 4;
 * no WebSocket, no port). Used by tests/e2e/html.test.ts (issue #16): every
 * request the page makes, its console messages and exceptions, its rendered
 * DOM, a screenshot and a printed PDF.
 *
 * Chromium is Debian's `chromium` package (.ci/run installs it); `CHROMIUM`
 * names another binary.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable, Writable } from "node:stream";
import { pathToFileURL } from "node:url";

/** The Chromium binary to use, or undefined when none is installed. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env["CHROMIUM"], "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"].filter((c): c is string => !!c);
  for (const c of candidates) {
    const r = spawnSync(c, ["--version"], { encoding: "utf8", timeout: 20_000 });
    if (r.status === 0 && /chrom/i.test(r.stdout)) return c;
  }
  return undefined;
}

export interface PageReport {
  /** Every URL the page asked for (the document itself included). */
  requests: string[];
  /** Console messages at level error or warning, and exceptions, as text. */
  problems: string[];
  /** document.documentElement.outerHTML after load. */
  dom: string;
  /** The whole page as a PNG. */
  screenshot: Buffer;
  /** The page printed (print stylesheet) as a PDF. */
  pdf: Buffer;
}

/** Flags that keep Chromium from talking to anyone on its own (background networking, updates, sync, metrics). */
const QUIET = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-default-apps",
  "--disable-extensions",
  "--disable-sync",
  "--disable-domain-reliability",
  "--disable-client-side-phishing-detection",
  "--metrics-recording-only",
  "--hide-scrollbars",
];

export async function openInChromium(binary: string, file: string, viewport = { width: 1100, height: 900 }): Promise<PageReport> {
  const profile = mkdtempSync(path.join(tmpdir(), "tariff-chromium-"));
  const child = spawn(binary, [...QUIET, "--remote-debugging-pipe", `--user-data-dir=${profile}`, "about:blank"], { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] });
  const input = child.stdio[3] as Writable;
  const output = child.stdio[4] as Readable;
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString("utf8")));

  let nextId = 1;
  const waiting = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  const listeners: ((m: any) => void)[] = [];
  let buffer = Buffer.alloc(0);
  output.on("data", (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    let end: number;
    while ((end = buffer.indexOf(0)) >= 0) {
      const message = JSON.parse(buffer.subarray(0, end).toString("utf8"));
      buffer = buffer.subarray(end + 1);
      if (message.id !== undefined && waiting.has(message.id)) {
        const w = waiting.get(message.id)!;
        waiting.delete(message.id);
        if (message.error) w.reject(new Error(`${message.error.message} (${JSON.stringify(message.error)})`));
        else w.resolve(message.result);
      } else for (const l of listeners) l(message);
    }
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const send = (method: string, params: object = {}, sessionId?: string): Promise<any> => {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      input.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + "\0");
    });
  };
  const event = (method: string, sessionId: string) =>
    new Promise<any>((resolve) => listeners.push((m) => m.method === method && m.sessionId === sessionId && resolve(m.params)));

  const timeout = setTimeout(() => child.kill("SIGKILL"), 90_000);
  try {
    const { targetId } = await send("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
    const requests: string[] = [];
    const problems: string[] = [];
    listeners.push((m) => {
      if (m.sessionId !== sessionId) return;
      if (m.method === "Network.requestWillBeSent") requests.push(m.params.request.url);
      if (m.method === "Runtime.exceptionThrown") problems.push(`exception: ${m.params.exceptionDetails.text} ${m.params.exceptionDetails.exception?.description ?? ""}`);
      if (m.method === "Runtime.consoleAPICalled" && (m.params.type === "error" || m.params.type === "warning")) problems.push(`console.${m.params.type}: ${m.params.args.map((a: any) => a.value ?? a.description).join(" ")}`);
      if (m.method === "Log.entryAdded" && (m.params.entry.level === "error" || m.params.entry.level === "warning")) problems.push(`log ${m.params.entry.level}: ${m.params.entry.text} ${m.params.entry.url ?? ""}`);
    });
    for (const domain of ["Network", "Runtime", "Log", "Page"]) await send(`${domain}.enable`, {}, sessionId);
    await send("Emulation.setDeviceMetricsOverride", { width: viewport.width, height: viewport.height, deviceScaleFactor: 1, mobile: false }, sessionId);
    const loaded = event("Page.loadEventFired", sessionId);
    await send("Page.navigate", { url: pathToFileURL(path.resolve(file)).href }, sessionId);
    await loaded;
    // Messages of the load (a CSP report, say) arrive around the load event: give them a moment.
    await new Promise((r) => setTimeout(r, 300));
    const dom = (await send("Runtime.evaluate", { expression: "document.documentElement.outerHTML", returnByValue: true }, sessionId)).result.value as string;
    const metrics = await send("Page.getLayoutMetrics", {}, sessionId);
    const size = metrics.cssContentSize ?? metrics.contentSize;
    const shot = await send("Page.captureScreenshot", { format: "png", captureBeyondViewport: true, clip: { x: 0, y: 0, width: Math.ceil(size.width), height: Math.ceil(size.height), scale: 1 } }, sessionId);
    const pdf = await send("Page.printToPDF", { printBackground: true }, sessionId);
    await send("Browser.close").catch(() => undefined);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    return { requests, problems, dom, screenshot: Buffer.from(shot.data, "base64"), pdf: Buffer.from(pdf.data, "base64") };
  } catch (e) {
    throw new Error(`${(e as Error).message}\nchromium stderr:\n${stderr.slice(-2000)}`);
  } finally {
    clearTimeout(timeout);
    if (child.exitCode === null) child.kill("SIGKILL");
    await exited;
    // The browser's helper processes may still be closing files in the profile: retried, then left to the OS's tmp cleaning.
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    } catch {
      /* a leftover profile in $TMPDIR is not a test failure */
    }
  }
}
