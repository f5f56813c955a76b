/**
 * `tsd tag`, `tsd rmi`, `tsd save`: the stack's images in the image store;
 * `tsd load` and `tsd import`, which need no stack.
 */
import { UsageError } from "../../base/errors.js";
import { engineObjects, objectVerbs } from "../../app/objects.js";
import { commandBus, openSession } from "../session.js";
import type { StackOptions } from "../stack-options.js";

/** Runs `tsd tag SERVICE TARGET`. */
export async function runTag(service: string, target: string, flags: StackOptions): Promise<void> {
  const session = await openSession(flags, [service]);
  const name = await (await objectVerbs(session, "tag")).tag(session.project, service, target);
  process.stderr.write(`Tagged ${name}\n`);
}

/** Runs `tsd rmi [SERVICE…]`: `Untagged:` and `Deleted:` lines, as `docker rmi`. */
export async function runRmi(services: readonly string[], flags: StackOptions & { readonly force?: boolean; readonly format: "text" | "json" }): Promise<void> {
  const session = await openSession(flags, services);
  const removed = await (await objectVerbs(session, "rmi")).removeImages(session.project, services, { force: flags.force === true });
  if (flags.format === "json") {
    process.stdout.write(`${JSON.stringify(removed, null, 2)}\n`);
    return;
  }
  const lines = removed.flatMap((image) => [...image.untagged.map((name) => `Untagged: ${name}`), ...image.deleted.map((id) => `Deleted: ${id}`)]);
  if (lines.length > 0) process.stdout.write(`${lines.join("\n")}\n`);
}

/** Runs `tsd save [SERVICE…] -o FILE`. */
export async function runSave(services: readonly string[], flags: StackOptions & { readonly output?: string }): Promise<void> {
  if (flags.output === undefined && process.stdout.isTTY) {
    throw new UsageError("refusing to write an image archive to a terminal", "use -o FILE or redirect stdout: tsd save > images.tar");
  }
  const session = await openSession(flags, services);
  const saved = await (await objectVerbs(session, "save")).save(session.project, services, flags.output ?? process.stdout);
  process.stderr.write(`Saved ${saved.join(", ")}${flags.output === undefined ? "" : ` to ${flags.output}`}\n`);
}

function engineRequest() {
  return { target: "docker" as const, environment: process.env, emit: commandBus({}).publish };
}

/** Runs `tsd load [-i FILE]`. */
export async function runLoad(flags: { readonly input?: string; readonly quiet?: boolean; readonly format: "text" | "json" }): Promise<void> {
  if (flags.input === undefined && process.stdin.isTTY) throw new UsageError("tsd load reads an archive: give -i FILE or redirect stdin: tsd load < images.tar");
  const loaded = await (await engineObjects(engineRequest(), "load")).load(flags.input ?? process.stdin);
  if (flags.quiet) return;
  if (flags.format === "json") process.stdout.write(`${JSON.stringify(loaded.map((line) => line.replace(/^Loaded image( ID)?: /, "")), null, 2)}\n`);
  else if (loaded.length > 0) process.stdout.write(`${loaded.join("\n")}\n`);
}

/** Runs `tsd import FILE IMAGE`: prints the image ID. */
export async function runImport(file: string, image: string, flags: { readonly change: string[]; readonly message?: string }): Promise<void> {
  if (file === "-" && process.stdin.isTTY) throw new UsageError("tsd import - reads the archive from stdin: redirect it, e.g. tsd import - app:1 < web.tar");
  const objects = await engineObjects(engineRequest(), "import");
  const imageId = await objects.import(file === "-" ? process.stdin : file, image, { changes: flags.change, ...(flags.message !== undefined ? { message: flags.message } : {}) });
  process.stdout.write(`${imageId}\n`);
}
