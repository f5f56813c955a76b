/**
 * What Swarm cannot honour is refused at its file:line before any engine
 * call (not even the connection that checks for a manager), and
 * --allow-unsupported lists each ignored field instead.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../../../src/base/errors.js";
import { EventBus } from "../../../../src/events/bus.js";
import { StackSession } from "../../../../src/app/session.js";
import { SwarmTarget } from "../../../../src/targets/swarm/target.js";
import { MemorySwarm } from "../../support/memory-swarm.js";
import { type TempProject, tempProject } from "../../support/temp-project.js";
import { defaultUpOptions } from "../../../../src/targets/target.js";

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

const STACK = [
  "services:",
  "  web:",
  "    image: tsd-test/busybox:1",
  "    build: .",
  "    volumes_from: [db]",
  "  db:",
  "    image: tsd-test/busybox:1",
  "  side:",
  "    image: tsd-test/busybox:1",
  "    network_mode: service:db",
  "",
].join("\n");

const PLAN = defaultUpOptions("test");

function open(engine: MemorySwarm, allowUnsupported: boolean, opened: { count: number }, warnings: string[]) {
  const bus = new EventBus();
  bus.subscribe((event) => {
    if (event.type === "warning") warnings.push(event.message);
  });
  return StackSession.open({
    bus,
    stack: { load: { cwd: project?.dir ?? "", files: ["stack.yml"], environment: {} } },
    target: "swarm",
    allowUnsupported,
    openTarget: (_name, emit, clock, options) => {
      opened.count += 1;
      return new SwarmTarget(engine, emit, clock, { environment: {}, allowUnsupported: options.allowUnsupported });
    },
  });
}

describe("swarm check", () => {
  it("refuses build, volumes_from and network_mode: service:x at their file:line with no engine call", async () => {
    project = tempProject({ "stack.yml": STACK });
    const engine = new MemorySwarm();
    const opened = { count: 0 };
    const error = await open(engine, false, opened, [])
      .then((session) => session.up({ plan: PLAN, dryRun: false, waitTimeoutMs: 1000, parallelism: 1 }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues.map((issue) => `${issue.location?.line}:${issue.path}`);
    expect(issues).toEqual(["4:services.web.build", "5:services.web.volumes_from", "10:services.side.network_mode"]);
    expect((error as ConfigError).issues.every((issue) => issue.location?.file.endsWith("stack.yml"))).toBe(true);
    expect(opened.count).toBe(0);
    expect(engine.calls).toEqual([]);
  });

  it("with --allow-unsupported deploys and lists each ignored field", async () => {
    project = tempProject({ "stack.yml": STACK });
    const engine = new MemorySwarm();
    const warnings: string[] = [];
    const session = await open(engine, true, { count: 0 }, warnings);
    await session.up({ plan: PLAN, dryRun: false, waitTimeoutMs: 1000, parallelism: 1 });
    const ignored = warnings.filter((warning) => warning.includes("is ignored (--allow-unsupported)"));
    expect(ignored.map((warning) => /(services\.\S+)/.exec(warning)?.[1])).toEqual(["services.side.network_mode", "services.web.build", "services.web.volumes_from"]);
    expect(ignored[1]).toMatch(/stack\.yml:4:5: /);
    expect(engine.writes().filter((call) => call.startsWith("createService")).sort()).toEqual(["createService " + `${session.project.stack.name}_db`, `createService ${session.project.stack.name}_side`, `createService ${session.project.stack.name}_web`]);
  });
});
