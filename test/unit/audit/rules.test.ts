import { describe, expect, it } from "vitest";
import { RULES, RULE_IDS } from "../../../src/audit/rules.js";

describe("the rule catalogue", () => {
  it("has these ids, severities and scopes (ids are stable: ignore lists name them)", () => {
    const table = Object.fromEntries(RULES.map((rule) => [rule.id, `${rule.severity} ${rule.scope}`]));
    expect(table).toEqual({
      privileged: "high service",
      "docker-socket": "high container",
      "host-namespace": "high service",
      "dangerous-capability": "high service",
      "unconfined-security": "high service",
      "system-path-writable": "high container",
      "secret-in-environment": "high service",
      "runs-as-root": "medium service",
      "published-on-all-interfaces": "medium service",
      "image-latest": "medium container",
      "system-path-mounted": "medium container",
      "no-memory-limit": "medium service",
      "not-read-only": "low service",
      "no-new-privileges-missing": "low service",
      "no-pids-limit": "low service",
      "image-not-pinned": "low container",
    });
  });

  it("ids are unique, kebab-case, and listed sorted", () => {
    expect(new Set(RULE_IDS).size).toBe(RULES.length);
    for (const id of RULE_IDS) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect([...RULE_IDS]).toEqual([...RULE_IDS].sort());
  });
});
