/**
 * A service's supervision policy, written under `x-tsd: { supervise: … }`.
 * `x-` keys load verbatim into `service.extensions`; they are read and
 * checked here, so the loader stays Compose's, and a mistake is reported
 * naming the service and the key.
 */
import { z } from "zod";
import { ConfigError } from "../../../base/errors.js";
import type { Service } from "../../../stack/model.js";
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

const duration = z.string().refine((text) => parseDuration(text) !== undefined, { message: "expected a duration such as 500ms, 1s or 2m" });

const writtenPolicy = z
  .object({
    restart_unhealthy: z.boolean().optional(),
    backoff: z.object({ initial: duration.optional(), factor: z.number().min(1).optional(), max: duration.optional() }).strict().optional(),
    max_restarts: z.number().int().min(0).optional(),
    window: duration.optional(),
  })
  .strict();

const writtenExtension = z.object({ supervise: writtenPolicy.optional() }).passthrough();

/** The policy of a service; throws ConfigError naming the service and key for a malformed block. */
export function supervisePolicyOf(service: Service): SupervisePolicy {
  const extension = service.extensions["x-tsd"];
  if (extension === undefined) return DEFAULT_POLICY;
  const parsed = writtenExtension.safeParse(extension);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: `services.${service.name}.x-tsd.${issue.path.join(".")}`, message: issue.message }));
    throw new ConfigError(issues);
  }
  const written = parsed.data.supervise;
  if (!written) return DEFAULT_POLICY;
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
