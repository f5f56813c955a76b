/**
 * Compose's field-specific merge rules (compose-go `override/merge.go` and
 * `override/uncity.go`), by field path. Fields not listed here merge by
 * shape: mappings by key, sequences appended without repeats, scalars
 * replaced.
 */
import { type Plain, type PlainMap, cloneLocated, copyEntry, isList, isMap } from "./located.js";
import {
  type FieldPath,
  type MapMerger,
  type Side,
  appendUnique,
  asList,
  emptyLike,
  locateEntry,
  mergeKeyedLists,
} from "./merge-helpers.js";
import {
  deviceTarget,
  filePathKey,
  mergeExtraHosts,
  mergeMappingLike,
  mountTarget,
  portKey,
  subnetKey,
  textKey,
  volumeTarget,
} from "./merge-keyed.js";

/** Merges the two (non-null) values of one field. */
export type MergeRule = (base: Side, override: Side, path: FieldPath, mergeMaps: MapMerger) => Plain;

/** Later value replaces: command lines are never appended to. */
const replace: MergeRule = (_base, override) => cloneLocated(override.value);

/** Mapping-like fields: `KEY=VALUE` lists and mappings merged by key. */
const byKey: MergeRule = (base, override) => mergeMappingLike(base, override);

/** Sequences whose entries have an identity: the override's entry replaces the base's. */
function keyedList(keyOf: (item: Plain) => string | undefined): MergeRule {
  return (base, override) => {
    const baseList = asList(base);
    const overrideList = asList(override);
    if (!baseList || !overrideList) return cloneLocated(override.value);
    return mergeKeyedLists(baseList, overrideList, keyOf);
  };
}

/** `build: ./dir` means `build: {context: ./dir}` when merged with a mapping. */
const build: MergeRule = (base, override, path, mergeMaps) => {
  if (typeof base.value === "string" && typeof override.value === "string") return override.value;
  const baseMap = buildMap(base);
  const overrideMap = buildMap(override);
  if (!baseMap || !overrideMap) return cloneLocated(override.value);
  return mergeMaps(baseMap, overrideMap, path);
};

function buildMap(side: Side): PlainMap | undefined {
  if (isMap(side.value)) return side.value;
  if (typeof side.value !== "string") return undefined;
  const map: PlainMap = { context: side.value };
  locateEntry(map, "context", side.location);
  return map;
}

/** Same driver (or one side without a driver): options merged; different drivers: replaced. */
const logging: MergeRule = (base, override, path, mergeMaps) => {
  if (!isMap(base.value) || !isMap(override.value)) return cloneLocated(override.value);
  const baseDriver = base.value.driver;
  const overrideDriver = override.value.driver;
  const bothSet = baseDriver !== undefined && baseDriver !== null && overrideDriver !== undefined && overrideDriver !== null;
  if (bothSet && baseDriver !== overrideDriver) return cloneLocated(override.value);
  return mergeMaps(base.value, override.value, path);
};

/**
 * `depends_on`: two lists stay a list; otherwise list entries become the
 * long form Compose gives them (`condition: service_started, required: true`)
 * and entries merge per service.
 */
const dependsOn: MergeRule = (base, override, path, mergeMaps) => {
  if (isList(base.value) && isList(override.value)) return appendUnique(base.value, override.value);
  const baseMap = namesToMap(base.value, () => ({ condition: "service_started", required: true }));
  const overrideMap = namesToMap(override.value, () => ({ condition: "service_started", required: true }));
  if (!baseMap || !overrideMap) return cloneLocated(override.value);
  return mergeMaps(baseMap, overrideMap, path);
};

/** Service `networks` / `models`: a list of names is a mapping of names to null; entries merge per name. */
const namedMapping: MergeRule = (base, override, path, mergeMaps) => {
  if (isList(base.value) && isList(override.value)) return appendUnique(base.value, override.value);
  const baseMap = namesToMap(base.value, () => null);
  const overrideMap = namesToMap(override.value, () => null);
  if (!baseMap || !overrideMap) return cloneLocated(override.value);
  return mergeMaps(baseMap, overrideMap, path);
};

function namesToMap(value: Plain, entry: () => Plain): PlainMap | undefined {
  if (isMap(value)) return value;
  if (!isList(value)) return undefined;
  const out = emptyLike<PlainMap>({}, value);
  for (const [index, name] of value.entries()) {
    if (typeof name !== "string") return undefined;
    out[name] = entry();
    copyEntry(value, index, out, name);
  }
  return out;
}

/** IPAM pools: the same subnet merges, others are appended. */
const ipamConfig: MergeRule = (base, override, path, mergeMaps) => {
  if (!isList(base.value) || !isList(override.value)) return cloneLocated(override.value);
  return mergeKeyedLists(base.value, override.value, subnetKey, (left, right) =>
    isMap(left.value) && isMap(right.value) ? mergeMaps(left.value, right.value, path) : cloneLocated(right.value),
  );
};

const uniqueText = keyedList(textKey);
const volumes = keyedList(volumeTarget);

const RULES: readonly (readonly [string, MergeRule])[] = [
  ["services.*.build", build],
  ["services.*.build.args", byKey],
  ["services.*.build.labels", byKey],
  ["services.*.build.additional_contexts", byKey],
  ["services.*.build.extra_hosts", mergeExtraHosts],
  ["services.*.command", replace],
  ["services.*.entrypoint", replace],
  ["services.*.healthcheck.test", replace],
  ["services.*.environment", byKey],
  ["services.*.labels", byKey],
  ["services.*.annotations", byKey],
  ["services.*.sysctls", byKey],
  ["services.*.deploy.labels", byKey],
  ["services.*.extra_hosts", mergeExtraHosts],
  ["services.*.logging", logging],
  ["services.*.depends_on", dependsOn],
  ["services.*.networks", namedMapping],
  ["services.*.models", namedMapping],
  ["services.*.volumes", volumes],
  ["services.*.devices", keyedList(deviceTarget)],
  ["services.*.ports", keyedList(portKey)],
  ["services.*.secrets", keyedList(mountTarget("/run/secrets"))],
  ["services.*.configs", keyedList(mountTarget(""))],
  ["services.*.env_file", keyedList(filePathKey)],
  ["services.*.label_file", keyedList(filePathKey)],
  ...["dns", "dns_opt", "dns_search", "cap_add", "cap_drop", "profiles", "tmpfs", "links", "external_links", "security_opt", "group_add", "expose"].map(
    (field) => [`services.*.${field}`, uniqueText] as const,
  ),
  ["networks.*.labels", byKey],
  ["networks.*.ipam.config", ipamConfig],
  ["volumes.*.labels", byKey],
  ["data_containers.*.volumes", volumes],
  ["data_containers.*.labels", byKey],
  ["data_containers.*.command", replace],
];

const PATTERNS = RULES.map(([pattern, rule]) => ({ parts: pattern.split("."), rule }));

/** The rule for the field at `path`, if it has one. */
export function findRule(path: FieldPath): MergeRule | undefined {
  return PATTERNS.find(({ parts }) => parts.length === path.length && parts.every((part, index) => part === "*" || part === path[index]))?.rule;
}
