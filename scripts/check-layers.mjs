#!/usr/bin/env node
/**
 * The layering check `npm test` runs before the tests: reads every import of
 * every file under src/ (static, dynamic and type-only alike, with
 * TypeScript's own pre-processor, so no import form is missed) and fails
 * when
 *   - files import each other in a cycle,
 *   - a folder imports one that its row of LAYERS does not name (the picture
 *     in docs/architecture.md, as data),
 *   - a package is imported from a folder PACKAGE_OWNERS does not allow
 *     (dockerode only in the Docker API adapter), or
 *   - one target imports another (each target stands on its own).
 *
 *   node scripts/check-layers.mjs [SRC_DIR]    prints every violation; exit 1 if any
 *
 * A violation names the importing file, the line and the import, so the fix
 * starts where the problem is.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/**
 * What each folder of src/ may import besides itself, bottom to top. A root
 * file of src/ counts as the folder named by its base name.
 */
export const LAYERS = {
  base: [],
  stack: ["base"],
  graph: ["base", "stack"],
  project: ["base", "stack", "graph"],
  events: ["base", "stack"],
  plan: ["base", "stack", "graph", "project", "events"],
  "docker-api": ["base"],
  audit: ["base", "stack", "project"],
  init: ["base", "stack"],
  watch: ["base", "stack", "project", "events"],
  targets: ["base", "stack", "graph", "project", "plan", "events", "docker-api", "watch"],
  app: ["base", "stack", "graph", "project", "plan", "events", "targets", "watch", "audit", "init"],
  cli: ["base", "stack", "graph", "plan", "events", "audit", "app", "ui"],
  ui: ["base", "stack", "graph", "plan", "events", "audit", "app", "watch"],
  scripts: ["base", "stack"],
};

/** Packages only some folders may import (a path prefix under src/). */
export const PACKAGE_OWNERS = {
  dockerode: ["docker-api/dockerode/"],
  "docker-modem": ["docker-api/dockerode/"],
};

/** Every .ts file under `directory`, as paths relative to it with `/` separators. */
function sourceFiles(directory, prefix = "") {
  const files = [];
  for (const entry of readdirSync(directory).sort()) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path, `${prefix}${entry}/`));
    else if (entry.endsWith(".ts") && !entry.endsWith(".d.ts")) files.push(`${prefix}${entry}`);
  }
  return files;
}

/** The folder a file belongs to: its first path segment, or its base name for a root file. */
export function layerOf(file) {
  const [first, ...rest] = file.split("/");
  return rest.length === 0 ? first.replace(/\.ts$/, "") : first;
}

/** `targets/docker/x.ts` → `docker`; undefined outside a target's own folder. */
function targetOf(file) {
  const match = /^targets\/([^/]+)\//.exec(file);
  return match?.[1];
}

/** A relative specifier resolved to a source file of the tree, or undefined when it names none. */
function resolveSpecifier(fromFile, specifier, known) {
  const base = join(dirname(fromFile), specifier).split(sep).join("/");
  for (const candidate of [base.replace(/\.js$/, ".ts"), `${base}.ts`, `${base}/index.ts`]) {
    if (known.has(candidate)) return candidate;
  }
  return undefined;
}

