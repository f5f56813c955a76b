/**
 * The smaller panes: the events timeline, the plan (what `tsd up` would do
 * now, and why), the image layers (ImageLayers: each step's size as a bar,
 * shared layers marked), and the audit's findings with their file:line.
 */
import { html } from "./html.js";
import { sizeText } from "./model.js";
import type { TimelineEntry } from "./event-text.js";
import type { PlanStep, StackImage, ViewFinding } from "./types.js";

function clock(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour12: false });
}

/** The events timeline, newest first. */
export function TimelinePane(props: { readonly entries: readonly TimelineEntry[] }) {
  if (props.entries.length === 0) return html`<p class="empty">No events yet. Starts, deaths, health changes and restarts appear here as they happen.</p>`;
  return html`<ol class="timeline">
    ${[...props.entries].reverse().map(
      (entry) => html`<li class=${`tone-${entry.tone}`} data-service=${entry.service}>
        <time>${clock(entry.at)}</time>${entry.service ? html`<span class="service">${entry.service}</span>` : null}<span class="text">${entry.text}</span>
      </li>`,
    )}
  </ol>`;
}

const ACTION_MARKS: Readonly<Record<string, string>> = { create: "+", replace: "-/+", update: "~", remove: "-", start: "▶", stop: "■", run: "▶", wait: "…", build: "⚙", pull: "↓", rename: "→" };

/** The plan pane. */
export function PlanPane(props: { readonly plan: unknown; readonly error?: string }) {
  const plan = (props.plan ?? { operations: [], notes: [] }) as { operations: PlanStep[]; notes: string[] };
  return html`<div class="plan">
    ${props.error ? html`<p class="plan-error">The plan could not be made: ${props.error}</p>` : null}
    ${plan.operations.length === 0 && !props.error ? html`<p class="empty" data-plan-empty="true">Nothing to do: the stack is up to date.</p>` : null}
    <ol class="plan-steps">
      ${plan.operations.map(
        (step) => html`<li data-step=${step.id} class=${`action-${step.action}`}>
          <span class="mark">${ACTION_MARKS[step.action] ?? "·"}</span> <span class="verb">${step.action}</span> <span class="target">${step.target}</span>
          <div class="cause">${step.cause}${step.after.length > 0 ? html` <span class="after">↳ after ${step.after.join(", ")}</span>` : null}</div>
        </li>`,
      )}
    </ol>
    ${plan.notes.map((note) => html`<p class="note">${note}</p>`)}
  </div>`;
}

/** The layers pane: for each image, its steps in build order, sizes as bars. */
export function LayersPane(props: { readonly images: readonly StackImage[] }) {
  if (props.images.length === 0) return html`<p class="empty">No images.</p>`;
  const largest = Math.max(1, ...props.images.flatMap((image) => (image.layers ?? []).map((layer) => layer.sizeBytes)));
  return html`<div class="layers">
    ${props.images.map(
      (image) => html`<section class="image" data-image=${image.reference}>
        <h3>${image.reference} <span class="muted">${image.services.join(", ")} · ${image.layers ? sizeText(image.totalBytes) : "not present on the engine"}</span></h3>
        ${image.layers
          ? html`<ol class="layer-list">
              ${[...image.layers].reverse().map(
                (layer) => html`<li class=${layer.sharedWith.length > 0 ? "layer shared" : "layer"} data-size=${layer.sizeBytes} data-created-by=${layer.createdBy}>
                  <span class="bar-track"><span class="bar" style=${{ width: `${Math.max(layer.sizeBytes > 0 ? 1 : 0, (layer.sizeBytes / largest) * 100)}%` }}></span></span>
                  <span class="size">${sizeText(layer.sizeBytes)}</span>
                  <code class="step" title=${layer.createdBy}>${layer.createdBy || layer.comment || "(base layer)"}</code>
                  ${layer.sharedWith.length > 0 ? html`<span class="shared-mark" title=${`shared with ${layer.sharedWith.join(", ")}`}>shared</span>` : null}
                </li>`,
              )}
            </ol>`
          : null}
      </section>`,
    )}
  </div>`;
}

/** The audit pane: findings by severity, each placed. */
export function AuditPane(props: { readonly findings: readonly ViewFinding[] }) {
  if (props.findings.length === 0) return html`<p class="empty">No audit findings.</p>`;
  return html`<ul class="findings">
    ${props.findings.map(
      (finding) => html`<li class=${`severity-${finding.severity}`} data-service=${finding.service} data-rule=${finding.rule}>
        <span class="severity">${finding.severity}</span> <span class="service">${finding.service}</span> ${finding.where ? html`<code class="where">${finding.where}</code>` : null}
        <div class="message">${finding.message}</div>
        ${finding.fix ? html`<pre class="fix">${finding.fix}</pre>` : null}
      </li>`,
    )}
  </ul>`;
}
