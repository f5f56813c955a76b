/**
 * Debian's Chromium (/usr/bin/chromium, installed by scripts/chromium.sh)
 * driven by playwright-core: no browser is ever downloaded. Each launch gets
 * a fresh profile directory, removed when the context closes.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";

/** Where the browser tests expect Chromium. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** The flags every run uses: headless, no sandbox (root in CI), and nothing that reaches the network by itself. */
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** A browser context with one page, and what the page reported. */
export interface BrowserSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console messages of type error, and uncaught page errors. */
  readonly consoleErrors: string[];
  /** Requests that failed or answered 4xx/5xx. */
  readonly failedRequests: string[];
  close(): Promise<void>;
}

/** Launches Chromium at 1280×800 (`dark`: prefers-color-scheme: dark). */
export async function openBrowser(options: { readonly dark?: boolean } = {}): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), "tsd-ui-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    chromiumSandbox: false,
    args: FLAGS,
    viewport: { width: 1280, height: 800 },
    colorScheme: options.dark ? "dark" : "light",
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(String(error)));
  page.on("requestfailed", (request) => {
    // A stream the test itself cut (or the page's unload) is not a failure of the page.
    if (!request.url().includes("/api/events")) failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? "failed"}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) failedRequests.push(`${response.url()}: ${response.status()}`);
  });
  return {
    context,
    page,
    consoleErrors,
    failedRequests,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