/** The package a bare specifier names: `@scope/name` or `name`. */
function packageName(specifier) {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** Every import of `text`: specifier and line. */
function importsOf(text) {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles.map((entry) => ({ specifier: entry.fileName, line: text.slice(0, entry.pos).split("\n").length }));
}

/** Reads the tree: edges between files, and the violations of the folder and package rules. */
function readTree(srcDir) {
  const files = sourceFiles(srcDir);
  const known = new Set(files);
  const edges = new Map(files.map((file) => [file, []]));
  const violations = [];
  for (const file of files) {
    const from = layerOf(file);
    const allowed = LAYERS[from];
    if (allowed === undefined) violations.push(`${file}: folder "${from}" has no row in LAYERS (scripts/check-layers.mjs): say what it may import`);
    for (const { specifier, line } of importsOf(readFileSync(join(srcDir, file), "utf8"))) {
      const where = `${file}:${line}`;
      if (!specifier.startsWith(".")) {
        if (specifier.startsWith("node:")) continue;
        const owners = PACKAGE_OWNERS[packageName(specifier)];
        if (owners && !owners.some((owner) => file.startsWith(owner))) violations.push(`${where}: imports ${specifier}, which only ${owners.join(", ")} may import`);
        continue;
      }
      const target = resolveSpecifier(file, specifier, known);
      if (target === undefined) continue;
      edges.get(file).push({ target, line });
      const to = layerOf(target);
      if (to !== from && allowed !== undefined && !allowed.includes(to)) violations.push(`${where}: ${from}/ may not import ${to}/ (${specifier})`);
      const ownTarget = targetOf(file);
      const otherTarget = targetOf(target);
      if (ownTarget && otherTarget && ownTarget !== otherTarget) violations.push(`${where}: target ${ownTarget} imports target ${otherTarget} (${specifier}); share through targets/ or below`);
    }
  }
  return { files, edges, violations };
}

/** Strongly connected components with more than one file (or a file importing itself), by Tarjan's algorithm. */
function cyclesOf(files, edges) {
  let index = 0;
  const indices = new Map();
  const lowLinks = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  const visit = (file) => {
    indices.set(file, index);
    lowLinks.set(file, index);
    index += 1;
    stack.push(file);
    onStack.add(file);
    for (const { target } of edges.get(file)) {
      if (!indices.has(target)) {
        visit(target);
        lowLinks.set(file, Math.min(lowLinks.get(file), lowLinks.get(target)));
      } else if (onStack.has(target)) {
        lowLinks.set(file, Math.min(lowLinks.get(file), indices.get(target)));
      }
    }
    if (lowLinks.get(file) !== indices.get(file)) return;
    const component = [];
    for (;;) {
      const member = stack.pop();
      onStack.delete(member);
      component.push(member);
      if (member === file) break;
    }
    const selfLoop = component.length === 1 && edges.get(file).some((edge) => edge.target === file);
    if (component.length > 1 || selfLoop) components.push(component.sort());
  };
  for (const file of files) if (!indices.has(file)) visit(file);
  return components.sort((a, b) => a[0].localeCompare(b[0]));
}

/** One loop through a component, as `a.ts:3 → b.ts:7 → a.ts`, so the reader sees which imports to cut. */
function describeCycle(component, edges) {
  const members = new Set(component);
  const path = [component[0]];
  const lines = [];
  const seen = new Set(path);
  for (;;) {
    const current = path[path.length - 1];
    const next = edges.get(current).find((edge) => members.has(edge.target) && (edge.target === component[0] || !seen.has(edge.target)));
    if (!next) break;
    lines.push(next.line);
    if (next.target === component[0]) break;
    path.push(next.target);
    seen.add(next.target);
  }
  const steps = path.map((file, position) => `${file}:${lines[position] ?? "?"}`);
  return `import cycle among ${component.length} file(s): ${steps.join(" → ")} → ${component[0]}`;
}

/** Every violation of the tree under `srcDir`, sorted. */
export function checkLayers(srcDir) {
  const { files, edges, violations } = readTree(srcDir);
  const cycles = cyclesOf(files, edges).map((component) => describeCycle(component, edges));
  return { files: files.length, violations: [...cycles, ...violations.sort()] };
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const srcDir = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), "..", "src"));
  const { files, violations } = checkLayers(srcDir);
  for (const violation of violations) process.stderr.write(`check-layers: ${violation}\n`);
  const where = relative(process.cwd(), srcDir) || ".";
  process.stdout.write(`check-layers: ${files} files under ${where}, ${violations.length} violation(s)\n`);
  process.exitCode = violations.length > 0 ? 1 : 0;
}
