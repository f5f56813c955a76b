/**
 * The line of a converging Swarm service: `demo_web  2/3 running, update
 * updating  [1 tsdlab-n2 running, 2 tsdlab-n3 starting, …]`.
 */
import type { StackEventOf } from "../../events/stack-event.js";

/** One progress line for a `swarm-service` event. */
export function swarmServiceLine(event: StackEventOf<"swarm-service">): string {
  const update = event.updateState ? `, update ${event.updateState}` : "";
  const tasks = event.tasks.map((task) => `${task.slot ?? task.task.slice(0, 6)} ${task.node} ${task.state}`).join(", ");
  return `${event.service}  ${event.running}/${event.desired} running${update}${tasks ? `  [${tasks}]` : ""}`;
}
