import { describe, expect, it } from "vitest";
import { entryTag, locatePath } from "../../../src/stack/located.js";
import { parseStackText } from "../../../src/stack/read.js";
import { configErrorOf } from "../support/config-error.js";

function errorText(run: () => unknown): string {
  return configErrorOf(run).message;
}

describe("parseStackText", () => {
  it("expands anchors, aliases and merge keys, explicit keys winning over merged ones", () => {
    const [tree] = parseStackText("base: &b {image: busybox, user: root}\nweb:\n  <<: *b\n  user: app\n", "s.yml");
    expect(tree).toEqual({ base: { image: "busybox", user: "root" }, web: { image: "busybox", user: "app" } });
  });

  it("locates entries so errors can name line and column", () => {
    const [tree] = parseStackText("services:\n  web:\n    ports:\n      - 80\n      - '99999:80'\n", "stack.yml");
    expect(locatePath(tree!, ["services", "web", "ports", 1])).toEqual({ file: "stack.yml", line: 5, column: 9 });
    // A path that does not exist falls back to its deepest located ancestor.
    expect(locatePath(tree!, ["services", "web", "ports", 7])).toEqual({ file: "stack.yml", line: 3, column: 5 });
  });

  it("records !reset (value becomes null) and !override tags", () => {
    const [tree] = parseStackText("command: !reset [sh]\nports: !override ['80:80']\n", "s.yml");
    expect(tree).toEqual({ command: null, ports: ["80:80"] });
    expect(entryTag(tree!, "command")).toBe("reset");
    expect(entryTag(tree!, "ports")).toBe("override");
  });

  it("keeps YAML 1.1 booleans such as yes as strings (the schema decides where they mean true)", () => {
    const [tree] = parseStackText("init: yes\nport: 8080\n", "s.yml");
    expect(tree).toEqual({ init: "yes", port: 8080 });
  });

  it("returns every document of a multi-document file, and none for a comment-only file", () => {
    expect(parseStackText("a: 1\n---\nb: 2\n", "s.yml")).toEqual([{ a: 1 }, { b: 2 }]);
    expect(parseStackText("# nothing here\n", "s.yml")).toEqual([]);
  });

  it.each([
    ["duplicate key", "a: 1\na: 2\n", /^dup\.yml:2:1 invalid YAML: key "a" is written twice in the same mapping \(first on line 1\)$/],
    ["unclosed flow sequence", "a: [1\n", /^dup\.yml:\d+:\d+ invalid YAML: /],
    ["top level not a mapping", "- 1\n", /^dup\.yml:1:1 the top level of a stack file must be a mapping/],
    ["self-referencing alias", "a: &a [*a]\n", /^dup\.yml:1:\d+ (invalid YAML|alias)/],
    ["merge key pointing at a scalar", "a: &s x\nb:\n  <<: *s\n", /dup\.yml:3:\d+ a merge key \(<<\) must point at a mapping/],
  ])("rejects %s with a located message", (_name, text, pattern) => {
    expect(errorText(() => parseStackText(text, "dup.yml"))).toMatch(pattern);
  });

  it("refuses exponential alias fan-out instead of hanging", () => {
    const lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]`);
    expect(errorText(() => parseStackText(lines.join("\n"), "bomb.yml"))).toMatch(/excessive aliasing/);
  });
});
