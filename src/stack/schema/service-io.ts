/**
 * Service fields that connect a container to the outside: ports, expose,
 * mounts, devices, secrets/configs and env files.
 */
import { z } from "zod";
import type { Device, Mount, Port } from "../model.js";
import { PROPAGATIONS, ROOT_TARGET, VOLUME_NAME_PATTERN, isContainerRoot, isHostPath, parseShortMount, splitTmpfsEntry } from "../syntax/mounts.js";
import { type Parsed, descendingRangeProblem, isProtocol, parseExpose, parsePortRange, parseShortPort } from "../syntax/ports.js";
import { parseDevice } from "../syntax/service-fields.js";
import { parseByteSize, parseFileMode } from "../syntax/units.js";
import { boolean, byteSize, fileMode, parsedBy, quote, str, text } from "./scalars.js";
import { section } from "./section.js";
import { unsupportedMessage } from "./unsupported.js";
import { fileTarget, ipAddress, ulimitValue } from "./values.js";

const longPort = section(
  "port",
  {
    target: z.union([z.int(), z.string()], { error: "must be a port number" }),
    published: z.union([z.int(), z.string()], { error: "must be a port number or a range like 8080-8081" }).optional(),
    host_ip: ipAddress().optional(),
    protocol: str().optional(),
    mode: z.enum(["host", "ingress"], { error: 'must be "host" or "ingress"' }).optional(),
    name: str().optional(),
    app_protocol: str().optional(),
  },
  "a port",
);

function parseLongPort(port: z.output<typeof longPort>): Parsed<Port[]> {
  const target = parsePortRange(String(port.target));
  if (!target || target.start !== target.end) return { ok: false, message: `target ${quote(port.target)} is not a valid port (1-65535)` };
  const published = port.published === undefined || port.published === "" ? undefined : parsePortRange(String(port.published));
  if (port.published !== undefined && port.published !== "" && !published) {
    const backwards = descendingRangeProblem(String(port.published));
    if (backwards) return { ok: false, message: `published ${backwards}` };
    return { ok: false, message: `published ${quote(port.published)} is not a valid port (1-65535) or range` };
  }
  const protocol = port.protocol ?? "tcp";
  if (!isProtocol(protocol)) return { ok: false, message: `protocol "${protocol}" must be tcp, udp or sctp` };
  return {
    ok: true,
    value: [
      {
        target: target.start,
        protocol,
        mode: port.mode ?? "ingress",
        ...(published ? { published } : {}),
        ...(port.host_ip ? { hostIp: port.host_ip } : {}),
        ...(port.name ? { name: port.name } : {}),
        ...(port.app_protocol ? { appProtocol: port.app_protocol } : {}),
      },
    ],
  };
}

/** One `ports` entry; output: the ports it stands for (ranges expanded). */
export const portEntry = z.union([z.int(), z.string(), longPort], { error: 'must be a port number, a string like "8080:80" or a mapping' }).transform(
  parsedBy((value: number | string | z.output<typeof longPort>) => (typeof value === "object" ? parseLongPort(value) : parseShortPort(value))),
);

/** One `expose` entry; output: the exposed ports (ranges expanded). */
export const exposeEntry = z.union([z.int(), z.string()], { error: "must be a port number or a string like 3000/udp" }).transform(parsedBy(parseExpose));

const bindOptions = section(
  "mount.bind",
  {
    propagation: z.enum(PROPAGATIONS, { error: `must be one of ${PROPAGATIONS.join(", ")}` }).optional(),
    create_host_path: boolean().optional(),
    selinux: z.enum(["z", "Z"], { error: 'must be "z" or "Z"' }).optional(),
  },
  "bind options",
);
const volumeOptions = section("mount.volume", { nocopy: boolean().optional(), subpath: str().optional() }, "volume options");
const tmpfsOptions = section("mount.tmpfs", { size: byteSize().optional(), mode: fileMode().optional() }, "tmpfs options");

const longMount = section(
  "mount",
  {
    type: str(),
    source: str().optional(),
    target: str(),
    read_only: boolean().optional(),
    consistency: str().optional(),
    bind: bindOptions.optional(),
    volume: volumeOptions.optional(),
    tmpfs: tmpfsOptions.optional(),
  },
  "a mount",
);

function parseLongMount(mount: z.output<typeof longMount>): Parsed<Mount> {
  const { type, source, target } = mount;
  const readOnly = mount.read_only ?? false;
  if (type === "image" || type === "npipe" || type === "cluster") return { ok: false, message: unsupportedMessage(`volumes type "${type}"`) };
  if (type !== "bind" && type !== "volume" && type !== "tmpfs") return { ok: false, message: `type ${quote(type)} must be bind, volume or tmpfs` };
  if (!target.startsWith("/")) return { ok: false, message: `target ${quote(target)} must be an absolute container path` };
  if (isContainerRoot(target)) return { ok: false, message: ROOT_TARGET(`target ${quote(target)}`) };
  const misplaced = (["bind", "volume", "tmpfs"] as const).find((options) => options !== type && mount[options] !== undefined);
  if (misplaced) return { ok: false, message: `${misplaced} options do not apply to a mount of type ${type}` };
  switch (type) {
    case "bind": {
      if (!source) return { ok: false, message: "a bind mount needs a source" };
      const options = mount.bind;
      return {
        ok: true,
        value: {
          type,
          source,
          target,
          readOnly,
          createHostPath: options?.create_host_path ?? true,
          ...(options?.propagation ? { propagation: options.propagation } : {}),
          ...(options?.selinux ? { selinux: options.selinux } : {}),
        },
      };
    }
    case "volume": {
      if (source !== undefined && (isHostPath(source) || !VOLUME_NAME_PATTERN.test(source))) {
        return { ok: false, message: `source ${quote(source)} is not a volume name (use type: bind for host paths)` };
      }
      const options = mount.volume;
      return {
        ok: true,
        value: {
          type,
          target,
          readOnly,
          nocopy: options?.nocopy ?? false,
          ...(source ? { source } : {}),
          ...(options?.subpath ? { subpath: options.subpath } : {}),
        },
      };
    }
    case "tmpfs": {
      if (source) return { ok: false, message: "a tmpfs mount has no source" };
      const options = mount.tmpfs;
      return {
        ok: true,
        value: {
          type,
          target,
          readOnly,
          ...(options?.size !== undefined ? { size: options.size } : {}),
          ...(options?.mode !== undefined ? { mode: options.mode } : {}),
        },
      };
    }
  }
}

