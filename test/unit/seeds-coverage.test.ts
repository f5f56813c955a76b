/**
 * docs/seeds.md lists every docker verb of the seed notes this project
 * started from, each with the tsd command (or script) that reaches it, and every such
 * command is real: a verb `tsd --help` lists (or one marked planned).
 * The seeds' verbs are copied here so the check runs without the notes.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/program.js";

/** Every `docker VERB` the two seed notes use (their misspellings `dokcer`/`ddocker` included as what they mean). */
const SEED_VERBS = [
  "attach", "build", "commit", "cp", "create", "daemon", "diff", "events", "exec", "export", "help", "history", "images", "import",
  "inspect", "kill", "load", "login", "logout", "logs", "network", "pause", "port", "ps", "pull", "push", "rename", "restart", "rm",
  "rmi", "run", "save", "search", "start", "stats", "stop", "tag", "top", "unpause", "update", "version", "volume create",
  "volume inspect", "volume ls", "volume rm", "wait",
];

const root = resolve(import.meta.dirname, "../..");
const seeds = readFileSync(resolve(root, "docs/seeds.md"), "utf8");
const rows = seeds.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| Seed") && !line.startsWith("| ---"));

describe("docs/seeds.md", () => {
  it("must list every docker verb of the seed notes with a tsd command", () => {
    const missing = SEED_VERBS.filter((verb) => !rows.some((row) => row.split(" | ")[0]?.includes(`docker ${verb}`) && /tsd|scripts\//.test(row.split(" | ")[1] ?? "")));
    expect(missing).toEqual([]);
  });

  it("must name only tsd commands that exist", () => {
    const known = new Set(buildProgram().commands.map((command) => command.name()));
    const named = new Set([...seeds.matchAll(/`tsd ([a-z]+)/g)].map((match) => match[1] ?? ""));
    const unknown = [...named].filter((verb) => !known.has(verb)).sort();
    expect(unknown).toEqual([]);
  });

  it("must be linked from the README next to its verb table", () => {
    expect(readFileSync(resolve(root, "README.md"), "utf8")).toContain("`docs/seeds.md`");
  });
});
