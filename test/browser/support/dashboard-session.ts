/**
 * Where every browser test starts: the ui-stack fixture up and healthy,
 * `tsd ui` on it, and Chromium on the printed URL with the live stream
 * connected. Whatever was reached is closed again, in reverse order, when
 * a step fails and after the tests.
 */
import { copyFixture, type Fixture } from "../../integration/support/fixture.js";
import { type RunningUi, startUi } from "../../integration/support/tsd-ui.js";
import { type BrowserSession, openBrowser } from "./chromium.js";

/** The stack, its dashboard and the browser on it. */
export interface DashboardSession {
  readonly fixture: Fixture;
  readonly ui: RunningUi;
  readonly browser: BrowserSession;
}

/** Brings ui-stack up and opens `tsd ui -f stack.yml ...uiArgs` in Chromium. */
export async function openDashboard(uiArgs: readonly string[] = []): Promise<DashboardSession> {
  const fixture = copyFixture("ui-stack");
  const reached: Partial<DashboardSession> = { fixture };
  try {
    const up = await fixture.run(["up", "-d", "--wait", "-f", "stack.yml"], { timeoutMs: 150_000 });
    if (up.status !== 0) throw new Error(`tsd up failed (${up.status}):\n${up.stderr}`);
    const ui = await startUi(fixture, ["-f", "stack.yml", ...uiArgs]);
    Object.assign(reached, { ui });
    const browser = await openBrowser();
    Object.assign(reached, { browser });
    await browser.page.goto(ui.url);
    await browser.page.locator('[data-connected="true"]').waitFor();
    return { fixture, ui, browser };
  } catch (error) {
    await closeDashboard(reached);
    throw error;
  }
}

/** Closes the browser, stops the dashboard and takes the stack down: whichever of them exist. */
export async function closeDashboard(session: Partial<DashboardSession>): Promise<void> {
  await session.browser?.close();
  await session.ui?.stop();
  await session.fixture?.cleanup();
}
