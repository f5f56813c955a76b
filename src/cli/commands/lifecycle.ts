/**
 * The lifecycle verbs' command-line side: flags checked, the stack opened,
 * one `Container x  Stopped` line per container on stderr (as Compose
 * prints them), stdout left for results (`tsd wait`'s exit codes).
 */
import { createInterface } from "node:readline/promises";
import { type ContainerVerbs, containerVerbs } from "../../app/containers.js";
import { DEFAULT_WAIT_TIMEOUT_MS } from "../../app/defaults.js";
import type { StackSession } from "../../app/session.js";
import { UsageError } from "../../base/errors.js";
import { openSession } from "../session.js";
import type { StackOptions } from "../stack-options.js";

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

/** The stack opened (warnings told, service names checked) and its container verbs; `Container x  Stopped` lines go to stderr. */
async function open(flags: StackOptions, services: readonly string[], verb: string): Promise<{ readonly session: StackSession; readonly verbs: ContainerVerbs }> {
  const session = await openSession(flags, services);
  return { session, verbs: await containerVerbs(session, verb) };
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
  const { session, verbs } = await open(flags, services, "start");
  await verbs.start(session.project, services, { waitTimeoutMs: DEFAULT_WAIT_TIMEOUT_MS });
}

/** Runs `tsd stop`. */
export async function runStop(services: readonly string[], flags: TimeoutFlags): Promise<void> {
  const timeout = parseTimeout(flags.timeout);
  const { session, verbs } = await open(flags, services, "stop");
  await verbs.stop(session.project, services, timeout);
}

/** Runs `tsd restart`. */
export async function runRestart(services: readonly string[], flags: TimeoutFlags): Promise<void> {
  const timeout = parseTimeout(flags.timeout);
  const { session, verbs } = await open(flags, services, "restart");
  await verbs.restart(session.project, services, { ...timeout, waitTimeoutMs: DEFAULT_WAIT_TIMEOUT_MS });
}

/** Runs `tsd kill`. */
export async function runKill(services: readonly string[], flags: KillFlags): Promise<void> {
  const signal = parseSignal(flags.signal);
  const { session, verbs } = await open(flags, services, "kill");
  await verbs.kill(session.project, services, signal);
}

/** Runs `tsd pause`. */
export async function runPause(services: readonly string[], flags: StackOptions): Promise<void> {
  const { session, verbs } = await open(flags, services, "pause");
  await verbs.pause(session.project, services, "pause");
}

/** Runs `tsd unpause`. */
export async function runUnpause(services: readonly string[], flags: StackOptions): Promise<void> {
  const { session, verbs } = await open(flags, services, "unpause");
  await verbs.pause(session.project, services, "unpause");
}

/** Runs `tsd rm`. */
export async function runRemove(services: readonly string[], flags: RemoveFlags): Promise<void> {
  const { session, verbs } = await open(flags, services, "rm");
  // Refuse before `-s` stops anything: without a terminal nobody can answer the question.
  if (!flags.force && flags.stop && !process.stdin.isTTY) throw unconfirmed();
  const outcome = await verbs.remove(session.project, services, {
    stopFirst: flags.stop ?? false,
    removeVolumes: flags.volumes ?? false,
    confirm: (names) => (flags.force ? Promise.resolve(true) : confirmRemoval(names)),
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
  const { session, verbs } = await open(flags, services, "wait");
  const exitCode = await verbs.wait(session.project, services, (container, code) => {
    process.stdout.write(`${container.name} exited with code ${code}\n`);
  });
  process.exitCode = exitCode;
}
