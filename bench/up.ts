/**
 * `tsd up` / `tsd down` beside docker-compose on the real engine: cold up,
 * no-op up, one-change up and down, for N = 1, 10, 30 services, medians of
 * a few rounds, and docker-compose's time divided by tsd's.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { stringify } from "yaml";
import { median, timedRun } from "./measure.js";

const ROUNDS = 3;
const IMAGE = "tsd-test/busybox:1";
const tsdMain = resolve(import.meta.dirname, "../dist/cli/main.js");
const PHASES = ["cold up", "no-op up", "one-change up", "down"] as const;
type Phase = (typeof PHASES)[number];

/** N services that stop promptly on SIGTERM (a shell as PID 1 ignores it otherwise). */
function stackOf(count: number, changed: boolean): string {
  const services: Record<string, unknown> = {};
  for (let index = 0; index < count; index++) {
    services[`svc${index}`] = {
      image: IMAGE,
      command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"],
      environment: { INDEX: String(index), VERSION: changed && index === 0 ? "2" : "1" },
      ...(index > 0 ? { depends_on: [`svc${index - 1}`] } : {}),
    };
  }
  return stringify({ services });
}

interface Tool {
  readonly name: string;
  readonly run: (phase: Phase, file: string, project: string, directory: string) => ReturnType<typeof timedRun>;
}

const tsd: Tool = {
  name: "tsd",
  run: (phase, file, project, directory) =>
    phase === "down"
      ? timedRun(process.execPath, [tsdMain, "down", "-v", "-f", file, "-p", project, "--progress", "quiet"], directory)
      : timedRun(process.execPath, [tsdMain, "up", "-d", "-f", file, "-p", project, "--progress", "quiet"], directory),
};

const dockerCompose: Tool = {
  name: "docker-compose",
  run: (phase, file, project, directory) =>
    phase === "down"
      ? timedRun("docker-compose", ["-f", file, "-p", project, "down", "-v"], directory)
      : timedRun("docker-compose", ["-f", file, "-p", project, "up", "-d"], directory),
};

/** Removes whatever an interrupted earlier run left of a bench project (tsd or docker-compose labels). */
function removeLeftovers(project: string): void {
  const script = ["dev.tsd.project", "com.docker.compose.project"]
    .map((label) => `docker rm -fv $(docker ps -aq --filter label=${label}=${project}) ; docker network rm $(docker network ls -q --filter label=${label}=${project}) ; docker volume rm $(docker volume ls -q --filter label=${label}=${project})`)
    .join(" ; ");
  spawnSync("bash", ["-c", script], { stdio: "ignore" });
}

/** Rows: N, phase, tsd median, docker-compose median, ratio. */
export function benchUp(directory: string, withDockerCompose: boolean): string[][] {
  const tools = withDockerCompose ? [tsd, dockerCompose] : [tsd];
  const rows: string[][] = [];
  for (const count of [1, 10, 30]) {
    const base = join(directory, `up-${count}.yml`);
    const changed = join(directory, `up-${count}-changed.yml`);
    writeFileSync(base, stackOf(count, false));
    writeFileSync(changed, stackOf(count, true));
    const times = new Map<string, number[]>();
    for (const tool of tools) removeLeftovers(`bench${tool.name === "tsd" ? "tsd" : "dc"}${count}`);
    for (let round = 0; round < ROUNDS; round++) {
      for (const tool of tools) {
        const project = `bench${tool.name === "tsd" ? "tsd" : "dc"}${count}`;
        for (const phase of PHASES) {
          // Rounds alternate which file is the steady one, so every one-change up changes exactly one service.
          const [steady, other] = round % 2 === 0 ? [base, changed] : [changed, base];
          const file = phase === "one-change up" ? other : steady;
          const result = tool.run(phase, file, project, directory);
          if (!result.ok) throw new Error(`${tool.name} ${phase} (N=${count}) failed:\n${result.output}`);
          const key = `${tool.name} ${phase}`;
          times.set(key, [...(times.get(key) ?? []), result.ms]);
        }
      }
    }
    for (const phase of PHASES) {
      const ours = median(times.get(`tsd ${phase}`) ?? []);
      const theirs = withDockerCompose ? median(times.get(`docker-compose ${phase}`) ?? []) : Number.NaN;
      rows.push([
        String(count),
        phase,
        `${ours.toFixed(0)} ms`,
        withDockerCompose ? `${theirs.toFixed(0)} ms` : "n/a",
        withDockerCompose ? `${(theirs / ours).toFixed(1)}×` : "n/a",
      ]);
    }
  }
  return rows;
}
