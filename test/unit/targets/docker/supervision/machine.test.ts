/**
 * The supervisor's decisions, replayed from the event sequences recorded on
 * the real engine (src/runtime/supervisor/engine-events.md) with a fake clock.
 */
import { describe, expect, it } from "vitest";
import { type Effect, SupervisorMachine, type SupervisedEvent } from "../../../../../src/targets/docker/supervision/machine.js";
import { DEFAULT_POLICY, supervisePolicyOf } from "../../../../../src/targets/docker/supervision/policy.js";
import type { ConfigError } from "../../../../../src/base/errors.js";
import type { Service } from "../../../../../src/stack/model.js";
import { dependency, makeStack } from "../../../support/stack-builder.js";

const healthcheck = { test: ["CMD-SHELL", "test -f /tmp/ok"], interval: 1000, retries: 1, disable: false };
const supervise = (block: Record<string, unknown>) => ({ "x-tsd": { supervise: block } });

function machineFor(services: Record<string, Partial<Service>>) {
  const stack = makeStack({ services });
  const machine = new SupervisorMachine(stack, supervisePolicyOf);
  machine.observe(
    Object.keys(services).map((service) => ({ containerId: `${service}-id`, service, replica: 1, state: services[service]?.healthcheck ? ("healthy" as const) : ("running" as const) })),
    0,
  );
  return machine;
}

/** Feeds `kinds` for one container at time `at`; returns every effect. */
function feed(machine: SupervisorMachine, service: string, at: number, ...kinds: (SupervisedEvent["kind"] | `die ${number}`)[]): Effect[] {
  return kinds.flatMap((kind) => {
    const [name, code] = kind.split(" ") as [SupervisedEvent["kind"], string | undefined];
    return machine.handle({ kind: name, containerId: `${service}-id`, service, replica: 1, ...(code === undefined ? {} : { exitCode: Number(code) }) }, at);
  });
}

const ofType = <T extends Effect["type"]>(effects: readonly Effect[], type: T) => effects.filter((effect): effect is Extract<Effect, { type: T }> => effect.type === type);

describe("supervisor machine: unhealthy containers", () => {
  it("a container that stays unhealthy must be restarted after the backoff delay, each delay longer, then reported crash-looping", () => {
    const machine = machineFor({ web: { healthcheck, ...{ extensions: supervise({ backoff: { initial: "1s", factor: 2, max: "3s" }, max_restarts: 3, window: "1m" }) } } });
    const delays: number[] = [];
    let now = 0;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const scheduled = ofType(feed(machine, "web", now, "unhealthy"), "schedule-restart");
      expect(scheduled).toHaveLength(1);
      delays.push(scheduled[0]?.delayMs ?? -1);
      now += scheduled[0]?.delayMs ?? 0;
      const due = machine.restartDue("web-id", scheduled[0]?.token ?? 0, now);
      expect(ofType(due, "restart")).toHaveLength(1);
      expect(machine.status()[0]?.state).toBe("restarting");
      // `docker restart` as recorded: kill, die, stop, start (restart's trailing event is ignored).
      feed(machine, "web", now, "kill", "die 0", "stop", "start");
      expect(machine.status()[0]?.state).toBe("starting");
      now += 1500;
    }
    expect(delays).toEqual([1000, 2000, 3000]);
    const final = feed(machine, "web", now, "unhealthy");
    expect(ofType(final, "schedule-restart")).toHaveLength(0);
    const [crash] = ofType(final, "crash-loop");
    expect(crash?.reason).toBe("still unhealthy after 3 restarts within 1m");
    expect(machine.status()[0]?.state).toBe("crash-looping");
    // The stop tsd then makes (kill, die, stop) leaves it crash-looping, not exited.
    feed(machine, "web", now, "kill", "die 137", "stop");
    expect(machine.status()[0]).toMatchObject({ state: "crash-looping", detail: "still unhealthy after 3 restarts within 1m" });
  });

  it("a container that turns healthy before its delay has passed must not be restarted", () => {
    const machine = machineFor({ web: { healthcheck, extensions: supervise({}) } });
    const [scheduled] = ofType(feed(machine, "web", 0, "unhealthy"), "schedule-restart");
    feed(machine, "web", 500, "healthy");
    expect(machine.restartDue("web-id", scheduled?.token ?? 0, 1000)).toEqual([]);
    expect(machine.status()[0]?.state).toBe("healthy");
  });

  it("restarts older than the window must not count towards crash-looping", () => {
    const machine = machineFor({ web: { healthcheck, extensions: supervise({ max_restarts: 1, window: "10s" }) } });
    const [first] = ofType(feed(machine, "web", 0, "unhealthy"), "schedule-restart");
    machine.restartDue("web-id", first?.token ?? 0, 1000);
    feed(machine, "web", 1000, "kill", "die 0", "stop", "start", "healthy");
    // Within the window: crash-looping.
    expect(ofType(feed(machine, "web", 5000, "unhealthy"), "crash-loop")).toHaveLength(1);
    const other = machineFor({ web: { healthcheck, extensions: supervise({ max_restarts: 1, window: "10s" }) } });
    const [again] = ofType(feed(other, "web", 0, "unhealthy"), "schedule-restart");
    other.restartDue("web-id", again?.token ?? 0, 1000);
    feed(other, "web", 1000, "kill", "die 0", "stop", "start", "healthy");
    // Past the window: a fresh first attempt.
    expect(ofType(feed(other, "web", 20_000, "unhealthy"), "schedule-restart")[0]?.delayMs).toBe(1000);
  });

  it("without an x-tsd.supervise block an unhealthy container must be left alone (as Compose does)", () => {
    const machine = machineFor({ web: { healthcheck } });
    const effects = feed(machine, "web", 0, "unhealthy");
    expect(effects.map((effect) => effect.type)).toEqual(["transition"]);
    expect(machine.status()[0]?.state).toBe("unhealthy");
  });
});

