/**
 * develop.watch rules, pure parts: which rule a changed file matches, and
 * why the others are dropped (built-in noise, `ignore`, the build context's
 * `.dockerignore`, `include`); and what a batch asks a service to do.
 */
import { describe, expect, it } from "vitest";
import type { WatchRule } from "../../../../../src/stack/model.js";
import { builtInNoise, createFileFilter } from "../../../../../src/targets/docker/develop/file-filter.js";
import { type MatchedChange, planServiceWork, type ServiceRule, targetOf } from "../../../../../src/targets/docker/develop/rules.js";

function rule(overrides: Partial<WatchRule> = {}): WatchRule {
  return { action: "sync", path: "/p/src", target: "/app/src", ignore: [], include: [], initialSync: false, ...overrides };
}

describe("file filter", () => {
  it("must match files under the rule's path and leave the rest outside", () => {
    const filter = createFileFilter(rule());
    expect(filter("/p/src/app.js")).toEqual({ kind: "matched", relativePath: "app.js" });
    expect(filter("/p/src/lib/a.js")).toEqual({ kind: "matched", relativePath: "lib/a.js" });
    expect(filter("/p/srcx/app.js")).toEqual({ kind: "outside" });
    expect(filter("/p/other.js")).toEqual({ kind: "outside" });
  });

  it("must drop editor swap, backup and lock files, .git and node_modules as built-in noise", () => {
    const filter = createFileFilter(rule());
    for (const path of ["/p/src/.app.js.swp", "/p/src/app.js~", "/p/src/.#app.js", "/p/src/4913", "/p/src/.git/index", "/p/src/node_modules/x/index.js", "/p/src/a.js___jb_tmp___"]) {
      expect(filter(path), path).toMatchObject({ kind: "dropped", by: "noise" });
    }
    expect(builtInNoise(".git/index", false)).toBe("built-in noise: .git");
    expect(builtInNoise("node_modules/x", true)).toBeUndefined();
  });

  it("must keep node_modules when the rule's path is inside it or its include names it", () => {
    expect(createFileFilter(rule({ path: "/p/node_modules/lib" }))("/p/node_modules/lib/index.js")).toMatchObject({ kind: "matched" });
    expect(createFileFilter(rule({ include: ["node_modules"] }))("/p/src/node_modules/x/index.js")).toMatchObject({ kind: "matched" });
  });

  it("must apply ignore patterns relative to the rule's path, in .dockerignore syntax, naming the pattern", () => {
    const filter = createFileFilter(rule({ ignore: ["*.tmp", "dist", "!dist/keep.js"] }));
    expect(filter("/p/src/a.tmp")).toMatchObject({ kind: "dropped", by: "ignore", reason: 'ignore "*.tmp"' });
    expect(filter("/p/src/dist/bundle.js")).toMatchObject({ kind: "dropped", reason: 'ignore "dist"' });
    expect(filter("/p/src/dist/keep.js")).toMatchObject({ kind: "matched" });
    expect(filter("/p/src/sub/a.tmp")).toMatchObject({ kind: "matched" });
  });

  it("must apply the build context's .dockerignore to a rule inside the context, relative to the context", () => {
    const filter = createFileFilter(rule(), { context: "/p", patterns: ["src/generated", "# comment", ""] });
    expect(filter("/p/src/generated/x.js")).toMatchObject({ kind: "dropped", by: "dockerignore", reason: '.dockerignore "src/generated"' });
    expect(filter("/p/src/app.js")).toMatchObject({ kind: "matched" });
    const outside = createFileFilter(rule(), { context: "/elsewhere", patterns: ["*"] });
    expect(outside("/p/src/app.js")).toMatchObject({ kind: "matched" });
  });

  it("must keep only files an include pattern names when include is set", () => {
    const filter = createFileFilter(rule({ include: ["*.json"] }));
    expect(filter("/p/src/package.json")).toMatchObject({ kind: "matched" });
    expect(filter("/p/src/app.js")).toMatchObject({ kind: "dropped", by: "include" });
  });

  it("must map a file to its container path, and a rule on a single file to its target", () => {
    expect(targetOf(rule(), "lib/a.js")).toBe("/app/src/lib/a.js");
    expect(targetOf(rule({ path: "/p/config.json", target: "/etc/app.json" }), "")).toBe("/etc/app.json");
  });
});

function serviceRule(index: number, overrides: Partial<WatchRule>): ServiceRule {
  const written = rule(overrides);
  return { service: "web", index, rule: written, description: `${written.action} rule ${index}`, filter: createFileFilter(written) };
}

function matched(serviceRuleValue: ServiceRule, relativePath: string, kind: "written" | "removed" = "written"): MatchedChange {
  return { change: { path: `${serviceRuleValue.rule.path}/${relativePath}`, kind }, rule: serviceRuleValue, relativePath };
}

describe("planServiceWork", () => {
  it("must copy written files and delete removed ones, the last change of a path winning", () => {
    const sync = serviceRule(0, {});
    const work = planServiceWork([matched(sync, "b.js"), matched(sync, "a.js"), matched(sync, "gone.js"), matched(sync, "gone.js", "removed"), matched(sync, "back.js", "removed"), matched(sync, "back.js")]);
    expect(work.copies.map((copy) => copy.target)).toEqual(["/app/src/a.js", "/app/src/b.js", "/app/src/back.js"]);
    expect(work.removals.map((removal) => removal.target)).toEqual(["/app/src/gone.js"]);
    expect(work).toMatchObject({ rebuild: false, restart: false, execs: [] });
  });

  it("must rebuild only, when a rebuild rule matched any file of the batch", () => {
    const work = planServiceWork([matched(serviceRule(0, {}), "a.js"), matched(serviceRule(1, { action: "rebuild", path: "/p/package.json", target: undefined }), "")]);
    expect(work).toEqual({ rebuild: true, copies: [], removals: [], execs: [], restart: false });
  });

  it("must restart for restart and sync+restart rules and run each sync+exec rule once", () => {
    const exec = serviceRule(1, { action: "sync+exec", exec: { command: ["make"] } });
    const work = planServiceWork([matched(exec, "a.c"), matched(exec, "b.c"), matched(serviceRule(2, { action: "restart", path: "/p/conf", target: undefined }), "x")]);
    expect(work.execs.map((entry) => entry.index)).toEqual([1]);
    expect(work.restart).toBe(true);
    expect(work.copies).toHaveLength(2);
  });
});
