/**
 * `tsd ui`: serves the dashboard (src/ui/) for the stack until Ctrl-C, and
 * opens it in a browser when run in a terminal. The last line it prints
 * before serving is the URL with the token.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import type { StackSession } from "../../app/session.js";
import { UsageError } from "../../base/errors.js";
import { isLoopbackHost } from "../../ui/server/security.js";
import { startUiServer, type UiServer } from "../../ui/server/http-server.js";
import { untilInterrupted } from "../interrupt.js";
import { openSession } from "../session.js";
import type { StackOptions } from "../stack-options.js";
import { packageRoot, packageVersion } from "../wiring/options.js";
import { upPlanOptions } from "./up-flags.js";

/** Flags of `tsd ui` (and what `up --ui`, `watch --ui` pass). */
export interface UiFlags extends StackOptions {
  readonly port?: string;
  readonly host?: string;
  readonly allowRemote?: boolean;
  readonly allowActions?: boolean;
  readonly open?: boolean;
}

/** Runs `tsd ui`. */
export async function runUi(flags: UiFlags): Promise<void> {
  checkUiFlags(flags);
  const session = await openSession(flags, []);
  const server = await serveDashboard(session, flags, true);
  await untilInterrupted((signal) => new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true })));
  await server.close();
}

/**
 * `up --ui`, `watch --ui`: the dashboard on the loop's session while `loop`
 * runs. A loop that returns at once (`up -d --ui`) leaves the dashboard
 * serving until Ctrl-C (`interrupt`, or a fresh listener).
 */
export async function besideDashboard(session: StackSession, flags: UiFlags, watchFiles: boolean, loop: () => Promise<void>, interrupt?: AbortSignal): Promise<void> {
  const server = await serveDashboard(session, flags, watchFiles);
  try {
    await loop();
    if (interrupt) await new Promise<void>((resolve) => (interrupt.aborted ? resolve() : interrupt.addEventListener("abort", () => resolve(), { once: true })));
  } finally {
    await server.close();
  }
}

/** Refuses a port that is not one, and a non-loopback host without --allow-remote. */
export function checkUiFlags(flags: UiFlags): void {
  const port = Number(flags.port ?? "0");
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port ${flags.port}: expected a port number (0 to 65535)`);
  const host = flags.host ?? "127.0.0.1";
  if (!isLoopbackHost(host) && !flags.allowRemote) throw new UsageError(`--host ${host} is not a loopback address`, "the dashboard shows the stack's logs and can act on it; add --allow-remote if you mean it");
}

/** Starts the dashboard on the session and prints its URL (last); `watchFiles`: no watch loop beside it reloads the files. */
export async function serveDashboard(session: StackSession, flags: UiFlags, watchFiles: boolean): Promise<UiServer> {
  const host = flags.host ?? "127.0.0.1";
  if (!isLoopbackHost(host)) process.stderr.write(`warning: tsd ui listens on ${host}, not only on this machine: anyone who can reach it and has the token sees the stack${flags.allowActions ? " and can act on it" : ""}\n`);
  const version = packageVersion();
  const server = await startUiServer({
    session,
    host,
    port: Number(flags.port ?? "0"),
    allowActions: flags.allowActions ?? false,
    assetsDirectory: join(packageRoot() ?? process.cwd(), "dist", "ui"),
    plan: upPlanOptions([], { scale: [], progress: "quiet", file: [], profile: [], envFile: [] }, version),
    version,
    watchFiles,
  });
  process.stdout.write(`tsd ui: ${server.url}\n`);
  if ((flags.open ?? true) && process.stdout.isTTY) openBrowser(server.url);
  return server;
}

/** Opens the URL with the desktop's opener; a machine without one just has the printed URL. */
function openBrowser(url: string): void {
  const opener = process.platform === "darwin" ? "open" : process.platform === "win32" ? "explorer" : "xdg-open";
  try {
    const child = spawn(opener, [url], { stdio: "ignore", detached: true });
    child.on("error", () => undefined);
    child.unref();
  } catch {
    // No opener: the URL is printed above.
  }
}
