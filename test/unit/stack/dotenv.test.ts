import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type EnvFileFormat, parseEnvFile, readEnvFile } from "../../../src/stack/dotenv.js";
import type { EnvLookup } from "../../../src/stack/interpolate.js";
import { type TempProject, tempProject } from "../support/temp-project.js";
import { configErrorOf } from "../support/config-error.js";
import { corpusRoot } from "../support/corpus-root.js";

const FIXTURES = join(corpusRoot, "compose-go/dotenv/fixtures");
const noEnvironment: EnvLookup = () => undefined;
const environment =
  (values: Record<string, string>): EnvLookup =>
  (name) => values[name];

function parse(text: string, lookup: EnvLookup = noEnvironment, format: EnvFileFormat = "dotenv"): Record<string, string> {
  return parseEnvFile(text, ".env", lookup, format);
}

const errorOf = configErrorOf;

describe("compose-go's dotenv fixtures", () => {
  const plain = { OPTION_A: "1", OPTION_B: "2", OPTION_C: "3", OPTION_D: "4", OPTION_E: "5", OPTION_F: "", OPTION_G: "", OPTION_H: "my string" };
  const fromOs = environment({ VAR_TO_BE_LOADED_FROM_OS_ENV: "SOME_RANDOM_VALUE" });

  it.each<[string, EnvLookup, Record<string, string>]>([
    // Spaces around `=`, empty values, ` #` comment; `456 = ABC` (key starting with a digit) is dropped.
    ["plain.env", noEnvironment, plain],
    ["utf8-bom.env", noEnvironment, plain],
    [
      "quoted.env",
      noEnvironment,
      {
        OPTION_A: "1",
        OPTION_B: "2",
        OPTION_C: "",
        OPTION_D: "\\n",
        OPTION_E: "1",
        OPTION_F: "2",
        OPTION_G: "",
        OPTION_H: "\n",
        OPTION_I: "echo 'asd'",
        OPTION_J: "first line\nsecond line\nthird line\nand so on",
        // Inside single quotes `\'` does not end the value and keeps its backslash.
        OPTION_K: "Let\\'s go!",
        OPTION_Z: "last value",
      },
    ],
    ["equals.env", noEnvironment, { OPTION_A: "postgres://localhost:5432/database?sslmode=disable" }],
    ["exported.env", noEnvironment, { OPTION_A: "2", OPTION_B: "\\n" }],
    ["special.env", noEnvironment, { "VAR.WITH.DOTS": "dots", VAR_WITH_UNDERSCORES: "underscores", "VAR-WITH-DASHES": "dashes" }],
    [
      "unquoted.env",
      noEnvironment,
      {
        OPTION_A: "some quoted phrase",
        OPTION_B: "first one with an unquoted phrase",
        OPTION_C: "then another one with an unquoted phrase",
        OPTION_D: "then another one with an unquoted phrase special è char",
        OPTION_E: "then another one quoted phrase",
      },
    ],
    ["substitutions.env", noEnvironment, { OPTION_A: "1", OPTION_B: "1", OPTION_C: "1", OPTION_D: "1_1", OPTION_E: "" }],
    // The caller's value wins for references, but the key written in the file keeps its own value.
    ["substitutions.env", environment({ OPTION_A: "5" }), { OPTION_A: "1", OPTION_B: "5", OPTION_C: "5", OPTION_D: "5_5", OPTION_E: "" }],
    ["substitutions-default.env", noEnvironment, { OPTION_A: "1", OPTION_B: "1", OPTION_C: "1", OPTION_D: "1_1", OPTION_E: "" }],
    ["substitutions-default.env", environment({ OPTION_A: "5" }), { OPTION_A: "5", OPTION_B: "5", OPTION_C: "5", OPTION_D: "5_5", OPTION_E: "" }],
    ["inherited-single-var.env", fromOs, { VAR_TO_BE_LOADED_FROM_OS_ENV: "SOME_RANDOM_VALUE" }],
    ["inherited-multi-var.env", fromOs, { foo: "bar", VAR_TO_BE_LOADED_FROM_OS_ENV: "SOME_RANDOM_VALUE", bar: "baz" }],
    ["inherited-not-found.env", noEnvironment, {}],
    // `KEY:VALUE` lines are the YAML-like form of the dialect.
    ["custom.format", noEnvironment, { FOO: "BAR", ZOT: "QIX" }],
  ])("%s", (fixture, lookup, expected) => {
    expect(readEnvFile(join(FIXTURES, fixture), lookup)).toEqual(expected);
  });

  it("invalid1.env: names the line of the bad key, after a multi-line value", () => {
    const file = join(FIXTURES, "invalid1.env");
    expect(errorOf(() => readEnvFile(file, noEnvironment)).message).toBe(`${file}:7:1 key "INVALID LINE" cannot contain a space`);
  });
});

