/**
 * How many engine calls each tool makes per phase: the tools talk to a
 * counting proxy on a socket of our own (DOCKER_HOST), which forwards every
 * request to the engine's socket. Not timed (the proxy adds its own hop);
 * it shows where the time goes beside the profile.
 */
import { spawn } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { createServer, request } from "node:http";
import { join, resolve } from "node:path";
import { removeLeftovers } from "./engine-phases.js";
import { engineStack } from "./stacks.js";
import { PHASES, type Tool } from "./tools.js";

const ENGINE_SOCKET = "/var/run/docker.sock";
const tsdMain = resolve(import.meta.dirname, "../dist/cli/main.js");
const floorScript = resolve(import.meta.dirname, "floor.mjs");

/** `POST /containers/{id}/start` → `POST /containers/*\/start`: calls grouped by kind. */
function callKind(method: string, url: string): string {
  const path = (url.split("?")[0] ?? url).replace(/^\/v[\d.]+/, "");
  return `${method} ${path.replace(/^\/(containers|networks|volumes|images)\/(?!json$|create$)[^/]+/, "/$1/*")}`;
}

/** A proxy on `socket` that counts what passes. */
function countingProxy(socket: string, counts: Map<string, number>) {
  rmSync(socket, { force: true });
  return createServer((incoming, outgoing) => {
    const kind = callKind(incoming.method ?? "GET", incoming.url ?? "/");
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    const forward = request({ socketPath: ENGINE_SOCKET, method: incoming.method, path: incoming.url, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forward.on("error", () => outgoing.destroy());
    incoming.pipe(forward);
  }).listen(socket);
}

function runAsync(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => (code === 0 ? resolveRun() : reject(new Error(`${command} ${args.join(" ")}: exit ${code}\n${stderr}`))));
  });
}

function phaseCommand(tool: Tool["name"], phase: (typeof PHASES)[number], file: string, project: string, count: number): [string, string[]] {
  const down = phase === "down -v";
  const changed = phase === "one change" || down;
  switch (tool) {
    case "floor":
      return [process.execPath, [floorScript, { "cold up": "up", "no-op up": "noop", "one change": "change", "down -v": "down" }[phase], project, String(count), ...(changed ? ["changed"] : [])]];
    case "docker-compose":
      return ["docker-compose", ["-f", file, "-p", project, ...(down ? ["down", "-v"] : ["up", "-d"])]];
    case "tsd":
      return [process.execPath, [tsdMain, ...(down ? ["down", "-v"] : ["up", "-d"]), "-f", file, "-p", project, "--progress", "quiet"]];
  }
}

/** Rows: tool, phase, calls, the most frequent kinds. */
export async function benchEngineCalls(directory: string, tools: readonly Tool[], count: number): Promise<string[][]> {
  const socket = join(directory, "counting.sock");
  const base = join(directory, `calls-${count}.yml`);
  const changed = join(directory, `calls-${count}-changed.yml`);
  writeFileSync(base, engineStack(count, false));
  writeFileSync(changed, engineStack(count, true));
  const counts = new Map<string, number>();
  const server = countingProxy(socket, counts);
  const env = { ...process.env, DOCKER_HOST: `unix://${socket}` };
  const rows: string[][] = [];
  try {
    for (const tool of tools) {
      const project = `${tool.prefix}calls${count}`;
      removeLeftovers(project);
      for (const phase of PHASES) {
        counts.clear();
        const file = phase === "cold up" || phase === "no-op up" ? base : changed;
        const [command, args] = phaseCommand(tool.name, phase, file, project, count);
        await runAsync(command, args, directory, env);
        const total = [...counts.values()].reduce((sum, value) => sum + value, 0);
        const kinds = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 4).map(([kind, value]) => `${value}× ${kind}`);
        rows.push([tool.name, phase, String(total), kinds.join(", ")]);
      }
    }
  } finally {
    server.close();
  }
  return rows;
}
