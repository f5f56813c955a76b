/**
 * A plan as people and machines read it, the same for every target:
 * `tsd plan` prints the text, `tsd plan --format json` the JSON, and the
 * dashboard shows the steps.
 *
 * The text reads like Terraform's: one line per step, its symbol derived
 * from the step's `action` (`+ create`, `~ update … in place`, `-/+
 * recreate`, `- remove`), the steps it waits for on an `after` line under
 * it, the dependency waits (`… wait`) indented under the step they gate,
 * and a one-line summary ("3 to create, 1 to recreate, 0 to remove"). Every
 * edge of the DAG is on the page: an `after` line or a nested wait.
 */
import type { Plan, PlanStep, StepAction } from "./plan.js";
import { planSteps } from "./plan.js";

/** How a plan shows each action: its symbol and the verb of its line. */
const ACTION_WORDS: Readonly<Record<StepAction, { readonly symbol: string; readonly verb: string }>> = {
  create: { symbol: "+", verb: "create" },
  replace: { symbol: "-/+", verb: "recreate" },
  update: { symbol: "~", verb: "update" },
  rename: { symbol: "~", verb: "rename" },
  remove: { symbol: "-", verb: "remove" },
  start: { symbol: ">", verb: "start" },
  run: { symbol: ">", verb: "run" },
  stop: { symbol: "||", verb: "stop" },
  build: { symbol: "*", verb: "build" },
  pull: { symbol: "*", verb: "pull" },
  wait: { symbol: "…", verb: "wait" },
};

/** Actions that change what exists: their cause is always shown. */
const CHANGES: ReadonlySet<StepAction> = new Set(["create", "replace", "update", "remove"]);

/** Width of the symbol column (`-/+`), symbols right-aligned in it as Terraform does. */
const SYMBOL_WIDTH = 3;
const AFTER_INDENT = " ".repeat(SYMBOL_WIDTH + 3);

/** The plan symbol of an action (`+`, `-/+`, `~`, `-`, …). */
export function actionSymbol(action: StepAction): string {
  return ACTION_WORDS[action].symbol;
}

/**
 * What a step does, in words: `create container demo-web-1`, `update
 * container demo-web-1 in place`, `wait db healthy (for web)`. The noun comes
 * from the operation's kind (`create-container` → `container`).
 */
export function stepPhrase(step: PlanStep): string {
  const noun = step.action === "wait" ? "" : nounOf(step.operation);
  const verb = ACTION_WORDS[step.action].verb;
  const inPlace = step.action === "update" ? " in place" : "";
  return `${verb}${noun ? ` ${noun}` : ""} ${step.target}${inPlace}`;
}

/** `create-container` → `container`; `run-data-container` → `data container`; a one-word kind names no noun. */
function nounOf(operation: string): string {
  const dash = operation.indexOf("-");
  return dash < 0 ? "" : operation.slice(dash + 1).replaceAll("-", " ");
}

/** The plan as text (see the module comment); `nothing to do` for an empty plan; a `note:` line per note. */
export function formatPlan(plan: Plan): string {
  return formatSteps(planSteps(plan), plan.notes);
}

/** {@link formatPlan} over steps already taken out of a plan. */
export function formatSteps(steps: readonly PlanStep[], notes: readonly string[] = []): string {
  const lines: string[] = [];
  if (steps.length === 0) lines.push("nothing to do");
  else lines.push(...stepLines(steps), "", planSummary(steps));
  for (const note of notes) lines.push(`note: ${note}`);
  return lines.join("\n");
}

