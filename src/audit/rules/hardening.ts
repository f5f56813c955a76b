/**
 * Defence in depth: settings that cost little and limit what an attacker
 * who got code running in the container can do next (CIS Docker Benchmark
 * 5.12 read-only root filesystem, 5.25 no new privileges).
 */
import type { ServiceRule } from "../finding.js";

const notReadOnly: ServiceRule = {
  id: "not-read-only", severity: "low", scope: "service", summary: "read_only is not true",
  check: ({ service, path }, { locator }) =>
    service.readOnly
      ? []
      : [
          {
            location: locator.firstWritten([[...path, "read_only"]], path),
            message: "the root filesystem is writable: a compromised process can replace the container's own binaries and configuration",
            fix: "`read_only: true`, with `tmpfs: [/tmp]` (and volumes) for the paths it writes",
          },
        ],
};

/** Go's strconv.ParseBool, which the engine uses for the option's value. */
const TRUE_WORDS = new Set(["1", "t", "true"]);
const FALSE_WORDS = new Set(["0", "f", "false"]);

/** Whether `security_opt` turns no-new-privileges on; the last entry naming it wins, as in the engine. */
function hasNoNewPrivileges(securityOpt: readonly string[]): boolean {
  let enabled = false;
  for (const option of securityOpt) {
    const trimmed = option.trim();
    if (trimmed === "no-new-privileges") {
      enabled = true;
      continue;
    }
    const match = /^no-new-privileges[=:](.*)$/.exec(trimmed);
    const value = match?.[1]?.toLowerCase();
    if (value !== undefined && TRUE_WORDS.has(value)) enabled = true;
    if (value !== undefined && FALSE_WORDS.has(value)) enabled = false;
  }
  return enabled;
}

const noNewPrivilegesMissing: ServiceRule = {
  id: "no-new-privileges-missing", severity: "low", scope: "service", summary: "security_opt lacks no-new-privileges:true",
  check: ({ service, path }, { locator }) =>
    hasNoNewPrivileges(service.securityOpt)
      ? []
      : [
          {
            location: locator.firstWritten([[...path, "security_opt"]], path),
            message: "processes may gain privileges through setuid binaries (no-new-privileges is not set)",
            fix: '`security_opt: ["no-new-privileges:true"]`',
          },
        ],
};

/** The rules of this family. */
export const HARDENING_RULES: readonly ServiceRule[] = [notReadOnly, noNewPrivilegesMissing];
