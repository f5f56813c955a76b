// Builds dist/ in two parts, both bundled with esbuild:
// - the front, dist/cli/main.js: one small CommonJS file with commander and the
//   CLI wiring (src/cli/main.ts, program.ts, wiring/), all `tsd --help` and
//   `tsd --version` load. It turns on Node's module compile cache where the
//   running Node has it (module.enableCompileCache, Node >= 22.1) first.
// - the back, dist/cli/back/: every module the front imports lazily (each verb's
//   command, the error report), as ES modules split into shared chunks, so a verb
//   loads only what it uses (`config` reads stacks without loading dockerode).
//
// Why: a CLI run used to read, hash and compile one 2.5 MB bundle (every verb,
// zod, yaml, dockerode) before doing anything: `tsd --version` cost twice a bare
// `node -e 0` and 20 MB of memory. The front is CommonJS because Node 20 starts
// its ES module loader only when a first ES module loads, which --help never does.
// v8-compile-cache, the code cache this used to lean on, serves CommonJS only and
// measured no gain on the old bundle (docs/benchmarks.md).
// Type checking stays with `tsc --noEmit` (npm run typecheck).
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";

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
      contents: `import { createRequire } from "node:module";
const load = () => createRequire(import.meta.url)(${JSON.stringify(args.path)});
export default new Proxy(function lazy() {}, { apply: (_target, self, args) => load().apply(self, args), get: (_target, key) => load()[key] });`,
      loader: "js",
    }));
  },
};

/**
 * zod's classic API re-exports every locale it has (`z.locales`: 300 kB of
 * messages in 40 languages, over a third of zod), which the bundler must
 * keep since the namespace is exported whole. tsd words its own messages
 * and only ever uses English: the namespace keeps English alone.
 */
const zodEnglishOnly = {
  name: "zod-english-only",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /\/node_modules\/zod\/v4\/(classic|core)\//.test(args.importer) ? { path: join(args.resolveDir, "../locales/en.js"), namespace: "zod-locales" } : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: process.cwd(),
      loader: "js",
    }));
  },
};

/**
 * commander loads node:child_process up front for executable subcommands,
 * which tsd has none of; compiling that built-in was a tenth of `tsd --help`.
 * It is loaded on first use instead.
 */
const lazyChildProcess = {
  name: "lazy-child-process",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes("/node_modules/commander/") ? { path: "child_process", namespace: "tsd-lazy-builtin" } : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: "tsd-lazy-builtin" }, () => ({
      contents: 'module.exports = new Proxy({}, { get: (_target, key) => require("node:child_process")[key] });',
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
  format: "esm",
  platform: "node",
  target: "node20.19",
  sourcemap: true,
  // Less text to read and compile at every start; names stay (error kinds, stack traces).
  minifyWhitespace: true,
  minifySyntax: true,
  // Non-ASCII anywhere (a comment, a regex) makes V8 hold the whole file as two-byte text.
  charset: "ascii",
  // ssh2 (only for ssh:// engines) and its optional native helper stay external, as npm may not have built them.
  external: ["cpu-features", "ssh2", ...LAZY_MODULES.map((entry) => entry.module)],
  define: { __TSD_BUILD_ID__: JSON.stringify(buildId()) },
  // CommonJS dependencies bundled into ES modules still call require() for Node's built-ins.
  banner: { js: 'import { createRequire as __tsdCreateRequire } from "node:module"; const require = __tsdCreateRequire(import.meta.url);' },
  plugins: [lazyModules, zodEnglishOnly],
  logLevel: "warning",
};

/** The modules the front bundles; every other module of src/ belongs to the back. */
const FRONT = [/^src\/cli\/(main|program|deferred-options)\.ts$/, /^src\/cli\/wiring\/[^/]+\.ts$/, /^src\/audit\/fail-on\.ts$/];

/**
 * The front's imports of back modules become imports of the back's entry
 * files (dist/cli/back/<path>.mjs). Only dynamic ones may: a static import
 * would load the back's chunks at every start (and CommonJS cannot require ES modules on Node 20).
 */
function backRoutes(entries) {
  return {
    name: "back-routes",
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^\.\.?\// }, (args) => {
        const source = relative(process.cwd(), resolve(args.resolveDir, args.path)).replace(/\.js$/, ".ts");
        if (!source.startsWith("src/") || FRONT.some((pattern) => pattern.test(source))) return undefined;
        if (args.kind !== "dynamic-import") return { errors: [{ text: `the CLI front imports ${source} statically; import it with import() (see scripts/build.mjs)` }] };
        const name = source.slice("src/".length, -".ts".length);
        entries[name] = source;
        return { path: `./back/${name}.mjs`, external: true };
      });
    },
  };
}

const backEntries = {};
await build({
  ...common,
  format: "cjs",
  entryPoints: ["src/cli/main.ts"],
  outfile: `${out}/cli/main.js`,
  // The sources are ESM; in a CommonJS bundle, import.meta is rebuilt from the file's own path.
  define: { ...common.define, "import.meta.url": "__tsdImportMetaUrl" },
  banner: { js: '"use strict";\nrequire("node:module").enableCompileCache?.();\nconst __tsdImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  plugins: [backRoutes(backEntries), lazyChildProcess],
});
await build({ ...common, entryPoints: backEntries, outdir: `${out}/cli/back`, splitting: true, outExtension: { ".js": ".mjs" }, chunkNames: "chunks/[name]-[hash]" });
await build({ ...common, format: "cjs", banner: {}, define: { ...common.define, "import.meta.dirname": "__dirname" }, entryPoints: ["src/scripts/generate-schema.ts"], outfile: `${out}/scripts/generate-schema.cjs` });

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

writeFileSync(`${out}/package.json`, `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`);
chmodSync(`${out}/cli/main.js`, 0o755);

const previous = `dist.previous-${process.pid}`;
if (existsSync("dist")) renameSync("dist", previous);
renameSync(out, "dist");
rmSync(previous, { recursive: true, force: true });
