/**
 * What the browser tests share: screenshots under test-results/ui/ (the
 * artifact a person looks at), and reading the dashboard's state the way a
 * user's script would, through `data-service` and `data-status`.
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "playwright-core";

/** Where screenshots go. */
export const SCREENSHOTS = resolve(import.meta.dirname, "../../../test-results/ui");

/** Saves a full-window screenshot as test-results/ui/NAME.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = resolve(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Every graph node's status, by service. */
export async function nodeStatuses(page: Page): Promise<Record<string, string>> {
  const nodes = page.locator("svg.graph g.node");
  const result: Record<string, string> = {};
  for (let index = 0; index < (await nodes.count()); index += 1) {
    const node = nodes.nth(index);
    result[(await node.getAttribute("data-service")) ?? ""] = (await node.getAttribute("data-status")) ?? "";
  }
  return result;
}

/** Waits until a node shows a status. */
export async function waitForStatus(page: Page, service: string, status: string, timeoutMs = 30_000): Promise<void> {
  await page.locator(`svg.graph g.node[data-service="${service}"][data-status="${status}"]`).waitFor({ timeout: timeoutMs });
}

/** Records every status each graph node takes from now on (read back with {@link recordedStatuses}). */
export async function recordStatuses(page: Page): Promise<void> {
  // A string, so the test needs no DOM types: it runs in the page.
  await page.evaluate(`(() => {
    window.statusLog = [];
    const svg = document.querySelector("svg.graph");
    new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        const node = mutation.target;
        if (node.getAttribute && node.hasAttribute("data-service")) window.statusLog.push(node.getAttribute("data-service") + ":" + node.getAttribute("data-status"));
      }
    }).observe(svg, { subtree: true, attributes: true, attributeFilter: ["data-status"] });
  })()`);
}

/** The statuses recorded since {@link recordStatuses}, as `service:status`. */
export async function recordedStatuses(page: Page): Promise<string[]> {
  return (await page.evaluate("window.statusLog")) as string[];
}

/** The text of every log line shown. */
export async function logTexts(page: Page): Promise<string[]> {
  return page.locator(".log-line").allTextContents();
}
