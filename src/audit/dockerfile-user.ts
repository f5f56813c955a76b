/**
 * Which user an image built from a Dockerfile runs as, as far as the
 * Dockerfile itself tells: the `USER` of the stage that is built (the
 * `target`, else the last), following `FROM <earlier stage>` chains. A stage
 * built `FROM` an image inherits that image's USER, which only the engine
 * knows.
 *
 * This reads the instructions the way BuildKit does as far as USER depends
 * on them: parser directives (`# escape=`), line continuations, comments,
 * heredocs, and `$VAR` / `${VAR:-default}` from ARG and ENV.
 */

/** What the Dockerfile says about the user. */
export type DockerfileUser =
  /** A USER instruction applies, with its value resolved. */
  | { readonly kind: "set"; readonly user: string; readonly line: number }
  /** A USER instruction applies, but its value names a variable with no value here. */
  | { readonly kind: "unresolved"; readonly written: string; readonly line: number }
  /** No USER in the built stage or the stages it builds on: the base image decides. */
  | { readonly kind: "inherited" };

/** One instruction with the physical line it starts on. */
interface Instruction {
  readonly keyword: string;
  readonly args: string;
  readonly line: number;
}

interface Stage {
  readonly name: string | undefined;
  user: DockerfileUser;
  readonly variables: Map<string, string>;
}

/**
 * The user of the stage `target` builds (the last stage without one).
 * `buildArgs` are the service's `build.args` (null: declared without value).
 */
export function dockerfileUser(text: string, target: string | undefined, buildArgs: Readonly<Record<string, string | null>>): DockerfileUser {
  const globalArgs = new Map<string, string>();
  const stages: Stage[] = [];
  for (const instruction of instructions(text)) {
    const stage = stages.at(-1);
    switch (instruction.keyword) {
      case "FROM":
        stages.push(startStage(instruction.args, stages, globalArgs));
        break;
      case "ARG":
        declareArgs(instruction.args, stage?.variables ?? globalArgs, buildArgs, stage ? globalArgs : undefined);
        break;
      case "ENV":
        if (stage) for (const [name, value] of envPairs(instruction.args)) stage.variables.set(name, substitute(value, stage.variables) ?? value);
        break;
      case "USER":
        if (stage) stage.user = userOf(instruction, stage.variables);
        break;
    }
  }
  const built = target === undefined ? stages.at(-1) : stages.find((stage) => stage.name === target.toLowerCase());
  return built?.user ?? { kind: "inherited" };
}

/** `FROM [--platform=…] image [AS name]`: a stage built on an earlier one starts with its user and variables. */
function startStage(args: string, stages: readonly Stage[], globalArgs: ReadonlyMap<string, string>): Stage {
  const words = args.split(/\s+/).filter((word) => word !== "" && !word.startsWith("--"));
  const base = (substitute(words[0] ?? "", globalArgs) ?? "").toLowerCase();
  const name = words[1]?.toUpperCase() === "AS" ? words[2]?.toLowerCase() : undefined;
  const parent = stages.find((stage) => stage.name !== undefined && stage.name === base);
  return { name, user: parent?.user ?? { kind: "inherited" }, variables: new Map(parent?.variables ?? []) };
}

/**
 * `ARG NAME[=default] …`. A build argument wins over the default; inside a
 * stage, `ARG NAME` without a default takes the global ARG's value.
 */
function declareArgs(args: string, into: Map<string, string>, buildArgs: Readonly<Record<string, string | null>>, globalArgs: ReadonlyMap<string, string> | undefined): void {
  for (const word of args.split(/\s+/).filter(Boolean)) {
    const at = word.indexOf("=");
    const name = at < 0 ? word : word.slice(0, at);
    const given = buildArgs[name];
    const fallback = at < 0 ? globalArgs?.get(name) : unquote(word.slice(at + 1));
    const value = typeof given === "string" ? given : fallback;
    if (value !== undefined) into.set(name, value);
  }
}

