/**
 * The stacks the engine benchmarks run: N independent busybox services,
 * each a shell that exits on SIGTERM (a shell as PID 1 ignores it
 * otherwise) with a 1 s health check, as in issue 19 (longer beyond N=100:
 * {@link healthIntervalSeconds}). `changed` bumps one
 * variable of svc0, so a second `up` recreates exactly one service. The
 * floor (bench/floor.mjs) creates the same containers by hand.
 */
import { stringify } from "yaml";

/** The image every bench container runs (built locally by scripts/engine.sh). */
export const BENCH_IMAGE = "tsd-test/busybox:1";

/**
 * Seconds between health checks at N services: 1 s up to N=100, then longer,
 * so the engine never runs more than 100 checks a second. On 2 cores 300
 * checks a second (N=300 at 1 s) is more exec work than the machine can do:
 * every call then queues behind the checks, and docker-compose's cold up ran
 * past 45 minutes (docs/benchmarks.md). The floor gets the same interval.
 */
export function healthIntervalSeconds(count: number): number {
  return Math.max(1, Math.ceil(count / 100));
}

/** N services as Compose YAML, readable by tsd and by docker-compose 1.29. */
export function engineStack(count: number, changed: boolean): string {
  const services: Record<string, unknown> = {};
  for (let index = 0; index < count; index++) {
    services[`svc${index}`] = {
      image: BENCH_IMAGE,
      command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"],
      environment: { INDEX: String(index), VERSION: changed && index === 0 ? "2" : "1" },
      healthcheck: { test: ["CMD", "true"], interval: `${healthIntervalSeconds(count)}s`, timeout: "1s", retries: 3 },
    };
  }
  return stringify({ services });
}
