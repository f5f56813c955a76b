/**
 * A service's supervision policy, written under `x-tsd: { supervise: … }`.
 * `x-` keys load verbatim into `service.extensions`; they are read and
 * checked here, so the loader stays Compose's, and a mistake is reported
 * naming the service and the key.
 */
import { ConfigError } from "../../../base/errors.js";
import type { Service } from "../../../stack/model.js";
import { unknownKeyMessage } from "../../../stack/suggest.js";
import { parseDuration } from "../../../stack/syntax/units.js";

/** How tsd supervises one service. Times in milliseconds. */
export interface SupervisePolicy {
  /** Restart a container the engine reports `unhealthy` (and that stays so until the backoff delay has passed). */
  readonly restartUnhealthy: boolean;
  /** Delay before the first restart; each further restart in the window waits `factor` times longer, up to `maxDelay`. */
  readonly initialDelay: number;
  readonly factor: number;
  readonly maxDelay: number;
  /** Restarts (tsd's and the engine's restart policy's) allowed within `window` before the service is crash-looping. */
  readonly maxRestarts: number;
  readonly window: number;
  /** False when the service has no `x-tsd.supervise` block: engine restarts are then never counted against it. */
  readonly configured: boolean;
}

/** Defaults: no unhealthy restarts unless asked; 1s, 2s, 4s … up to 30s; five restarts in two minutes. */
export const DEFAULT_POLICY: SupervisePolicy = { restartUnhealthy: false, initialDelay: 1000, factor: 2, maxDelay: 30_000, maxRestarts: 5, window: 120_000, configured: false };

/** The keys of `x-tsd.supervise`, and of its `backoff`. */
const POLICY_KEYS = ["backoff", "max_restarts", "restart_unhealthy", "window"] as const;
const BACKOFF_KEYS = ["factor", "initial", "max"] as const;

/** A written block, checked: every key known and of its type. */
interface WrittenPolicy {
  readonly restart_unhealthy?: boolean;
  readonly backoff?: { readonly initial?: string; readonly factor?: number; readonly max?: string };
  readonly max_restarts?: number;
  readonly window?: string;
}

type Issues = { path: string; message: string }[];

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Unknown keys of a mapping, each with a suggestion. */
function unknownKeys(value: Record<string, unknown>, known: readonly string[], path: string, issues: Issues): void {
  for (const key of Object.keys(value).sort()) if (!known.includes(key)) issues.push({ path: `${path}.${key}`, message: unknownKeyMessage(key, known) });
}

function checkDuration(value: unknown, path: string, issues: Issues): void {
  if (value !== undefined && (typeof value !== "string" || parseDuration(value) === undefined)) issues.push({ path, message: "expected a duration such as 500ms, 1s or 2m" });
}

function checkNumber(value: unknown, path: string, issues: Issues, rule: { min: number; integer: boolean }): void {
  if (value === undefined) return;
  const fits = typeof value === "number" && Number.isFinite(value) && value >= rule.min && (!rule.integer || Number.isInteger(value));
  if (!fits) issues.push({ path, message: `expected ${rule.integer ? "a whole number" : "a number"} of at least ${rule.min}` });
}

/**
 * Checks a written `supervise` block (plain code rather than the schema
 * library: the supervisor runs on `up`'s fast path, which never loads it).
 */
function checkPolicy(written: unknown, path: string, issues: Issues): written is WrittenPolicy {
  const before = issues.length;
  if (!isMapping(written)) {
    issues.push({ path, message: "must be a mapping (restart_unhealthy, backoff, max_restarts, window)" });
    return false;
  }
  unknownKeys(written, POLICY_KEYS, path, issues);
  if (written.restart_unhealthy !== undefined && typeof written.restart_unhealthy !== "boolean") issues.push({ path: `${path}.restart_unhealthy`, message: "expected true or false" });
  checkNumber(written.max_restarts, `${path}.max_restarts`, issues, { min: 0, integer: true });
  checkDuration(written.window, `${path}.window`, issues);
  const backoff = written.backoff;
  if (backoff !== undefined && !isMapping(backoff)) issues.push({ path: `${path}.backoff`, message: "must be a mapping (initial, factor, max)" });
  else if (backoff !== undefined) {
    unknownKeys(backoff, BACKOFF_KEYS, `${path}.backoff`, issues);
    checkDuration(backoff.initial, `${path}.backoff.initial`, issues);
    checkNumber(backoff.factor, `${path}.backoff.factor`, issues, { min: 1, integer: false });
    checkDuration(backoff.max, `${path}.backoff.max`, issues);
  }
  return issues.length === before;
}

/** The policy of a service; throws ConfigError naming the service and key for a malformed block. */
export function supervisePolicyOf(service: Service): SupervisePolicy {
  const extension = service.extensions["x-tsd"];
  if (extension === undefined) return DEFAULT_POLICY;
  if (!isMapping(extension)) throw new ConfigError([{ path: `services.${service.name}.x-tsd`, message: "must be a mapping (supervise, audit)" }]);
  if (extension.supervise === undefined) return DEFAULT_POLICY;
  const issues: Issues = [];
  const written = extension.supervise;
  if (!checkPolicy(written, `services.${service.name}.x-tsd.supervise`, issues)) throw new ConfigError(issues);
  const ms = (text: string | undefined, fallback: number) => (text === undefined ? fallback : (parseDuration(text) ?? fallback));
  return {
    restartUnhealthy: written.restart_unhealthy ?? true,
    initialDelay: ms(written.backoff?.initial, DEFAULT_POLICY.initialDelay),
    factor: written.backoff?.factor ?? DEFAULT_POLICY.factor,
    maxDelay: ms(written.backoff?.max, DEFAULT_POLICY.maxDelay),
    maxRestarts: written.max_restarts ?? DEFAULT_POLICY.maxRestarts,
    window: ms(written.window, DEFAULT_POLICY.window),
    configured: true,
  };
}

/** The delay before restart number `attempt` (from 1): initial × factor^(attempt−1), at most the maximum. */
export function backoffDelay(policy: SupervisePolicy, attempt: number): number {
  return Math.min(policy.maxDelay, policy.initialDelay * policy.factor ** Math.max(0, attempt - 1));
}
