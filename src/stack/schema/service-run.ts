/**
 * Service fields about how the container is built and run: build, command,
 * healthcheck, deploy, develop and logging.
 */
import { z } from "zod";
import { shellSplit } from "../syntax/shell-split.js";
import { boolean, byteSize, decimal, duration, integer, listOrDict, parsedBy, str, stringList, stringOrList, text } from "./scalars.js";
import { reservedDevices } from "./device-requests.js";
import { section } from "./section.js";
import { extraHosts } from "./service-net.js";
import { LABEL_RULES, cpuCount, healthDuration, memorySize, pidsLimit } from "./values.js";

/** `command` / `entrypoint`: a string (split like a shell would) or a list; null keeps the image's. */
export const commandLine = z
  .union([z.string(), z.array(text()), z.null()], { error: "must be a string or a list of strings" })
  .transform(parsedBy((value: string | string[] | null) => (typeof value === "string" ? shellSplit(value) : { ok: true as const, value })));

const buildSection = section(
  "build",
  {
    context: str().optional(),
    dockerfile: str().optional(),
    dockerfile_inline: str().optional(),
    args: listOrDict().optional(),
    target: str().optional(),
    labels: listOrDict(LABEL_RULES).optional(),
    network: str().optional(),
    shm_size: byteSize().optional(),
    extra_hosts: extraHosts.optional(),
    cache_from: stringList().optional(),
    tags: stringList().optional(),
    no_cache: boolean().optional(),
    pull: boolean().optional(),
    platforms: stringList().optional(),
  },
  "build settings",
);

/** `build`: a context path or the long form; output: the long form. */
export const build = z
  .union([z.string(), buildSection], { error: "must be a build context path or a mapping" })
  .transform((value) => (typeof value === "string" ? { context: value } : value));

/** The written long form of `build`. */
export type BuildSpec = z.output<typeof build>;

/** `healthcheck`. */
export const healthcheck = section(
  "healthcheck",
  {
    test: z
      .union([z.string(), z.array(z.string({ error: "must be a string" }))], { error: "must be a command string or a list" })
      .superRefine((value, context) => {
        if (Array.isArray(value) && !["CMD", "CMD-SHELL", "NONE"].includes(value[0] ?? "")) {
          context.addIssue({ code: "custom", input: value, message: 'a test list must start with "CMD", "CMD-SHELL" or "NONE"' });
        }
      })
      .optional(),
    interval: healthDuration().optional(),
    timeout: healthDuration().optional(),
    start_period: healthDuration().optional(),
    start_interval: healthDuration().optional(),
    retries: integer({ min: 0 }).optional(),
    disable: boolean().optional(),
  },
  "a health check",
);

const restartPolicy = section(
  "deploy.restart_policy",
  {
    condition: z.enum(["none", "on-failure", "any"], { error: 'must be "none", "on-failure" or "any"' }).optional(),
    delay: duration().optional(),
    max_attempts: integer({ min: 0 }).optional(),
    window: duration().optional(),
  },
  "a restart policy",
);

const limits = section(
  "deploy.resources.limits",
  { cpus: cpuCount().optional(), memory: memorySize().optional(), pids: pidsLimit().optional() },
  "resource limits",
);

const reservations = section(
  "deploy.resources.reservations",
  { cpus: cpuCount().optional(), memory: memorySize().optional(), generic_resources: z.array(z.unknown()).optional(), devices: reservedDevices.optional() },
  "resource reservations",
);

const swarmUpdate = section(
  "deploy.update",
  {
    parallelism: integer({ min: 0 }).optional(),
    delay: duration().optional(),
    // The engine refuses any other action, and only when Swarm deploys: say so while loading.
    failure_action: z.enum(["continue", "rollback", "pause"], { error: 'must be "continue", "rollback" or "pause"' }).optional(),
    monitor: duration().optional(),
    max_failure_ratio: decimal().optional(),
    order: z.enum(["start-first", "stop-first"], { error: 'must be "start-first" or "stop-first"' }).optional(),
  },
  "update settings",
);

/** `spread` is the only kind of placement preference Swarm has; without it an entry means nothing. */
const placementPreference = section("deploy.placement.preferences", { spread: str() }, "a placement preference");

const placement = section(
  "deploy.placement",
  {
    constraints: stringList().optional(),
    preferences: z.array(placementPreference, { error: "must be a list of preferences" }).optional(),
    max_replicas_per_node: integer({ min: 0 }).optional(),
  },
  "placement",
);

/** `deploy`. Only replicas, resources and restart_policy matter on a single engine; the rest is Swarm's. */
export const deploy = z.union(
  [
    section(
      "deploy",
      {
        mode: z.enum(["replicated", "global", "replicated-job", "global-job"], { error: 'must be "replicated", "global", "replicated-job" or "global-job"' }).optional(),
        replicas: integer({ min: 0 }).optional(),
        labels: listOrDict(LABEL_RULES).optional(),
        resources: section("deploy.resources", { limits: limits.optional(), reservations: reservations.optional() }, "resources").optional(),
        restart_policy: restartPolicy.optional(),
        placement: placement.optional(),
        update_config: swarmUpdate.optional(),
        rollback_config: swarmUpdate.optional(),
        endpoint_mode: z.enum(["vip", "dnsrr"], { error: 'must be "vip" or "dnsrr"' }).optional(),
      },
      "deploy settings",
    ),
    z.null(),
  ],
  { error: "must be a mapping" },
);

/** The written `deploy` section. */
export type DeploySpec = NonNullable<z.output<typeof deploy>>;

const watchExec = section(
  "watch.exec",
  { command: commandLine, user: text().optional(), working_dir: str().optional(), environment: listOrDict().optional(), privileged: boolean().optional() },
  "a command",
);

const watchRule = section(
  "watch",
  {
    action: z.enum(["sync", "rebuild", "restart", "sync+restart", "sync+exec"], {
      error: 'must be one of sync, rebuild, restart, sync+restart, sync+exec',
    }),
    path: str(),
    target: str().optional(),
    ignore: stringOrList().optional(),
    include: stringOrList().optional(),
    initial_sync: boolean().optional(),
    exec: watchExec.optional(),
  },
  "a watch rule",
);

/** `develop`. */
export const develop = z.union([section("develop", { watch: z.array(watchRule, { error: "must be a list of watch rules" }).optional() }, "develop settings"), z.null()], {
  error: "must be a mapping",
});

/** `logging`. */
export const logging = section(
  "logging",
  {
    driver: str().optional(),
    options: z.record(z.string(), z.union([z.string(), z.number(), z.null()], { error: "must be a string" })).optional(),
  },
  "logging settings",
);
