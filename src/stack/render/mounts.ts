/**
 * Mounts in Compose's long syntax, for services and data containers.
 */
import type { Mount } from "../model.js";
import type { ComposeMount } from "./compose-types.js";
import { onlyTrue } from "./plain.js";
import { formatBytes, formatFileMode } from "./units.js";

/** One mount; per-type options appear only when one differs from its default. */
export function renderMount(mount: Mount): ComposeMount {
  const common = { target: mount.target, read_only: onlyTrue(mount.readOnly) };
  switch (mount.type) {
    case "bind": {
      // create_host_path defaults to true, so (like compose-go's OptOut) only `false` is printed.
      const bind = { propagation: mount.propagation, create_host_path: mount.createHostPath ? undefined : (false as const), selinux: mount.selinux };
      return { type: "bind", source: mount.source, ...common, bind: someDefined(bind) };
    }
    case "volume": {
      const volume = { nocopy: onlyTrue(mount.nocopy), subpath: mount.subpath };
      return { type: "volume", source: mount.source, ...common, volume: someDefined(volume) };
    }
    case "tmpfs": {
      const tmpfs = {
        size: mount.size === undefined ? undefined : formatBytes(mount.size),
        mode: mount.mode === undefined ? undefined : formatFileMode(mount.mode),
      };
      return { type: "tmpfs", ...common, tmpfs: someDefined(tmpfs) };
    }
  }
}

/** The options, or `undefined` when none is set. */
function someDefined<T extends object>(options: T): T | undefined {
  return Object.values(options).some((value) => value !== undefined) ? options : undefined;
}