/** One `volumes` entry (short or long); output: a long-form mount. */
export const mountEntry = z.union([z.string(), longMount], { error: 'must be a string like "data:/var/lib/data" or a mapping' }).transform(
  parsedBy((value: string | z.output<typeof longMount>) => (typeof value === "string" ? parseShortMount(value) : parseLongMount(value))),
);

const longDevice = section("device", { source: str(), target: str().optional(), permissions: str().optional() }, "a device");

/** One `devices` entry; output: a device. */
export const deviceEntry = z.union([z.string(), longDevice], { error: 'must be a string like "/dev/ttyUSB0:/dev/ttyUSB0" or a mapping' }).transform(
  parsedBy(
    (value: string | z.output<typeof longDevice>): Parsed<Device> =>
      typeof value === "string"
        ? parseDevice(value)
        : { ok: true, value: { source: value.source, target: value.target ?? value.source, permissions: value.permissions ?? "rwm" } },
  ),
);

/** A secret or config granted to a service, before defaults. */
export interface FileReferenceSpec {
  readonly source: string;
  readonly target?: string;
  readonly uid?: string;
  readonly gid?: string;
  readonly mode?: number;
}

const longFileReference = section(
  "file_reference",
  { source: str(), target: fileTarget().optional(), uid: text().optional(), gid: text().optional(), mode: fileMode().optional() },
  "a secret or config reference",
);

/** `secrets` / `configs` of a service: names or `{source, target, uid, gid, mode}`. */
export const fileReferences = z
  .array(z.union([z.string(), longFileReference], { error: "must be a name or a mapping with source" }), {
    error: "must be a list of names or mappings",
  })
  .transform((entries) =>
    entries.map((entry): FileReferenceSpec => {
      if (typeof entry === "string") return { source: entry };
      const { source, target, uid, gid, mode } = entry;
      return { source, ...(target ? { target } : {}), ...(uid ? { uid } : {}), ...(gid ? { gid } : {}), ...(mode !== undefined ? { mode } : {}) };
    }),
  );

/** An env file to read, before reading. */
export interface EnvFileSpec {
  readonly path: string;
  readonly required: boolean;
  readonly format: "dotenv" | "raw";
}

const longEnvFile = section(
  "env_file",
  {
    path: str(),
    required: boolean().optional(),
    format: z.enum(["raw", "dotenv"], { error: 'must be "raw" (or left out for the usual .env syntax)' }).optional(),
  },
  "an env file",
);

/** `env_file`: a path, or a list of paths and `{path, required, format}`. */
export const envFiles = z
  .union([z.string(), z.array(z.union([z.string(), longEnvFile], { error: "must be a path or a mapping with path" }))], {
    error: "must be a path or a list of paths",
  })
  .transform((value) =>
    (typeof value === "string" ? [value] : value).map(
      (entry): EnvFileSpec =>
        typeof entry === "string" ? { path: entry, required: true, format: "dotenv" } : { path: entry.path, required: entry.required ?? true, format: entry.format ?? "dotenv" },
    ),
  );

/** What is wrong with a `tmpfs` entry (`/run[:size=64m,mode=1777,…]`), or `undefined`. */
function tmpfsProblem(entry: string): string | undefined {
  const { target, options } = splitTmpfsEntry(entry);
  if (!target.startsWith("/")) return `${quote(entry)} must be an absolute container path`;
  if (isContainerRoot(target)) return ROOT_TARGET(quote(entry));
  for (const option of options === "" ? [] : options.split(",")) {
    const [name, setting = ""] = option.split("=", 2) as [string, string?];
    if (name === "size" && parseByteSize(setting) === undefined) return `${quote(entry)}: size ${quote(setting)} is not a byte size (e.g. 64m)`;
    if (name === "mode" && parseFileMode(setting) === undefined) return `${quote(entry)}: mode ${quote(setting)} is not a file mode (octal, e.g. 1777)`;
  }
  return undefined;
}

/** `tmpfs`: a container path or a list, each optionally with `:options`. */
export const tmpfsPaths = z
  .union([z.string(), z.array(z.string({ error: "must be a container path" }))], { error: "must be a container path or a list of them" })
  .transform((value, context) => {
    const paths = typeof value === "string" ? [value] : value;
    paths.forEach((entry, index) => {
      const problem = tmpfsProblem(entry);
      if (problem) context.issues.push({ code: "custom", input: entry, path: typeof value === "string" ? [] : [index], message: problem });
    });
    return paths;
  });

/** `ulimits`: a single number (soft = hard) or `{soft, hard}`. */
export const ulimitEntry = z
  .union([ulimitValue(), section("ulimit", { soft: ulimitValue(), hard: ulimitValue() }, "soft and hard limits")], {
    error: "must be a number or a mapping with soft and hard",
  })
  .transform((value) => (typeof value === "number" ? { soft: value, hard: value } : { soft: value.soft, hard: value.hard }));
