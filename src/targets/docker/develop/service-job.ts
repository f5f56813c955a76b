/**
 * One service's work for a settled batch of changes (or a container that
 * started): rebuild; or copy and delete files in each running container,
 * then run `sync+exec` commands, then restart. The host is read again now
 * (level-triggered: an event says where to look, the disk says what is
 * there), and a file every container already holds is skipped: that is
 * how a sync that writes back into the watched folder through a bind mount
 * stops instead of feeding itself.
 */
import type { WatchDecision } from "../../../events/stack-event.js";
import { stat } from "node:fs/promises";
import type { Engine } from "../../../docker-api/engine.js";
import { LABEL_SERVICE } from "../../../base/labels.js";
import type { ObservedContainer } from "../../../docker-api/types.js";
import { serviceContainerFilter } from "../verbs/containers.js";
import type { Project } from "../../../project/project.js";
import { copyIntoContainer, execCollecting, type FileCopy, removeInContainer } from "./container-sync.js";
import { readHostFile, syncedHostFiles } from "./host-files.js";
import { manifestDiff, type SyncManifest } from "./manifest.js";
import { displayPath, type MatchedChange, type PlannedCopy, planServiceWork, type ServiceRule } from "./rules.js";

/** Work waiting for a service: changed files, and containers that started and need a re-sync. */
export interface ServiceJob {
  readonly matches: readonly MatchedChange[];
  readonly resync: ReadonlySet<string>;
}

/** Two waiting jobs as one. */
export function mergeJobs(queued: ServiceJob, next: ServiceJob): ServiceJob {
  return { matches: [...queued.matches, ...next.matches], resync: new Set([...queued.resync, ...next.resync]) };
}

/** A file written back within this long of tsd's own sync of it, with the same content, is called a self-trigger. */
export const SELF_TRIGGER_WINDOW_MS = 2_000;

/** What a job needs around it. */
export interface JobContext {
  readonly engine: Engine;
  readonly project: Project;
  /** This service's rules. */
  readonly rules: readonly ServiceRule[];
  readonly manifest: SyncManifest;
  readonly explain: boolean;
  readonly report: (decision: WatchDecision) => void;
  readonly rebuild: (service: string) => Promise<void>;
  readonly now: () => number;
}

/** Runs one job for `service`. */
export async function runServiceJob(context: JobContext, service: string, job: ServiceJob): Promise<void> {
  const work = planServiceWork(job.matches);
  const started = context.now();
  if (work.rebuild) {
    context.report({ kind: "rebuilding", service, changes: job.matches.length });
    await context.rebuild(service);
    context.report({ kind: "rebuilt", service, elapsedMs: context.now() - started });
    return;
  }
  const containers = await runningContainers(context, service);
  if (containers.length === 0) {
    if (job.matches.length > 0) context.report({ kind: "no-container", service });
    return;
  }
  const { copies, removals } = await settleOnDisk(work.copies, work.removals);
  const readFiles = await Promise.all(copies.map(async (copy) => ({ copy, file: await readHostFile(copy.hostPath) })));
  const changedCopies: FileCopy[] = [];
  for (const { copy, file } of readFiles) {
    if (!file) continue;
    if (containers.every((container) => context.manifest.held(container.id)?.get(copy.target) === file.hash)) {
      if (context.explain) context.report({ kind: "unchanged", service, path: displayPath(copy.hostPath, context.project.stack.projectDir), ...sinceSync(context, copy.target) });
      continue;
    }
    changedCopies.push({ file, target: copy.target });
  }

  let copied = 0;
  let deleted = 0;
  await Promise.all(
    containers.map(async (container) => {
      const held = context.manifest.held(container.id);
      const toCopy = changedCopies.filter(({ file, target }) => held?.get(target) !== file.hash);
      const toRemove = removals.map((removal) => removal.target);
      const resync = job.resync.has(container.id) ? await resyncWork(context, container.id) : { copies: [], removals: [] };
      const allCopies = [...toCopy, ...resync.copies.filter((extra) => !toCopy.some((copy) => copy.target === extra.target))];
      const allRemovals = [...new Set([...toRemove, ...resync.removals])].sort();
      await removeInContainer(context.engine, container.id, allRemovals);
      allRemovals.forEach((target) => context.manifest.recordRemoval(container.id, target));
      await copyIntoContainer(context.engine, container.id, allCopies);
      const at = context.now();
      allCopies.forEach(({ file, target }) => context.manifest.recordCopy(container.id, target, file.hash, at));
      copied = Math.max(copied, allCopies.length);
      deleted = Math.max(deleted, allRemovals.length);
    }),
  );
  if (copied > 0 || deleted > 0) {
    context.report({ kind: "synced", service, copied, deleted, containers: containers.length, elapsedMs: context.now() - started });
  }
  // Only unchanged files (a save without edits, our own write coming back): no exec, no restart, or it would loop.
  const askedToSync = work.copies.length > 0 || work.removals.length > 0;
  if (askedToSync && copied === 0 && deleted === 0) return;

  for (const rule of work.execs) await runExec(context, service, rule, containers);
  if (work.restart) {
    const restartStarted = context.now();
    await Promise.all(containers.map((container) => context.engine.restartContainer(container.id)));
    context.report({ kind: "restarted", service, containers: containers.length, elapsedMs: context.now() - restartStarted });
  }
}

