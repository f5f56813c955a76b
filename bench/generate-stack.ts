/**
 * Generates a realistic large stack for benchmarks: every service has an
 * image, environment, ports, volumes, a health check and dependencies on a
 * few earlier services, across several networks.
 */
import { stringify } from "yaml";

/** A stack with `serviceCount` services, as YAML text. */
export function generateStack(serviceCount: number): string {
  const services: Record<string, unknown> = {};
  for (let index = 0; index < serviceCount; index++) {
    const name = `svc${String(index).padStart(3, "0")}`;
    const dependsOn: Record<string, unknown> = {};
    for (const back of [1, 3, 7]) {
      if (index - back >= 0) dependsOn[`svc${String(index - back).padStart(3, "0")}`] = { condition: "service_started" };
    }
    services[name] = {
      image: "busybox:1.36",
      command: ["sh", "-c", `echo ${name}; sleep 3600`],
      environment: { SERVICE: name, LEVEL: "${LOG_LEVEL:-info}", INDEX: String(index) },
      ports: [`127.0.0.1:${20000 + index}:8080`],
      volumes: [`data${index % 10}:/data`, "/cache"],
      networks: [`net${index % 4}`],
      healthcheck: { test: ["CMD", "true"], interval: "10s", timeout: "2s", retries: 3 },
      restart: "unless-stopped",
      labels: { "com.example.tier": index % 2 === 0 ? "front" : "back" },
      ...(Object.keys(dependsOn).length > 0 ? { depends_on: dependsOn } : {}),
    };
  }
  const volumes = Object.fromEntries(Array.from({ length: 10 }, (_, index) => [`data${index}`, {}]));
  const networks = Object.fromEntries(Array.from({ length: 4 }, (_, index) => [`net${index}`, {}]));
  // No top-level `name`: docker-compose 1.29 predates it; both tools get `-p bench`.
  return stringify({ services, volumes, networks });
}
