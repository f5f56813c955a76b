/**
 * `--progress json` is tsd's machine interface: one StackEvent per line on
 * stdout (docs/events.md). On a stack of three services with one health gate,
 * the stream must tell the whole story in order: the plan, every step started
 * and finished after the steps it waits for, the condition wait, each
 * replica's status path, and the verb's outcome.
 */
import { describe, expect, it } from "vitest";
import { useFixture } from "../support/fixture.js";

interface PlanStep {
  readonly id: string;
  readonly operation: string;
  readonly action: string;
  readonly target: string;
  readonly subject: { readonly kind: string; readonly key: string };
  readonly cause: string;
  readonly after: readonly string[];
}

type Event =
  | { type: "plan"; steps: PlanStep[]; at: number }
  | { type: "step"; phase: "started" | "done" | "failed" | "skipped" | "warning"; step: PlanStep; at: number }
  | { type: "status"; service: string; replica: number; from: string; to: string; detail?: string; at: number }
  | { type: "done"; verb: string; outcome: string; elapsedMs: number; at: number }
  | { type: string; at: number };

/** Every stdout line must be one JSON object: anything else would break a consumer. */
function parseEvents(stdout: string): Event[] {
  return stdout
    .trim()
    .split("\n")
    .map((line) => {
      const event = JSON.parse(line) as Event;
      expect(typeof event.type, line).toBe("string");
      expect(typeof event.at, line).toBe("number");
      return event;
    });
}

const ofType = <T extends Event["type"]>(events: Event[], type: T) => events.filter((event) => event.type === type) as Extract<Event, { type: T }>[];

/** Each service's status path, in the order the events came. */
function statusPaths(events: Event[]): Record<string, string[]> {
  const paths: Record<string, string[]> = {};
  for (const event of ofType(events, "status") as Extract<Event, { type: "status"; service: string }>[]) {
    const path = (paths[event.service] ??= [event.from]);
    // A transition starts where the previous one ended.
    expect(path.at(-1), `${event.service}: ${event.from} → ${event.to}`).toBe(event.from);
    path.push(event.to);
  }
  return paths;
}

describe("tsd up --progress json", () => {
  it("must print the plan, every step after what it waits for, the health wait, each status transition and done", async () => {
    const fixture = useFixture("up-progress-json");
    const project = fixture.projectName;

    const result = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "json"]);
    expect(result.status, result.stderr).toBe(0);
    const events = parseEvents(result.stdout);

    const plan = events[0] as Extract<Event, { type: "plan"; steps: PlanStep[] }>;
    expect(plan.type).toBe("plan");
    const ids = plan.steps.map((step) => step.id).sort();
    expect(ids).toEqual([
      "await-condition:api started (for web)",
      "await-condition:db healthy (for api)",
      ...["api", "db", "web"].map((service) => `create-container:${project}-${service}-1`),
      `create-network:${project}_default`,
      ...["api", "db", "web"].map((service) => `start-container:${project}-${service}-1`),
    ]);
    const gate = plan.steps.find((step) => step.operation === "await-condition" && step.target === "db healthy (for api)");
    expect(gate?.after).toEqual([`start-container:${project}-db-1`]);
    expect(plan.steps.find((step) => step.id === `start-container:${project}-api-1`)?.after).toContain(gate?.id);

    // Every step starts once, only after each step it waits for is done, and finishes once.
    const steps = ofType(events, "step") as Extract<Event, { type: "step"; step: PlanStep }>[];
    const doneAt = new Map<string, number>();
    const position = (id: string, phase: string) => steps.findIndex((event) => event.step.id === id && event.phase === phase);
    for (const step of plan.steps) {
      expect(steps.filter((event) => event.step.id === step.id).map((event) => event.phase), step.id).toEqual(["started", "done"]);
      for (const before of step.after) expect(position(before, "done"), `${before} before ${step.id}`).toBeLessThan(position(step.id, "started"));
      doneAt.set(step.id, steps[position(step.id, "done")]?.at ?? Number.NaN);
    }

    // The gate opened only when db was reported healthy, and each replica walked the path a user sees in `tsd ps`.
    const paths = statusPaths(events);
    expect(paths).toEqual({
      db: ["pending", "creating", "starting", "healthy"],
      api: ["pending", "creating", "waiting", "starting", "running"],
      web: ["pending", "creating", "waiting", "starting", "running"],
    });
    const healthy = ofType(events, "status").find((event) => "to" in event && event.to === "healthy");
    expect(healthy?.at).toBeLessThanOrEqual(doneAt.get(gate?.id ?? "") ?? 0);
    const gateDone = events.findIndex((event) => event.type === "step" && "step" in event && event.step.id === gate?.id && event.phase === "done");
    expect(events.indexOf(healthy as Event)).toBeLessThan(gateDone);

    const times = events.map((event) => event.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(events.at(-1)).toMatchObject({ type: "done", verb: "up", outcome: "succeeded" });
    expect(ofType(events, "done")).toHaveLength(1);
  });

  it("down --progress json must print its plan, each stop and remove, and done", async () => {
    const fixture = useFixture("up-progress-json");
    const project = fixture.projectName;
    expect((await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "quiet"])).status).toBe(0);

    const result = await fixture.run(["down", "-f", "stack.yml", "--progress", "json"]);
    expect(result.status, result.stderr).toBe(0);
    const events = parseEvents(result.stdout);
    const plan = events[0] as Extract<Event, { type: "plan"; steps: PlanStep[] }>;
    expect(plan.steps.map((step) => step.id).sort()).toEqual([
      ...["api", "db", "web"].map((service) => `remove-container:${project}-${service}-1`),
      `remove-network:${project}_default`,
      ...["api", "db", "web"].map((service) => `stop-container:${project}-${service}-1`),
    ]);
    const finished = (ofType(events, "step") as Extract<Event, { type: "step"; step: PlanStep }>[]).filter((event) => event.phase === "done");
    expect(finished.map((event) => event.step.id).sort()).toEqual(plan.steps.map((step) => step.id).sort());
    // Dependents stop first: web before api before db.
    const stopOrder = finished.filter((event) => event.step.operation === "stop-container").map((event) => event.step.subject.key);
    expect(stopOrder).toEqual(["web", "api", "db"]);
    expect(events.at(-1)).toMatchObject({ type: "done", verb: "down", outcome: "succeeded" });
  });
});
