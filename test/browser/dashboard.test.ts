/**
 * `tsd ui` in real Chromium, against a real stack (the ui-stack fixture:
 * web → api → db with a health check on db and a one-shot job). Every test
 * saves a screenshot under test-results/ui/.
 */
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docker } from "../integration/support/docker.js";
import type { Fixture } from "../integration/support/fixture.js";
import type { RunningUi } from "../integration/support/tsd-ui.js";
import { type BrowserSession, openBrowser } from "./support/chromium.js";
import { closeDashboard, openDashboard } from "./support/dashboard-session.js";
import { logTexts, nodeStatuses, recordedStatuses, recordStatuses, screenshot, waitForStatus } from "./support/page.js";

const run = promisify(execFile);

async function startedAt(container: string): Promise<string> {
  return (await docker(["inspect", "--format", "{{.State.StartedAt}}", container])).trim();
}

describe("tsd ui in Chromium", () => {
  let fixture: Fixture;
  let ui: RunningUi;
  let browser: BrowserSession;
  const container = (service: string) => `${fixture.projectName}-${service}-1`;

  beforeAll(async () => {
    ({ fixture, ui, browser } = await openDashboard());
  });
  afterAll(() => closeDashboard({ fixture, ui, browser }));

  it("must open the printed URL, drop the token from the address bar, with no console errors and no failed requests", async () => {
    const { page } = browser;
    expect(page.url()).toBe(`${ui.base}/`);
    expect(page.url()).not.toContain("token");
    await waitForStatus(page, "db", "healthy");
    await page.locator(".log-line").first().waitFor();
    await screenshot(page, "01-overview-light");
    const dark = await openBrowser({ dark: true });
    try {
      await dark.page.goto(ui.url);
      await waitForStatus(dark.page, "db", "healthy");
      await dark.page.locator(".log-line").first().waitFor();
      await screenshot(dark.page, "01-overview-dark");
      expect(await dark.page.evaluate("getComputedStyle(document.body).backgroundColor")).toBe("rgb(18, 21, 27)");
      expect(dark.consoleErrors).toEqual([]);
      expect(dark.failedRequests).toEqual([]);
    } finally {
      await dark.close();
    }
    expect(browser.consoleErrors).toEqual([]);
    expect(browser.failedRequests).toEqual([]);
  });

  it("must draw one node per service with the depends_on edges, reaching healthy and completed as tsd ps says", async () => {
    const { page } = browser;
    await waitForStatus(page, "db", "healthy");
    await waitForStatus(page, "job", "completed");
    const statuses = await nodeStatuses(page);
    expect(Object.keys(statuses).sort()).toEqual(["api", "db", "job", "web"]);
    const edges = await page.locator("svg.graph g.edge").evaluateAll((elements) => elements.map((element) => `${element.getAttribute("data-from")}→${element.getAttribute("data-to")} ${element.getAttribute("data-condition")}`));
    expect(edges.sort()).toEqual(["api→db healthy", "api→job completed", "job→db healthy", "web→api started"]);
    const ps = JSON.parse((await fixture.run(["ps", "-a", "--format", "json", "-f", "stack.yml"])).stdout) as { service: string; status: string }[];
    for (const row of ps) expect(statuses[row.service], row.service).toBe(row.status);
    expect(statuses).toMatchObject({ db: "healthy", job: "completed" });
    await screenshot(page, "02-graph");
  });

  it("must turn a killed container's node exited or restarting and back to running within 5 s, without a reload", async () => {
    const { page } = browser;
    await waitForStatus(page, "api", "running");
    await recordStatuses(page);
    const killedAt = Date.now();
    await docker(["exec", container("api"), "kill", "1"]);
    await page.waitForFunction(() => ((globalThis as unknown as { statusLog?: string[] }).statusLog ?? []).some((entry) => entry === "api:exited" || entry === "api:restarting"), undefined, { timeout: 5_000 - (Date.now() - killedAt) });
    await screenshot(page, "03-killed");
    await waitForStatus(page, "api", "running", Math.max(0, 5_000 - (Date.now() - killedAt)));
    const seen = await recordedStatuses(page);
    expect(seen.filter((entry) => entry.startsWith("api:")).at(-1)).toBe("api:running");
    await page.getByRole("tab", { name: /events/ }).click();
    await page.locator(".timeline li", { hasText: "died, exit code 3" }).first().waitFor();
    await screenshot(page, "03-back-running");
  });

  it("must resume the event stream after the connection drops, losing no event", async () => {
    const { page } = browser;
    await page.evaluate(`(() => { window.disconnects = 0; new MutationObserver(() => { if (document.querySelector('[data-connected="false"]')) window.disconnects += 1; }).observe(document.querySelector("header"), { subtree: true, attributes: true }); })()`);
    // Cut every connection to the dashboard (the event stream among them) as a network drop would.
    await run("ss", ["-K", "-t", "state", "established", `( sport = :${ui.port} )`]);
    await page.waitForFunction(() => ((globalThis as unknown as { disconnects?: number }).disconnects ?? 0) > 0, undefined, { timeout: 10_000 });
    await page.locator('[data-connected="true"]').waitFor({ timeout: 10_000 });
    // Lines written while it was cut come with the replay; the page's ticks then run on without a hole.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const ticks = (await logTexts(page)).map((text) => /api tick (\d+)$/.exec(text)?.[1]).filter((tick): tick is string => tick !== undefined).map(Number);
    expect(ticks.length).toBeGreaterThan(3);
    const holes = ticks.slice(1).filter((tick, index) => tick !== (ticks[index] ?? 0) + 1 && tick !== 1);
    expect(holes).toEqual([]);
    await screenshot(page, "04-resumed");
  });

  it("must show a written line within 1 s, filter it (kept in the URL), tell stderr apart, and render ANSI colours", async () => {
    const { page } = browser;
    const marker = `marker-${Date.now()}`;
    await docker(["exec", container("api"), "sh", "-c", `echo ${marker} > /proc/1/fd/1`]);
    await page.locator(".log-line", { hasText: marker }).waitFor({ timeout: 1_000 });
    await page.locator('input[name="log-filter"]').fill("marker-");
    await expect.poll(async () => (await logTexts(page)).every((text) => text.includes("marker-"))).toBe(true);
    expect(await logTexts(page)).toEqual([expect.stringContaining(marker)]);
    expect(new URL(page.url()).searchParams.get("logs")).toBe("marker-");
    await screenshot(page, "05-filtered");
    await page.locator('input[name="log-filter"]').fill("red alert");
    const coloured = page.locator(".log-line", { hasText: "red alert" }).last();
    await coloured.waitFor();
    const text = (await coloured.textContent()) ?? "";
    expect(text).not.toContain("\u001b");
    expect(text).not.toContain("[31m");
    expect(await coloured.locator(".ansi-red-fg").count()).toBe(1);
    await page.locator('input[name="log-filter"]').fill("api warning");
    await page.locator('.log-line[data-stream="stderr"]').first().waitFor();
    expect(await page.locator('.log-line[data-stream="stdout"]').count()).toBe(0);
    await screenshot(page, "05-stderr");
    // A reload keeps the filter: it lives in the URL.
    await page.reload();
    expect(await page.locator('input[name="log-filter"]').inputValue()).toBe("api warning");
    await page.locator('input[name="log-filter"]').fill("");
  });

  it("must list a built image's Dockerfile steps with their sizes, as docker history does", async () => {
    const { page } = browser;
    await page.getByRole("tab", { name: /layers/ }).click();
    const image = `${fixture.projectName}-web`;
    const section = page.locator(`section.image[data-image="${image}"]`);
    await section.waitFor();
    const shown = await section.locator("li.layer").evaluateAll((items) => items.map((item) => `${item.getAttribute("data-created-by")}\t${item.getAttribute("data-size")}`));
    const history = (await docker(["history", "--no-trunc", "--human=false", "--format", "{{.CreatedBy}}\t{{.Size}}", image])).trim().split("\n").reverse();
    expect(shown).toEqual(history);
    expect(shown.some((row) => row.includes("dd if=/dev/zero"))).toBe(true);
    // The base layer is busybox's, which api, db and job run too.
    expect(await section.locator("li.layer").first().locator(".shared-mark").count()).toBe(1);
    await screenshot(page, "06-layers");
  });

  it("must show the plan of tsd plan --format json after an edit, and a located error with nothing changed after an invalid one", async () => {
    const { page } = browser;
    await page.getByRole("tab", { name: /plan/ }).click();
    await page.locator('[data-plan-empty="true"]').waitFor();
    const file = fixture.path("stack.yml");
    const original = readFileSync(file, "utf8");
    writeFileSync(file, original.replace("    stop_signal: SIGKILL\n", "    stop_signal: SIGKILL\n    environment:\n      GREETING: hello\n"));
    const planned = JSON.parse((await fixture.run(["plan", "--format", "json", "-f", "stack.yml"])).stdout) as { operations: { id: string }[] };
    expect(planned.operations.length).toBeGreaterThan(0);
    await expect.poll(() => page.locator("[data-step]").count(), { timeout: 10_000 }).toBe(planned.operations.length);
    expect(await page.locator("[data-step]").evaluateAll((items) => items.map((item) => item.getAttribute("data-step")))).toEqual(planned.operations.map((step) => step.id));
    await screenshot(page, "07-plan");

    const before = await Promise.all(["api", "db", "web"].map((service) => startedAt(container(service))));
    const lines = original.split("\n");
    const restartLine = lines.findIndex((line) => line.includes("restart: always")) + 1;
    writeFileSync(file, original.replace("restart: always", "restart: sometimes"));
    const banner = page.getByRole("alert");
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.textContent()).toContain(`stack.yml:${restartLine}:`);
    expect(await banner.textContent()).toContain("nothing was applied");
    await screenshot(page, "07-invalid-edit");
    expect(await Promise.all(["api", "db", "web"].map((service) => startedAt(container(service))))).toEqual(before);
    writeFileSync(file, original);
    await banner.waitFor({ state: "detached", timeout: 10_000 });
  });
});

