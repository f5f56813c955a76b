import { describe, expect, it } from "vitest";
import { audit, hardenedWith } from "./audit-stack.js";

/** Each limit rule: the baseline's key (and its line), the deploy spelling that also counts, and a value meaning "no limit". */
const LIMITS = [
  { rule: "no-memory-limit", severity: "medium", key: "mem_limit", line: 8, deploy: "memory: 256M", deployKey: "memory", unlimited: "0" },
  { rule: "no-pids-limit", severity: "low", key: "pids_limit", line: 7, deploy: "pids: 50", deployKey: "pids", unlimited: "-1" },
] as const;

describe.each(LIMITS)("$rule", ({ rule, severity, key, line, deploy, deployKey, unlimited }) => {
  it(`is reported at the service when there is no ${key}, ${severity}`, () => {
    const result = audit(hardenedWith(key));
    expect(result.where(rule)).toEqual([`web ${result.at(2, 3)}`]);
    expect(result.findings.map((finding) => finding.severity)).toEqual([severity]);
  });

  it("deploy.resources.limits counts as well", () => {
    expect(audit(hardenedWith(key, `deploy: {resources: {limits: {${deploy}}}}`)).findings).toEqual([]);
  });

  it(`${unlimited} means no limit, and is reported where it is written`, () => {
    const result = audit(hardenedWith(key, `${key}: ${unlimited}`));
    expect(result.where(rule)).toEqual([`web ${result.at(line, 5)}`]);
    const underDeploy = audit(hardenedWith(key, `deploy: {resources: {limits: {${deployKey}: ${unlimited}}}}`));
    expect(underDeploy.where(rule)).toEqual([`web ${underDeploy.at(line, 35)}`]);
  });
});
