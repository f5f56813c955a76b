/**
 * The Swarm pane (`--target swarm`): each service's rollout (tasks of the
 * current spec running of those wanted, tasks of the old spec still running,
 * Swarm's update state), then each node with the tasks placed on it, each
 * task's desired and current state. Every element carries data- attributes
 * (`data-swarm-service`, `data-node`, `data-task`, `data-desired`,
 * `data-current`) for tests and users' scripts.
 */
import { html } from "./html.js";
import type { SwarmOverview, SwarmServiceView, SwarmTaskView } from "./types.js";

const TONES: Readonly<Record<string, string>> = { running: "good", complete: "info", failed: "bad", rejected: "bad", shutdown: "muted", orphaned: "bad" };

function taskTone(task: SwarmTaskView): string {
  if (task.desiredState === "shutdown" && task.currentState === "running") return "warn";
  return TONES[task.currentState] ?? "warn";
}

/** `web.2`, or the task's short id for a global service. */
function taskLabel(task: SwarmTaskView): string {
  return task.slot !== undefined ? `${task.service}.${task.slot}` : `${task.service}.${task.id.slice(0, 6)}`;
}

function Rollout(props: { readonly service: SwarmServiceView }) {
  const { service } = props;
  const share = service.desired > 0 ? Math.min(100, (service.running / service.desired) * 100) : 0;
  const update = service.updateState ? `update ${service.updateState}${service.updateMessage ? `: ${service.updateMessage}` : ""}` : "";
  return html`<tr data-swarm-service=${service.service} data-outcome=${service.outcome} data-running=${service.running} data-desired=${service.desired}>
    <td><span class="name">${service.service}</span> <span class="muted">${service.mode}</span></td>
    <td><span class="bar-track"><span class=${`bar outcome-${service.outcome}`} style=${{ width: `${share}%` }}></span></span></td>
    <td class="number">${service.running}/${service.desired}${service.stale > 0 ? html` <span class="stale">+${service.stale} old</span>` : null}</td>
    <td><span class=${`pill outcome-${service.outcome}`}>${service.outcome}</span> ${update ? html`<span class="muted">${update}</span>` : null}${service.outcome !== "converged" ? html`<div class="reason">${service.reason}</div>` : null}</td>
  </tr>`;
}

function Task(props: { readonly task: SwarmTaskView }) {
  const { task } = props;
  const moving = task.desiredState !== task.currentState && !(task.desiredState === "complete" && task.currentState === "complete");
  return html`<li class=${`task tone-${taskTone(task)}${task.current ? "" : " old-spec"}`} data-task=${task.id} data-service=${task.service} data-desired=${task.desiredState} data-current=${task.currentState} title=${task.error || task.id}>
    <span class="task-name">${taskLabel(task)}</span>
    <span class="task-state">${task.currentState}${moving ? html` <span class="muted">→ ${task.desiredState}</span>` : null}</span>
    ${task.current ? null : html`<span class="tag">old spec</span>`}
    ${task.error ? html`<div class="task-error">${task.error}</div>` : null}
  </li>`;
}

/** The pane. */
export function SwarmPane(props: { readonly swarm: SwarmOverview | undefined }) {
  const { swarm } = props;
  if (!swarm) return html`<p class="empty">Reading the swarm…</p>`;
  const placed = (hostname: string) => swarm.tasks.filter((task) => task.node === hostname);
  const unplaced = swarm.tasks.filter((task) => task.node === "");
  return html`<div class="swarm">
    <table class="rollouts">
      <thead><tr><th>Service</th><th>Rollout</th><th>Tasks</th><th>State</th></tr></thead>
      <tbody>${swarm.services.map((service) => html`<${Rollout} service=${service} />`)}</tbody>
    </table>
    <div class="nodes">
      ${swarm.nodes.map(
        (node) => html`<section class=${`swarm-node node-${node.state}`} data-node=${node.hostname} data-node-state=${node.state}>
          <h3>${node.hostname} <span class="muted">${node.role} · ${node.state} · ${node.availability}</span></h3>
          <ul class="tasks">${placed(node.hostname).map((task) => html`<${Task} task=${task} />`)}</ul>
          ${placed(node.hostname).length === 0 ? html`<p class="empty">no tasks</p>` : null}
        </section>`,
      )}
      ${unplaced.length > 0
        ? html`<section class="swarm-node" data-node="">
            <h3>not placed <span class="muted">waiting for a node</span></h3>
            <ul class="tasks">${unplaced.map((task) => html`<${Task} task=${task} />`)}</ul>
          </section>`
        : null}
    </div>
  </div>`;
}
