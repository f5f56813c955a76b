/**
 * The engine's objects in detail, on the Docker Engine API: a container's
 * filesystem changes (`GET /containers/{id}/changes`), attaching to its main
 * process (`POST /containers/{id}/attach`, hijacked), `/version`, and
 * volumes and networks inspected (`/volumes/{name}`, `/system/df`,
 * `/networks/{id}`). The engine's shapes are mapped into tsd's here.
 */
import type { Duplex } from "node:stream";
import type { AttachedStreams } from "../operations/inside.js";
import type { AttachOptions, ChangeKind, EngineVersion, FilesystemChange, NetworkDetails, VolumeDetails } from "../operations/objects.js";
import type { EngineClient } from "./client.js";
import { pumpAttached } from "./inside.js";

/** The engine's change kinds: 0 modified, 1 added, 2 deleted. */
const CHANGE_KINDS: readonly ChangeKind[] = ["C", "A", "D"];

/** `GET /containers/{id}/changes`, sorted by path as `docker diff` prints it. */
export async function containerChanges(client: EngineClient, containerId: string): Promise<FilesystemChange[]> {
  const answer = (await client.read(`list the filesystem changes of container "${containerId}"`, (docker) => docker.getContainer(containerId).changes())) as
    | { Path: string; Kind: number }[]
    | null;
  return (answer ?? []).map((change) => ({ kind: CHANGE_KINDS[change.Kind] ?? "C", path: change.Path })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Attaches to the running container until its output ends or the signal aborts (the user detached). */
export async function attachContainer(client: EngineClient, containerId: string, streams: AttachedStreams, options: AttachOptions): Promise<void> {
  const action = `attach to container "${containerId}"`;
  const { docker } = await client.connected();
  const container = docker.getContainer(containerId);
  const info = await client.run(action, () => container.inspect());
  const stdin = streams.stdin !== undefined;
  const socket = (await client.run(action, () =>
    container.attach({ stream: true, stdin, stdout: true, stderr: true, hijack: true, ...(options.detachKeys ? { detachKeys: options.detachKeys } : {}) }),
  )) as unknown as Duplex;
  const detach = (): void => void socket.destroy();
  options.signal?.addEventListener("abort", detach, { once: true });
  try {
    if (options.signal?.aborted) return;
    await client.run(action, () => pumpAttached(docker, socket, info.Config.Tty, streams, (size) => container.resize({ h: size.rows, w: size.columns })));
  } finally {
    options.signal?.removeEventListener("abort", detach);
    socket.destroy();
  }
}

interface RawVersion {
  Platform?: { Name?: string };
  Version?: string;
  ApiVersion?: string;
  MinAPIVersion?: string;
  GitCommit?: string;
  GoVersion?: string;
  Os?: string;
  Arch?: string;
  KernelVersion?: string;
  BuildTime?: string;
  Experimental?: boolean | string;
  Components?: { Name?: string; Version?: string; Details?: Record<string, unknown> | null }[] | null;
}

/** `GET /version`, unversioned: it answers whatever API version the engine speaks. */
export async function engineVersion(client: EngineClient): Promise<EngineVersion> {
  const raw = (await client.read("ask the engine its version", (docker) => docker.version())) as unknown as RawVersion;
  return {
    platform: raw.Platform?.Name ?? "",
    version: raw.Version ?? "",
    apiVersion: raw.ApiVersion ?? "",
    minApiVersion: raw.MinAPIVersion ?? "",
    gitCommit: raw.GitCommit ?? "",
    goVersion: raw.GoVersion ?? "",
    os: raw.Os ?? "",
    arch: raw.Arch ?? "",
    kernelVersion: raw.KernelVersion ?? "",
    buildTime: raw.BuildTime ?? "",
    experimental: raw.Experimental === true || raw.Experimental === "true",
    components: (raw.Components ?? []).map((component) => ({
      name: component.Name ?? "",
      version: component.Version ?? "",
      details: Object.fromEntries(Object.entries(component.Details ?? {}).map(([key, value]) => [key, String(value)])),
    })),
  };
}

/** `GET /volumes/{name}`; undefined when there is none. */
export async function volumeDetails(client: EngineClient, name: string): Promise<VolumeDetails | undefined> {
  const raw = (await client.optional(`inspect volume "${name}"`, (docker) => docker.getVolume(name).inspect())) as
    | { Name: string; Driver?: string; Mountpoint?: string; Scope?: string; CreatedAt?: string; Labels?: Record<string, string> | null; Options?: Record<string, string> | null }
    | undefined;
  if (!raw) return undefined;
  return {
    name: raw.Name,
    driver: raw.Driver ?? "",
    mountpoint: raw.Mountpoint ?? "",
    scope: raw.Scope ?? "",
    createdAt: raw.CreatedAt ?? "",
    labels: { ...(raw.Labels ?? {}) },
    options: { ...(raw.Options ?? {}) },
  };
}

/** Volume sizes from `GET /system/df` (the engine reports -1 where it does not know). */
export async function volumeSizes(client: EngineClient): Promise<Record<string, number>> {
  const raw = (await client.read("read the engine's disk usage", (docker) => docker.df())) as { Volumes?: { Name: string; UsageData?: { Size?: number } | null }[] | null };
  const sizes: Record<string, number> = {};
  for (const volume of raw.Volumes ?? []) {
    const size = volume.UsageData?.Size;
    if (typeof size === "number" && size >= 0) sizes[volume.Name] = size;
  }
  return sizes;
}

interface RawNetwork {
  Id: string;
  Name: string;
  Driver?: string;
  Scope?: string;
  Internal?: boolean;
  Attachable?: boolean;
  EnableIPv6?: boolean;
  Created?: string;
  Labels?: Record<string, string> | null;
  IPAM?: { Config?: { Subnet?: string; Gateway?: string }[] | null };
  Containers?: Record<string, { Name?: string; IPv4Address?: string }> | null;
}

/** `GET /networks/{name}`; undefined when there is none. */
export async function networkDetails(client: EngineClient, name: string): Promise<NetworkDetails | undefined> {
  const raw = (await client.optional(`inspect network "${name}"`, (docker) => docker.getNetwork(name).inspect())) as RawNetwork | undefined;
  if (!raw) return undefined;
  return {
    id: raw.Id,
    name: raw.Name,
    driver: raw.Driver ?? "",
    scope: raw.Scope ?? "",
    internal: raw.Internal === true,
    attachable: raw.Attachable === true,
    ipv6: raw.EnableIPv6 === true,
    createdAt: raw.Created ?? "",
    labels: { ...(raw.Labels ?? {}) },
    subnets: (raw.IPAM?.Config ?? []).map((pool) => ({ subnet: pool.Subnet ?? "", gateway: pool.Gateway ?? "" })),
    containers: Object.entries(raw.Containers ?? {})
      .map(([containerId, endpoint]) => ({ containerId, name: endpoint.Name ?? "", ipv4Address: endpoint.IPv4Address ?? "" }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  };
}
