#!/usr/bin/env node
/**
 * The size check `npm test` runs beside the layering check: no file under
 * src/ over MAX_FILE_LINES lines, and no function (declaration, method,
 * accessor, constructor, arrow or function expression) over
 * MAX_FUNCTION_LINES lines, counted from its first line to its last with
 * what it nests. Parsed with TypeScript's own parser, so a brace in a
 * string or a template never misleads it.
 *
 *   node scripts/check-size.mjs [SRC_DIR]    prints every file and function over; exit 1 if any
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export const MAX_FILE_LINES = 400;
export const MAX_FUNCTION_LINES = 60;

/** Every .ts file under `directory`. */
function sourceFiles(directory) {
  const files = [];
  for (const entry of readdirSync(directory).sort()) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (entry.endsWith(".ts") && !entry.endsWith(".d.ts")) files.push(path);
  }
  return files;
}

/** A readable name for a function node: `runUp`, `DockerTarget.planUp`, `(arrow at 12)`. */
function nameOf(node, source) {
  const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const own = node.name && ts.isIdentifier(node.name) ? node.name.text : undefined;
  if (own) {
    const owner = node.parent && ts.isClassLike(node.parent) && node.parent.name ? `${node.parent.name.text}.` : "";
    return `${owner}${own}`;
  }
  if (ts.isConstructorDeclaration(node)) return "constructor";
  if (node.parent && ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name)) return node.parent.name.text;
  if (node.parent && ts.isPropertyAssignment(node.parent) && ts.isIdentifier(node.parent.name)) return node.parent.name.text;
  if (node.parent && ts.isPropertyDeclaration(node.parent) && ts.isIdentifier(node.parent.name)) return node.parent.name.text;
  return `(function at line ${line})`;
}

/** The functions of one file that are too long, and the file itself when it is. */
export function checkFile(path, label = path) {
  const text = readFileSync(path, "utf8");
  const violations = [];
  const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
  if (lines > MAX_FILE_LINES) violations.push(`${label}: ${lines} lines (at most ${MAX_FILE_LINES})`);
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const span = last - first + 1;
      if (span > MAX_FUNCTION_LINES) violations.push(`${label}:${first + 1}: function ${nameOf(node, source)} has ${span} lines (at most ${MAX_FUNCTION_LINES})`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return violations;
}

/** Every violation under `srcDir`. */
export function checkSizes(srcDir) {
  const files = sourceFiles(srcDir);
  return { files: files.length, violations: files.flatMap((file) => checkFile(file, relative(srcDir, file))) };
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const srcDir = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), "..", "src"));
  const { files, violations } = checkSizes(srcDir);
  for (const violation of violations) process.stderr.write(`check-size: ${violation}\n`);
  process.stdout.write(`check-size: ${files} files under ${relative(process.cwd(), srcDir) || "."}, ${violations.length} over the limits\n`);
  process.exitCode = violations.length > 0 ? 1 : 0;
}
