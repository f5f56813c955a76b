/**
 * What the container may do to the host's kernel: privileged mode, added
 * capabilities, and security profiles switched off. Each of these undoes a
 * layer of the isolation a container relies on (CIS Docker Benchmark 5.4,
 * 5.3, 5.1, 5.2, 5.21).
 */
import type { Observation, ServiceRule, Severity } from "../finding.js";
import type { Service } from "../../stack/model.js";

/** `privileged: true`: every capability, every host device, no seccomp or AppArmor. */
const privileged: ServiceRule = {
  id: "privileged", severity: "high", scope: "service", summary: "privileged: true",
  check: ({ service, path }, { locator }) => {
    if (!service.privileged) return [];
    const message = "runs privileged: every capability and every host device, with seccomp and AppArmor off; root in it is root on the host";
    return [{ location: locator.best([...path, "privileged"]), message, fix: "remove `privileged: true`; grant only what it needs, e.g. `cap_add: [NET_BIND_SERVICE]` or `devices: [/dev/fuse]`" }];
  },
};

/** A rule judging each entry of a list of strings (`cap_add`, `security_opt`): a message and fix, or nothing. */
function entryRule(id: string, severity: Severity, summary: string, key: "cap_add" | "security_opt", entries: (service: Service) => readonly string[], judge: (entry: string) => Omit<Observation, "location"> | undefined): ServiceRule {
  return {
    id, severity, scope: "service", summary,
    check: ({ service, path }, { locator }) => {
      const list = entries(service);
      return list.flatMap((entry, index) => {
        const verdict = judge(entry);
        return verdict ? [{ location: locator.listEntry([...path, key], index, list.length), ...verdict }] : [];
      });
    },
  };
}

/**
 * Capabilities that amount to host root or let the container reconfigure the
 * host (mount, load modules, trace other processes, read any file, change
 * the network stack or the clock, load BPF programs).
 */
const DANGEROUS_CAPABILITIES: Readonly<Record<string, string>> = {
  ALL: "every capability",
  SYS_ADMIN: "mount, namespaces and much of the kernel's administration",
  SYS_MODULE: "loading kernel modules",
  SYS_PTRACE: "tracing and injecting code into other processes",
  SYS_RAWIO: "raw I/O on devices and kernel memory",
  DAC_READ_SEARCH: "reading any file, and escaping to host files by handle",
  NET_ADMIN: "reconfiguring interfaces, routes and the firewall",
  SYS_TIME: "setting the host's clock",
  SYS_BOOT: "rebooting the host",
  MAC_ADMIN: "changing the mandatory access control (AppArmor, SELinux) policy",
  BPF: "loading BPF programs into the kernel",
};

/** Docker accepts `SYS_ADMIN`, `CAP_SYS_ADMIN` and `sys_admin` alike. */
function capabilityName(written: string): string {
  return written.trim().toUpperCase().replace(/^CAP_/, "");
}

const dangerousCapability = entryRule("dangerous-capability", "high", "cap_add of a capability that amounts to host root (ALL, SYS_ADMIN, NET_ADMIN, …)", "cap_add", (service) => service.capAdd, (written) => {
  const name = capabilityName(written);
  const power = DANGEROUS_CAPABILITIES[name];
  if (power === undefined) return undefined;
  return { message: `cap_add ${name} allows ${power}`, fix: `remove ${name} from cap_add; start from \`cap_drop: [ALL]\` and add back only the narrow capabilities the process needs` };
});

/** What one `security_opt` entry switches off, and what to write instead. */
interface Unconfinement {
  readonly effect: string;
  readonly fix: string;
}

const PROFILE_FIX = "if the default profile blocks something the process needs, write a profile that allows just that";

/** How one `security_opt` entry switches a protection off, if it does (any spelling Docker accepts). */
function unconfinementBy(option: string): Unconfinement | undefined {
  const trimmed = option.trim();
  // Docker splits at the first `=`, or at the first `:` (deprecated) when there is no `=`.
  const separator = trimmed.includes("=") ? "=" : ":";
  const at = trimmed.indexOf(separator);
  if (at < 0) return undefined;
  const key = trimmed.slice(0, at).toLowerCase();
  const value = trimmed.slice(at + 1).toLowerCase();
  const remove = `remove "${option}"`;
  if (key === "seccomp" && value === "unconfined") {
    return { effect: "turns seccomp off: every system call is allowed", fix: `${remove}; ${PROFILE_FIX}: \`security_opt: ["seccomp=./seccomp.json"]\`` };
  }
  if (key === "apparmor" && value === "unconfined") {
    return { effect: "turns AppArmor off", fix: `${remove}; ${PROFILE_FIX}: \`security_opt: ["apparmor=PROFILE"]\` (loaded with apparmor_parser)` };
  }
  if (key === "label" && (value === "disable" || value === "type:spc_t" || value === "type:unconfined_t")) {
    return { effect: "turns SELinux confinement off", fix: `${remove}; for bind mounts, relabel them instead: \`- ./data:/data:z\`` };
  }
  if (key === "systempaths" && value === "unconfined") {
    return { effect: "unmasks the /proc and /sys paths the engine hides from containers", fix: remove };
  }
  return undefined;
}

const unconfinedSecurity = entryRule("unconfined-security", "high", "security_opt turning seccomp, AppArmor or SELinux off", "security_opt", (service) => service.securityOpt, (option) => {
  const unconfinement = unconfinementBy(option);
  return unconfinement && { message: `security_opt "${option}" ${unconfinement.effect}`, fix: unconfinement.fix };
});

/** The rules of this family. */
export const PRIVILEGE_RULES: readonly ServiceRule[] = [privileged, dangerousCapability, unconfinedSecurity];
