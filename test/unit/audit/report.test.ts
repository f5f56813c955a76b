import { describe, expect, it } from "vitest";
import type { AuditResult } from "../../../src/audit/audit.js";
import type { Finding, Severity } from "../../../src/audit/finding.js";
import { type FailOn, failsOn, renderJson, renderText, summaryLine } from "../../../src/audit/report.js";
import { audit, hardened } from "./audit-stack.js";

function finding(severity: Severity, rule = `${severity}-rule`): Finding {
  return { rule, severity, kind: "service", service: "web", location: { file: "/p/stack.yml", line: 2, column: 3 }, message: "m", fix: "f" };
}

function result(...severities: Severity[]): AuditResult {
  return { findings: severities.map((severity) => finding(severity)), ignored: [] };
}

describe("failsOn", () => {
  it.each<[Severity[], FailOn, boolean]>([
    [[], "low", false],
    [["low"], "low", true],
    [["low"], "medium", false],
    [["medium"], "medium", true],
    [["medium"], "high", false],
    [["high"], "high", true],
    [["low", "medium"], "high", false],
    [["high"], "none", false],
    [["high", "medium", "low"], "low", true],
  ])("%j with --fail-on %s: %s", (severities, failOn, fails) => {
    expect(failsOn(result(...severities), failOn)).toBe(fails);
  });

  it("ignored findings never fail the run", () => {
    expect(failsOn({ findings: [], ignored: [finding("high")] }, "low")).toBe(false);
  });
});

describe("summaryLine", () => {
  it("counts per severity, singular for one, with the ignored", () => {
    expect(summaryLine(result())).toBe("no findings");
    expect(summaryLine(result("low"))).toBe("1 finding: 0 high, 0 medium, 1 low");
    expect(summaryLine({ findings: [finding("high"), finding("low"), finding("low")], ignored: [finding("medium")] })).toBe("3 findings: 1 high, 0 medium, 2 low (1 ignored)");
  });
});

describe("renderText", () => {
  const stack = [
    hardened("privileged: true", "cap_add: [SYS_ADMIN]"),
    "  db:",
    `    image: postgres:16@sha256:${"c".repeat(64)}`,
    '    user: "999"',
    "    read_only: true",
    "    security_opt: [no-new-privileges]",
    "    pids_limit: 100",
    "    mem_limit: 1g",
    "data_containers:",
    "  seed:",
    "    image: busybox:1.36",
    "",
  ].join("\n");

  it("groups by service (services, then data containers), most severe first, then by rule; ends with the summary", () => {
    const audited = audit(stack);
    expect(renderText(audited, { colour: false })).toBe(
      [
        "service web",
        `  high    dangerous-capability  ${audited.at(11, 15)}`,
        "          cap_add SYS_ADMIN allows mount, namespaces and much of the kernel's administration",
        "          fix: remove SYS_ADMIN from cap_add; start from `cap_drop: [ALL]` and add back only the narrow capabilities the process needs",
        `  high    privileged            ${audited.at(10, 5)}`,
        "          runs privileged: every capability and every host device, with seccomp and AppArmor off; root in it is root on the host",
        "          fix: remove `privileged: true`; grant only what it needs, e.g. `cap_add: [NET_BIND_SERVICE]` or `devices: [/dev/fuse]`",
        "",
        "data container seed",
        `  low     image-not-pinned      ${audited.at(22, 5)}`,
        '          image "busybox:1.36" is not pinned by digest: the registry decides what the tag points at on each pull',
        "          fix: `image: busybox:1.36@sha256:<digest>` (the digest: `docker buildx imagetools inspect busybox:1.36`)",
        "",
        "3 findings: 2 high, 0 medium, 1 low",
        "",
      ].join("\n"),
    );
  });

  it("colours severities and headings only when asked", () => {
    const audited = audit(stack);
    expect(renderText(audited, { colour: false })).not.toContain("\u001b[");
    const coloured = renderText(audited, { colour: true });
    expect(coloured).toContain("\u001b[1;31mhigh  \u001b[0m");
    expect(coloured).toContain("\u001b[36mlow   \u001b[0m");
    expect(coloured).toContain("\u001b[1mservice web\u001b[0m");
  });

  it("only the services asked for, and then no data containers", () => {
    const audited = audit(stack, { services: ["db"] });
    expect(renderText(audited, { colour: false })).toBe("no findings\n");
  });
});

describe("renderJson", () => {
  it("has findings with their location spread out, the ignored ones, and the summary", () => {
    const audited = audit(hardened("privileged: true", "pid: host", "x-tsd: {audit: {ignore: [host-namespace]}}"));
    const document = JSON.parse(renderJson(audited));
    expect(document).toEqual({
      findings: [
        {
          rule: "privileged",
          severity: "high",
          kind: "service",
          service: "web",
          file: audited.folder.path("stack.yml"),
          line: 10,
          column: 5,
          message: expect.stringMatching(/^runs privileged/),
          fix: expect.stringContaining("remove `privileged: true`"),
        },
      ],
      ignored: [expect.objectContaining({ rule: "host-namespace", line: 11, column: 5 })],
      summary: { high: 1, medium: 0, low: 0, ignored: 1 },
    });
  });
});
