/**
 * One canonical service → its Compose long form.
 */
import type { Service } from "../model.js";
import type { ComposeService } from "./compose-types.js";
import { hasDeployRestartPolicy, renderDeploy, renderResources, renderScale } from "./deploy.js";
import { renderExtensions } from "./extensions.js";
import { renderMount } from "./mounts.js";
import { nonEmpty, nonEmptyMap, onlyTrue } from "./plain.js";
import { renderAttachAndDevices, renderDevice, renderExpose, renderFileReference, renderPort, renderUlimits } from "./service-io.js";
import { renderDependsOn, renderExtraHost, renderLink, renderNetworkMode, renderServiceNetworks, renderVolumesFrom } from "./service-net.js";
import { renderBuild, renderDevelop, renderHealthcheck, renderLogging, renderRestart } from "./service-run.js";
import { formatDuration } from "./units.js";

/**
 * Renders a service. The environment is the resolved one (env files already
 * merged in), so `env_file` is not printed, as `docker compose config` does.
 */
export function renderService(service: Service): ComposeService {
  // Two halves, spread in order: the key order is what `tsd config` prints.
  return { ...renderWhatRuns(service), ...renderHowItRuns(service) };
}

/** Image, command, environment, mounts, wiring and identity: keys in Compose's order. */
function renderWhatRuns(service: Service): ComposeService {
  return {
    profiles: nonEmpty(service.profiles),
    image: service.image,
    build: renderBuild(service.build),
    command: service.command,
    entrypoint: service.entrypoint,
    environment: nonEmptyMap(service.environment),
    ports: nonEmpty(service.ports.map(renderPort)),
    expose: nonEmpty(service.expose.map(renderExpose)),
    volumes: nonEmpty(service.volumes.map(renderMount)),
    volumes_from: nonEmpty(service.volumesFrom.map(renderVolumesFrom)),
    links: nonEmpty(service.links.map(renderLink)),
    depends_on: renderDependsOn(service.dependsOn),
    network_mode: renderNetworkMode(service.networkMode),
    networks: renderServiceNetworks(service.networks),
    restart: renderRestart(service.restart, hasDeployRestartPolicy(service.deploy)),
    healthcheck: renderHealthcheck(service.healthcheck),
    user: service.user,
    working_dir: service.workingDir,
    hostname: service.hostname,
    domainname: service.domainname,
    labels: nonEmptyMap(service.labels),
    container_name: service.containerName,
  };
}

/** Process settings, limits, namespaces, rollout and extensions: keys in Compose's order. */
function renderHowItRuns(service: Service): ComposeService {
  return {
    stop_signal: service.stopSignal,
    stop_grace_period: service.stopGracePeriod === undefined ? undefined : formatDuration(service.stopGracePeriod),
    read_only: onlyTrue(service.readOnly),
    security_opt: nonEmpty(service.securityOpt),
    ...renderResources(service.resources, service.deploy),
    cap_add: nonEmpty(service.capAdd),
    cap_drop: nonEmpty(service.capDrop),
    init: service.init,
    tty: onlyTrue(service.tty),
    stdin_open: onlyTrue(service.stdinOpen),
    privileged: onlyTrue(service.privileged),
    logging: renderLogging(service.logging),
    extra_hosts: nonEmpty(service.extraHosts.map(renderExtraHost)),
    dns: nonEmpty(service.dns),
    dns_search: nonEmpty(service.dnsSearch),
    dns_opt: nonEmpty(service.dnsOpt),
    ulimits: renderUlimits(service.ulimits),
    tmpfs: nonEmpty(service.tmpfs),
    sysctls: nonEmptyMap(service.sysctls),
    devices: nonEmpty(service.devices.map(renderDevice)),
    ...renderAttachAndDevices(service),
    group_add: nonEmpty(service.groupAdd),
    ipc: service.ipc,
    pid: service.pid,
    uts: service.uts,
    userns_mode: service.usernsMode,
    cgroup_parent: service.cgroupParent,
    platform: service.platform,
    runtime: service.runtime,
    mac_address: service.macAddress,
    // `missing` is the default policy.
    pull_policy: service.pullPolicy === "missing" ? undefined : service.pullPolicy,
    scale: renderScale(service.replicas, service.deploy),
    deploy: renderDeploy(service.deploy),
    develop: renderDevelop(service.develop),
    secrets: nonEmpty(service.secrets.map(renderFileReference)),
    configs: nonEmpty(service.configs.map(renderFileReference)),
    ...renderExtensions(service.extensions),
  };
}
