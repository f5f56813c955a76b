/**
 * `npm run bench`: tsd beside docker-compose (Debian's 1.29, installed here
 * when missing) on the same stacks, printed as tables.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { formatTable } from "../src/cli/render/table.js";
import { benchConfig } from "./config.js";
import { benchDevLoop } from "./dev-loop.js";
import { hasDockerCompose } from "./measure.js";
import { benchUp } from "./up.js";

const repoRoot = resolve(import.meta.dirname, "..");

function ensureDockerCompose(): boolean {
  if (hasDockerCompose()) return true;
  if (process.getuid?.() !== 0) return false;
  console.log("installing Debian's docker-compose for the side-by-side comparison…");
  spawnSync("bash", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose"], { stdio: "inherit" });
  return hasDockerCompose();
}

const engine = spawnSync("bash", [join(repoRoot, "scripts/engine.sh")], { stdio: "inherit" });
if (engine.status !== 0) throw new Error("no engine: scripts/engine.sh failed");
const withDockerCompose = ensureDockerCompose();
const directory = mkdtempSync(join(tmpdir(), "tsd-bench-"));
try {
  console.log("\n`config` on generated stacks (median of 7)\n");
  process.stdout.write(formatTable(["stack", "command", "median", "peak RSS"], benchConfig(directory)));
  console.log("\n`up -d` / `down -v` on the engine (median of 3 rounds)\n");
  process.stdout.write(formatTable(["N", "phase", "tsd", "docker-compose", "docker-compose / tsd"], benchUp(directory, withDockerCompose)));
  console.log("\nthe dev loop: `tsd watch` (p50 / p95 over repeated edits)\n");
  process.stdout.write(formatTable(["measurement", "N", "tsd p50", "tsd p95", "docker-compose"], await benchDevLoop(directory)));
  if (!withDockerCompose) console.log("\n(docker-compose not available: install Debian's docker-compose to compare)");
} finally {
  rmSync(directory, { recursive: true, force: true });
}
