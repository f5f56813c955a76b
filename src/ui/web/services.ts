/**
 * The services table: one row per container, with its status, health and
 * the last probe's output, restarts, ports (published ones as links) and
 * image; with actions allowed, restart, stop and start buttons, and rebuild
 * for services built from a Dockerfile. On a swarm, rows are tasks.
 */
import { html } from "./html.js";
import type { ReplicaOverview } from "./types.js";

/** `127.0.0.1:8080->80/tcp` → a link to the host side, when it is reachable from here. */
function portCell(port: string) {
  const match = /^(?:(\d+\.\d+\.\d+\.\d+|\[[^\]]+\]|[^:]*):)?(\d+)->(\d+)\/tcp$/.exec(port);
  if (!match) return html`<span>${port}</span>`;
  const host = !match[1] || match[1] === "0.0.0.0" || match[1] === "[::]" || match[1] === "::" ? "127.0.0.1" : match[1];
  return html`<a href=${`http://${host}:${match[2]}/`} target="_blank" rel="noopener noreferrer">${port}</a>`;
}

/** The services pane. */
export function ServicesPane(props: { readonly services: readonly ReplicaOverview[]; readonly actions: boolean; readonly buildable: ReadonlySet<string>; readonly act: (action: string, service: string) => void }) {
  const { services, actions, buildable, act } = props;
  if (services.length === 0) return html`<p class="empty">Nothing runs yet: no containers of this project on the engine.</p>`;
  return html`
    <table class="services">
      <thead>
        <tr><th>Service</th><th>Status</th><th>Health</th><th title="restarts">Restarts</th><th>Ports</th>${actions ? html`<th>Actions</th>` : null}</tr>
      </thead>
      <tbody>
        ${services.map(
          (replica) => html`
            <tr data-service=${replica.service} data-container=${replica.name} data-status=${replica.state}>
              <td><span class="name">${replica.service}${replica.replica !== undefined ? html`<span class="muted"> #${replica.replica}</span>` : null}</span>${replica.kind !== "service" ? html` <span class="tag">${replica.kind}</span>` : null}<div class="container-name" title=${replica.name}>${replica.name}</div><div class="image" title=${replica.image}>${replica.image}</div></td>
              <td><span class=${`pill status-${replica.state}`}>${replica.status}</span></td>
              <td title=${replica.lastProbe}>${replica.health || "—"}${replica.lastProbe ? html`<div class="probe">${replica.lastProbe}</div>` : null}</td>
              <td class="number">${replica.restartCount}</td>
              <td>${replica.ports.length === 0 ? "—" : replica.ports.map((port) => html`<div>${portCell(port)}</div>`)}</td>
              ${actions && replica.kind === "service"
                ? html`<td class="actions">
                    <button type="button" data-action="restart" onClick=${() => act("restart", replica.service)}>restart</button>
                    <button type="button" data-action="stop" onClick=${() => act("stop", replica.service)}>stop</button>
                    <button type="button" data-action="start" onClick=${() => act("start", replica.service)}>start</button>
                    ${buildable.has(replica.service) ? html`<button type="button" data-action="rebuild" title="build the image again and recreate the service if it changed" onClick=${() => act("rebuild", replica.service)}>rebuild</button>` : null}
                  </td>`
                : actions
                  ? html`<td></td>`
                  : null}
            </tr>
          `,
        )}
      </tbody>
    </table>
  `;
}
