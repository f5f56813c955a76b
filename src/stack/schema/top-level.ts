/**
 * The written form of a whole stack file: top-level resources and tsd's
 * `data_containers`.
 */
import { z } from "zod";

import { RESOURCE_KEY_PATTERN } from "./service-net.js";
import { boolean, listOrDict, quote, str, stringMap, stringOrList } from "./scalars.js";
import { section } from "./section.js";
import { serviceSchema } from "./service.js";
import { commandLine } from "./service-run.js";
import { mountEntry } from "./service-io.js";
import { ENGINE_LABEL_RULES, LABEL_RULES } from "./values.js";

// zod compiles a fast parser per object schema on first use; a CLI parses once per run, so
// that compilation costs more than it saves (measured: -10 ms on a 30-service `up`, equal at 300).
z.config({ jitless: true });

/** `external: true` or the deprecated `external: {name}`. */
const external = z.union([boolean(), section("external", { name: str().optional() }, "external settings")], {
  error: "must be true, false or a mapping with name",
});

const ipamConfig = section(
  "ipam.config",
  {
    subnet: str().optional(),
    ip_range: str().optional(),
    gateway: str().optional(),
    aux_addresses: z.record(z.string(), z.string({ error: "must be an IP address" })).optional(),
  },
  "an IPAM pool",
);

const ipam = section(
  "ipam",
  { driver: str().optional(), config: z.array(ipamConfig, { error: "must be a list of pools" }).optional(), options: stringMap().optional() },
  "IPAM settings",
);

const network = section(
  "network",
  {
    name: str().optional(),
    driver: str().optional(),
    driver_opts: stringMap().optional(),
    ipam: ipam.optional(),
    external: external.optional(),
    internal: boolean().optional(),
    enable_ipv4: boolean().optional(),
    enable_ipv6: boolean().optional(),
    attachable: boolean().optional(),
    labels: listOrDict(ENGINE_LABEL_RULES).optional(),
  },
  "a network",
);

/** A written top-level network (null: all defaults). */
export type NetworkSpec = z.output<typeof network> | null;

const volume = section(
  "volume",
  { name: str().optional(), driver: str().optional(), driver_opts: stringMap().optional(), external: external.optional(), labels: listOrDict(ENGINE_LABEL_RULES).optional() },
  "a volume",
);

/** A written top-level volume (null: all defaults). */
export type VolumeSpec = z.output<typeof volume> | null;

const fileObjectShape = {
  name: str().optional(),
  file: str().optional(),
  environment: str().optional(),
  external: external.optional(),
  labels: listOrDict(LABEL_RULES).optional(),
  // Swarm-only drivers: accepted (with a warning) so Swarm files load.
  driver: str().optional(),
  driver_opts: stringMap().optional(),
  template_driver: str().optional(),
};

const secret = section("secret", fileObjectShape, "a secret");
const config = section("config", { ...fileObjectShape, content: str().optional() }, "a config");

/** A written top-level secret or config. */
export type FileObjectSpec = z.output<typeof config>;

const dataContainer = section(
  "data_container",
  {
    image: str("an image reference"),
    volumes: z.array(mountEntry, { error: "must be a list of mounts" }).optional(),
    command: commandLine.optional(),
    labels: listOrDict(ENGINE_LABEL_RULES).optional(),
  },
  "a data container",
);

/** A written data container. */
export type DataContainerSpec = z.output<typeof dataContainer>;

/** A mapping keyed by resource names. */
function named<T extends z.ZodType>(value: T, what: string) {
  return z.record(
    z.string().regex(RESOURCE_KEY_PATTERN, { error: (issue) => `${quote(issue.input)} is not a valid ${what} name (use letters, digits, ".", "_" and "-")` }),
    value,
    { error: `must be a mapping of ${what} names` },
  );
}

/** `include`, accepted and ignored: the loader has resolved it before validation. */
const includeEntry = z.union(
  [
    z.string(),
    section("include", { path: stringOrList(), env_file: stringOrList().optional(), project_directory: str().optional() }, "an include"),
  ],
  { error: "must be a path or a mapping with path" },
);

/** Top-level keys that are neither known nor extensions, but look like a v1 service. */
function v1ServiceHint(key: string, value: unknown): string | undefined {
  if (typeof value === "object" && value !== null && !Array.isArray(value) && ("image" in value || "build" in value)) {
    return `unknown key "${key}": it looks like a service in the old v1 format; move it under services:`;
  }
  return undefined;
}

/** zod schema of a whole stack file (after interpolation and merging). */
export const stackFileSchema = section(
  "top-level",
  {
    version: z.union([z.string(), z.number()], { error: "must be a string" }).optional(),
    name: str().optional(),
    include: z.array(includeEntry, { error: "must be a list" }).optional(),
    services: named(serviceSchema, "service").optional(),
    networks: named(z.union([network, z.null()], { error: "must be a mapping or empty" }), "network").optional(),
    volumes: named(z.union([volume, z.null()], { error: "must be a mapping or empty" }), "volume").optional(),
    secrets: named(secret, "secret").optional(),
    configs: named(config, "config").optional(),
    data_containers: named(dataContainer, "data container").optional(),
  },
  "services:, networks:, volumes:, …",
  v1ServiceHint,
);