/** `ENV A=1 B="two"` or the legacy `ENV A 1`. */
function envPairs(args: string): [string, string][] {
  const legacy = /^(\w+)\s+(?!\S*=)(.*)$/.exec(args.trim());
  if (legacy) return [[legacy[1] as string, legacy[2] as string]];
  const pairs: [string, string][] = [];
  for (const match of args.matchAll(/(\w+)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)) pairs.push([match[1] as string, unquote(match[2] as string)]);
  return pairs;
}

function userOf(instruction: Instruction, variables: ReadonlyMap<string, string>): DockerfileUser {
  const written = instruction.args.trim();
  const user = substitute(written, variables);
  return user === undefined ? { kind: "unresolved", written, line: instruction.line } : { kind: "set", user, line: instruction.line };
}

/** `$VAR`, `${VAR}`, `${VAR:-word}`, `${VAR:+word}`; `undefined` when a variable has no value here. */
function substitute(text: string, variables: ReadonlyMap<string, string>): string | undefined {
  let unresolved = false;
  const result = text.replace(/\$(?:\{(\w+)(?:(:?[-+])([^}]*))?\}|(\w+))/g, (_match, braced: string | undefined, operator: string | undefined, word: string | undefined, bare: string | undefined) => {
    const value = variables.get((braced ?? bare) as string);
    const empty = value === undefined || (operator?.startsWith(":") === true && value === "");
    if (operator?.endsWith("-")) return empty ? (word ?? "") : (value as string);
    if (operator?.endsWith("+")) return empty ? "" : (word ?? "");
    if (value === undefined) unresolved = true;
    return value ?? "";
  });
  return unresolved ? undefined : result;
}

function unquote(value: string): string {
  return /^(["']).*\1$/s.test(value) ? value.slice(1, -1) : value;
}

/** The Dockerfile's instructions: directives read, continuations joined, comments and heredoc bodies skipped. */
function instructions(text: string): Instruction[] {
  const lines = text.split(/\r?\n/);
  const escape = escapeCharacter(lines);
  const result: Instruction[] = [];
  let index = 0;
  while (index < lines.length) {
    const start = index;
    let logical = "";
    for (;;) {
      const line = lines[index] ?? "";
      index += 1;
      const comment = /^\s*#/.test(line);
      // Inside a continuation, comment and empty lines are dropped; elsewhere a comment is a line of its own.
      if (logical !== "" && (comment || line.trim() === "")) {
        if (index < lines.length) continue;
        break;
      }
      const trimmed = line.trimEnd();
      if (!comment && trimmed.endsWith(escape) && index < lines.length) {
        logical += `${trimmed.slice(0, -1)} `;
        continue;
      }
      logical += line;
      break;
    }
    const trimmed = logical.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const [keyword = "", ...rest] = trimmed.split(/\s+/);
    const args = trimmed.slice(keyword.length).trim();
    result.push({ keyword: keyword.toUpperCase(), args, line: start + 1 });
    if (HEREDOC_INSTRUCTIONS.has(keyword.toUpperCase())) index = skipHeredocs(rest.join(" "), lines, index);
  }
  return result;
}

/** The instructions that take heredocs. */
const HEREDOC_INSTRUCTIONS = new Set(["RUN", "COPY", "ADD"]);

/** Skips the bodies of `<<EOF` / `<<-"EOF"` heredocs the instruction opened; returns the next line to read. */
function skipHeredocs(args: string, lines: readonly string[], from: number): number {
  let index = from;
  for (const match of args.matchAll(/<<(-?)(["']?)([A-Za-z_]\w*)\2/g)) {
    const stripTabs = match[1] === "-";
    const delimiter = match[3] as string;
    while (index < lines.length) {
      const line = lines[index] ?? "";
      index += 1;
      if ((stripTabs ? line.replace(/^\t+/, "") : line) === delimiter) break;
    }
  }
  return index;
}

/** The `# escape=` parser directive, if the file starts with one (directives come before anything else). */
function escapeCharacter(lines: readonly string[]): string {
  for (const line of lines) {
    const directive = /^\s*#\s*(\w+)\s*=\s*(\S+)\s*$/.exec(line);
    if (!directive) break;
    if (directive[1]?.toLowerCase() === "escape" && (directive[2] === "`" || directive[2] === "\\")) return directive[2];
  }
  return "\\";
}
