/**
 * Host paths mounted into containers: the engine's API socket (CIS Docker
 * Benchmark 5.31) and the host's system directories (5.5). These apply to
 * data containers too: whatever they mount, every service importing them
 * with volumes_from gets as well (and is reported at that entry).
 */
import { posix } from "node:path";
import type { ContainerRule, Observation, Severity } from "../finding.js";
import { type HostMount, hostMounts, isWithin } from "../host-mounts.js";

/** A rule judging each host path the container mounts: a message and fix, or nothing. */
function hostMountRule(id: string, severity: Severity, summary: string, judge: (mount: HostMount) => Omit<Observation, "location"> | undefined): ContainerRule {
  return {
    id, severity, scope: "container", summary,
    check: (subject, context) =>
      hostMounts(subject, context).flatMap((mount) => {
        const verdict = judge(mount);
        return verdict ? [{ location: mount.location, ...verdict }] : [];
      }),
  };
}

/** Where container engines listen by default; mounting any directory holding one of them mounts the socket too. */
const ENGINE_SOCKETS = ["/var/run/docker.sock", "/run/docker.sock", "/run/containerd/containerd.sock", "/run/podman/podman.sock"];
/** The sockets' names wherever they live (rootless engines: /run/user/1000/docker.sock, Docker Desktop: ~/.docker/run/docker.sock). */
const SOCKET_NAMES = new Set(ENGINE_SOCKETS.map((socket) => posix.basename(socket)));

/** The engine socket this mount exposes, if any. */
function exposedSocket(mount: HostMount): string | undefined {
  if (SOCKET_NAMES.has(posix.basename(mount.hostPath))) return mount.hostPath;
  return ENGINE_SOCKETS.find((socket) => isWithin(socket, mount.hostPath));
}

const dockerSocket = hostMountRule("docker-socket", "high", "a bind mount of the engine's API socket or a directory holding it, read-only or not", (mount) => {
  const socket = exposedSocket(mount);
  if (socket === undefined) return undefined;
  const what = socket === mount.hostPath ? socket : `${mount.hostPath}, which holds ${socket}`;
  return {
    message: `mounts the container engine's API socket (${what}, ${mount.via}): control of the engine is root on the host, and :ro does not make the API read-only`,
    fix: "remove the mount; if it must talk to the engine, give it a socket proxy that allows only the calls it makes, e.g. `environment: {DOCKER_HOST: tcp://socket-proxy:2375}`",
  };
});

/** Host directories whose contents are the host: its configuration, kernel interfaces, devices, programs, root's home, the engine's state. */
const SYSTEM_PATHS = ["/", "/etc", "/proc", "/sys", "/dev", "/boot", "/usr", "/lib", "/lib64", "/bin", "/sbin", "/root", "/var/lib/docker"];

/**
 * Read-only files below the system paths that containers are meant to share:
 * the time zone and the CA certificates. Mounting them writable is still
 * reported.
 */
const SHAREABLE_READ_ONLY = ["/etc/localtime", "/etc/timezone", "/usr/share/zoneinfo", "/etc/ssl/certs", "/etc/ca-certificates", "/etc/pki/ca-trust"];

/** The system path `hostPath` is or lies in; `/` only counts as itself. */
function systemPathOf(hostPath: string): string | undefined {
  if (hostPath === "/") return "/";
  return SYSTEM_PATHS.filter((system) => system !== "/" && isWithin(hostPath, system)).sort((a, b) => b.length - a.length)[0];
}

function describeMount(mount: HostMount, system: string): string {
  return mount.hostPath === system ? `host ${system}` : `${mount.hostPath} (in host ${system})`;
}

const systemPathWritable = hostMountRule("system-path-writable", "high", `a writable bind mount of ${SYSTEM_PATHS.join(", ")}`, (mount) => {
  const system = systemPathOf(mount.hostPath);
  if (system === undefined || mount.readOnly) return undefined;
  return {
    message: `mounts ${describeMount(mount, system)} writable (${mount.via}): what it writes there changes the host`,
    fix: "mount only the files it needs, read-only: `- /etc/app/app.conf:/etc/app.conf:ro` (long syntax: `read_only: true`)",
  };
});

const systemPathMounted = hostMountRule("system-path-mounted", "medium", "a read-only bind mount of one of those system paths", (mount) => {
  const system = systemPathOf(mount.hostPath);
  if (system === undefined || !mount.readOnly || SHAREABLE_READ_ONLY.some((shareable) => isWithin(mount.hostPath, shareable))) return undefined;
  return {
    message: `mounts ${describeMount(mount, system)} read-only (${mount.via}): the container can read the host's ${system === "/" ? "whole filesystem" : "system files"}`,
    fix: "mount only the specific files it needs, read-only, or copy them into the image",
  };
});

/** The rules of this family. */
export const MOUNT_RULES: readonly ContainerRule[] = [dockerSocket, systemPathWritable, systemPathMounted];
