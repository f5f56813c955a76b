/**
 * Short volume syntax `[SOURCE:]TARGET[:OPTIONS]` → a long-form mount.
 *
 * By the time this runs the loader has made relative and `~` bind sources
 * absolute, so a source starting with `/` is a host path and anything else
 * names a volume.
 */
import { posix } from "node:path";
import type { BindMount, Mount, VolumeMount } from "../model.js";
import type { Parsed } from "./ports.js";

/** Bind propagation modes. */
export const PROPAGATIONS = ["private", "rprivate", "shared", "rshared", "slave", "rslave"] as const;
/** A bind propagation mode. */
export type Propagation = (typeof PROPAGATIONS)[number];

/** Consistency flags from Docker for Mac; accepted and ignored like Compose does on Linux. */
const CONSISTENCY = ["consistent", "cached", "delegated"];

/** True for a host path (after the loader's path resolution). */
export function isHostPath(source: string): boolean {
  return source.startsWith("/") || source.startsWith(".") || source.startsWith("~");
}

/** True for a container path that is the root itself: the engine refuses to mount over `/`. */
export function isContainerRoot(target: string): boolean {
  return posix.normalize(target) === "/";
}

/** A `tmpfs` entry, `/run[:size=64m,mode=1777,…]`: its container path and its options (empty when none). */
export function splitTmpfsEntry(entry: string): { readonly target: string; readonly options: string } {
  const colon = entry.indexOf(":");
  return colon < 0 ? { target: entry, options: "" } : { target: entry.slice(0, colon), options: entry.slice(colon + 1) };
}

/** Volume names Docker accepts. */
export const VOLUME_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** The message for a mount over the container's root, which the engine refuses. */
export const ROOT_TARGET = (written: string): string => `${written}: cannot mount over the container's root "/" (mount at a directory below it, e.g. /data)`;

/** Parses a short volume entry. */
export function parseShortMount(spec: string): Parsed<Mount> {
  const written = JSON.stringify(spec);
  const parts = spec.split(":");
  if (parts.length > 3) return { ok: false, message: `${written} has too many ":" (expected [SOURCE:]TARGET[:OPTIONS])` };
  if (parts.some((part) => part === "")) return { ok: false, message: `${written} has an empty part (expected [SOURCE:]TARGET[:OPTIONS])` };
  // `TARGET` alone is an anonymous volume; otherwise `SOURCE:TARGET[:OPTIONS]`.
  const target = (parts.length === 1 ? parts[0] : parts[1]) as string;
  if (!target.startsWith("/")) return { ok: false, message: `${written}: container path "${target}" must be absolute` };
  if (isContainerRoot(target)) return { ok: false, message: ROOT_TARGET(written) };
  if (parts.length === 1) return { ok: true, value: { type: "volume", target, readOnly: false, nocopy: false } };
  const [source, , options = ""] = parts as [string, string, string?];
  const flags = parseOptions(options, written);
  if (!flags.ok) return flags;
  const { readOnly, selinux, propagation, nocopy } = flags.value;
  if (isHostPath(source)) {
    if (nocopy) return { ok: false, message: `${written}: "nocopy" applies only to named volumes` };
    const bind: BindMount = {
      type: "bind",
      source,
      target,
      readOnly,
      createHostPath: true,
      ...(propagation ? { propagation } : {}),
      ...(selinux ? { selinux } : {}),
    };
    return { ok: true, value: bind };
  }
  if (!VOLUME_NAME_PATTERN.test(source)) return { ok: false, message: `${written}: "${source}" is neither an absolute host path nor a volume name` };
  if (propagation) return { ok: false, message: `${written}: propagation "${propagation}" applies only to bind mounts` };
  const volume: VolumeMount = { type: "volume", source, target, readOnly, nocopy };
  return { ok: true, value: volume };
}

interface MountOptions {
  readOnly: boolean;
  nocopy: boolean;
  selinux?: "z" | "Z";
  propagation?: Propagation;
}

function parseOptions(options: string, written: string): Parsed<MountOptions> {
  const flags: MountOptions = { readOnly: false, nocopy: false };
  for (const option of options.split(",").filter(Boolean)) {
    if (option === "ro" || option === "rw") flags.readOnly = option === "ro";
    else if (option === "z" || option === "Z") flags.selinux = option;
    else if (option === "nocopy") flags.nocopy = true;
    else if ((PROPAGATIONS as readonly string[]).includes(option)) flags.propagation = option as Propagation;
    else if (!CONSISTENCY.includes(option)) {
      return { ok: false, message: `${written}: unknown volume option "${option}" (use ro, rw, z, Z, nocopy or a propagation mode)` };
    }
  }
  return { ok: true, value: flags };
}