/** The service's running containers; forgets manifests of containers that no longer exist. */
async function runningContainers(context: JobContext, service: string): Promise<ObservedContainer[]> {
  const all = await context.engine.listContainers(serviceContainerFilter(context.project));
  context.manifest.retain(new Set(all.map((container) => container.id)));
  return all.filter((container) => container.labels[LABEL_SERVICE] === service).filter((container) => container.state === "running").sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Events say where to look; the disk says what happened: a "removed" path
 * that is a file again (an editor's delete-and-rename save, or our own write
 * through a bind mount) is copied, a "written" one that is gone is deleted.
 */
async function settleOnDisk(copies: readonly PlannedCopy[], removals: readonly PlannedCopy[]): Promise<{ copies: PlannedCopy[]; removals: PlannedCopy[] }> {
  const kinds = await Promise.all([...copies, ...removals].map(async (entry) => ({ entry, kind: await pathKind(entry.hostPath) })));
  return {
    copies: kinds.filter(({ kind }) => kind === "file").map(({ entry }) => entry),
    removals: kinds.filter(({ kind }) => kind === "missing").map(({ entry }) => entry),
  };
}

async function pathKind(path: string): Promise<"file" | "directory" | "missing"> {
  const info = await stat(path).catch(() => undefined);
  return !info ? "missing" : info.isDirectory() ? "directory" : "file";
}

/** What a started container lacks: every covered file whose hash differs from what it held, and what it held that is gone. */
async function resyncWork(context: JobContext, containerId: string): Promise<{ copies: FileCopy[]; removals: string[] }> {
  const host = await syncedHostFiles(context.rules);
  const diff = manifestDiff(context.manifest.held(containerId), new Map([...host].map(([target, file]) => [target, file.hash])));
  const copies: FileCopy[] = [];
  for (const target of diff.copy) {
    const covered = host.get(target);
    const file = covered && (await readHostFile(covered.hostPath));
    if (file) copies.push({ file, target });
  }
  return { copies, removals: [...diff.remove] };
}

async function runExec(context: JobContext, service: string, rule: ServiceRule, containers: readonly ObservedContainer[]): Promise<void> {
  const exec = rule.rule.exec;
  if (!exec || exec.command.length === 0) return;
  for (const container of containers) {
    const started = context.now();
    const outcome = await execCollecting(context.engine, container.id, { cmd: exec.command, ...(exec.user !== undefined ? { user: exec.user } : {}), ...(exec.workingDir !== undefined ? { workingDir: exec.workingDir } : {}) });
    for (const line of outcome.output.split("\n").filter((text) => text.trim() !== "")) context.report({ kind: "exec-output", service, line });
    context.report({ kind: "exec", service, command: exec.command, container: container.name, exitCode: outcome.exitCode, elapsedMs: context.now() - started });
  }
}

/** How long ago tsd itself wrote this content, when that explains the change (a self-trigger). */
function sinceSync(context: JobContext, target: string): { readonly sinceSyncMs?: number } {
  const writtenAt = context.manifest.lastWrittenAt(target);
  return writtenAt !== undefined && context.now() - writtenAt <= SELF_TRIGGER_WINDOW_MS ? { sinceSyncMs: context.now() - writtenAt } : {};
}
