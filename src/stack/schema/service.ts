/**
 * The written form of one service.
 */
import { z } from "zod";
import { parsePullPolicy, parseRestart } from "../syntax/service-fields.js";
import { boolean, byteSize, duration, integer, listOrDict, parsedBy, str, stringList, stringOrList, text } from "./scalars.js";
import { gpus } from "./device-requests.js";
import { section } from "./section.js";
import { deviceEntry, envFiles, exposeEntry, fileReferences, mountEntry, portEntry, tmpfsPaths, ulimitEntry } from "./service-io.js";
import { dependsOn, extraHosts, networkMode, serviceNetworks, volumesFrom } from "./service-net.js";
import { build, commandLine, deploy, develop, healthcheck, logging } from "./service-run.js";
import {
  ENGINE_LABEL_RULES,
  ENVIRONMENT_RULES,
  containerPath,
  cpuCount,
  cpuPeriod,
  cpuQuota,
  cpuShares,
  ipAddresses,
  macAddress,
  memorySize,
  pidsLimit,
  ulimitName,
} from "./values.js";

/** `extends`, accepted but ignored: the loader has resolved it before validation. */
const extendsSpec = z.union([z.string(), section("extends", { service: str(), file: str().optional() }, "extends")], {
  error: "must be a service name or a mapping with service",
});

/** Fields written as a single string or a list of strings (dns, dns_search, dns_opt). */
const stringsOf = stringOrList;

/** One service. */
export const serviceSchema = section(
  "service",
  {
    image: str("an image reference").optional(),
    build: build.optional(),
    command: commandLine.optional(),
    entrypoint: commandLine.optional(),
    environment: listOrDict(ENVIRONMENT_RULES).optional(),
    env_file: envFiles.optional(),
    ports: z.array(portEntry, { error: "must be a list of ports" }).optional(),
    expose: z.array(exposeEntry, { error: "must be a list of ports" }).optional(),
    volumes: z.array(mountEntry, { error: "must be a list of mounts" }).optional(),
    volumes_from: volumesFrom.optional(),
    links: stringList().optional(),
    depends_on: dependsOn.optional(),
    networks: serviceNetworks.optional(),
    network_mode: networkMode.optional(),
    restart: z.string({ error: "must be one of no, always, on-failure[:N], unless-stopped" }).transform(parsedBy(parseRestart)).optional(),
    healthcheck: healthcheck.optional(),
    user: text().optional(),
    working_dir: containerPath().optional(),
    hostname: str().optional(),
    domainname: str().optional(),
    labels: listOrDict(ENGINE_LABEL_RULES).optional(),
    container_name: str().optional(),
    stop_signal: str().optional(),
    stop_grace_period: duration().optional(),
    read_only: boolean().optional(),
    security_opt: stringList().optional(),
    pids_limit: pidsLimit().optional(),
    mem_limit: memorySize().optional(),
    mem_reservation: memorySize().optional(),
    memswap_limit: z.union([z.literal(-1), z.literal("-1"), byteSize()], { error: "must be a byte size or -1" }).transform(Number).optional(),
    mem_swappiness: integer({ min: 0, max: 100 }).optional(),
    shm_size: byteSize().optional(),
    cpus: cpuCount().optional(),
    cpu_shares: cpuShares().optional(),
    cpu_quota: cpuQuota().optional(),
    cpu_period: cpuPeriod().optional(),
    cpuset: str().optional(),
    oom_kill_disable: boolean().optional(),
    oom_score_adj: integer({ min: -1000, max: 1000 }).optional(),
    cap_add: stringList().optional(),
    cap_drop: stringList().optional(),
    init: boolean().optional(),
    attach: boolean().optional(),
    gpus: gpus.optional(),
    tty: boolean().optional(),
    stdin_open: boolean().optional(),
    privileged: boolean().optional(),
    logging: logging.optional(),
    extra_hosts: extraHosts.optional(),
    dns: ipAddresses("a DNS server").optional(),
    dns_search: stringsOf().optional(),
    dns_opt: stringList().optional(),
    ulimits: z.record(ulimitName(), ulimitEntry, { error: "must be a mapping of limit names" }).optional(),
    tmpfs: tmpfsPaths.optional(),
    sysctls: listOrDict().optional(),
    devices: z.array(deviceEntry, { error: "must be a list of devices" }).optional(),
    group_add: stringList().optional(),
    ipc: str().optional(),
    pid: str().optional(),
    uts: str().optional(),
    userns_mode: str().optional(),
    cgroup_parent: str().optional(),
    platform: str().optional(),
    runtime: str().optional(),
    mac_address: macAddress().optional(),
    pull_policy: z.string({ error: "must be a pull policy" }).transform(parsedBy(parsePullPolicy)).optional(),
    scale: integer({ min: 0 }).optional(),
    deploy: deploy.optional(),
    profiles: stringList().optional(),
    develop: develop.optional(),
    secrets: fileReferences.optional(),
    configs: fileReferences.optional(),
    extends: extendsSpec.optional(),
  },
  "a service",
);

/** A validated service, as written (leaf syntaxes parsed). */
export type ServiceSpec = z.output<typeof serviceSchema>;
