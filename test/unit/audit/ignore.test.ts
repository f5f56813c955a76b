import { describe, expect, it } from "vitest";
import { formatIssue } from "../../../src/base/errors.js";
import { summaryLine } from "../../../src/audit/report.js";
import { configErrorOf } from "../support/config-error.js";
import { audit, hardened, hardenedWith } from "./audit-stack.js";

describe("x-tsd.audit.ignore", () => {
  it("on a service silences its rules there, and the summary counts them", () => {
    const result = audit(hardenedWith("user", "privileged: true", "x-tsd:", "  audit:", "    ignore: [privileged, runs-as-root]"));
    expect(result.findings).toEqual([]);
    expect(result.ignored.map((finding) => finding.rule)).toEqual(["privileged", "runs-as-root"]);
    expect(summaryLine(result)).toBe("no findings (2 ignored)");
  });

  it("on a service does not reach other services", () => {
    const yaml = [hardened("privileged: true", "x-tsd: {audit: {ignore: [privileged]}}"), "  other:", "    image: nginx:1.27", "    privileged: true", ""].join("\n");
    const result = audit(yaml);
    expect(result.where("privileged")).toEqual([`other ${result.at(15, 5)}`]);
    expect(result.ignored.map((finding) => `${finding.service} ${finding.rule}`)).toEqual(["web privileged"]);
  });

  it("at the top level silences a rule for every service and data container", () => {
    const yaml = [
      "x-tsd:",
      "  audit:",
      "    ignore: [image-not-pinned]",
      hardenedWith("image", "image: nginx:1.27"),
      "data_containers:",
      "  seed: {image: 'busybox:1.36'}",
      "",
    ].join("\n");
    const result = audit(yaml);
    expect(result.findings).toEqual([]);
    expect(result.ignored.map((finding) => `${finding.service} ${finding.rule}`)).toEqual(["web image-not-pinned", "seed image-not-pinned"]);
  });

  it("lives beside other x-tsd settings (supervise)", () => {
    const result = audit(hardened("privileged: true", "x-tsd:", "  supervise: {restart_unhealthy: true}", "  audit: {ignore: [privileged]}"));
    expect(result.findings).toEqual([]);
  });

  it("an unknown rule id is a located config error with a suggestion", () => {
    const error = configErrorOf(() => audit(hardened("x-tsd:", "  audit:", "    ignore:", "      - privilegd", "      - nonsense")));
    const lines = error.issues.map(formatIssue);
    expect(lines[0]).toMatch(/stack\.yml:13:13 services\.web\.x-tsd\.audit\.ignore\[0\]: unknown audit rule "privilegd", did you mean "privileged"\?$/);
    expect(lines[1]).toMatch(/stack\.yml:14:13 services\.web\.x-tsd\.audit\.ignore\[1\]: unknown audit rule "nonsense", expected one of: dangerous-capability, docker-socket, /);
  });

  it("a malformed block is a located config error too", () => {
    const notList = configErrorOf(() => audit(["x-tsd: {audit: {ignore: privileged}}", hardened()].join("\n")));
    expect(notList.issues.map(formatIssue)).toEqual([expect.stringMatching(/stack\.yml:1:17 x-tsd\.audit\.ignore: must be a list of audit rule ids$/)]);
    const unknownKey = configErrorOf(() => audit(hardened("x-tsd: {audit: {ignroe: [privileged]}}")));
    expect(unknownKey.issues.map(formatIssue)).toEqual([expect.stringMatching(/services\.web\.x-tsd\.audit\.ignroe: unknown key "ignroe", did you mean "ignore"\?$/)]);
  });
});
