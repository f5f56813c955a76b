import { describe, expect, it } from "vitest";
import { closestKey } from "../../../src/stack/suggest.js";
import { shellSplit } from "../../../src/stack/syntax/shell-split.js";
import { parseByteSize, parseDuration, parseFileMode, parseLongDuration } from "../../../src/stack/syntax/units.js";

describe("shellSplit", () => {
  it.each([
    ["bundle exec thin -p 3000", ["bundle", "exec", "thin", "-p", "3000"]],
    [`sh -c "echo \\"hi\\" \\$HOME"`, ["sh", "-c", 'echo "hi" $HOME']],
    ["echo 'single $quotes \\n kept'", ["echo", "single $quotes \\n kept"]],
    ["a\\ b c", ["a b", "c"]],
    ["  spaced   out  ", ["spaced", "out"]],
    ["empty '' \"\" args", ["empty", "", "", "args"]],
    ["joined'quo'\"ted\"", ["joinedquoted"]],
    ["", []],
  ])("splits %j", (text, words) => {
    expect(shellSplit(text)).toEqual({ ok: true, value: words });
  });

  it.each([
    ["echo 'open", "has an unterminated single quote"],
    ['echo "open', "has an unterminated double quote"],
    ["echo \\", "ends with a lone backslash"],
  ])("rejects %j", (text, message) => {
    const result = shellSplit(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});

describe("units", () => {
  it.each([
    ["1m30s", 90_000],
    ["10s", 10_000],
    ["500ms", 500],
    ["1h", 3_600_000],
    ["1.5h", 5_400_000],
    ["2us", 0.002],
    ["0", 0],
    ["10", undefined],
    ["-1s", undefined],
    ["1d", undefined],
  ])("reads the duration %j", (text, expected) => {
    expect(parseDuration(text)).toBe(expected);
  });

  it("reads days and weeks only in long durations (pull_policy every_2d)", () => {
    expect(parseLongDuration("2d")).toBe(2 * 86_400_000);
    expect(parseLongDuration("1w12h")).toBe(7 * 86_400_000 + 12 * 3_600_000);
  });

  it.each([
    ["1024", 1024],
    ["512m", 512 * 1024 ** 2],
    ["512MB", 512 * 1024 ** 2],
    ["1g", 1024 ** 3],
    ["1.5GB", 1.5 * 1024 ** 3],
    ["64k", 65_536],
    ["2 GiB", 2 * 1024 ** 3],
    ["100b", 100],
    ["lots", undefined],
    ["1x", undefined],
  ])("reads the byte size %j", (text, expected) => {
    expect(parseByteSize(text)).toBe(expected);
  });

  it.each([
    [440, 0o440],
    [777, 0o777],
    ["0440", 0o440],
    ["0o1777", 0o1777],
    [288, 288],
    ["0999", undefined],
  ])("reads the file mode %j as octal", (value, expected) => {
    expect(parseFileMode(value)).toBe(expected);
  });
});

describe("closestKey", () => {
  const keys = ["depends_on", "environment", "healthcheck", "image", "ports", "volumes"];
  it.each([
    ["depnds_on", "depends_on"],
    ["enviroment", "environment"],
    ["healtcheck", "healthcheck"],
    ["imgae", "image"],
    ["volume", "volumes"],
    ["wrongField", undefined],
    ["xyz", undefined],
  ])("suggests a key for %j", (key, expected) => {
    expect(closestKey(key, keys)).toBe(expected);
  });
});
