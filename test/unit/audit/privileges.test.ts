import { describe, expect, it } from "vitest";
import { audit, hardened, hardenedWith } from "./audit-stack.js";

describe("the hardened baseline", () => {
  it("has no findings at all (so each test below sees only what it adds)", () => {
    const result = audit(hardened());
    expect(result.findings).toEqual([]);
    expect(result.ignored).toEqual([]);
  });
});

describe("privileged", () => {
  it("is reported at the privileged key, high", () => {
    const result = audit(hardened("privileged: true"));
    expect(result.where("privileged")).toEqual([`web ${result.at(10, 5)}`]);
    expect(result.findings[0]).toMatchObject({ rule: "privileged", severity: "high", service: "web", kind: "service" });
  });

  it("privileged: false is fine", () => {
    expect(audit(hardened("privileged: false")).findings).toEqual([]);
  });
});

describe("dangerous-capability", () => {
  it("reports each dangerous capability at its entry, in any spelling Docker accepts", () => {
    const result = audit(hardened("cap_add:", "  - NET_BIND_SERVICE", "  - cap_sys_admin", "  - ALL", "  - CHOWN", "  - NET_ADMIN"));
    expect(result.where("dangerous-capability")).toEqual([`web ${result.at(12, 9)}`, `web ${result.at(13, 9)}`, `web ${result.at(15, 9)}`]);
    expect(result.findings.map((finding) => finding.message)).toEqual([
      "cap_add SYS_ADMIN allows mount, namespaces and much of the kernel's administration",
      "cap_add ALL allows every capability",
      "cap_add NET_ADMIN allows reconfiguring interfaces, routes and the firewall",
    ]);
  });

  it("harmless capabilities are fine", () => {
    expect(audit(hardened("cap_add: [NET_BIND_SERVICE, CHOWN]", "cap_drop: [ALL]")).findings).toEqual([]);
  });
});

describe("unconfined-security", () => {
  it.each(["seccomp=unconfined", "seccomp:unconfined", "apparmor=unconfined", "apparmor:unconfined", "label=disable", "label:disable", "label=type:spc_t", "systempaths=unconfined"])(
    "%s is reported",
    (option) => {
      const result = audit(hardenedWith("security_opt", "security_opt:", '  - "no-new-privileges:true"', `  - "${option}"`));
      expect(result.where("unconfined-security")).toEqual([`web ${result.at(8, 9)}`]);
      expect(result.findings[0]?.message).toContain(`"${option}"`);
    },
  );

  it("a custom profile or a label option is fine", () => {
    const result = audit(
      hardenedWith("security_opt", "security_opt:", '  - "no-new-privileges:true"', '  - "seccomp=/etc/docker/seccomp.json"', '  - "label=level:s0:c100,c200"', '  - "apparmor=docker-default"'),
    );
    expect(result.findings).toEqual([]);
  });
});

describe("no-new-privileges-missing", () => {
  it("is reported at security_opt when it lacks the option, or turns it off", () => {
    for (const options of ['"seccomp=./profile.json"', '"no-new-privileges:false"', '"no-new-privileges=0"', '"no-new-privileges:true", "no-new-privileges:false"']) {
      const result = audit(hardenedWith("security_opt", `security_opt: [${options}]`));
      expect(result.where("no-new-privileges-missing"), options).toEqual([`web ${result.at(6, 5)}`]);
    }
  });

  it("is reported at the service when security_opt is missing", () => {
    const result = audit(hardenedWith("security_opt"));
    expect(result.where("no-new-privileges-missing")).toEqual([`web ${result.at(2, 3)}`]);
    expect(result.findings[0]?.severity).toBe("low");
  });

  it.each(["no-new-privileges", "no-new-privileges=true", "no-new-privileges:true", "no-new-privileges:1"])("%s counts", (option) => {
    expect(audit(hardenedWith("security_opt", `security_opt: ["${option}"]`)).findings).toEqual([]);
  });
});

describe("not-read-only", () => {
  it("is reported at read_only: false, or at the service when it is missing", () => {
    const written = audit(hardenedWith("read_only", "read_only: false"));
    expect(written.where("not-read-only")).toEqual([`web ${written.at(5, 5)}`]);
    const missing = audit(hardenedWith("read_only"));
    expect(missing.where("not-read-only")).toEqual([`web ${missing.at(2, 3)}`]);
  });
});
