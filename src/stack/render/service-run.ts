/**
 * Service fields about how the container is built and run: build,
 * healthcheck, restart, logging and develop.
 */
import type { Build, Develop, Healthcheck, Logging, RestartPolicy, WatchRule } from "../model.js";
import type { ComposeBuild, ComposeDevelop, ComposeHealthcheck, ComposeLogging, ComposeWatchRule } from "./compose-types.js";
import { nonEmpty, nonEmptyMap, onlyTrue } from "./plain.js";
import { renderExtraHost } from "./service-net.js";
import { formatBytes, formatDuration } from "./units.js";

/** `build`, long form, with the absolute context. */
export function renderBuild(build: Build | undefined): ComposeBuild | undefined {
  if (build === undefined) return undefined;
  return {
    context: build.context,
    dockerfile: build.dockerfile,
    dockerfile_inline: build.dockerfileInline,
    args: nonEmptyMap(build.args),
    target: build.target,
    labels: nonEmptyMap(build.labels),
    network: build.network,
    shm_size: build.shmSize === undefined ? undefined : formatBytes(build.shmSize),
    extra_hosts: nonEmpty(build.extraHosts.map(renderExtraHost)),
    cache_from: nonEmpty(build.cacheFrom),
    tags: nonEmpty(build.tags),
    no_cache: onlyTrue(build.noCache),
    pull: onlyTrue(build.pull),
    platforms: nonEmpty(build.platforms),
  };
}

/** `healthcheck`; a disabled check is `disable: true` alone (its test is `NONE` by definition). */
export function renderHealthcheck(check: Healthcheck | undefined): ComposeHealthcheck | undefined {
  if (check === undefined) return undefined;
  const duration = (milliseconds: number | undefined): string | undefined => (milliseconds === undefined ? undefined : formatDuration(milliseconds));
  return {
    test: check.disable ? undefined : nonEmpty(check.test),
    interval: duration(check.interval),
    timeout: duration(check.timeout),
    start_period: duration(check.startPeriod),
    start_interval: duration(check.startInterval),
    retries: check.retries,
    disable: onlyTrue(check.disable),
  };
}

/**
 * `restart` as Compose writes it (`on-failure:3`). `no`, the default, is left
 * out unless `deploy.restart_policy` would otherwise stand in for it.
 */
export function renderRestart(restart: RestartPolicy, deployHasPolicy: boolean): string | undefined {
  if (restart.policy === "no") return deployHasPolicy ? "no" : undefined;
  return restart.maxRetries === undefined ? restart.policy : `${restart.policy}:${restart.maxRetries}`;
}

/** `logging`. */
export function renderLogging(logging: Logging | undefined): ComposeLogging | undefined {
  if (logging === undefined) return undefined;
  return { driver: logging.driver, options: nonEmptyMap(logging.options) };
}

/** `develop`. */
export function renderDevelop(develop: Develop | undefined): ComposeDevelop | undefined {
  if (develop === undefined) return undefined;
  return { watch: nonEmpty(develop.watch.map(renderWatchRule)) };
}

function renderWatchRule(rule: WatchRule): ComposeWatchRule {
  return {
    path: rule.path,
    action: rule.action,
    target: rule.target,
    ignore: nonEmpty(rule.ignore),
    include: nonEmpty(rule.include),
    initial_sync: onlyTrue(rule.initialSync),
    exec: rule.exec && { command: rule.exec.command, user: rule.exec.user, working_dir: rule.exec.workingDir },
  };
}
