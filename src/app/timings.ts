/**
 * The last run's step timings, kept per project so `tsd plan --timings`
 * can estimate the critical chain of the next plan (plan/critical-chain.ts).
 * One small JSON file per project; best effort: a timing that cannot be
 * written or read is simply not there, never an error.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { StepTiming } from "../plan/critical-chain.js";

/** What is kept of one run. */
export interface RecordedTimings {
  readonly recordedAt: number;
  readonly steps: ReadonlyMap<string, StepTiming>;
}

interface TimingsFile {
  readonly version: 1;
  readonly recordedAt: number;
  readonly steps: Record<string, StepTiming>;
}

function fileOf(directory: string, projectName: string, projectId: string): string {
  return join(directory, `${projectName}-${projectId}.json`.replace(/[^\w.-]/g, "_"));
}

/** Keeps `timings` as the project's last run, merged over what earlier runs measured of the steps this one did not run. */
export function recordTimings(directory: string, projectName: string, projectId: string, timings: ReadonlyMap<string, StepTiming>, now: number): void {
  if (timings.size === 0) return;
  try {
    const previous = readTimings(directory, projectName, projectId);
    const steps = Object.fromEntries([...(previous?.steps ?? new Map()), ...timings]);
    const file = fileOf(directory, projectName, projectId);
    mkdirSync(directory, { recursive: true });
    const temporary = `${file}.${process.pid}`;
    writeFileSync(temporary, JSON.stringify({ version: 1, recordedAt: now, steps } satisfies TimingsFile));
    renameSync(temporary, file);
  } catch {
    // Best effort: the next plan --timings will say it has nothing to go on.
  }
}

/** The project's recorded timings, if any. */
export function readTimings(directory: string, projectName: string, projectId: string): RecordedTimings | undefined {
  try {
    const parsed = JSON.parse(readFileSync(fileOf(directory, projectName, projectId), "utf8")) as Partial<TimingsFile>;
    if (parsed.version !== 1 || typeof parsed.recordedAt !== "number" || typeof parsed.steps !== "object" || parsed.steps === null) return undefined;
    return { recordedAt: parsed.recordedAt, steps: new Map(Object.entries(parsed.steps)) };
  } catch {
    return undefined;
  }
}
