/**
 * The line a located error points at, with a caret under the column, as
 * compilers print it: shown on a terminal, where a person reads it, and left
 * out of logs and pipes, where tools read `file:line:col`.
 */

/** `  12 |       - reddis` / `     |         ^`, or `undefined` when the line is not in `text`. */
export function codeFrame(text: string, line: number, column: number): string | undefined {
  const source = text.replace(/^\uFEFF/, "").split(/\r?\n/)[line - 1];
  if (source === undefined) return undefined;
  const gutter = String(line);
  // Keep the line's tabs in the caret's lead, so the caret sits under the column whatever the tab width.
  const lead = source.slice(0, Math.max(0, column - 1)).replace(/[^\t]/g, " ");
  return [`  ${gutter} | ${source.trimEnd()}`, `  ${" ".repeat(gutter.length)} | ${lead}^`].join("\n");
}
