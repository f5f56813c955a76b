/**
 * The dashboard page: one view of panes over one store. The graph and the
 * services table on top, then the logs beside a tabbed pane (events, plan,
 * layers, audit; on a swarm, the Swarm pane too). The tab is kept in the
 * URL's hash.
 */
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { GraphPane } from "./graph.js";
import { html } from "./html.js";
import { LogsPane } from "./logs.js";
import { AuditPane, LayersPane, PlanPane, TimelinePane } from "./panes.js";
import { ServicesPane } from "./services.js";
import { SwarmPane } from "./swarm.js";
import { type PageState, Store } from "./store.js";

const TABS = ["events", "plan", "layers", "audit", "swarm"] as const;
type Tab = (typeof TABS)[number];

const store = new Store();

function useStore(): PageState {
  const [state, setState] = useState(store.state);
  useEffect(() => store.subscribe(() => setState(store.state)), []);
  return state;
}

function tabFromHash(): Tab {
  const wanted = location.hash.slice(1);
  return (TABS as readonly string[]).includes(wanted) ? (wanted as Tab) : "events";
}

function Banner(props: { readonly problem: PageState["problem"] }) {
  const { problem } = props;
  if (!problem) return null;
  return html`<div class="banner" role="alert">
    <strong>The stack files do not load: nothing was applied.</strong> The panes show the last stack that loaded.
    <ul>${problem.issues.length > 0 ? problem.issues.map((issue) => html`<li><code>${issue.where ?? issue.path}</code> ${issue.message}</li>`) : html`<li>${problem.message}</li>`}</ul>
    ${problem.hint ? html`<p class="hint">${problem.hint}</p>` : null}
  </div>`;
}

function App() {
  const state = useStore();
  const [tab, setTab] = useState<Tab>(tabFromHash);
  const { view, session } = state;
  const actions = session?.actionsAllowed ?? false;
  const onSwarm = session?.target === "swarm";
  // The Swarm pane exists only on a swarm; a single engine has containers to act on.
  const tabs = TABS.filter((name) => name !== "swarm" || onSwarm);
  const buildable = new Set((view?.nodes ?? []).filter((node) => node.buildable).map((node) => node.name));
  const act = (action: string, service?: string) => void store.act(action, service);
  const select = (next: Tab) => {
    setTab(next);
    history.replaceState(null, "", `${location.pathname}${location.search}#${next}`);
  };
  const counts: Record<Tab, number> = { events: state.timeline.length, plan: (view?.plan as { operations?: unknown[] } | undefined)?.operations?.length ?? 0, layers: view?.layers.length ?? 0, audit: view?.findings.length ?? 0, swarm: state.swarm?.nodes.length ?? 0 };
  return html`
    <header>
      <h1>tsd <span class="project">${view?.project ?? ""}</span></h1>
      <span class="files">${view?.files.join(", ")}</span>
      <span class=${state.connected ? "live on" : "live off"} data-connected=${String(state.connected)}>${state.connected ? "live" : "reconnecting…"}</span>
      ${actions ? html`<button type="button" data-action="up" onClick=${() => act("up")}>up</button>` : html`<span class="readonly" title="start tsd ui with --allow-actions to act on the stack">read-only</span>`}
    </header>
    <${Banner} problem=${state.problem} />
    ${state.error ? html`<div class="error-line" role="status">${state.error}</div>` : null}
    <main>
      <section class="pane graph-pane" aria-label="graph"><h2>Dependency graph</h2><div class="scroll"><${GraphPane} nodes=${view?.nodes ?? []} edges=${view?.edges ?? []} services=${state.services} findings=${view?.findings ?? []} /></div></section>
      <section class="pane services-pane" aria-label="services"><h2>Services</h2><div class="scroll"><${ServicesPane} services=${state.services} actions=${actions && !onSwarm} buildable=${buildable} act=${act} /></div></section>
      <section class="pane logs" aria-label="logs"><h2>Logs</h2><${LogsPane} logs=${state.logs} services=${(view?.nodes ?? []).map((node) => node.name)} /></section>
      <section class="pane tabs" aria-label="details">
        <nav role="tablist">${tabs.map((name) => html`<button type="button" role="tab" data-tab=${name} aria-selected=${String(tab === name)} onClick=${() => select(name)}>${name} <span class="count">${counts[name]}</span></button>`)}</nav>
        <div class="scroll" data-pane=${tab}>
          ${tab === "events" ? html`<${TimelinePane} entries=${state.timeline} />` : null}
          ${tab === "plan" ? html`<${PlanPane} plan=${view?.plan} error=${view?.planError} />` : null}
          ${tab === "layers" ? html`<${LayersPane} images=${view?.layers ?? []} />` : null}
          ${tab === "audit" ? html`<${AuditPane} findings=${view?.findings ?? []} />` : null}
          ${tab === "swarm" ? html`<${SwarmPane} swarm=${state.swarm} />` : null}
        </div>
      </section>
    </main>
  `;
}

const root = document.getElementById("app");
if (root) {
  store.start().catch((error: unknown) => store.update({ error: String(error) }));
  // The server's "Loading…" placeholder goes; preact renders into an empty root.
  root.textContent = "";
  render(html`<${App} />`, root);
}