describe("tsd ui --allow-actions in Chromium", () => {
  let fixture: Fixture;
  let ui: RunningUi;
  let browser: BrowserSession;
  const container = (service: string) => `${fixture.projectName}-${service}-1`;

  beforeAll(async () => {
    ({ fixture, ui, browser } = await openDashboard(["--allow-actions"]));
  });
  afterAll(() => closeDashboard({ fixture, ui, browser }));

  it("must restart exactly the container whose restart was clicked", async () => {
    const { page } = browser;
    await waitForStatus(page, "api", "running");
    const services = ["api", "db", "web"];
    const before = Object.fromEntries(await Promise.all(services.map(async (service) => [service, await startedAt(container(service))] as const)));
    await page.locator('tr[data-service="api"] button[data-action="restart"]').click();
    const deadline = Date.now() + 60_000;
    while ((await startedAt(container("api"))) === before.api && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await startedAt(container("api"))).not.toBe(before.api);
    expect(await startedAt(container("db"))).toBe(before.db);
    expect(await startedAt(container("web"))).toBe(before.web);
    await page.getByRole("tab", { name: /events/ }).click();
    await page.locator(".timeline li", { hasText: "restart succeeded" }).waitFor({ timeout: 30_000 });
    await screenshot(page, "08-restarted");
    expect(browser.consoleErrors).toEqual([]);
  });
});
