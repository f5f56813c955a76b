import { describe, expect, it } from "vitest";
import type { PlanStep, StackEvent } from "../../../src/events/stack-event.js";
import { estimatedCriticalChain, measuredCriticalChain, stepDurations, StepTimings } from "../../../src/plan/critical-chain.js";

function step(id: string, after: string[] = []): PlanStep {
  const [operation = "", target = ""] = id.split(":");
  return { id, operation, action: operation.startsWith("create") ? "create" : operation.startsWith("start") ? "start" : "wait", target, subject: { kind: "service", key: target }, cause: "not found", after };
}

/** db (slow health check) ← api ← web, and a cache nobody waits for. */
const steps = [
  step("create-network:net"),
  step("create-container:db", ["create-network:net"]),
  step("create-container:cache", ["create-network:net"]),
  step("start-container:db", ["create-container:db"]),
  step("start-container:cache", ["create-container:cache"]),
  step("await-condition:db-healthy", ["start-container:db"]),
  step("create-container:api", ["create-network:net"]),
  step("start-container:api", ["create-container:api", "await-condition:db-healthy"]),
];

function events(timings: Record<string, [number, number]>): StackEvent[] {
  return Object.entries(timings).flatMap(([id, [startedAt, endedAt]]) => {
    const planned = steps.find((candidate) => candidate.id === id) as PlanStep;
    return [
      { type: "step", phase: "started", step: planned, at: startedAt } as StackEvent,
      { type: "step", phase: "done", step: planned, at: endedAt } as StackEvent,
    ];
  }).sort((a, b) => a.at - b.at);
}

const run = events({
  "create-network:net": [0, 100],
  "create-container:db": [100, 300],
  "create-container:cache": [100, 250],
  "create-container:api": [100, 280],
  "start-container:db": [300, 700],
  "start-container:cache": [250, 600],
  "await-condition:db-healthy": [700, 5_700],
  "start-container:api": [5_750, 6_100],
});

describe("the critical chain", () => {
  it("after a run, follows from the last step back through the dependency each step waited for last", () => {
    const timings = new StepTimings();
    for (const event of run) timings.observe(event);
    const chain = measuredCriticalChain(steps, timings.timings());
    expect(chain.links.map((link) => [link.step.id, link.durationMs, link.offsetMs, link.queuedMs])).toEqual([
      ["create-network:net", 100, 0, 0],
      ["create-container:db", 200, 100, 0],
      ["start-container:db", 400, 300, 0],
      ["await-condition:db-healthy", 5_000, 700, 0],
      // It stood ready 50 ms: the walk, not the engine.
      ["start-container:api", 350, 5_750, 50],
    ]);
    expect(chain.totalMs).toBe(6_100);
    expect(chain.source).toBe("measured");
  });

  it("ignores steps that failed or were skipped (they have no done event)", () => {
    const timings = new StepTimings();
    const planned = steps[0] as PlanStep;
    timings.observe({ type: "step", phase: "started", step: planned, at: 0 } as StackEvent);
    timings.observe({ type: "step", phase: "failed", step: planned, error: "boom", at: 10 } as StackEvent);
    expect(measuredCriticalChain(steps, timings.timings())).toEqual({ links: [], totalMs: 0, source: "measured", unknownSteps: 0 });
  });

  it("before a run, is the longest path weighted by the last run's durations", () => {
    const timings = new StepTimings();
    for (const event of run) timings.observe(event);
    const durations = stepDurations(timings.timings());
    // A plan that recreates only api and db: the network exists now.
    const next = steps.filter((candidate) => candidate.id !== "create-network:net" && !candidate.id.includes("cache")).map((candidate) => ({ ...candidate, after: candidate.after.filter((id) => id !== "create-network:net") }));
    const chain = estimatedCriticalChain(next, durations);
    expect(chain.links.map((link) => [link.step.id, link.durationMs, link.offsetMs])).toEqual([
      ["create-container:db", 200, 0],
      ["start-container:db", 400, 200],
      ["await-condition:db-healthy", 5_000, 600],
      ["start-container:api", 350, 5_600],
    ]);
    expect(chain.totalMs).toBe(5_950);
    expect(chain.unknownSteps).toBe(0);
  });

  it("counts the steps it has no duration for, and weighs them nothing", () => {
    const chain = estimatedCriticalChain(steps, new Map([["create-container:cache", 900]]));
    expect(chain.links.map((link) => link.step.id)).toEqual(["create-network:net", "create-container:cache"]);
    expect(chain.totalMs).toBe(900);
    expect(chain.unknownSteps).toBe(steps.length - 1);
  });

  it("of an empty plan is empty", () => {
    expect(estimatedCriticalChain([], new Map()).links).toEqual([]);
  });
});
