/**
 * Scalars whose range the engine (or the kernel behind it) enforces. Each
 * bound here is one the engine would otherwise answer with a 400 at create,
 * or a failure at start, long after the plan was shown; the loader states it
 * at the line the value was written instead. Bounds tsd cannot know before
 * connecting (the host's CPU count, its memory) are left to the engine.
 *
 * Messages: `<quoted value> <what is wrong> (<what is allowed>)`.
 */
import { isIP } from "node:net";
import { posix } from "node:path";
import { z } from "zod";
import { RESERVED_LABEL_PREFIXES } from "../../base/labels.js";
import { type EntryRules, byteSize, decimal, duration, integer, quote, str } from "./scalars.js";

const MIB = 1024 ** 2;

/** The engine refuses memory limits and reservations below this (`Minimum memory limit allowed is 6MB`). */
export const MIN_MEMORY_BYTES = 6 * MIB;

/** tsd's own ceiling on `cpus`: the engine's is the host's CPU count, which tsd learns only by connecting. */
export const MAX_CPUS = 1024;

/** `mem_limit`, `mem_reservation`, `deploy.resources.*.memory`: 0 (no limit) or at least 6 MiB. */
export function memorySize() {
  return byteSize((bytes) => (bytes > 0 && bytes < MIN_MEMORY_BYTES ? "is below the engine's minimum (at least 6m, or 0 for no limit)" : undefined));
}

/** `cpus`, `deploy.resources.*.cpus`: 0 (no limit) up to {@link MAX_CPUS}. */
export function cpuCount() {
  return decimal((cpus) => {
    if (cpus < 0) return "is negative (a number of CPUs from 0.01 to 1024, or 0 for no limit)";
    if (cpus > MAX_CPUS) {
      return `is more CPUs than tsd accepts (at most ${MAX_CPUS}; the engine also refuses more than the host has, which tsd cannot know before connecting)`;
    }
    return undefined;
  });
}

/** `cpu_shares`: the kernel keeps weights from 2 to 262144; the engine silently changes any other value. */
export function cpuShares() {
  return integer({ rule: (shares) => (shares < 2 || shares > 262_144 ? "is outside the kernel's CPU weight range (2 to 262144; the default is 1024)" : undefined) });
}

/** `cpu_period` in microseconds: 0 (the default period) or 1 ms to 1 s. */
export function cpuPeriod() {
  return integer({
    rule: (period) => (period !== 0 && (period < 1000 || period > 1_000_000) ? "is outside the engine's range (1000 to 1000000 microseconds, or 0 for the default)" : undefined),
  });
}

/** `cpu_quota` in microseconds: -1 or 0 (no quota), or at least 1 ms. */
export function cpuQuota() {
  return integer({
    rule: (quota) => (quota < -1 || (quota > 0 && quota < 1000) ? "is outside the engine's range (at least 1000 microseconds, or -1 for no quota)" : undefined),
  });
}

/** `pids_limit`, `deploy.resources.limits.pids`: a positive count, or -1 for no limit. */
export function pidsLimit() {
  return integer({
    rule: (limit) => {
      if (limit === 0) return "would mean no limit to the engine (a positive number of processes, or -1 for no limit)";
      if (limit < -1) return "is not a process limit (a positive number of processes, or -1 for no limit)";
      return undefined;
    },
  });
}

/** Health check durations: the engine refuses anything between 0 (the image's setting) and 1 ms. */
export function healthDuration() {
  return duration((milliseconds) => (milliseconds > 0 && milliseconds < 1 ? "is shorter than the engine's minimum (at least 1ms, or 0 for the image's setting)" : undefined));
}

/** A path inside the container (`working_dir`): the engine refuses relative ones. */
export function containerPath() {
  return str("a container path").refine((path) => path.startsWith("/"), {
    error: (issue) => `${quote(issue.input)} is not an absolute path (a container path starting with "/")`,
  });
}

