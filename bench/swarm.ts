/**
 * `tsd up --target swarm --wait` beside `docker stack deploy` followed by
 * polling until converged, on the swarm lab (scripts/swarm-lab.sh): a cold
 * deploy, a no-op and a one-service change. One round each (a swarm deploy
 * takes tens of seconds; the numbers are for the side-by-side, not for CI).
 *
 *   npx tsx bench/swarm.ts            (brings a lab up at /tmp/tsd-swarm-bench, prefix tsdbench, and down after)
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { formatTable } from "../src/cli/render/table.js";
import { timedRun } from "./measure.js";

const repoRoot = resolve(import.meta.dirname, "..");
const labEnv = { ...process.env, TSD_SWARM_LAB_DIR: "/tmp/tsd-swarm-bench", TSD_SWARM_LAB_PREFIX: "tsdbench" };

/** Two services in the v3 form `docker stack deploy` accepts, so both tools read the same file. */
function stackFile(greeting: string): string {
  return `version: "3.8"
services:
  api:
    image: tsd-test/busybox:1
    command: ["httpd", "-f", "-p", "8080", "-h", "/"]
    environment: {GREETING: "${greeting}"}
    stop_grace_period: 1s
    deploy: {replicas: 3, endpoint_mode: dnsrr, update_config: {parallelism: 3}}
  worker:
    image: tsd-test/busybox:1
    command: ["sleep", "3600"]
    stop_grace_period: 1s
    deploy: {replicas: 2, endpoint_mode: dnsrr}
`;
}

/** Polls `docker service ls` until every service of the stack has its replicas and no update is under way. */
function converged(stack: string, env: NodeJS.ProcessEnv): boolean {
  const ls = spawnSync("docker", ["service", "ls", "--filter", `label=com.docker.stack.namespace=${stack}`, "--format", "{{.Name}} {{.Replicas}}"], { env, encoding: "utf8" });
  const lines = ls.stdout.trim().split("\n").filter(Boolean);
  if (lines.length === 0 || !lines.every((line) => /(\d+)\/\1$/.test(line))) return false;
  return lines.every((line) => {
    const state = spawnSync("docker", ["service", "inspect", "--format", "{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}", line.split(" ")[0] ?? ""], { env, encoding: "utf8" }).stdout.trim();
    return state === "" || state === "completed";
  });
}

function stackDeployAndPoll(directory: string, stack: string, env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  const deploy = spawnSync("docker", ["stack", "deploy", "-c", "compose.yml", stack], { cwd: directory, env, encoding: "utf8" });
  if (deploy.status !== 0) throw new Error(`docker stack deploy failed: ${deploy.stderr}`);
  // Give the manager a moment to register the update before polling, as a user's script would.
  spawnSync("sleep", ["1"]);
  while (!converged(stack, env)) spawnSync("sleep", ["0.5"]);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function waitGone(stack: string, env: NodeJS.ProcessEnv): void {
  for (;;) {
    const left = spawnSync("docker", ["network", "ls", "-q", "--filter", `label=com.docker.stack.namespace=${stack}`], { env, encoding: "utf8" }).stdout.trim();
    const tasks = spawnSync("docker", ["ps", "-q", "--filter", `label=com.docker.stack.namespace=${stack}`], { env, encoding: "utf8" }).stdout.trim();
    if (left === "" && tasks === "") return;
    spawnSync("sleep", ["0.5"]);
  }
}

const up = spawnSync("bash", [join(repoRoot, "scripts/swarm-lab.sh"), "up", "3"], { env: labEnv, encoding: "utf8" });
if (up.status !== 0) throw new Error(`scripts/swarm-lab.sh up failed:\n${up.stderr}`);
const host = up.stdout.trim().split("\n").at(-1)?.replace(/^DOCKER_HOST=/, "") ?? "";
const env = { ...process.env, DOCKER_HOST: host, TSD_NO_CACHE: "1" };
const directory = mkdtempSync(join(tmpdir(), "tsd-bench-swarm-"));
const tsd = [join(repoRoot, "dist/cli/main.js")];
try {
  const rows: string[][] = [];
  const tsdUp = () => {
    const run = timedRun("node", [...tsd, "up", "--target", "swarm", "--wait", "--progress", "quiet", "-p", "benchtsd"], directory, env);
    if (!run.ok) throw new Error(`tsd up failed:\n${run.output}`);
    return run.ms;
  };
  writeFileSync(join(directory, "compose.yml"), stackFile("one"));
  const tsdCold = tsdUp();
  const tsdNoop = tsdUp();
  writeFileSync(join(directory, "compose.yml"), stackFile("two"));
  const tsdChange = tsdUp();
  timedRun("node", [...tsd, "down", "--target", "swarm", "--progress", "quiet", "-p", "benchtsd"], directory, env);
  writeFileSync(join(directory, "compose.yml"), stackFile("one"));
  const stackCold = stackDeployAndPoll(directory, "benchstack", env);
  const stackNoop = stackDeployAndPoll(directory, "benchstack", env);
  writeFileSync(join(directory, "compose.yml"), stackFile("two"));
  const stackChange = stackDeployAndPoll(directory, "benchstack", env);
  spawnSync("docker", ["stack", "rm", "benchstack"], { env });
  waitGone("benchstack", env);
  rows.push(["cold deploy", seconds(tsdCold), seconds(stackCold)]);
  rows.push(["no-op", seconds(tsdNoop), seconds(stackNoop)]);
  rows.push(["one-service change", seconds(tsdChange), seconds(stackChange)]);
  console.log("\nswarm lab (3 nodes): converged deploys, one round\n");
  process.stdout.write(formatTable(["run", "tsd up --target swarm --wait", "docker stack deploy + poll"], rows));
} finally {
  rmSync(directory, { recursive: true, force: true });
  spawnSync("bash", [join(repoRoot, "scripts/swarm-lab.sh"), "down"], { env: labEnv, stdio: "inherit" });
}
