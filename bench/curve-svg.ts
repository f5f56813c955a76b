/**
 * The cost curve as a picture: one small chart per phase (time against N,
 * N on a log scale), one line per tool. Plain SVG written by hand: the
 * picture is a few dozen shapes, so a charting library (and the headless
 * renderer or native canvas most of them need to write a file) would add
 * far more than it saves; the output is deterministic text that diffs well
 * and renders on any forge or browser.
 */

/** One line of a chart: a tool's milliseconds by N. */
export interface Series {
  readonly name: string;
  readonly color: string;
  readonly dashed?: boolean;
  readonly points: readonly { readonly n: number; readonly ms: number }[];
}

/** One chart: a title and its lines. */
export interface Panel {
  readonly title: string;
  readonly series: readonly Series[];
}

const PANEL_WIDTH = 380;
const PANEL_HEIGHT = 250;
const MARGIN = { left: 58, right: 14, top: 30, bottom: 40 };

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A round step (1, 2 or 5 × 10^k) giving about five ticks up to `max`. */
function tickStep(max: number): number {
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].map((factor) => factor * power).find((step) => step >= raw) ?? 10 * power);
}

function secondsLabel(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s` : `${ms.toFixed(0)} ms`;
}

function panelSvg(panel: Panel, ns: readonly number[], x0: number, y0: number): string {
  const width = PANEL_WIDTH - MARGIN.left - MARGIN.right;
  const height = PANEL_HEIGHT - MARGIN.top - MARGIN.bottom;
  const values = panel.series.flatMap((series) => series.points.map((point) => point.ms)).filter(Number.isFinite);
  const step = tickStep(Math.max(1, ...values));
  const top = Math.ceil(Math.max(1, ...values) / step) * step;
  const [low, high] = [Math.log10(Math.min(...ns)), Math.log10(Math.max(...ns))];
  const x = (n: number) => x0 + MARGIN.left + ((Math.log10(n) - low) / (high - low || 1)) * width;
  const y = (ms: number) => y0 + MARGIN.top + height - (ms / top) * height;
  const parts: string[] = [`<text x="${x0 + MARGIN.left}" y="${y0 + 18}" font-weight="bold">${escapeText(panel.title)}</text>`];
  for (let tick = 0; tick <= top + step / 2; tick += step) {
    parts.push(`<line x1="${x0 + MARGIN.left}" x2="${x0 + MARGIN.left + width}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="#ddd"/>`);
    parts.push(`<text x="${x0 + MARGIN.left - 6}" y="${(y(tick) + 4).toFixed(1)}" text-anchor="end" font-size="11">${secondsLabel(tick)}</text>`);
  }
  for (const n of ns) {
    parts.push(`<line x1="${x(n).toFixed(1)}" x2="${x(n).toFixed(1)}" y1="${y0 + MARGIN.top}" y2="${y0 + MARGIN.top + height}" stroke="#eee"/>`);
    parts.push(`<text x="${x(n).toFixed(1)}" y="${y0 + MARGIN.top + height + 16}" text-anchor="middle" font-size="11">${n}</text>`);
  }
  parts.push(`<text x="${x0 + MARGIN.left + width / 2}" y="${y0 + PANEL_HEIGHT - 6}" text-anchor="middle" font-size="11">services (N, log scale)</text>`);
  for (const series of panel.series) {
    const points = series.points.filter((point) => Number.isFinite(point.ms));
    if (points.length === 0) continue;
    const path = points.map((point) => `${x(point.n).toFixed(1)},${y(point.ms).toFixed(1)}`).join(" ");
    parts.push(`<polyline fill="none" stroke="${series.color}" stroke-width="2"${series.dashed ? ' stroke-dasharray="5 3"' : ""} points="${path}"/>`);
    for (const point of points) parts.push(`<circle cx="${x(point.n).toFixed(1)}" cy="${y(point.ms).toFixed(1)}" r="3" fill="${series.color}"/>`);
  }
  return parts.join("\n");
}

/** The whole picture: panels two by two, a title (and a smaller line under it), and a legend. */
export function curveSvg(title: string, panels: readonly Panel[], ns: readonly number[], subtitle?: string): string {
  const columns = 2;
  const rows = Math.ceil(panels.length / columns);
  const width = columns * PANEL_WIDTH;
  const top = subtitle === undefined ? 40 : 58;
  const height = rows * PANEL_HEIGHT + top + 20;
  const body = panels.map((panel, index) => panelSvg(panel, ns, (index % columns) * PANEL_WIDTH, top + Math.floor(index / columns) * PANEL_HEIGHT));
  const legend = (panels[0]?.series ?? []).map((series, index) => {
    const lx = 20 + index * 170;
    return `<line x1="${lx}" x2="${lx + 24}" y1="${height - 14}" y2="${height - 14}" stroke="${series.color}" stroke-width="2"${series.dashed ? ' stroke-dasharray="5 3"' : ""}/><text x="${lx + 30}" y="${height - 10}" font-size="12">${escapeText(series.name)}</text>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${escapeText(title)}</text>`,
    ...(subtitle === undefined ? [] : [`<text x="${width / 2}" y="44" text-anchor="middle" font-size="12">${escapeText(subtitle)}</text>`]),
    ...body,
    ...legend,
    "</svg>",
    "",
  ].join("\n");
}
