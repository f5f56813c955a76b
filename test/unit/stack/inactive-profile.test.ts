/**
 * A feature tsd does not support, in a service that the active profiles
 * leave out, is a located warning: the file still loads. With the profile
 * active, it is the usual error.
 */
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/base/errors.js";
import { loadStack } from "../../../src/stack/load.js";
import { tempProject } from "../support/temp-project.js";

const STACK = `services:
  web:
    image: tsd-test/busybox:1
  legacy:
    image: tsd-test/busybox:1
    profiles: [legacy]
    storage_opt: {size: 20G}
`;

function load(profiles: string[]) {
  const project = tempProject({ "stack.yml": STACK });
  try {
    return loadStack({ cwd: project.dir, files: ["stack.yml"], environment: {}, profiles });
  } finally {
    project.cleanup();
  }
}

describe("unsupported features in inactive profiles", () => {
  it("loads with a located warning when the service's profile is not active", () => {
    const loaded = load([]);
    expect(Object.keys(loaded.stack.services)).toEqual(["web"]);
    expect(loaded.warnings).toEqual([
      expect.stringMatching(/stack\.yml:7:5 services\.legacy\.storage_opt: not supported by tsd: storage_opt \(.*\); ignored, as the service's profiles \(legacy\) are not active$/),
    ]);
  });

  it("is an error when the profile is active", () => {
    expect(() => load(["legacy"])).toThrow(ConfigError);
    expect(() => load(["legacy"])).toThrow(/services\.legacy\.storage_opt: not supported by tsd: storage_opt/);
  });

  it("is still an error for a mistake that is not an unsupported feature", () => {
    const project = tempProject({ "stack.yml": STACK.replace("storage_opt: {size: 20G}", "restrat: always") });
    try {
      expect(() => loadStack({ cwd: project.dir, files: ["stack.yml"], environment: {} })).toThrow(/unknown key "restrat", did you mean "restart"\?/);
    } finally {
      project.cleanup();
    }
  });
});
