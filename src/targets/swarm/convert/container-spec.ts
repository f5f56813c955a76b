/**
 * A service's container, as Swarm's `TaskTemplate.ContainerSpec`, the way
 * docker/cli's `convertService` builds it (cli/compose/convert/service.go):
 * entrypoint → Command, command → Args, environment as sorted `K=V`
 * (`K` alone for a declared, unset variable), extra_hosts as `IP host`,
 * durations in nanoseconds. Secrets and configs are named here; their IDs
 * are filled in when the objects exist (run time).
 */
import type { FileReference, Healthcheck, Mount, Service, Stack } from "../../../stack/model.js";
import type { SwarmConfigReference, SwarmContainerSpec, SwarmHealthCheck, SwarmMount, SwarmSecretReference } from "../../../docker-api/swarm-types.js";
import { taskLabels } from "./names.js";

/** Milliseconds → the API's nanoseconds. */
export function nanoseconds(milliseconds: number | undefined): number | undefined {
  return milliseconds === undefined ? undefined : Math.round(milliseconds * 1_000_000);
}

/** docker/cli's environment: sorted, `K=V`, or `K` for a variable declared without a value. */
export function convertEnvironment(environment: Readonly<Record<string, string | null>>): string[] {
  return Object.entries(environment)
    .map(([key, value]) => (value === null ? key : `${key}=${value}`))
    .sort();
}

/** docker/cli's convertHealthcheck: `disable` (or a NONE test) becomes `["NONE"]`. */
export function convertHealthcheck(healthcheck: Healthcheck | undefined): SwarmHealthCheck | undefined {
  if (healthcheck === undefined) return undefined;
  if (healthcheck.disable) return { Test: ["NONE"] };
  return dropUndefined({
    Test: healthcheck.test,
    Interval: nanoseconds(healthcheck.interval),
    Timeout: nanoseconds(healthcheck.timeout),
    Retries: healthcheck.retries,
    StartPeriod: nanoseconds(healthcheck.startPeriod),
  });
}

/** One mount; a named volume by its name on the nodes, with the stack's label and driver (per node, as Swarm keeps volumes). */
export function convertMount(stack: Stack, mount: Mount): SwarmMount {
  switch (mount.type) {
    case "bind":
      return dropUndefined({ Type: "bind" as const, Source: mount.source, Target: mount.target, ReadOnly: mount.readOnly || undefined, BindOptions: mount.propagation ? { Propagation: mount.propagation } : undefined });
    case "tmpfs":
      return dropUndefined({ Type: "tmpfs" as const, Target: mount.target, ReadOnly: mount.readOnly || undefined, TmpfsOptions: mount.size !== undefined || mount.mode !== undefined ? dropUndefined({ SizeBytes: mount.size, Mode: mount.mode }) : undefined });
    case "volume":
      return volumeMount(stack, mount);
  }
}

function volumeMount(stack: Stack, mount: Extract<Mount, { type: "volume" }>): SwarmMount {
  const volume = mount.source === undefined ? undefined : stack.volumes[mount.source];
  const options = dropUndefined({
    NoCopy: mount.nocopy || undefined,
    Subpath: mount.subpath,
    Labels: volume && !volume.external ? { ...volume.labels, "com.docker.stack.namespace": stack.name } : undefined,
    DriverConfig: volume && !volume.external && volume.driver ? dropUndefined({ Name: volume.driver, Options: Object.keys(volume.driverOpts).length > 0 ? volume.driverOpts : undefined }) : undefined,
  });
  return dropUndefined({
    Type: "volume" as const,
    Source: volume?.name,
    Target: mount.target,
    ReadOnly: mount.readOnly || undefined,
    VolumeOptions: Object.keys(options).length > 0 ? options : undefined,
  });
}

/** A `tmpfs:` entry (`/run:size=64m,mode=1777`) as a tmpfs mount. */
export function tmpfsMount(entry: string): SwarmMount {
  const [target = entry, options = ""] = entry.split(/:(.*)/s);
  const settings = new Map(options.split(",").filter(Boolean).map((option) => option.split("=") as [string, string]));
  const size = settings.get("size");
  const mode = settings.get("mode");
  return dropUndefined({
    Type: "tmpfs" as const,
    Target: target,
    TmpfsOptions: size !== undefined || mode !== undefined ? dropUndefined({ SizeBytes: size === undefined ? undefined : byteSize(size), Mode: mode === undefined ? undefined : Number.parseInt(mode, 8) }) : undefined,
  });
}

