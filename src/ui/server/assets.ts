/**
 * The page and its two files, built into dist/ui/ by scripts/build.mjs
 * (app.js: the bundled front end; app.css). The page holds no inline script
 * or style, so the Content-Security-Policy can forbid both.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";

/** The one page. The empty icon keeps the browser from asking for /favicon.ico. */
export const INDEX_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>tsd ui</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/app.css">
<script type="module" src="/assets/app.js"></script>
</head>
<body><div id="app"><p class="loading">Loading the dashboard…</p></div></body>
</html>
`;

/** The files under /assets/ and their types. */
const ASSETS: Readonly<Record<string, string>> = {
  "app.js": "text/javascript; charset=utf-8",
  "app.css": "text/css; charset=utf-8",
};

/** An asset's bytes and type, or undefined for a name that is not one. */
export async function readAsset(directory: string, name: string): Promise<{ readonly body: Buffer; readonly type: string } | undefined> {
  const type = ASSETS[name];
  if (type === undefined) return undefined;
  return { body: await readFile(join(directory, name)), type };
}
