import { describe, expect, it } from "vitest";
import { formatIssue } from "../../../src/base/errors.js";
import { applyProfiles } from "../../../src/stack/profiles.js";
import { type StackSpec, dependency, fakeLocate, makeStack } from "../support/stack-builder.js";

const noLocate = () => undefined;

function enabledServices(spec: StackSpec, active: string[]): string[] {
  const result = applyProfiles(makeStack(spec), active, noLocate);
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join("\n"));
  return Object.keys(result.stack.services);
}

function problems(spec: StackSpec, active: string[]): string[] {
  const result = applyProfiles(makeStack(spec), active, noLocate);
  return result.ok ? [] : result.issues.map(formatIssue);
}

const profiled: StackSpec = {
  services: {
    web: {},
    debug: { profiles: ["debug"] },
    tools: { profiles: ["tools", "debug"] },
    docs: { profiles: ["docs"] },
  },
};

describe("applyProfiles: selection", () => {
  it.each<[string, string[], string[]]>([
    ["no profile active: only unprofiled services", [], ["web"]],
    ["one profile", ["debug"], ["debug", "tools", "web"]],
    ["a service with several profiles, one active", ["tools"], ["tools", "web"]],
    ["several profiles", ["docs", "tools"], ["docs", "tools", "web"]],
    ["* enables every service", ["*"], ["debug", "docs", "tools", "web"]],
    ["an unknown profile changes nothing", ["nope"], ["web"]],
  ])("%s", (_, active, expected) => {
    expect(enabledServices(profiled, active)).toEqual(expected);
  });

  it("leaves data containers, volumes, networks, secrets and configs alone", () => {
    const stack = makeStack({ ...profiled, dataContainers: { seed: {} }, volumes: { data: {} }, networks: { back: {} }, secrets: { s: {} }, configs: { c: {} } });
    const result = applyProfiles(stack, [], noLocate);
    expect(result.ok && result.stack).toMatchObject({
      dataContainers: stack.dataContainers,
      volumes: stack.volumes,
      networks: stack.networks,
      secrets: stack.secrets,
      configs: stack.configs,
    });
  });

  it("records the active profiles, sorted and unique", () => {
    const result = applyProfiles(makeStack(profiled), ["tools", "debug", "tools"], noLocate);
    expect(result.ok && result.stack.profiles).toEqual(["debug", "tools"]);
  });

  it("does not change the input stack", () => {
    const stack = makeStack({ services: { web: { dependsOn: { debug: dependency({ required: false }) } }, debug: { profiles: ["debug"] } } });
    applyProfiles(stack, [], noLocate);
    expect(Object.keys(stack.services)).toEqual(["web", "debug"]);
    expect(Object.keys(stack.services.web?.dependsOn ?? {})).toEqual(["debug"]);
  });
});

describe("applyProfiles: enabled services needing disabled ones", () => {
  it.each<[string, StackSpec, string[]]>([
    [
      "depends_on",
      { services: { web: { dependsOn: { "debug-tools": dependency() } }, "debug-tools": { profiles: ["debug"] } } },
      ['services.web.depends_on.debug-tools: service "web" depends on "debug-tools", which is disabled (profile "debug"); enable it with --profile debug'],
    ],
    [
      "links",
      { services: { web: { links: [{ service: "cache", alias: "redis" }] }, cache: { profiles: ["cache"] } } },
      ['services.web.links[0]: service "web" links to "cache", which is disabled (profile "cache"); enable it with --profile cache'],
    ],
    [
      "volumes_from",
      { services: { web: { volumesFrom: [{ kind: "service", name: "assets", readOnly: true }] }, assets: { profiles: ["build"] } } },
      ['services.web.volumes_from[0]: service "web" mounts volumes from "assets", which is disabled (profile "build"); enable it with --profile build'],
    ],
    [
      "network_mode service:",
      { services: { web: { networkMode: { kind: "service", service: "vpn" } }, vpn: { profiles: ["vpn"] } } },
      ['services.web.network_mode: service "web" uses the network stack of "vpn", which is disabled (profile "vpn"); enable it with --profile vpn'],
    ],
    [
      "several profiles: listed sorted, the first suggested",
      { services: { web: { dependsOn: { db: dependency() } }, db: { profiles: ["prod", "dev"] } } },
      ['services.web.depends_on.db: service "web" depends on "db", which is disabled (profiles "dev", "prod"); enable it with --profile dev'],
    ],
  ])("%s", (_, spec, expected) => {
    expect(problems(spec, [])).toEqual(expected);
  });

  it("drops an optional (required: false) dependency on a disabled service", () => {
    const stack = makeStack({
      services: { web: { dependsOn: { debug: dependency({ required: false }), db: dependency() } }, db: {}, debug: { profiles: ["debug"] } },
    });
    const result = applyProfiles(stack, [], noLocate);
    expect(result.ok).toBe(true);
    if (result.ok) expect(Object.keys(result.stack.services.web?.dependsOn ?? {})).toEqual(["db"]);
  });

  it("keeps an optional dependency when its service is enabled", () => {
    const stack = makeStack({ services: { web: { dependsOn: { debug: dependency({ required: false }) } }, debug: { profiles: ["debug"] } } });
    const result = applyProfiles(stack, ["debug"], noLocate);
    expect(result.ok && Object.keys(result.stack.services.web?.dependsOn ?? {})).toEqual(["debug"]);
  });

  it("accepts a disabled service depending on another disabled one", () => {
    expect(problems({ services: { a: { profiles: ["x"], dependsOn: { b: dependency() } }, b: { profiles: ["y"] } } }, [])).toEqual([]);
  });

  it("leaves references to undefined services to the rules", () => {
    expect(problems({ services: { web: { dependsOn: { ghost: dependency() } } } }, [])).toEqual([]);
  });

  it("locates the issue at the reference", () => {
    const stack = makeStack({ services: { web: { dependsOn: { db: dependency() } }, db: { profiles: ["db"] } } });
    const result = applyProfiles(stack, [], fakeLocate);
    expect(result.ok ? [] : result.issues.map((issue) => issue.location?.file)).toEqual(["stack.yml#services.web.depends_on.db"]);
  });
});