describe("supervisor machine: restarts and dependents", () => {
  const services = {
    db: { restart: { policy: "always" as const } },
    app: { dependsOn: { db: dependency({ restart: true }) } },
    worker: { dependsOn: { db: dependency() } },
  };

  it("an engine restart-policy restart (die, start; no restart event) must count as a dependency restart", () => {
    const machine = machineFor(services);
    const died = feed(machine, "db", 0, "die 0");
    expect(machine.status()[0]?.state).toBe("restarting");
    expect(ofType(died, "dependency-restarted")).toHaveLength(0);
    const started = feed(machine, "db", 100, "start");
    expect(ofType(started, "dependency-restarted")).toEqual([{ type: "dependency-restarted", service: "db" }]);
    expect(ofType(started, "container-started")).toEqual([{ type: "container-started", service: "db", containerId: "db-id" }]);
  });

  it("a restart tsd makes for a dependency must not start another cascade from the dependent", () => {
    const machine = machineFor(services);
    machine.expectCascadeRestart("app-id");
    const effects = feed(machine, "app", 0, "kill", "die 0", "stop", "start");
    expect(ofType(effects, "dependency-restarted")).toHaveLength(0);
    expect(ofType(effects, "container-started")).toHaveLength(1);
  });

  it("a recreated container's first start must count as a restart; a first creation must not", () => {
    const machine = machineFor(services);
    feed(machine, "db", 0, "kill", "die 137", "destroy");
    const recreated = machine.handle({ kind: "create", containerId: "db-new", service: "db", replica: 1 }, 10);
    expect(recreated).toEqual([]);
    expect(ofType(machine.handle({ kind: "start", containerId: "db-new", service: "db", replica: 1 }, 20), "dependency-restarted")).toHaveLength(1);
    machine.handle({ kind: "create", containerId: "app-2", service: "app", replica: 2 }, 30);
    expect(ofType(machine.handle({ kind: "start", containerId: "app-2", service: "app", replica: 2 }, 40), "dependency-restarted")).toHaveLength(0);
  });

  it("docker stop must show exited, docker kill of a restart: always container must not show restarting", () => {
    const machine = machineFor(services);
    feed(machine, "worker", 0, "kill", "die 0", "stop");
    expect(machine.status().find((status) => status.service === "worker")).toMatchObject({ state: "exited", exitCode: 0 });
    feed(machine, "db", 0, "kill", "die 137");
    expect(machine.status()[0]).toMatchObject({ state: "exited", exitCode: 137 });
  });

  it("a job others wait on with service_completed_successfully must be completed after exit 0, exited after a failure", () => {
    const machine = machineFor({ init: {}, web: { dependsOn: { init: dependency({ condition: "service_completed_successfully" }) } } });
    feed(machine, "init", 0, "die 0");
    expect(machine.status()[0]).toMatchObject({ state: "completed", exitCode: 0 });
    feed(machine, "init", 0, "start", "die 3");
    expect(machine.status()[0]).toMatchObject({ state: "exited", exitCode: 3 });
  });

  it("engine restarts (on-failure, exit 3 as recorded) beyond max_restarts in the window must make the service crash-looping", () => {
    const machine = machineFor({ job: { restart: { policy: "on-failure" }, extensions: supervise({ max_restarts: 2, window: "1m" }) } });
    const effects = [0, 1000, 2000].flatMap((at) => feed(machine, "job", at, "die 3", "start"));
    const [crash] = ofType(effects, "crash-loop");
    expect(crash).toMatchObject({ service: "job", reason: "3 restarts within 1m", lastExitCode: 3 });
    expect(machine.status()[0]?.state).toBe("crash-looping");
  });
});