function byteSize(text: string): number {
  const match = /^(\d+)([kmg]?)b?$/i.exec(text.trim());
  if (!match) return Number(text);
  const unit = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(match[2] ?? "").toLowerCase() as "" | "k" | "m" | "g"];
  return Number(match[1]) * unit;
}

/** A file grant: docker/cli's defaults, uid and gid 0, mode 0444. */
function grant(target: string, reference: FileReference): SwarmSecretReference["File"] {
  return { Name: target, UID: reference.uid ?? "0", GID: reference.gid ?? "0", Mode: reference.mode ?? 0o444 };
}

/** Secrets, by their content-hash names; a target under /run/secrets is given relative, as Swarm expects. */
export function convertSecrets(references: readonly FileReference[], names: ReadonlyMap<string, string>): SwarmSecretReference[] {
  return references
    .map((reference) => ({ File: grant(reference.target.replace(/^\/run\/secrets\//, ""), reference), SecretID: "", SecretName: names.get(`secrets/${reference.source}`) ?? reference.source }))
    .sort((a, b) => a.File.Name.localeCompare(b.File.Name));
}

/** Configs, by their content-hash names, at their absolute targets. */
export function convertConfigs(references: readonly FileReference[], names: ReadonlyMap<string, string>): SwarmConfigReference[] {
  return references
    .map((reference) => ({ File: grant(reference.target, reference), ConfigID: "", ConfigName: names.get(`configs/${reference.source}`) ?? reference.source }))
    .sort((a, b) => a.File.Name.localeCompare(b.File.Name));
}

/** The ContainerSpec of `serviceKey`; `fileNames` maps `secrets/<key>` and `configs/<key>` to their names on the swarm. */
export function convertContainerSpec(stack: Stack, serviceKey: string, service: Service, image: string, fileNames: ReadonlyMap<string, string>): SwarmContainerSpec {
  const mounts = [...service.volumes.map((mount) => convertMount(stack, mount)), ...service.tmpfs.map(tmpfsMount)];
  const dns = dropUndefined({ Nameservers: nonEmpty(service.dns), Search: nonEmpty(service.dnsSearch), Options: nonEmpty(service.dnsOpt) });
  return dropUndefined({
    Image: image,
    Labels: { ...service.labels, ...taskLabels(stack, serviceKey) },
    Command: service.entrypoint,
    Args: service.command,
    Hostname: service.hostname,
    Env: nonEmpty(convertEnvironment(service.environment)),
    Dir: service.workingDir,
    User: service.user,
    Groups: nonEmpty(service.groupAdd),
    TTY: service.tty || undefined,
    OpenStdin: service.stdinOpen || undefined,
    ReadOnly: service.readOnly || undefined,
    Mounts: nonEmpty(mounts),
    StopSignal: service.stopSignal,
    StopGracePeriod: nanoseconds(service.stopGracePeriod),
    HealthCheck: convertHealthcheck(service.healthcheck),
    Hosts: nonEmpty(service.extraHosts.map((host) => `${host.ip} ${host.host}`)),
    DNSConfig: Object.keys(dns).length > 0 ? dns : undefined,
    Secrets: nonEmpty(convertSecrets(service.secrets, fileNames)),
    Configs: nonEmpty(convertConfigs(service.configs, fileNames)),
    Init: service.init,
    Sysctls: Object.keys(service.sysctls).length > 0 ? service.sysctls : undefined,
    CapabilityAdd: nonEmpty(service.capAdd),
    CapabilityDrop: nonEmpty(service.capDrop),
    Ulimits: nonEmpty(Object.entries(service.ulimits).sort(([a], [b]) => a.localeCompare(b)).map(([name, limit]) => ({ Name: name, Soft: limit.soft, Hard: limit.hard }))),
  });
}

function nonEmpty<T>(values: readonly T[]): readonly T[] | undefined {
  return values.length > 0 ? values : undefined;
}

/** `value` without its undefined fields: the API reads an absent field as its default, and the hash must not see the difference. */
export function dropUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}
