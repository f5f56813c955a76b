/**
 * The stacks the engine benchmarks run: N independent busybox services,
 * each a shell that exits on SIGTERM (a shell as PID 1 ignores it
 * otherwise) with a 1 s health check, as in issue 19. `changed` bumps one
 * variable of svc0, so a second `up` recreates exactly one service. The
 * floor (bench/floor.mjs) creates the same containers by hand.
 */
import { stringify } from "yaml";

/** The image every bench container runs (built locally by scripts/engine.sh). */
export const BENCH_IMAGE = "tsd-test/busybox:1";

/** N services as Compose YAML, readable by tsd and by docker-compose 1.29. */
export function engineStack(count: number, changed: boolean): string {
  const services: Record<string, unknown> = {};
  for (let index = 0; index < count; index++) {
    services[`svc${index}`] = {
      image: BENCH_IMAGE,
      command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"],
      environment: { INDEX: String(index), VERSION: changed && index === 0 ? "2" : "1" },
      healthcheck: { test: ["CMD", "true"], interval: "1s", timeout: "1s", retries: 3 },
    };
  }
  return stringify({ services });
}
