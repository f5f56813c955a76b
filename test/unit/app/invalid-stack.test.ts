/**
 * A bad stack must never reach the engine: not a single call, not even a
 * connection attempt, for any engine verb.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/base/errors.js";
import { StackSession } from "../../../src/app/session.js";
import { DockerTarget } from "../../../src/targets/docker/target.js";
import { MemoryEngine } from "../support/memory-engine.js";
import { type TempProject, tempProject } from "../support/temp-project.js";
import { defaultUpOptions } from "../../../src/targets/target.js";

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

const INVALID = {
  "unknown key": "services:\n  web:\n    image: x\n    restrat: always\n",
  "bad port": "services:\n  web:\n    image: x\n    ports: ['99999:80']\n",
  "dependency cycle": "services:\n  a: {image: x, depends_on: [b]}\n  b: {image: x, depends_on: [a]}\n",
  "undefined network": "services:\n  web: {image: x, networks: [back]}\n",
  "YAML syntax": "services:\n  web: [image: x\n",
};

describe("an invalid stack", () => {
  it.each(Object.entries(INVALID))("(%s) makes no engine call for up, plan, down or ps", async (_case, yaml) => {
    project = tempProject({ "stack.yml": yaml });
    const engine = new MemoryEngine();
    let connected = 0;
    const open = () =>
      StackSession.open({
        stack: { load: { cwd: project?.dir ?? "", files: ["stack.yml"], environment: {} } },
        openTarget: (_name, emit) => {
          connected += 1;
          return new DockerTarget(engine, emit);
        },
      });
    const plan = defaultUpOptions("test");
    await expect(open().then((session) => session.up({ plan, dryRun: false, waitTimeoutMs: 1000, parallelism: 1 }))).rejects.toBeInstanceOf(ConfigError);
    await expect(open().then((session) => session.plan({ plan, waitTimeoutMs: 1000 }))).rejects.toBeInstanceOf(ConfigError);
    await expect(open().then((session) => session.down({ plan: { volumes: true, removeOrphans: true } }))).rejects.toBeInstanceOf(ConfigError);
    await expect(open().then((session) => session.status({ all: true, services: [] }))).rejects.toBeInstanceOf(ConfigError);
    expect(connected).toBe(0);
    expect(engine.calls).toEqual([]);
  });
});
