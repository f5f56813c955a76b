import { describe, expect, it } from "vitest";
import { type EnvLookup, interpolateString, interpolateTree } from "../../../src/stack/interpolate.js";
import { type PlainList, type PlainMap, entryLocation, entryTag, setEntryLocation } from "../../../src/stack/located.js";
import { parseStackText } from "../../../src/stack/read.js";
import { configErrorOf } from "../support/config-error.js";

// The variables compose-go's template tests use: FOO set, BAR set but empty, JSON holding braces.
const variables: Record<string, string> = { FOO: "first", BAR: "", JSON: '{"json":2}' };
const lookup: EnvLookup = (name) => variables[name];

function run(template: string): { value: string; warnings: string[] } {
  const warnings: string[] = [];
  const value = interpolateString(template, lookup, (message) => warnings.push(message));
  return { value, warnings };
}

const errorOf = configErrorOf;

describe("interpolateString", () => {
  it.each([
    ["plain text", "foo", "foo"],
    ["$$ is a literal $", "$${foo}", "${foo}"],
    ["$$ before a name", "echo $$HOME", "echo $HOME"],
    ["a lone $", "a $ string", "a $ string"],
    ["a trailing $ (regex)", "^REGEX$", "^REGEX$"],
    ["$}", "$}", "$}"],
    ["only $", "$", "$"],
    ["$ before a digit", "cost $5", "cost $5"],
    ["unbraced name stops at a non-name character", "$FOO-bar", "first-bar"],
    ["unbraced and braced", "This $FOO var, This ${FOO} var", "This first var, This first var"],
    ["set but empty", "This ${BAR} var", "This  var"],
    [":- unset", "ok ${missing:-def}", "ok def"],
    ["- unset", "ok ${missing-def}", "ok def"],
    [":- empty", "ok ${BAR:-def}", "ok def"],
    ["- empty keeps the empty value", "ok ${BAR-def}", "ok "],
    [":- set", "ok ${FOO:-def}", "ok first"],
    [":+ unset", "ok ${UNSET_VAR:+presence}", "ok "],
    ["+ unset", "ok ${UNSET_VAR+presence}", "ok "],
    [":+ set", "ok ${FOO:+presence}", "ok presence"],
    ["+ set", "ok ${FOO+presence}", "ok presence"],
    ["+ set but empty", "ok ${BAR+presence}", "ok presence"],
    [":+ set but empty", "ok ${BAR:+presence}", "ok "],
    [":? set", "ok ${FOO:?err}", "ok first"],
    ["? set", "ok ${FOO?err}", "ok first"],
    ["? set but empty", "ok ${BAR?err}", "ok "],
    ["default holding an operator", "ok ${BAR:-/non:-alphanumeric}", "ok /non:-alphanumeric"],
    ["first operator decides (- before ?)", "${UNSET_VAR-myerror?msg}", "myerror?msg"],
    ["first operator decides (? before -)", "${FOO?bar-baz}", "first"],
    ["nested defaults", "${A:-${B:-${C:-x}}}", "x"],
    ["several nested expressions in a default", "${A:-${B:-x}_test_${B:-y}}", "x_test_y"],
    ["unbraced in a default", "ok ${UNSET_VAR-$FOO}", "ok first"],
    ["braced twice in a default", "ok ${BAR:-${FOO} ${FOO}}", "ok first first"],
    ["alternate with nested expressions", "ok ${BAR+$FOO ${FOO:+second}}", "ok first second"],
    ["JSON default used", 'ok ${missing:-{"json":1}}', 'ok {"json":1}'],
    ["JSON default unused", 'ok ${JSON-{"json":1}}', 'ok {"json":2}'],
    ["text around that looks like an operator", ":-ok ${UNSET-defaultValue}", ":-ok defaultValue"],
    ["+ before an expression", "+ok ${UNSET:-${BAR-defaultValue}}", "+ok "],
    ["two expressions side by side", "ok ${SUBDOMAIN:-redis}.${FOO:?}", "ok redis.first"],
    ["escaped $ inside a default", "${missing:-$$HOME}", "$HOME"],
  ])("%s: %s", (_, template, expected) => {
    expect(run(template).value).toBe(expected);
  });

  it.each([
    ["${", 'missing a variable name and the closing "}"'],
    ["${}", 'expected a variable name after "${"'],
    ["${ }", 'expected a variable name after "${"'],
    ["${ foo}", 'expected a variable name after "${"'],
    ["${foo }", 'unexpected " " after the variable name "foo"'],
    ["${foo!}", 'unexpected "!" after the variable name "foo"'],
    ["x ${foo", 'missing the closing "}" after "${foo"'],
    ["${foo:-bar", 'missing the closing "}" of "${foo:-"'],
  ])("rejects the malformed %s and suggests $$", (template, reason) => {
    const error = errorOf(() => run(template));
    expect(error.message).toBe(
      `invalid interpolation format for ${JSON.stringify(template)}: ${reason}; use "$$" for a literal "$"`,
    );
  });

  it.each([
    ["not ok ${UNSET_VAR:?Mandatory Variable Unset}", "required variable UNSET_VAR is missing a value: Mandatory Variable Unset"],
    ["not ok ${BAR:?Mandatory Variable Empty}", "required variable BAR is missing a value: Mandatory Variable Empty"],
    ["not ok ${UNSET_VAR:?}", "required variable UNSET_VAR is missing a value"],
    ["not ok ${UNSET_VAR?Mandatory Variable Unset}", "required variable UNSET_VAR is missing a value: Mandatory Variable Unset"],
    ["not ok ${UNSET_VAR?}", "required variable UNSET_VAR is missing a value"],
    ["${UNSET_VAR?bar-baz}", "required variable UNSET_VAR is missing a value: bar-baz"],
    ["not ok ${UNSET_VAR:?Mandatory Variable ${FOO}}", "required variable UNSET_VAR is missing a value: Mandatory Variable first"],
    ["${A:-${B:?needed by A}}", "required variable B is missing a value: needed by A"],
  ])("fails the required check in %s", (template, message) => {
    const error = errorOf(() => run(template));
    expect(error.issues).toEqual([{ path: "", message }]);
  });

  it("warns once per unset variable used without a default, naming it", () => {
    expect(run("${NOPE} and $ALSO_NOPE").warnings).toEqual([
      'The "NOPE" variable is not set. Defaulting to a blank string.',
      'The "ALSO_NOPE" variable is not set. Defaulting to a blank string.',
    ]);
  });

  it.each([
    ["a set but empty variable", "${BAR}"],
    ["a variable with a default", "${NOPE:-x}${NOPE-y}"],
    ["an alternate on an unset variable", "${NOPE:+x}${NOPE+y}"],
    ["an unused default holding unset variables", "${FOO:-${NOPE}} ${FOO-$NOPE}"],
    ["an unused alternate holding unset variables", "${NOPE:+${ALSO_NOPE}}"],
  ])("does not warn for %s", (_, template) => {
    expect(run(template).warnings).toEqual([]);
  });

  it("does not evaluate an unused default, so a required check inside it cannot fail", () => {
    expect(run("${FOO:-${NOPE:?never checked}}").value).toBe("first");
  });
});