/** An IP address (`host_ip`, `ipv4_address`, …); `version` narrows it to IPv4 or IPv6. */
export function ipAddress(version?: 4 | 6) {
  const what = version === undefined ? "an IP address" : `an IPv${version} address`;
  return str(what).refine((text) => (version === undefined ? isIP(text) !== 0 : isIP(text) === version), {
    error: (issue) => `${quote(issue.input)} is not ${what}`,
  });
}

/** A string or a list of IP addresses (`dns`); output: a list. */
export function ipAddresses(what: string) {
  return z
    .union([ipAddress(), z.array(ipAddress())], { error: `must be ${what} (an IP address) or a list of them` })
    .transform((value) => (typeof value === "string" ? [value] : value));
}

/** A MAC address as Go's `net.ParseMAC` reads it: 6, 8 or 20 hex octets separated by `:` or `-`. */
export function macAddress() {
  return str("a MAC address").refine(isMacAddress, {
    error: (issue) => `${quote(issue.input)} is not a MAC address (e.g. 02:42:ac:11:00:02)`,
  });
}

function isMacAddress(text: string): boolean {
  const separator = text.charAt(2);
  if (separator !== ":" && separator !== "-") return false;
  const octets = text.split(separator);
  return [6, 8, 20].includes(octets.length) && octets.every((octet) => /^[0-9A-Fa-f]{2}$/.test(octet));
}

/**
 * The target of a secret or config. A relative one is placed under
 * `/run/secrets` (secrets) or `/` (configs): `..` would let it land anywhere.
 */
export function fileTarget() {
  return str("a path").refine((target) => posix.isAbsolute(target) || !target.split("/").includes(".."), {
    error: (issue) => `${quote(issue.input)} climbs out of its base directory (a file name, a relative path without "..", or an absolute path)`,
  });
}

/** Resource limits the kernel knows (`RLIMIT_*`): what the engine can apply. */
export const ULIMIT_NAMES = ["as", "core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack"] as const;

/** A `ulimits` key. */
export function ulimitName() {
  return z.string().refine((name) => (ULIMIT_NAMES as readonly string[]).includes(name), {
    error: (issue) => `${quote(issue.input)} is not a resource limit (one of ${ULIMIT_NAMES.join(", ")})`,
  });
}

/** A ulimit value: a count, or -1 for unlimited. */
export function ulimitValue() {
  return integer({ rule: (value) => (value < -1 ? "is not a limit (a number, or -1 for unlimited)" : undefined) });
}

/**
 * Environment entries. Docker accepts nearly any name, so only what cannot
 * reach a process is refused: `=` in a name (the engine splits there), NUL
 * anywhere (the kernel ends the string there), and whitespace in a name
 * (Compose refuses it too). Messages never quote the value.
 */
export const ENVIRONMENT_RULES: EntryRules = {
  key: (name) => {
    if (name.includes("\0")) return `variable name ${quote(name)} must not contain a NUL character`;
    if (name.includes("=")) return `variable name ${quote(name)} must not contain "=" (the engine would split the name there)`;
    if (/\s/.test(name)) return `variable name ${quote(name)} must not contain spaces`;
    return undefined;
  },
  value: (name, value) => (value.includes("\0") ? `the value of ${quote(name)} must not contain a NUL character (a process environment cannot hold one)` : undefined),
};

/** Label keys anywhere: not empty (checked by `listOrDict`), no whitespace. */
export const LABEL_RULES: EntryRules = {
  key: (key) => (/\s/.test(key) ? `label key ${quote(key)} must not contain whitespace` : undefined),
};

/** Labels tsd puts on engine objects of its own (containers, networks, volumes): its reserved prefixes are refused too. */
export const ENGINE_LABEL_RULES: EntryRules = {
  key: (key) => {
    const reserved = RESERVED_LABEL_PREFIXES.find((prefix) => key.startsWith(prefix));
    if (reserved) return `label key ${quote(key)} uses the prefix "${reserved}", which tsd reserves for its own labels (choose another prefix)`;
    return LABEL_RULES.key?.(key);
  },
};
