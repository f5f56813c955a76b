// Builds dist/: tsd bundled with esbuild into one CommonJS file, started by a
// tiny launcher that turns on V8's code cache for it.
//
// Why: a CLI run used to spend most of its time resolving and compiling
// hundreds of small modules (zod, yaml, dockerode and theirs). One bundle
// whose compiled code V8 keeps between runs (v8-compile-cache) starts in a
// fraction of that; `npm run bench` shows it. Module bodies stay lazy: tsd's
// own `import()`s still run only when their command does.
// Type checking stays with `tsc --noEmit` (npm run typecheck).
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// Built beside dist/ and swapped in at the end, so tests and commands running
// the CLI meanwhile never see a half-written dist/.
const out = `dist.building-${process.pid}`;
rmSync(out, { recursive: true, force: true });

/**
 * dockerode and docker-modem load code at start-up that only some engines
 * need: dockerode's BuildKit session and progress decoder (gRPC, protobuf:
 * most of its weight; tsd builds with the classic builder) and docker-modem's
 * ssh:// transport (ssh2 and its crypto). Keep those modules out of the
 * bundle and load them from node_modules only when first used.
 */
const LAZY_MODULES = [
  { importer: "dockerode", request: "./session", module: "dockerode/lib/session.js" },
  { importer: "dockerode", request: "./buildkit", module: "dockerode/lib/buildkit.js" },
  { importer: "docker-modem", request: "./ssh", module: "docker-modem/lib/ssh.js" },
];
const lazyModules = {
  name: "lazy-modules",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^\.\/(session|buildkit|ssh)$/ }, (args) => {
      const lazy = LAZY_MODULES.find((entry) => entry.request === args.path && args.importer.includes(`/node_modules/${entry.importer}/`));
      return lazy ? { path: lazy.module, namespace: "tsd-lazy" } : undefined;
    });
    pluginBuild.onLoad({ filter: /.*/, namespace: "tsd-lazy" }, (args) => ({
      // A proxy stands for the module, a function (session, ssh) or an object (buildkit) alike.
      contents: `const load = () => require(${JSON.stringify(args.path)});
module.exports = new Proxy(function lazy() {}, { apply: (_target, self, args) => load().apply(self, args), get: (_target, key) => load()[key] });`,
      loader: "js",
    }));
  },
};

/**
 * A digest of everything that shapes a build: the sources, the locked
 * dependencies and this script. tsd's stack cache only reads entries written
 * by the same build (a cached stack's shape is the shape of this build's model).
 */
function buildId() {
  const hash = createHash("sha256");
  const files = readdirSync("src", { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of [...files, "package-lock.json", "scripts/build.mjs"]) hash.update(file).update("\0").update(readFileSync(file)).update("\0");
  return hash.digest("hex").slice(0, 16);
}

const common = {
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20.19",
  sourcemap: true,
  // ssh2 (only for ssh:// engines) and its optional native helper stay external, as npm may not have built them.
  external: ["cpu-features", "ssh2", ...LAZY_MODULES.map((entry) => entry.module)],
  // The sources are ESM; in a CommonJS bundle, import.meta is rebuilt from the file's own path.
  define: { "import.meta.url": "__tsdImportMetaUrl", "import.meta.dirname": "__dirname", __TSD_BUILD_ID__: JSON.stringify(buildId()) },
  banner: { js: 'const __tsdImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  plugins: [lazyModules],
  logLevel: "warning",
};

await build({ ...common, entryPoints: ["src/cli/main.ts"], outfile: `${out}/cli/tsd.cjs` });
await build({ ...common, entryPoints: ["src/scripts/generate-schema.ts"], outfile: `${out}/scripts/generate-schema.cjs` });

// The dashboard's page (tsd ui): preact + htm, bundled for the browser as one
// module beside its stylesheet; the server sends both from dist/ui/.
await build({
  entryPoints: ["src/ui/web/main.ts"],
  outfile: `${out}/ui/app.js`,
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  sourcemap: false,
  logLevel: "warning",
});
mkdirSync(`${out}/ui`, { recursive: true });
writeFileSync(`${out}/ui/app.css`, readFileSync("src/ui/web/app.css"));

mkdirSync(`${out}/cli`, { recursive: true });
// dist/ is CommonJS, so the launcher is the process's main module: v8-compile-cache
// names its cache after the main module (one cache per install); without one it
// would fall back to the working directory and keep a cache per project folder.
writeFileSync(`${out}/package.json`, `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`);
writeFileSync(
  `${out}/cli/main.js`,
  `#!/usr/bin/env node
// tsd's launcher: V8's code cache for the bundle, then the bundle (see scripts/build.mjs).
"use strict";
require("v8-compile-cache");
require("./tsd.cjs");
`,
);
chmodSync(`${out}/cli/main.js`, 0o755);

const previous = `dist.previous-${process.pid}`;
if (existsSync("dist")) renameSync("dist", previous);
renameSync(out, "dist");
rmSync(previous, { recursive: true, force: true });
