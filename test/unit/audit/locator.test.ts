import { describe, expect, it } from "vitest";
import { Locator } from "../../../src/audit/locator.js";
import type { Location } from "../../../src/stack/located.js";
import type { Locate } from "../../../src/stack/rules.js";

/** A written list `ports` of two entries under `services.web`, located like the loader does (fallback to the deepest written part). */
const written: Record<string, Location> = {
  "": { file: "f", line: 1, column: 1 },
  services: { file: "f", line: 1, column: 1 },
  "services.web": { file: "f", line: 2, column: 3 },
  "services.web.ports": { file: "f", line: 3, column: 5 },
  "services.web.ports.0": { file: "f", line: 4, column: 9 },
  "services.web.ports.1": { file: "f", line: 5, column: 9 },
};
const locate: Locate = (path) => {
  for (let length = path.length; length >= 0; length -= 1) {
    const found = written[path.slice(0, length).join(".")];
    if (found) return found;
  }
  return undefined;
};

describe("Locator", () => {
  const locator = new Locator(locate);

  it("exact: only paths that were written", () => {
    expect(locator.exact(["services", "web", "ports"])).toEqual({ file: "f", line: 3, column: 5 });
    expect(locator.exact(["services", "web", "user"])).toBeUndefined();
    expect(locator.best(["services", "web", "user"])).toEqual({ file: "f", line: 2, column: 3 });
  });

  it("writtenLength counts the written entries", () => {
    expect(locator.writtenLength(["services", "web", "ports"])).toBe(2);
    expect(locator.writtenLength(["services", "web", "volumes"])).toBe(0);
  });

  it("listEntry points at the entry when written and model lists correspond, else at the list", () => {
    expect(locator.listEntry(["services", "web", "ports"], 1, 2)).toEqual({ file: "f", line: 5, column: 9 });
    expect(locator.listEntry(["services", "web", "ports"], 1, 3)).toEqual({ file: "f", line: 3, column: 5 });
  });

  it("firstWritten falls back to the given path", () => {
    expect(locator.firstWritten([["services", "web", "mem_limit"], ["services", "web", "ports"]], ["services", "web"])).toEqual({ file: "f", line: 3, column: 5 });
    expect(locator.firstWritten([["services", "web", "mem_limit"]], ["services", "web"])).toEqual({ file: "f", line: 2, column: 3 });
  });
});
