/**
 * Options declared on first use (src/cli/deferred-options.ts): a command's
 * options exist once it runs or shows its help, and what a user sees (the
 * command list, a command's help, its parsed flags, a mistyped flag) is what
 * commander gives when every option is declared up front.
 */
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { DeferredCommand, materializeOptions, subcommandTerm } from "../../src/cli/deferred-options.js";
import { buildProgram } from "../../src/cli/program.js";

interface Captured {
  readonly out: string;
  readonly parsed?: Record<string, unknown>;
  readonly error?: string;
}

/** The same two commands on a deferred or an eager program. */
function program(deferred: boolean): { root: Command; seen: Record<string, unknown>[] } {
  const root = deferred ? new DeferredCommand("demo") : new Command("demo");
  const seen: Record<string, unknown>[] = [];
  root.exitOverride().configureHelp({ subcommandTerm });
  const up = root.command("up").description("start").argument("[services...]").option("-d, --detach", "in the background").option("--scale <n>", "replicas", "1");
  up.action((_services, options: Record<string, unknown>) => void seen.push(options));
  root.command("list").description("list").command("inspect").option("--all", "every one").action((options: Record<string, unknown>) => void seen.push(options));
  return { root, seen };
}

function run(deferred: boolean, argv: readonly string[]): Captured {
  const { root, seen } = program(deferred);
  let out = "";
  const capture = (command: Command) => command.configureOutput({ writeOut: (text) => (out += text), writeErr: (text) => (out += text) });
  capture(root);
  for (const child of root.commands) {
    capture(child);
    for (const grandchild of child.commands) capture(grandchild);
  }
  try {
    root.parse(["node", "demo", ...argv]);
  } catch (error) {
    return { out, error: (error as { code?: string }).code ?? String(error) };
  }
  return { out, ...(seen[0] ? { parsed: seen[0] } : {}) };
}

describe("deferred options", () => {
  it("must declare no subcommand option before the command is used", () => {
    const { root } = program(true);
    expect(root.commands.map((command) => command.options.length)).toEqual([0, 0]);
    materializeOptions(root);
    expect(root.commands.find((command) => command.name() === "up")?.options.map((option) => option.long)).toEqual(["--detach", "--scale"]);
  });

  it.each([
    ["the command list", ["--help"]],
    ["a command's help", ["up", "--help"]],
    ["`help COMMAND`", ["help", "up"]],
    ["a nested command's help", ["list", "inspect", "--help"]],
    ["parsed flags", ["up", "-d", "--scale", "3", "web"]],
    ["nested flags", ["list", "inspect", "--all"]],
    ["a mistyped flag", ["up", "--detatch"]],
  ])("must give %s exactly as with every option declared up front", (_what, argv) => {
    expect(run(true, argv)).toEqual(run(false, argv));
  });

  it("must list tsd's commands with [options], and parse a verb's own flags", () => {
    const tsd = buildProgram();
    const up = tsd.commands.find((command) => command.name() === "up");
    expect(up?.options).toEqual([]);
    expect(tsd.helpInformation()).toMatch(/^ {2}up \[options\] \[services\.\.\.\] /m);
    expect(up?.helpInformation()).toContain("--force-recreate");
  });
});
