/**
 * `tsd update [SERVICE…] --restart P --memory M --cpus C --pids-limit N`:
 * changes the services' containers once, in place, as `docker update`.
 * One `Container x  Updated` line per container on stderr.
 */
import { containerVerbs, parseUpdateFlags, type UpdateFlagValues } from "../../app/containers.js";
import { openSession } from "../session.js";
import type { StackOptions } from "../stack-options.js";

/** Flags of `tsd update`. */
export type UpdateFlags = StackOptions & UpdateFlagValues;

/** Runs `tsd update`. Bad flags fail before the engine is contacted. */
export async function runUpdate(services: readonly string[], flags: UpdateFlags): Promise<void> {
  const update = parseUpdateFlags(flags);
  const session = await openSession(flags, services);
  const verbs = await containerVerbs(session, "update");
  await verbs.update(session.project, services, update);
}
