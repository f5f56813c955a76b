/**
 * The container of `tsd run SERVICE`: the service's own spec (image,
 * networks, volumes, environment, …, built by the reconciler's spec
 * functions) made into a one-off, with the command line's overrides. Pure.
 *
 * As in Compose: a one-off is named `<project>-<service>-run-<id>`, never
 * restarts, publishes the service's ports only with `--service-ports`, and
 * answers to the service's network aliases only with `--use-aliases` (so it
 * takes no traffic meant for the service). Fixed addresses are dropped: the
 * service's own container holds them.
 */
import { isAbsolute, resolve } from "node:path";
import { COMPOSE_LABEL_ONEOFF, LABEL_CONFIG, LABEL_CONFIG_HASH, LABEL_KIND, LABEL_REPLICA } from "../../../base/labels.js";
import type { ContainerSpec, MountSpec, NetworkAttachmentSpec } from "../../../docker-api/types.js";
import { UsageError } from "../../../base/errors.js";
import { mountSpec } from "../spec/mounts.js";
import { stackService } from "../../../stack/names.js";
import { portSpecs } from "../spec/ports.js";
import { serviceContainerSpec } from "../spec/service-spec.js";
import type { Mount, Stack } from "../../../stack/model.js";
import { isHostPath, parseShortMount } from "../../../stack/syntax/mounts.js";
import { parseShortPort } from "../../../stack/syntax/ports.js";
import { shellSplit } from "../../../stack/syntax/shell-split.js";

/** What the command line changes about the service's container. */
export interface RunOverrides {
  /** The command; empty: the service's. */
  readonly command: readonly string[];
  /** `--entrypoint`, split like a shell would (`""` clears the image's). */
  readonly entrypoint?: string;
  /** `-e KEY=VALUE`, or `-e KEY` to pass the variable of tsd's own environment. */
  readonly env: readonly string[];
  /** `-v [SOURCE:]TARGET[:OPTIONS]`, the stack's short volume syntax. */
  readonly volumes: readonly string[];
  /** `-p [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`. */
  readonly publish: readonly string[];
  readonly servicePorts: boolean;
  readonly useAliases: boolean;
  readonly name?: string;
  readonly user?: string;
  readonly workingDir?: string;
  /** A TTY for the process. */
  readonly tty: boolean;
  /** Stdin kept open for an attached client. */
  readonly interactive: boolean;
  /** The engine removes it when it stops (`-d --rm`; attached runs remove it themselves). */
  readonly autoRemove: boolean;
}

/** Where the overrides are read from. */
export interface RunContext {
  /** Relative `-v` host paths are taken from here, as `docker run` does. */
  readonly cwd: string;
  /** tsd's environment, for `-e KEY` without a value. */
  readonly environment: Readonly<Record<string, string | undefined>>;
  /** Random part of the name, `[0-9a-f]{12}`. */
  readonly runId: string;
  readonly version?: string;
}

/** `<project>-<service>-run-<id>`, Compose's one-off name. */
export function oneOffName(stack: Stack, serviceKey: string, runId: string): string {
  return `${stack.name}-${serviceKey}-run-${runId}`;
}

