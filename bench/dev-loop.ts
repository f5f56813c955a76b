/**
 * The dev loop's latency on the real engine, as a user feels it:
 * (a) stack edit saved → the changed service's new container started
 *     (the engine's `start` event for it), and
 * (b) source file saved → its new content visible inside the container
 *     (a `develop.watch` sync rule; the container prints the file whenever
 *     it changes, read through `docker logs -f`).
 * p50 / p95 over N edits each (default 20, BENCH_DEV_LOOP_N to change).
 * docker-compose 1.29 (the one installed here) has no watch: its column
 * says n/a.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { stringify } from "yaml";

const EDITS = Number(process.env.BENCH_DEV_LOOP_N ?? "20");
const IMAGE = "tsd-test/busybox:1";
const tsdMain = resolve(import.meta.dirname, "../dist/cli/main.js");
/** An edit not seen within this long counts as failed. */
const EDIT_TIMEOUT_MS = 30_000;

/** Two services: `app` is edited and synced into; `other` must stay as it is. */
function stackOf(version: number): string {
  // `$$`: Compose interpolation would otherwise read $c and $p as the stack's variables.
  const printer = "trap 'exit 0' TERM; p=; while :; do c=$$(cat /app/version.txt 2>/dev/null); if [ \"$$c\" != \"$$p\" ]; then echo \"seen $$c\"; p=$$c; fi; usleep 5000; done";
  return stringify({
    services: {
      app: {
        image: IMAGE,
        command: ["sh", "-c", printer],
        environment: { VERSION: String(version) },
        develop: { watch: [{ action: "sync", path: "./src", target: "/app" }] },
      },
      other: { image: IMAGE, command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"] },
    },
  });
}

/** A child's output, line by line, to wait on. */
class LineWaiter {
  private readonly seen: { line: string; at: number }[] = [];
  private readonly waiters: { match: (line: string) => boolean; resolve: (at: number) => void }[] = [];

  constructor(child: ChildProcess, stream: "stdout" | "stderr") {
    let buffer = "";
    child[stream]?.setEncoding("utf8").on("data", (chunk: string) => {
      const at = performance.now();
      buffer += chunk;
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        this.seen.push({ line, at });
        for (const waiter of this.waiters.filter((candidate) => candidate.match(line))) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(at);
        }
      }
    });
  }

  /** Resolves with the time (performance.now) the first matching line since now arrives. */
  next(match: (line: string) => boolean): Promise<number> {
    return new Promise((resolveWait, reject) => {
      const timer = setTimeout(() => reject(new Error("timed out waiting for the edit to show")), EDIT_TIMEOUT_MS);
      this.waiters.push({ match, resolve: (at) => (clearTimeout(timer), resolveWait(at)) });
    });
  }

  text(): string {
    return this.seen.map((entry) => entry.line).join("\n");
  }
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

function tsdSync(args: readonly string[], cwd: string, project: string): void {
  const result = spawnSync(process.execPath, [tsdMain, ...args, "-p", project, "-f", "stack.yml"], { cwd, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`tsd ${args.join(" ")} failed:\n${result.stderr}`);
}

/** Rows: measurement, N, tsd p50, tsd p95, docker-compose. */
export async function benchDevLoop(directory: string): Promise<string[][]> {
  const cwd = join(directory, "dev-loop");
  const project = "tsd-bench-dev-loop";
  mkdirSync(join(cwd, "src"), { recursive: true });
  writeFileSync(join(cwd, "src", "version.txt"), "0");
  writeFileSync(join(cwd, "stack.yml"), stackOf(0));
  tsdSync(["up", "-d", "--progress", "quiet"], cwd, project);
  const watch = spawn(process.execPath, [tsdMain, "watch", "--no-up", "-p", project, "-f", "stack.yml"], { cwd, stdio: ["ignore", "ignore", "pipe"] });
  const events = spawn("docker", ["events", "--filter", "type=container", "--filter", "event=start", "--filter", `label=dev.tsd.project=${project}`, "--format", "{{.Actor.Attributes.name}}"], { stdio: ["ignore", "pipe", "ignore"] });
  const watchOutput = new LineWaiter(watch, "stderr");
  const starts = new LineWaiter(events, "stdout");
  let logs: ChildProcess | undefined;
  try {
    await watchOutput.next((line) => line.startsWith("watching"));
    const stackEdit: number[] = [];
    for (let version = 1; version <= EDITS; version++) {
      const started = starts.next((line) => line === `${project}-app-1`);
      // The pass's own line, so the next edit starts from a quiet loop. Waited for from before the
      // save: the line can arrive before `docker events` reports the start, and a waiter only sees
      // lines that come after it (the first full run lost one edit in 5 to 20 to this).
      const passDone = watchOutput.next((line) => line.includes("done in") || line.includes("failed"));
      const savedAt = performance.now();
      writeFileSync(join(cwd, "stack.yml"), stackOf(version));
      stackEdit.push((await started) - savedAt);
      await passDone;
    }
    logs = spawn("docker", ["logs", "-f", "--since", "0s", `${project}-app-1`], { stdio: ["ignore", "pipe", "ignore"] });
    const seen = new LineWaiter(logs, "stdout");
    await delay(500);
    const fileSave: number[] = [];
    for (let version = 1; version <= EDITS; version++) {
      const shown = seen.next((line) => line === `seen file-${version}`);
      const savedAt = performance.now();
      writeFileSync(join(cwd, "src", "version.txt"), `file-${version}`);
      fileSave.push((await shown) - savedAt);
    }
    const row = (name: string, values: number[]) => [name, String(values.length), `${percentile(values, 0.5).toFixed(0)} ms`, `${percentile(values, 0.95).toFixed(0)} ms`, "n/a (no watch in 1.29)"];
    return [row("stack edit → new container started", stackEdit), row("file save → visible in container (sync)", fileSave)];
  } catch (error) {
    throw new Error(`${String(error)}\n--- tsd watch said:\n${watchOutput.text()}`);
  } finally {
    watch.kill("SIGINT");
    events.kill();
    logs?.kill();
    await delay(500);
    tsdSync(["down", "-v", "--progress", "quiet"], cwd, project);
  }
}
