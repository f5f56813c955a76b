/**
 * One read pass over what the swarm runs of a project, found by tsd's
 * project labels: its services, networks, secrets and configs. The content
 * of every secret and config the stack defines is read here too (files, the
 * caller's environment, inline text), so the planner that follows stays pure.
 */
import { readFileSync } from "node:fs";
import { ConfigError } from "../../base/errors.js";
import type { SwarmEngine } from "../../docker-api/swarm-engine.js";
import type { ObservedService, ObservedSwarmObject } from "../../docker-api/swarm-types.js";
import type { FileObject, Stack } from "../../stack/model.js";
import type { FileObjectContent, FileObjectSection } from "./convert/file-objects.js";
import { projectFilter } from "./convert/names.js";

/** What runs of the project on the swarm. */
export interface SwarmObserved {
  readonly services: readonly ObservedService[];
  readonly networks: readonly ObservedSwarmObject[];
  readonly secrets: readonly ObservedSwarmObject[];
  readonly configs: readonly ObservedSwarmObject[];
  /** Every network of the swarm by name (external networks must exist). */
  readonly networkNames: ReadonlySet<string>;
  readonly contents: readonly FileObjectContent[];
}

/** The content of one secret or config, read now. */
function readContent(section: FileObjectSection, object: FileObject, environment: Readonly<Record<string, string | undefined>>): Buffer | undefined {
  if (object.external) return undefined;
  if (object.file !== undefined) {
    try {
      return readFileSync(object.file);
    } catch (error) {
      throw new ConfigError([{ path: `${section}.${object.key}.file`, message: `cannot be read: ${(error as Error).message}` }]);
    }
  }
  if (object.environment !== undefined) {
    const value = environment[object.environment];
    if (value === undefined) throw new ConfigError([{ path: `${section}.${object.key}.environment`, message: `names ${object.environment}, which is not set` }]);
    return Buffer.from(value);
  }
  return Buffer.from(object.content ?? "");
}

/** Every secret's and config's content, by section and key. */
export function readContents(stack: Stack, environment: Readonly<Record<string, string | undefined>>): FileObjectContent[] {
  const contents: FileObjectContent[] = [];
  for (const section of ["secrets", "configs"] as const) {
    for (const [key, object] of Object.entries(stack[section]).sort(([a], [b]) => a.localeCompare(b))) {
      const data = readContent(section, object, environment);
      contents.push({ key, section, ...(data ? { data } : {}) });
    }
  }
  return contents;
}

/** Observes the project. */
export async function observeSwarm(engine: SwarmEngine, stack: Stack, environment: Readonly<Record<string, string | undefined>>): Promise<SwarmObserved> {
  const contents = readContents(stack, environment);
  const filter = projectFilter(stack);
  const [services, networks, secrets, configs, allNetworks] = await Promise.all([
    engine.listServices(filter),
    engine.listNetworks(filter),
    engine.listFileObjects("secret", filter),
    engine.listFileObjects("config", filter),
    engine.listNetworks({}),
  ]);
  return { services, networks, secrets, configs, networkNames: new Set(allNetworks.map((network) => network.name)), contents };
}
