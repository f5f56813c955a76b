// Builds dist/: the CLI and the schema script bundled with esbuild.
//
// Why bundle: a CLI run spends most of its time resolving and compiling
// hundreds of small modules (zod, yaml, dockerode and theirs). One bundle,
// split at tsd's own lazy `import()`s so `tsd config` never loads the engine
// code, starts in about half the time; `npm run bench` shows it.
// Type checking stays with `tsc --noEmit` (npm run typecheck).
import { build } from "esbuild";
import { rmSync } from "node:fs";

rmSync("dist", { recursive: true, force: true });

/**
 * dockerode and docker-modem load code at start-up that only some engines
 * need: dockerode's BuildKit session (gRPC, protobuf: a third of its weight;
 * tsd builds with the classic builder) and docker-modem's ssh:// transport
 * (ssh2 and its crypto). Keep those modules out of the bundle and load them
 * from node_modules only when first called.
 */
const LAZY_MODULES = [
  { importer: "dockerode", request: "./session", module: "dockerode/lib/session.js" },
  { importer: "docker-modem", request: "./ssh", module: "docker-modem/lib/ssh.js" },
];
const lazyModules = {
  name: "lazy-modules",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^\.\/(session|ssh)$/ }, (args) => {
      const lazy = LAZY_MODULES.find((entry) => entry.request === args.path && args.importer.includes(`/node_modules/${entry.importer}/`));
      return lazy ? { path: lazy.module, namespace: "tsd-lazy" } : undefined;
    });
    pluginBuild.onLoad({ filter: /.*/, namespace: "tsd-lazy" }, (args) => ({
      contents: `module.exports = function lazy(...args) { return require(${JSON.stringify(args.path)})(...args); };`,
      loader: "js",
    }));
  },
};

await build({
  entryPoints: { "cli/main": "src/cli/main.ts", "scripts/generate-schema": "src/scripts/generate-schema.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20.19",
  sourcemap: true,
  // ssh2 (only for ssh:// engines) and its optional native helper stay external, as npm may not have built them.
  external: ["cpu-features", "ssh2", ...LAZY_MODULES.map((entry) => entry.module)],
  // Bundled CommonJS code calls require(); give ESM output a real one.
  banner: { js: "import { createRequire as __tsdCreateRequire } from 'node:module'; const require = __tsdCreateRequire(import.meta.url);" },
  plugins: [lazyModules],
  logLevel: "warning",
});