describe("supervise policy", () => {
  it("a malformed x-tsd.supervise block must be reported naming the service and key", () => {
    const machine = () => supervisePolicyOf(makeStack({ services: { web: { extensions: supervise({ max_restart: 3, window: "soon" }) } } }).services.web as Service);
    expect(machine).toThrowError(/services\.web\.x-tsd\.supervise/);
    expect(machine).toThrowError(/max_restart/);
    expect(machine).toThrowError(/window: expected a duration/);
  });
});

describe("supervise policy, each mistake", () => {
  const policyOf = (block: unknown) => () => supervisePolicyOf(makeStack({ services: { web: { extensions: { "x-tsd": block } } } }).services.web as Service);
  it.each([
    [{ supervise: { max_restart: 3 } }, 'services.web.x-tsd.supervise.max_restart: unknown key "max_restart", did you mean "max_restarts"?'],
    [{ supervise: { max_restarts: -1 } }, "services.web.x-tsd.supervise.max_restarts: expected a whole number of at least 0"],
    [{ supervise: { max_restarts: 1.5 } }, "services.web.x-tsd.supervise.max_restarts: expected a whole number of at least 0"],
    [{ supervise: { restart_unhealthy: "yes" } }, "services.web.x-tsd.supervise.restart_unhealthy: expected true or false"],
    [{ supervise: { backoff: { factor: 0.5 } } }, "services.web.x-tsd.supervise.backoff.factor: expected a number of at least 1"],
    [{ supervise: { backoff: { intial: "1s" } } }, 'services.web.x-tsd.supervise.backoff.intial: unknown key "intial", did you mean "initial"?'],
    [{ supervise: { backoff: "fast" } }, "services.web.x-tsd.supervise.backoff: must be a mapping (initial, factor, max)"],
    [{ supervise: true }, "services.web.x-tsd.supervise: must be a mapping (restart_unhealthy, backoff, max_restarts, window)"],
    ["on", "services.web.x-tsd: must be a mapping (supervise, audit)"],
  ])("%j must be reported as %s", (block, message) => {
    const [path, text] = [message.slice(0, message.indexOf(": ")), message.slice(message.indexOf(": ") + 2)];
    try {
      policyOf(block)();
      expect.unreachable("no error");
    } catch (error) {
      expect((error as ConfigError).issues).toEqual([{ path, message: text }]);
    }
  });

  it("a good block must give its values, and defaults for what it leaves out", () => {
    expect(policyOf({ supervise: { backoff: { initial: "500ms", factor: 3 }, window: "1m" } })()).toEqual({ ...DEFAULT_POLICY, restartUnhealthy: true, initialDelay: 500, factor: 3, window: 60_000, configured: true });
    expect(policyOf({ audit: { ignore: [] } })()).toBe(DEFAULT_POLICY);
  });
});
