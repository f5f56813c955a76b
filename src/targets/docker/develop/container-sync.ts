/**
 * The container side of a sync, through the engine: files go in as one tar
 * archive extracted at `/` (the engine creates missing parent directories),
 * deletions and `sync+exec` commands run as execs. Files belong to root, as
 * with `docker cp` (and Compose's sync).
 */
import { Readable, Writable } from "node:stream";
import tarFs from "tar-fs";
import type { Engine } from "../../../docker-api/engine.js";
import type { ExecSpec } from "../../../docker-api/operations/inside.js";
import { EngineError } from "../../../base/errors.js";
import type { HostFile } from "./host-files.js";

/** A file read on the host and where it goes in the container. */
export interface FileCopy {
  readonly file: HostFile;
  /** Absolute container path. */
  readonly target: string;
}

/** Writes the files into the container in one archive request. */
export async function copyIntoContainer(engine: Engine, containerId: string, copies: readonly FileCopy[]): Promise<void> {
  if (copies.length === 0) return;
  // No host entries to walk: every entry is added from the bytes already read (and hashed), so what lands is what the manifest records.
  const pack = tarFs.pack("/", {
    entries: [],
    finalize: false,
    finish: (archive) => {
      for (const { file, target } of copies) {
        archive.entry({ name: target.replace(/^\/+/, ""), mode: file.mode, mtime: file.mtime, size: file.content.length, uid: 0, gid: 0, uname: "root", gname: "root" }, file.content);
      }
      archive.finalize();
    },
  });
  // tar-fs packs into a streamx stream; the engine client wants a Node stream.
  await engine.writeContainerArchive(containerId, "/", Readable.from(pack, { objectMode: false }));
}

/** What an exec printed and how it ended. */
export interface ExecOutcome {
  readonly exitCode: number;
  /** stdout and stderr interleaved as they came. */
  readonly output: string;
}

/** Runs a command in the container and collects its output. */
export async function execCollecting(engine: Engine, containerId: string, spec: Pick<ExecSpec, "cmd" | "user" | "workingDir">): Promise<ExecOutcome> {
  let output = "";
  const sink = () =>
    new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        output += chunk.toString();
        callback();
      },
    });
  const exitCode = await engine.execAttached(
    containerId,
    { cmd: spec.cmd, env: [], privileged: false, tty: false, stdin: false, ...(spec.user !== undefined ? { user: spec.user } : {}), ...(spec.workingDir !== undefined ? { workingDir: spec.workingDir } : {}) },
    { stdout: sink(), stderr: sink() },
  );
  return { exitCode, output };
}

/** Deletes container paths (files or whole directories); a path already gone is fine. */
export async function removeInContainer(engine: Engine, containerId: string, targets: readonly string[]): Promise<void> {
  if (targets.length === 0) return;
  const outcome = await execCollecting(engine, containerId, { cmd: ["rm", "-rf", "--", ...targets] });
  if (outcome.exitCode !== 0) throw new EngineError(`could not delete ${targets.join(", ")} in the container: rm exited with ${outcome.exitCode}: ${outcome.output.trim()}`);
}
