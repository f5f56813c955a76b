/**
 * The log pane: every service's output merged (or one service's), following
 * live, stderr marked apart from stdout, ANSI colours rendered, with a text
 * or regular-expression filter kept in the URL (`?logs=…&re=1&service=…`),
 * so a reload or a shared link keeps it.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { AnsiText } from "./ansi.js";
import { html } from "./html.js";
import { type LogFilter, lineMatcher, withoutAnsi } from "./model.js";
import type { LogLine } from "./store.js";

/** Lines rendered at most (the newest). */
const SHOWN = 800;

function filterFromUrl(): LogFilter {
  const params = new URLSearchParams(location.search);
  return { service: params.get("service") ?? "", text: params.get("logs") ?? "", regex: params.get("re") === "1" };
}

function filterToUrl(filter: LogFilter): void {
  const params = new URLSearchParams(location.search);
  const set = (key: string, value: string) => (value ? params.set(key, value) : params.delete(key));
  set("service", filter.service);
  set("logs", filter.text);
  set("re", filter.regex ? "1" : "");
  const query = params.toString();
  history.replaceState(null, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
}

/** The logs pane. */
export function LogsPane(props: { readonly logs: readonly LogLine[]; readonly services: readonly string[] }) {
  const [filter, setFilter] = useState<LogFilter>(filterFromUrl);
  const list = useRef<HTMLDivElement>(null);
  const change = (next: Partial<LogFilter>) => {
    const updated = { ...filter, ...next };
    setFilter(updated);
    filterToUrl(updated);
  };
  const matcher = lineMatcher(filter);
  const shown = props.logs.filter((line) => (filter.service === "" || line.service === filter.service) && matcher.test(withoutAnsi(line.text))).slice(-SHOWN);
  useEffect(() => {
    const element = list.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [shown.length, shown.at(-1)?.sequence]);
  return html`
    <div class="logs-pane">
      <div class="toolbar">
        <select aria-label="service" value=${filter.service} onChange=${(event: Event) => change({ service: (event.target as HTMLSelectElement).value })}>
          <option value="">all services</option>
          ${props.services.map((service) => html`<option value=${service}>${service}</option>`)}
        </select>
        <input type="search" name="log-filter" placeholder="filter lines (text, or a regex)" value=${filter.text} onInput=${(event: Event) => change({ text: (event.target as HTMLInputElement).value })} />
        <label><input type="checkbox" name="log-regex" checked=${filter.regex} onChange=${(event: Event) => change({ regex: (event.target as HTMLInputElement).checked })} /> regex</label>
        ${matcher.error ? html`<span class="filter-error">${matcher.error}</span>` : html`<span class="count">${shown.length} line(s)</span>`}
      </div>
      <div class="log-lines" ref=${list}>
        ${shown.map(
          (line) => html`<div class=${`log-line ${line.stream}`} data-service=${line.service} data-stream=${line.stream}>
            <span class="log-source" title=${line.container}>${line.service}</span>${line.stream === "stderr" ? html`<span class="stream-mark" title="stderr">err</span>` : null}<${AnsiText} text=${line.text} />
          </div>`,
        )}
      </div>
    </div>
  `;
}
