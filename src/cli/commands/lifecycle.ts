/**
 * The lifecycle verbs' command-line side: flags checked, the stack opened,
 * one `Container x  Stopped` line per container on stderr (as Compose
 * prints them), stdout left for results (`tsd wait`'s exit codes).
 */
import { createInterface } from "node:readline/promises";
import { UsageError } from "../../base/errors.js";
import { type ContainerProgress, killServices, pauseServices, removeServices, startServices, stopServices, waitForServices } from "../../targets/docker/verbs/lifecycle.js";
import { restartServices } from "../../targets/docker/verbs/lifecycle-restart.js";
import { openStack, type StackSession } from "../../app/session.js";
import type { StackOptions } from "../stack-options.js";
import { verbContext, warnOnStderr } from "../verb-context.js";

/** `-t`: seconds before SIGKILL. */
export interface TimeoutFlags extends StackOptions {
  readonly timeout?: string;
}

/** Flags of `tsd kill`. */
export interface KillFlags extends StackOptions {
  readonly signal: string;
}

/** Flags of `tsd rm`. */
export interface RemoveFlags extends StackOptions {
  readonly force?: boolean;
  readonly stop?: boolean;
  readonly volumes?: boolean;
}

/** Every lifecycle verb's flags (commander hands each verb its own subset). */
export type LifecycleFlags = TimeoutFlags & KillFlags & RemoveFlags;

/** Bounds each `depends_on` wait of start and restart, as `up --wait-timeout` does by default. */
const DEPENDENCY_WAIT_MS = 300_000;

function reportProgress({ container, outcome }: ContainerProgress): void {
  process.stderr.write(`Container ${container}  ${outcome}\n`);
}

async function open(flags: StackOptions, services: readonly string[]): Promise<StackSession> {
  return openStack(await verbContext(flags), services);
}

/** `-t 5` → 5; absent → undefined (the container's own stop timeout). */
function parseTimeout(value: string | undefined): { timeoutSeconds?: number } {
  if (value === undefined) return {};
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 0) throw new UsageError(`--timeout ${value}: expected whole seconds`);
  return { timeoutSeconds: seconds };
}

/** `SIGUSR1`, `usr1`, `10` → what the engine accepts (it knows names with the SIG prefix and numbers). */
function parseSignal(value: string): string {
  const signal = value.trim().toUpperCase();
  if (/^\d+$/.test(signal)) return signal;
  if (!/^(SIG)?[A-Z][A-Z0-9+-]*$/.test(signal)) throw new UsageError(`--signal ${value}: expected a signal name such as SIGTERM, or its number`);
  return signal.startsWith("SIG") ? signal : `SIG${signal}`;
}

/** Runs `tsd start`. */
export async function runStart(services: readonly string[], flags: StackOptions): Promise<void> {
  await startServices(await open(flags, services), services, { waitTimeoutMs: DEPENDENCY_WAIT_MS, onProgress: reportProgress, onWarning: warnOnStderr });
}

/** Runs `tsd stop`. */
export async function runStop(services: readonly string[], flags: TimeoutFlags): Promise<void> {
  const timeout = parseTimeout(flags.timeout);
  await stopServices(await open(flags, services), services, { ...timeout, onProgress: reportProgress });
}

/** Runs `tsd restart`. */
export async function runRestart(services: readonly string[], flags: TimeoutFlags): Promise<void> {
  const timeout = parseTimeout(flags.timeout);
  await restartServices(await open(flags, services), services, { ...timeout, waitTimeoutMs: DEPENDENCY_WAIT_MS, onProgress: reportProgress, onWarning: warnOnStderr });
}

/** Runs `tsd kill`. */
export async function runKill(services: readonly string[], flags: KillFlags): Promise<void> {
  const signal = parseSignal(flags.signal);
  await killServices(await open(flags, services), services, { signal, onProgress: reportProgress });
}

/** Runs `tsd pause`. */
export async function runPause(services: readonly string[], flags: StackOptions): Promise<void> {
  await pauseServices(await open(flags, services), services, "pause", reportProgress);
}

/** Runs `tsd unpause`. */
export async function runUnpause(services: readonly string[], flags: StackOptions): Promise<void> {
  await pauseServices(await open(flags, services), services, "unpause", reportProgress);
}

/** Runs `tsd rm`. */
export async function runRemove(services: readonly string[], flags: RemoveFlags): Promise<void> {
  const session = await open(flags, services);
  // Refuse before `-s` stops anything: without a terminal nobody can answer the question.
  if (!flags.force && flags.stop && !process.stdin.isTTY) throw unconfirmed();
  const outcome = await removeServices(session, services, {
    stopFirst: flags.stop ?? false,
    removeVolumes: flags.volumes ?? false,
    confirm: (names) => (flags.force ? Promise.resolve(true) : confirmRemoval(names)),
    onProgress: reportProgress,
  });
  if (outcome === "no-stopped-containers") process.stderr.write("No stopped containers\n");
}

function unconfirmed(names: readonly string[] = []): UsageError {
  const what = names.length > 0 ? names.join(", ") : "containers";
  return new UsageError(`not removing ${what} without confirmation: stdin is not a terminal`, "pass -f (--force) to remove without asking");
}

/** Compose's question, on stderr; only `y` or `yes` agrees. */
async function confirmRemoval(names: readonly string[]): Promise<boolean> {
  if (!process.stdin.isTTY) throw unconfirmed(names);
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(`Going to remove ${names.join(", ")}. Are you sure? [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}

/** Runs `tsd wait`: prints `name exited with code N` per container, exits with the first container's code. */
export async function runWait(services: readonly string[], flags: StackOptions): Promise<void> {
  const exitCode = await waitForServices(await open(flags, services), services, (container, code) => {
    process.stdout.write(`${container.name} exited with code ${code}\n`);
  });
  process.exitCode = exitCode;
}
