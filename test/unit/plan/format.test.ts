/**
 * The plan text, whatever the target: symbols from each step's action,
 * waits nested under the step they gate, causes not repeated by follow-up
 * steps, and the summary counting objects (not engine calls). Progress
 * without a terminal prints each step once, with its result.
 */
import { describe, expect, it } from "vitest";
import type { PlanStep, StepAction } from "../../../src/events/stack-event.js";
import { formatSteps, planSummary } from "../../../src/plan/format.js";
import { plainProgress } from "../../../src/cli/render/plain.js";

function step(operation: string, action: StepAction, target: string, cause: string, after: readonly string[] = [], key = "web"): PlanStep {
  return { id: `${operation}:${target}`, operation, action, target, subject: { kind: "service", key }, cause, after };
}

describe("formatSteps", () => {
  it("an in-place update reads `~ update … in place` and counts as an update, not a recreate", () => {
    const steps = [step("update-container", "update", "demo-web-1", "deploy.resources.limits.memory changed")];
    expect(formatSteps(steps)).toBe(
      ["  ~ update container demo-web-1 in place  (deploy.resources.limits.memory changed)", "", "0 to create, 1 to update in place, 0 to recreate, 0 to remove"].join("\n"),
    );
  });

  it("a rename on its own is `~`, and every action has a symbol", () => {
    const actions: StepAction[] = ["create", "replace", "update", "remove", "start", "stop", "run", "wait", "build", "pull", "rename"];
    const lines = formatSteps(actions.map((action, index) => step(`${action}-thing`, action, `t${index}`, "why"))).split("\n");
    expect(lines.slice(0, actions.length).map((line) => line.slice(0, 3))).toEqual(["  +", "-/+", "  ~", "  -", "  >", " ||", "  >", "  …", "  *", "  *", "  ~"]);
  });

  it("a wait gating several replicas is nested under the first; the others name it on their after line", () => {
    const wait = step("await-condition", "wait", "db healthy (for web)", "depends_on db");
    const steps = [wait, step("start-container", "start", "demo-web-1", "not running (exited)", [wait.id]), step("start-container", "start", "demo-web-2", "not running (exited)", [wait.id])];
    expect(formatSteps(steps).split("\n")).toEqual([
      "  > start container demo-web-1  (not running (exited))",
      "      … wait db healthy (for web)  (depends_on db)",
      "  > start container demo-web-2  (not running (exited))",
      "      after wait db healthy (for web)",
      "",
      "0 to create, 0 to recreate, 0 to remove, 2 to start",
    ]);
  });

  it("notes follow the summary; an empty plan says nothing to do", () => {
    expect(formatSteps([], ["orphan containers: x"])).toBe("nothing to do\nnote: orphan containers: x");
    expect(formatSteps([step("create-network", "create", "demo_default", "not found")], ["n"]).split("\n").slice(-2)).toEqual(["1 to create, 0 to recreate, 0 to remove", "note: n"]);
  });

  it("the summary counts a recreate once: its stop, rename, remove of the old container and start are part of it", () => {
    const stop = step("stop-container", "stop", "demo-web-1", "image changed");
    const rename = step("rename-container", "rename", "demo-web-1 → abc_demo-web-1", "image changed", [stop.id]);
    const create = step("create-container", "replace", "demo-web-1", "image changed", [rename.id]);
    const remove = step("remove-container", "remove", "abc_demo-web-1", "image changed", [create.id]);
    const start = step("start-container", "start", "demo-web-1", "image changed", [create.id]);
    expect(planSummary([stop, rename, create, remove, start])).toBe("0 to create, 1 to recreate, 0 to remove");
  });
});

describe("plain progress", () => {
  it("prints each step once, when it ended, with its result", () => {
    const written: string[] = [];
    const show = plainProgress({ write: (text: string) => written.push(text) } as unknown as NodeJS.WritableStream);
    const created = step("create-container", "create", "demo-web-1", "not found");
    const wait = step("await-condition", "wait", "cache healthy (for web)", "depends_on cache");
    const start = step("start-container", "start", "demo-web-1", "not found", [created.id, wait.id]);
    const at = 0;
    show({ type: "step", phase: "started", step: created, at });
    show({ type: "step", phase: "done", step: created, at });
    show({ type: "step", phase: "started", step: wait, at });
    show({ type: "step", phase: "warning", step: wait, message: "cache is unhealthy (required: false, so web starts anyway)", at });
    show({ type: "step", phase: "done", step: wait, at });
    show({ type: "step", phase: "started", step: start, at });
    show({ type: "step", phase: "failed", step: start, error: "host port 127.0.0.1:8080 is already in use", at });
    show({ type: "step", phase: "skipped", step: step("start-container", "start", "demo-api-1", "not found"), because: start.id, at });
    expect(written.join("")).toBe(
      [
        "✔ create container demo-web-1  (not found)",
        "! wait cache healthy (for web): cache is unhealthy (required: false, so web starts anyway)",
        "✖ start container demo-web-1: host port 127.0.0.1:8080 is already in use",
        "- start container demo-api-1: not started, start container demo-web-1 failed",
        "",
      ].join("\n"),
    );
  });
});
