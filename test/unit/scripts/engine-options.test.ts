/**
 * scripts/engine.sh passes the options it does not know to the dockerd it
 * starts (`engine.sh --log-level debug`), keeps its behaviour without any,
 * and refuses options it cannot apply (an engine already answers) instead
 * of pretending. The engine is a stand-in here: a `dockerd` on PATH that
 * records its arguments and a `docker` that answers once it "started", so
 * the machine's real engine is never touched.
 */
import { execFile } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const script = resolve(import.meta.dirname, "../../../scripts/engine.sh");
const folders: string[] = [];

/** A folder with the stand-in `docker` and `dockerd`; `running`: the engine answers from the start. */
function standIn(running: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), "tsd-engine-options-"));
  folders.push(dir);
  writeFileSync(
    join(dir, "docker"),
    `#!/bin/sh
[ -f "${dir}/up" ] || exit 1
case "$*" in
  *"{{.Server.Version}}"*) echo 20.10.24 ;;
  version*) echo "Docker Engine 20.10.24 (API 1.41)" ;;
  *"{{.Id}}"*) echo sha256:stand-in ;;
  *"{{index .Config.Labels"*) echo busybox-1 ;;
esac
`,
  );
  writeFileSync(join(dir, "dockerd"), `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/args"\ntouch "${dir}/up"\nsleep 2\n`);
  chmodSync(join(dir, "docker"), 0o755);
  chmodSync(join(dir, "dockerd"), 0o755);
  if (running) writeFileSync(join(dir, "up"), "");
  return dir;
}

function engineScript(dir: string, args: readonly string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise) => {
    const env = { PATH: `${dir}:${process.env.PATH ?? ""}`, HOME: dir, TMPDIR: dir, TSD_ENGINE_PIDFILE: join(dir, "none.pid"), TSD_ENGINE_START_TIMEOUT: "10" };
    execFile("bash", [script, ...args], { env, timeout: 30_000 }, (error, stdout, stderr) => {
      resolvePromise({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("scripts/engine.sh daemon options", () => {
  it("must pass options it does not know to the dockerd it starts, in order", async () => {
    const dir = standIn(false);
    const run = await engineScript(dir, ["--quiet", "--log-level", "debug", "--icc=false"]);
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(join(dir, "args"), "utf8")).toBe("--log-level\ndebug\n--icc=false\n");
    expect(run.stdout).toContain("starting dockerd --log-level debug --icc=false in the background");
  });

  it("must start dockerd with no options when given none", async () => {
    const dir = standIn(false);
    const run = await engineScript(dir, []);
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(join(dir, "args"), "utf8")).toBe("\n");
  });

  it("must keep doing nothing when an engine answers and no options are given", async () => {
    const dir = standIn(true);
    const run = await engineScript(dir, []);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("nothing to do");
    expect(existsSync(join(dir, "args"))).toBe(false);
  });

  it("must refuse options an answering engine cannot take, saying they were not applied", async () => {
    const dir = standIn(true);
    const run = await engineScript(dir, ["--log-level", "debug"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("an engine already answers");
    expect(run.stderr).toContain("the daemon options (--log-level debug) were not applied");
    expect(existsSync(join(dir, "args"))).toBe(false);
  });
});