/** The one-off container's spec. Throws UsageError for a malformed `-e`, `-v`, `-p` or `--entrypoint`. */
export function runContainerSpec(stack: Stack, serviceKey: string, overrides: RunOverrides, context: RunContext): ContainerSpec {
  const base = serviceContainerSpec(stack, serviceKey, 1, context.version === undefined ? {} : { version: context.version });
  const service = stackService(stack, serviceKey);
  const { exposedPorts, portBindings } = portSpecs({ ...service, ports: [...(overrides.servicePorts ? service.ports : []), ...overrides.publish.flatMap(parsePublish)] });
  const extraMounts = overrides.volumes.map((volume) => volumeMount(stack, volume, context));
  const replaced = new Set(extraMounts.map((mount) => mount.target));
  const { [LABEL_REPLICA]: _replica, [LABEL_CONFIG]: _config, [LABEL_CONFIG_HASH]: _hash, ...labels } = base.labels;
  return {
    ...base,
    name: overrides.name ?? oneOffName(stack, serviceKey, context.runId),
    // A one-off is not a replica and has no config to converge: no replica number, no config hash.
    labels: { ...labels, [LABEL_KIND]: "one-off", [COMPOSE_LABEL_ONEOFF]: "True" },
    env: withEnvironmentEntries(base.env, overrides.env, context.environment),
    ...(overrides.command.length > 0 ? { cmd: overrides.command } : {}),
    ...(overrides.entrypoint !== undefined ? { entrypoint: parseEntrypoint(overrides.entrypoint) } : {}),
    ...(overrides.user !== undefined ? { user: overrides.user } : {}),
    ...(overrides.workingDir !== undefined ? { workingDir: overrides.workingDir } : {}),
    tty: overrides.tty,
    openStdin: overrides.interactive,
    stdinOnce: overrides.interactive,
    exposedPorts,
    macAddress: undefined,
    host: {
      ...base.host,
      mounts: [...base.host.mounts.filter((mount) => !replaced.has(mount.target)), ...extraMounts],
      portBindings,
      restartPolicy: { name: "no", maximumRetryCount: 0 },
      ...(overrides.autoRemove ? { autoRemove: true } : {}),
    },
    networks: base.networks.map((attachment) => oneOffAttachment(attachment, overrides.useAliases)),
  };
}

function oneOffAttachment(attachment: NetworkAttachmentSpec, useAliases: boolean): NetworkAttachmentSpec {
  const { ipv4Address: _ipv4, ipv6Address: _ipv6, macAddress: _mac, ...rest } = attachment;
  return { ...rest, aliases: useAliases ? attachment.aliases : [] };
}

/**
 * `KEY=VALUE` entries with the `-e` entries on top (a later entry wins, as
 * in `docker run`); `-e KEY` takes KEY from `environment`, or leaves it alone when unset there.
 */
export function withEnvironmentEntries(base: readonly string[], entries: readonly string[], environment: RunContext["environment"]): string[] {
  const merged = new Map(base.map((entry) => [entry.slice(0, entry.indexOf("=")), entry] as const));
  for (const entry of entries) {
    const separator = entry.indexOf("=");
    const key = separator < 0 ? entry : entry.slice(0, separator);
    if (key === "") throw new UsageError(`-e ${entry}: expected KEY=VALUE or KEY`);
    if (separator >= 0) merged.set(key, entry);
    else if (environment[key] !== undefined) merged.set(key, `${key}=${environment[key]}`);
    // `-e KEY` with KEY unset here: the image's or the service's value stays, as with docker run.
  }
  return [...merged.values()];
}

function parsePublish(entry: string) {
  const parsed = parseShortPort(entry);
  if (!parsed.ok) throw new UsageError(`-p ${entry}: ${parsed.message}`);
  return parsed.value;
}

function parseEntrypoint(text: string): string[] {
  const words = shellSplit(text);
  if (!words.ok) throw new UsageError(`--entrypoint ${text}: ${words.message}`);
  return words.value;
}

/** A `-v` entry as a mount: host paths relative to `cwd`, stack volume keys to their engine names, other names as engine volumes. */
function volumeMount(stack: Stack, entry: string, context: RunContext): MountSpec {
  const [source] = entry.split(":");
  const absolute = entry.includes(":") && source !== undefined && isHostPath(source) && !isAbsolute(source) ? `${resolveHostPath(source, context)}${entry.slice(source.length)}` : entry;
  const parsed = parseShortMount(absolute);
  if (!parsed.ok) throw new UsageError(`-v ${entry}: ${parsed.message}`);
  const mount: Mount = parsed.value;
  if (mount.type === "volume" && mount.source !== undefined && !stack.volumes[mount.source]) {
    return { type: "volume", source: mount.source, target: mount.target, readOnly: mount.readOnly, noCopy: mount.nocopy };
  }
  return mountSpec(stack, mount);
}

function resolveHostPath(source: string, context: RunContext): string {
  if (source === "~" || source.startsWith("~/")) return resolve(context.environment.HOME ?? "/", source.slice(2));
  return resolve(context.cwd, source);
}
