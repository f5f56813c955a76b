/**
 * A container's last log lines under a report (a crash loop, a failed
 * `--wait`), indented under a heading, the same wherever they are shown.
 */

/** The last log lines as report lines, indented under a heading (or "no log output"). */
export function logTailReport(lines: readonly string[]): string[] {
  if (lines.length === 0) return ["  no log output"];
  return [`  last ${lines.length} log lines:`, ...lines.map((line) => `    ${line}`)];
}