/** One line per step, with its `after` line and the waits it is gated by nested under it. */
function stepLines(steps: readonly PlanStep[]): string[] {
  const byId = new Map(steps.map((step) => [step.id, step]));
  const nestedUnder = gatingSteps(steps);
  const lines: string[] = [];
  const write = (step: PlanStep, indent: string): void => {
    const nested = steps.filter((wait) => nestedUnder.get(wait.id) === step.id);
    const shownNested = new Set(nested.map((wait) => wait.id));
    lines.push(`${indent}${actionSymbol(step.action).padStart(SYMBOL_WIDTH)} ${stepPhrase(step)}${causeText(step, byId)}`);
    const after = step.after.filter((id) => !shownNested.has(id)).map((id) => referenceText(id, byId));
    if (after.length > 0) lines.push(`${indent}${AFTER_INDENT}after ${after.join(", ")}`);
    for (const wait of nested) write(wait, `${indent}${" ".repeat(SYMBOL_WIDTH + 1)}`);
  };
  for (const step of steps) if (!nestedUnder.has(step.id)) write(step, "");
  return lines;
}

/** Each wait step → the first step it gates (where it is printed); waits that gate nothing stay in place. */
function gatingSteps(steps: readonly PlanStep[]): Map<string, string> {
  const nestedUnder = new Map<string, string>();
  const waits = new Set(steps.filter((step) => step.action === "wait").map((step) => step.id));
  for (const step of steps) {
    if (step.action === "wait") continue;
    for (const id of step.after) if (waits.has(id) && !nestedUnder.has(id)) nestedUnder.set(id, step.id);
  }
  return nestedUnder;
}

/**
 * `  (cause)`. A follow-up step (a start after its create, the steps of a
 * recreate after the first) does not repeat the cause of the step of the
 * same subject it waits for; a change (create, recreate, update, remove)
 * always shows its own.
 */
function causeText(step: PlanStep, byId: ReadonlyMap<string, PlanStep>): string {
  if (!CHANGES.has(step.action)) {
    const repeats = step.after.some((id) => {
      const before = byId.get(id);
      return before !== undefined && before.cause === step.cause && before.subject.kind === step.subject.kind && before.subject.key === step.subject.key;
    });
    if (repeats) return "";
  }
  return `  (${step.cause})`;
}

/** A step named in an `after` line: its phrase, or its id when it is not in the plan shown. */
function referenceText(id: string, byId: ReadonlyMap<string, PlanStep>): string {
  const step = byId.get(id);
  return step ? stepPhrase(step) : id;
}

/**
 * `3 to create, 1 to recreate, 0 to remove` (with `N to update in place`
 * and `N to start` when there are any). Counted per object: removing the
 * container a recreate replaced is part of that recreate, and starting what
 * the plan just created is part of creating it.
 */
export function planSummary(steps: readonly PlanStep[]): string {
  const byId = new Map(steps.map((step) => [step.id, step]));
  const follows = (step: PlanStep, actions: readonly StepAction[]): boolean =>
    step.after.some((id) => {
      const before = byId.get(id);
      return before !== undefined && actions.includes(before.action) && (before.target === step.target || before.action === "replace");
    });
  const count = (action: StepAction, unless: readonly StepAction[] = []): number =>
    steps.filter((step) => step.action === action && !follows(step, unless)).length;
  const parts = [`${count("create")} to create`];
  const updates = count("update");
  if (updates > 0) parts.push(`${updates} to update in place`);
  parts.push(`${count("replace")} to recreate`, `${count("remove", ["replace"])} to remove`);
  const starts = steps.filter((step) => step.action === "start" && !startsWhatThePlanMade(step, byId)).length;
  if (starts > 0) parts.push(`${starts} to start`);
  return parts.join(", ");
}

/** A start that follows (directly) the create or recreate of the same object. */
function startsWhatThePlanMade(step: PlanStep, byId: ReadonlyMap<string, PlanStep>): boolean {
  return step.after.some((id) => {
    const before = byId.get(id);
    return before !== undefined && (before.action === "create" || before.action === "replace" || before.action === "update") && before.target === step.target;
  });
}

/** The plan for machines (`tsd plan --format json`): what, why, and after what; no engine specs. */
export function planToJson(plan: Plan): unknown {
  return { operations: planSteps(plan), notes: plan.notes };
}
