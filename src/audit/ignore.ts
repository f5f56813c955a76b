/**
 * Deliberate exceptions: `x-tsd: { audit: { ignore: [rule-id, …] } }` on a
 * service, or at the top level for the whole stack. `x-` keys load verbatim
 * (like the supervisor's `x-tsd.supervise`), so they are checked here, with
 * the same located errors as the loader's: a misspelt rule id would silently
 * ignore nothing.
 */
import { type ConfigIssue, ConfigError, formatPath } from "../base/errors.js";
import type { Stack } from "../stack/model.js";
import { closestKey, unknownKeyMessage } from "../stack/suggest.js";
import type { Locator, WrittenPath } from "./locator.js";

/** The rules ignored for the whole stack and per service. */
export interface IgnoreLists {
  readonly stack: ReadonlySet<string>;
  readonly services: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Reads every ignore list of the stack; throws ConfigError, located, for a malformed one or an unknown rule id. */
export function readIgnoreLists(stack: Stack, ruleIds: readonly string[], locator: Locator): IgnoreLists {
  const issues: ConfigIssue[] = [];
  const report = (path: WrittenPath, message: string) => {
    const location = locator.best(path);
    issues.push(location ? { location, path: formatPath(path), message } : { path: formatPath(path), message });
  };
  const read = (extension: unknown, path: WrittenPath) => ignoreList(extension, path, ruleIds, report);
  const stackList = read(stack.extensions["x-tsd"], ["x-tsd"]);
  const services = new Map<string, ReadonlySet<string>>();
  for (const name of Object.keys(stack.services).sort()) {
    services.set(name, read(stack.services[name]?.extensions["x-tsd"], ["services", name, "x-tsd"]));
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return { stack: stackList, services };
}

/** The rule ids one `x-tsd` block ignores; problems go to `report`. */
function ignoreList(extension: unknown, path: WrittenPath, ruleIds: readonly string[], report: (path: WrittenPath, message: string) => void): Set<string> {
  const ignored = new Set<string>();
  // `x-tsd` also holds other settings (supervise); only `audit` is ours.
  if (!isRecord(extension) || extension.audit === undefined) return ignored;
  const audit = extension.audit;
  const auditPath = [...path, "audit"];
  if (!isRecord(audit)) {
    report(auditPath, "must be a mapping: `audit: {ignore: [rule-id, …]}`");
    return ignored;
  }
  for (const key of Object.keys(audit).sort()) {
    if (key !== "ignore") report([...auditPath, key], unknownKeyMessage(key, ["ignore"]));
  }
  const list = audit.ignore;
  if (list === undefined) return ignored;
  if (!Array.isArray(list)) {
    report([...auditPath, "ignore"], "must be a list of audit rule ids");
    return ignored;
  }
  for (const [index, entry] of (list as unknown[]).entries()) {
    const entryPath = [...auditPath, "ignore", index];
    if (typeof entry !== "string") {
      report(entryPath, "must be an audit rule id (a string)");
    } else if (ruleIds.includes(entry)) {
      ignored.add(entry);
    } else {
      const suggestion = closestKey(entry, ruleIds);
      report(entryPath, `unknown audit rule "${entry}", ${suggestion ? `did you mean "${suggestion}"?` : `expected one of: ${ruleIds.join(", ")}`}`);
    }
  }
  return ignored;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
