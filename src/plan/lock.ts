/**
 * One writer per project: `tsd up` and `tsd down` hold a lock so two runs
 * never interleave engine changes. The lock is a directory (mkdir is atomic)
 * holding the owner's pid; a lock whose owner is dead is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UsageError } from "../base/errors.js";
import { type Clock, systemClock } from "../base/clock.js";
import { PlanInterruptedError } from "./outcome.js";

/** A held lock. */
export interface ProjectLock {
  release(): void;
}

/** Where locks live; TSD_LOCK_DIR overrides (tests). */
function lockRoot(): string {
  return process.env.TSD_LOCK_DIR ?? join(tmpdir(), "tsd-locks");
}

/**
 * Takes the project's lock, waiting up to `timeoutMs` for another tsd to
 * finish; `onWait` is told once. An aborted `signal` (Ctrl-C while waiting)
 * ends the wait without the lock.
 */
export async function lockProject(
  projectName: string,
  projectId: string,
  timeoutMs: number,
  onWait: (ownerPid: number) => void,
  clock: Clock = systemClock,
  signal?: AbortSignal,
): Promise<ProjectLock> {
  const directory = join(lockRoot(), `${projectName}-${projectId}`);
  mkdirSync(lockRoot(), { recursive: true });
  const deadline = clock.now() + timeoutMs;
  let told = false;
  for (;;) {
    try {
      mkdirSync(directory);
      writeFileSync(join(directory, "pid"), String(process.pid));
      return { release: () => rmSync(directory, { recursive: true, force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = ownerPid(directory);
    if (owner === undefined || !alive(owner)) {
      rmSync(directory, { recursive: true, force: true });
      continue;
    }
    if (!told) {
      onWait(owner);
      told = true;
    }
    if (clock.now() >= deadline) {
      throw new UsageError(`another tsd (pid ${owner}) is still changing project "${projectName}"`, "wait for it to finish, or stop it");
    }
    if (signal?.aborted) throw new PlanInterruptedError([], []);
    await clock.sleep(200, signal);
  }
}

function ownerPid(directory: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(directory, "pid"), "utf8"));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    // Just created by another process that has not written its pid yet: treat as alive for a moment.
    return process.pid;
  }
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
