/**
 * Reads engine state for assertions through the `docker` CLI. Tests check
 * what the engine really holds, independently of tsd's own engine adapter.
 */
import { execFile } from "node:child_process";
import type { ContainerInspectInfo, NetworkInspectInfo, VolumeInspectInfo } from "dockerode";
import { LABEL_PROJECT } from "../../../src/base/labels.js";

/** What a `docker` command printed and returned. */
export interface DockerResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `docker ...args`; never throws for a non-zero exit (see {@link docker}). */
export function dockerRaw(args: readonly string[], timeoutMs = 60_000): Promise<DockerResult> {
  return new Promise((resolve, reject) => {
    execFile("docker", args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") {
        // Not an exit status: docker missing (ENOENT) or killed by the timeout.
        reject(new Error(`docker ${args.join(" ")} failed: ${error.message}\n${stderr}`));
        return;
      }
      resolve({ status: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/** Runs `docker ...args` and returns its stdout; throws with stderr on a non-zero exit. */
export async function docker(args: readonly string[], timeoutMs = 60_000): Promise<string> {
  const result = await dockerRaw(args, timeoutMs);
  if (result.status !== 0) {
    throw new Error(`docker ${args.join(" ")} exited with ${result.status}: ${result.stderr.trim()}`);
  }
  return result.stdout;
}

/** Engine and API version of the engine the tests use. */
export interface EngineVersion {
  readonly version: string;
  readonly apiVersion: string;
  readonly minApiVersion: string;
}

/** Asks the engine for its version; throws when it does not answer. */
export async function engineVersion(): Promise<EngineVersion> {
  const server = JSON.parse(await docker(["version", "--format", "{{json .Server}}"], 15_000)) as {
    Version: string;
    ApiVersion: string;
    MinAPIVersion: string;
  };
  return { version: server.Version, apiVersion: server.ApiVersion, minApiVersion: server.MinAPIVersion };
}

/** IDs of every container, network and volume labelled with the project, each list sorted. */
export interface ProjectResources {
  readonly containers: readonly string[];
  readonly networks: readonly string[];
  readonly volumes: readonly string[];
}

function lines(output: string): string[] {
  return output
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .sort();
}

/** Everything the engine holds for `projectName` (label `dev.tsd.project`), stopped containers included. */
export async function projectResources(projectName: string): Promise<ProjectResources> {
  const filter = `label=${LABEL_PROJECT}=${projectName}`;
  const [containers, networks, volumes] = await Promise.all([
    docker(["ps", "--all", "--quiet", "--no-trunc", "--filter", filter]),
    docker(["network", "ls", "--quiet", "--no-trunc", "--filter", filter]),
    docker(["volume", "ls", "--quiet", "--filter", filter]),
  ]);
  return { containers: lines(containers), networks: lines(networks), volumes: lines(volumes) };
}

/** `docker inspect` of one container (by name or ID). */
export async function inspectContainer(container: string): Promise<ContainerInspectInfo> {
  const [info] = JSON.parse(await docker(["container", "inspect", container])) as ContainerInspectInfo[];
  if (!info) throw new Error(`docker container inspect ${container} returned nothing`);
  return info;
}

/** `docker inspect` of every container of the project, sorted by name. */
export async function inspectProjectContainers(projectName: string): Promise<ContainerInspectInfo[]> {
  const { containers } = await projectResources(projectName);
  if (containers.length === 0) return [];
  const infos = JSON.parse(await docker(["container", "inspect", ...containers])) as ContainerInspectInfo[];
  return infos.sort((a, b) => a.Name.localeCompare(b.Name));
}

/** `docker network inspect` of one network. */
export async function inspectNetwork(network: string): Promise<NetworkInspectInfo> {
  const [info] = JSON.parse(await docker(["network", "inspect", network])) as NetworkInspectInfo[];
  if (!info) throw new Error(`docker network inspect ${network} returned nothing`);
  return info;
}

/** `docker volume inspect` of one volume. */
export async function inspectVolume(volume: string): Promise<VolumeInspectInfo> {
  const [info] = JSON.parse(await docker(["volume", "inspect", volume])) as VolumeInspectInfo[];
  if (!info) throw new Error(`docker volume inspect ${volume} returned nothing`);
  return info;
}

/** Runs `command` in a running container (`docker exec`); the exit status is returned, not thrown. */
export function execInContainer(container: string, command: readonly string[], timeoutMs = 30_000): Promise<DockerResult> {
  return dockerRaw(["exec", container, ...command], timeoutMs);
}

/**
 * Removes every container (with its anonymous volumes), network and volume
 * labelled with the project. Tries all of them before throwing, so one
 * failure does not leave the rest behind.
 */
export async function removeProjectResources(projectName: string): Promise<void> {
  const problems: string[] = [];
  const attempt = async (args: string[]): Promise<void> => {
    const result = await dockerRaw(args);
    // "No such …": already gone (removed by tsd itself, or a container's --rm).
    if (result.status !== 0 && !/no such/i.test(result.stderr)) problems.push(`docker ${args.join(" ")}: ${result.stderr.trim()}`);
  };
  const { containers } = await projectResources(projectName);
  if (containers.length > 0) await attempt(["rm", "--force", "--volumes", ...containers]);
  // Networks and volumes are listed after the containers are gone: a container being removed may still hold them.
  const { networks, volumes } = await projectResources(projectName);
  if (networks.length > 0) await attempt(["network", "rm", ...networks]);
  if (volumes.length > 0) await attempt(["volume", "rm", "--force", ...volumes]);
  if (problems.length > 0) throw new Error(`cleanup of project "${projectName}" failed:\n${problems.join("\n")}`);
}