describe("interpolateTree", () => {
  it("interpolates string values in maps and lists in place, never keys or non-strings", () => {
    const [tree] = parseStackText(
      [
        "services:",
        "  ${FOO}:",
        "    image: app:${TAG:-latest}",
        "    command: [echo, $FOO, '$$HOME']",
        "    ports: ['${PORT}:80']",
        "    deploy: {replicas: 2}",
        "    read_only: true",
        "    entrypoint: null",
        "x-meta: {owner: $FOO}",
      ].join("\n"),
      "stack.yml",
    );
    const services = tree!.services;
    interpolateTree(tree!, (name) => ({ FOO: "first", PORT: "8080" })[name], () => undefined);
    expect(tree).toEqual({
      services: {
        "${FOO}": {
          image: "app:latest",
          command: ["echo", "first", "$HOME"],
          // Still a string: the schema converts typed fields later.
          ports: ["8080:80"],
          deploy: { replicas: 2 },
          read_only: true,
          entrypoint: null,
        },
      },
      "x-meta": { owner: "first" },
    });
    expect(tree!.services).toBe(services);
  });

  it("keeps the locations and merge tags of the values it rewrites", () => {
    const [tree] = parseStackText("web:\n  command: !override ${CMD}\n", "stack.yml");
    const web = tree!.web as PlainMap;
    const before = entryLocation(web, "command");
    interpolateTree(tree!, () => "run", () => undefined);
    expect(web.command).toBe("run");
    expect(before).toMatchObject({ file: "stack.yml", line: 2 });
    expect(entryLocation(web, "command")).toEqual(before);
    expect(entryTag(web, "command")).toBe("override");
  });

  it("reports every error in the tree at once, located and with its path", () => {
    const at = (line: number, column: number) => ({ file: "stack.yml", line, column });
    const web: PlainMap = { image: "${TAG:?set TAG}", environment: ["A=${foo!}"] };
    const db: PlainMap = { image: "${DB_IMAGE?}" };
    const tree: PlainMap = { services: { web, db } };
    setEntryLocation(web, "image", at(3, 12));
    setEntryLocation(web.environment as PlainList, 0, at(5, 9));
    setEntryLocation(db, "image", at(7, 12));
    const error = errorOf(() => interpolateTree(tree, () => undefined, () => undefined));
    expect(error.message.split("\n")).toEqual([
      "stack.yml:3:12 services.web.image: required variable TAG is missing a value: set TAG",
      'stack.yml:5:9 services.web.environment[0]: invalid interpolation format for "A=${foo!}": unexpected "!" after the variable name "foo"; use "$$" for a literal "$"',
      "stack.yml:7:12 services.db.image: required variable DB_IMAGE is missing a value",
    ]);
  });

  it("locates errors in a parsed stack file", () => {
    const [tree] = parseStackText("services:\n  web:\n    image: ${TAG:?set TAG}\n", "stack.yml");
    const error = errorOf(() => interpolateTree(tree!, () => undefined, () => undefined));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({
      location: { file: "stack.yml", line: 3 },
      path: "services.web.image",
      message: "required variable TAG is missing a value: set TAG",
    });
  });

  it("falls back to the nearest located ancestor for values built without a location", () => {
    const inner: PlainMap = { image: "${NOPE:?}" };
    const tree: PlainMap = { services: { web: inner } };
    setEntryLocation(tree, "services", { file: "s.yml", line: 1, column: 1 });
    const error = errorOf(() => interpolateTree(tree, () => undefined, () => undefined));
    expect(error.message).toBe("s.yml:1:1 services.web.image: required variable NOPE is missing a value");
  });

  it("passes warnings for unset variables to the caller", () => {
    const warnings: string[] = [];
    interpolateTree({ a: ["$X", { b: "${Y}" }] }, () => undefined, (message) => warnings.push(message));
    expect(warnings).toEqual([
      'The "X" variable is not set. Defaulting to a blank string.',
      'The "Y" variable is not set. Defaulting to a blank string.',
    ]);
  });
});