describe("parseEnvFile: the dotenv dialect", () => {
  it.each([
    ["FOO=bar", { FOO: "bar" }],
    ["FOO =bar", { FOO: "bar" }],
    ["FOO= bar", { FOO: "bar" }],
    ["FOO=bar ", { FOO: "bar" }],
    ['FOO="bar"', { FOO: "bar" }],
    ["FOO='bar'", { FOO: "bar" }],
    ["ONE=1\nTWO='2'\nTHREE = \"3\"", { ONE: "1", TWO: "2", THREE: "3" }],
    ["OPTION_A: 1", { OPTION_A: "1" }],
    ["OPTION_A: Foo=bar", { OPTION_A: "Foo=bar" }],
    ["OPTION_A=1:B", { OPTION_A: "1:B" }],
    ["FOO=foobar=", { FOO: "foobar=" }],
    ["FOO.BAR=foobar", { "FOO.BAR": "foobar" }],
    ["export OPTION_A=2", { OPTION_A: "2" }],
    ["export\tOPTION_A=2", { OPTION_A: "2" }],
    ["  export OPTION_A=2", { OPTION_A: "2" }],
    ["export exportFoo=2", { exportFoo: "2" }],
    ["exportFOO=2", { exportFOO: "2" }],
    ["export_FOO =2", { export_FOO: "2" }],
    ["export.FOO= 2", { "export.FOO": "2" }],
    ['export OPTION_A="export A"', { OPTION_A: "export A" }],
    [" KEY =value\n\tOTHER=x", { KEY: "value", OTHER: "x" }],
    ["# comment\n\t # indented comment\n\n\r\nKEY=1", { KEY: "1" }],
    ["FOO=bar # this is foo", { FOO: "bar" }],
    ["FOO=bar #this is foo", { FOO: "bar" }],
    ["FOO=bar #", { FOO: "bar" }],
    ["FOO=123#not-an-inline-comment", { FOO: "123#not-an-inline-comment" }],
    ['FOO="bar#baz" # comment', { FOO: "bar#baz" }],
    ['FOO="bar#baz"#', { FOO: "bar#baz" }],
    ["FOO='bar#baz' # comment", { FOO: "bar#baz" }],
    ['FOO="ba#r"', { FOO: "ba#r" }],
    ['FOO="\'d\'"', { FOO: "'d'" }],
    ['FOO="escaped\\"bar"', { FOO: 'escaped"bar' }],
    ['FOO="\\"quoted\\""', { FOO: '"quoted"' }],
    ["A=1\r\nB='2'\r\nC\r\n", { A: "1", B: "2" }],
    ["\uFEFFOPTION_A=1", { OPTION_A: "1" }],
    ["A=1\nA=2", { A: "2" }],
    ['TEST_URLS="stratum+tcp://a:3333\nstratum+tcp://b:443"', { TEST_URLS: "stratum+tcp://a:3333\nstratum+tcp://b:443" }],
    ["COMMENT=1234#5\nNO_COMMENT=\"1234#5\"", { COMMENT: "1234#5", NO_COMMENT: "1234#5" }],
  ])("%j", (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  it.each([
    ["newline", 'FOO="bar\\nbaz"', "bar\nbaz"],
    ["tab", 'FOO="a\\tb"', "a\tb"],
    ["unquoted backslashes are verbatim", "FOO=a\\tb", "a\\tb"],
    ["shell escapes", 'KEY="Z\\aZ\\bZ\\fZ\\nZ\\rZ\\tZ\\vZ\\\\Z\\0123Z"', "Z\u0007Z\bZ\fZ\nZ\rZ\tZ\vZ\\ZSZ"],
    ["octal", 'KEY="\\0123"', "S"],
    ["unknown escapes keep their backslash", 'FOO="bar\\n\\ b\\az"', "bar\n\\ b\u0007z"],
    ["escaped backslash before n", 'FOO="bar\\\\r\\ b\\az"', "bar\\r\\ b\u0007z"],
    ["escaped backslash before the closing quote", 'FOO="bar\\nbaz\\\\"', "bar\nbaz\\"],
    ["\\x is not an escape", 'KEY="\\x07"', "\\x07"],
    ["\\u is not an escape", 'KEY="\\u12e4"', "\\u12e4"],
    ["single quotes are verbatim", "OPTION_B='\\n'", "\\n"],
  ])("double-quoted escapes: %s", (_, text, expected) => {
    const [key] = text.split("=");
    expect(parse(text)[key!]).toBe(expected);
  });

  it.each([
    ["earlier key, unbraced", "FOO=test\nBAR=$FOO", { FOO: "test", BAR: "test" }],
    ["earlier key, braced", "FOO=test\nBAR=${FOO}bar", { FOO: "test", BAR: "testbar" }],
    ["undefined gives empty", "BAR=$FOO", { BAR: "" }],
    ["inside double quotes", 'FOO=test\nBAR="quote $FOO"', { FOO: "test", BAR: "quote test" }],
    ["not inside single quotes", "BAR='quote $FOO'", { BAR: "quote $FOO" }],
    ["\\$ is a literal $", 'FOO="foo\\$BAR"', { FOO: "foo$BAR" }],
    ["\\${ is a literal ${", 'FOO="foo\\${BAR}"', { FOO: "foo${BAR}" }],
    ["escaped then expanded", 'FOO=test\nBAR="foo\\${FOO} ${FOO}"', { FOO: "test", BAR: "foo${FOO} test" }],
    ["$$ unquoted", "FOO=$$bar", { FOO: "$bar" }],
    ["a later key is not seen", "A=$B\nB=1", { A: "", B: "1" }],
    ["defaults", "A=${UNSET:-fallback}", { A: "fallback" }],
  ])("interpolation: %s", (_, text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  it("looks references up in the caller's environment before earlier keys", () => {
    expect(parse("ME=file\nTEST=$ME", environment({ ME: "YES" }))).toEqual({ ME: "file", TEST: "YES" });
  });

  it("treats a caller's empty value as set", () => {
    expect(parse("A=1\nB=${A-unset}", environment({ A: "" }))).toEqual({ A: "1", B: "" });
  });

  it("inherits a bare key from the caller, including on the last line without a newline", () => {
    expect(parse("A\nB", environment({ A: "1", B: "2" }))).toEqual({ A: "1", B: "2" });
    expect(parse("A\nB", noEnvironment)).toEqual({});
  });
});

describe("parseEnvFile: errors", () => {
  it.each([
    ["lol$wut", '.env:1:4 unexpected character "$" in variable name "lol$wut"'],
    ["A=1\nMY KEY=2", '.env:2:1 key "MY KEY" cannot contain a space'],
    ['=\"value\"', '.env:1:1 missing a variable name before "="'],
    ['A=1\nKEY="value', ".env:2:5 unterminated quoted value: the \" opened here is never closed"],
    ["KEY='value\\'", ".env:1:5 unterminated quoted value: the ' opened here is never closed"],
    ["KEY=\"value'", ".env:1:5 unterminated quoted value: the \" opened here is never closed"],
    ['KEY="a" b', '.env:1:9 unexpected text after the closing quote (quote the whole value, or start a comment with "#")'],
    ["A=${B:?set B}", ".env:1:3 A: required variable B is missing a value: set B"],
    ['A="x ${foo!}"', '.env:1:3 A: invalid interpolation format in the value: unexpected "!" after the variable name "foo"; use "$$" for a literal "$"'],
  ])("%j", (text, message) => {
    expect(errorOf(() => parse(text)).message).toBe(message);
  });

  it("reports every problem in the file, and a multi-line value after a bad key causes no extra error", () => {
    const text = ['BAD KEY="first', "second", 'still inside"', "OK=1", "a$b=2", "C=${X:?}"].join("\n");
    expect(errorOf(() => parse(text)).message.split("\n")).toEqual([
      '.env:1:1 key "BAD KEY" cannot contain a space',
      '.env:5:2 unexpected character "$" in variable name "a$b"',
      ".env:6:3 C: required variable X is missing a value",
    ]);
  });
});

describe("parseEnvFile: format raw", () => {
  it.each([
    ["TEST_VAR='{\"key\": \"value\"}'", { TEST_VAR: "'{\"key\": \"value\"}'" }],
    ['A="quoted" # not a comment', { A: '"quoted" # not a comment' }],
    ["A=$B ${C:?x}", { A: "$B ${C:?x}" }],
    ["A= spaced \r\nB=x=y", { A: " spaced ", B: "x=y" }],
    ["# comment\n\n  # indented comment\n  A=1", { A: "1" }],
    ["\uFEFFA=1", { A: "1" }],
    ["INHERITED\nMISSING", { INHERITED: "from caller" }],
  ])("%j", (text, expected) => {
    expect(parse(text, environment({ INHERITED: "from caller" }), "raw")).toEqual(expected);
  });

  it.each([
    ["A B=1", '.env:1:1 key "A B" cannot contain a space'],
    ["ok=1\n  =1", '.env:2:3 missing a variable name before "="'],
  ])("rejects %j", (text, message) => {
    expect(errorOf(() => parse(text, noEnvironment, "raw")).message).toBe(message);
  });
});

describe("readEnvFile", () => {
  let project: TempProject | undefined;
  afterEach(() => project?.cleanup());

  it("locates parse errors with the file's normalized absolute path", () => {
    project = tempProject({ "sub/app.env": "A=1\nB C=2\n" });
    // Not path.join: it would normalize the path itself.
    const roundabout = `${project.dir}/sub/../sub/./app.env`;
    const error = errorOf(() => readEnvFile(roundabout, noEnvironment));
    expect(error.message).toBe(`${project.path("sub/app.env")}:2:1 key "B C" cannot contain a space`);
  });

  it("reads the raw format when asked", () => {
    project = tempProject({ "raw.env": "A='x'\n" });
    expect(readEnvFile(project.path("raw.env"), noEnvironment, "raw")).toEqual({ A: "'x'" });
    expect(readEnvFile(project.path("raw.env"), noEnvironment)).toEqual({ A: "x" });
  });

  it("names a missing file by its absolute path", () => {
    project = tempProject();
    const error = errorOf(() => readEnvFile(project!.path("nope.env"), noEnvironment));
    expect(error.message).toBe(`env file ${project.path("nope.env")} not found`);
    expect(error.issues[0]?.location).toBeUndefined();
  });

  it("rejects a directory", () => {
    project = tempProject({ "dir.env/inner": "" });
    expect(errorOf(() => readEnvFile(project!.path("dir.env"), noEnvironment)).message).toBe(
      `env file ${project.path("dir.env")} is a directory, not a file`,
    );
  });
});
