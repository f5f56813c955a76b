/**
 * Resource limits (CIS Docker Benchmark 5.10 memory, 5.28 PIDs, and the
 * seeds' `--pids-limit` tip against fork bombs). Without them one runaway or
 * compromised container takes the memory or the process table of the whole
 * host. Either Compose spelling counts (`mem_limit: 512m` or
 * `deploy.resources.limits.memory`): the loader merges both into one value.
 */
import type { Resources } from "../../stack/model.js";
import type { ServiceRule } from "../finding.js";

/** What differs between the two limit rules. */
interface LimitSpec {
  readonly id: string;
  readonly severity: ServiceRule["severity"];
  /** The service key and its `deploy.resources.limits` twin. */
  readonly key: string;
  readonly deployKey: string;
  readonly limit: (resources: Resources) => number | undefined;
  readonly message: string;
  readonly fix: string;
}

/** A rule reporting a missing limit; the engine reads 0 (and -1 for PIDs) as "no limit", so those count as missing. */
function limitRule(spec: LimitSpec): ServiceRule {
  return {
    id: spec.id, severity: spec.severity, scope: "service", summary: `no ${spec.key} (or deploy.resources.limits.${spec.deployKey})`,
    check: ({ service, path }, { locator }) => {
      const limit = spec.limit(service.resources);
      if (limit !== undefined && limit > 0) return [];
      const location = locator.firstWritten([[...path, spec.key], [...path, "deploy", "resources", "limits", spec.deployKey]], path);
      return [{ location, message: spec.message, fix: spec.fix }];
    },
  };
}

/** The rules of this family. */
export const LIMIT_RULES: readonly ServiceRule[] = [
  limitRule({
    id: "no-memory-limit",
    severity: "medium",
    key: "mem_limit",
    deployKey: "memory",
    limit: (resources) => resources.memLimit,
    message: "no memory limit: a leak or an attack can take all the host's memory",
    fix: "`mem_limit: 512m` (what it needs, with headroom)",
  }),
  limitRule({
    id: "no-pids-limit",
    severity: "low",
    key: "pids_limit",
    deployKey: "pids",
    limit: (resources) => resources.pidsLimit,
    message: "no process limit: a fork bomb in the container exhausts the host's process table",
    fix: "`pids_limit: 200`",
  }),
];
