/**
 * Loading a project through the stack cache (stack/cache.ts), for the engine
 * commands: an unchanged project comes from the cache, and the loader, with
 * yaml and zod, is not even loaded (about a third of a no-op `up`). On a
 * miss the load runs as always (project.ts) while recording what it read,
 * and a successful one is kept.
 */
import { buildGraph } from "../graph/build.js";
import type { Project } from "./project.js";
import { type StackCacheSettings, readCachedLoad, recordingEnvironment, writeCachedLoad } from "../stack/cache.js";
import { recordHostFacts } from "../stack/host.js";
import type { LoadOptions } from "../stack/load.js";

/** Like loadProject, served from the cache when nothing the last load read has changed. */
export async function loadProjectCached(options: LoadOptions, cache: StackCacheSettings | undefined): Promise<Project> {
  const environment = options.environment ?? process.env;
  const cached = cache ? readCachedLoad(cache, options, environment) : undefined;
  if (cached) {
    const graph = buildGraph(cached.stack);
    // It had an acyclic graph when it was written; if not now, a fresh load says why.
    if (graph.ok) return { stack: cached.stack, graph: graph.graph, warnings: cached.warnings };
  }
  const { loadProject } = await import("./project.js");
  if (!cache) return loadProject(options);
  const recording = recordingEnvironment(environment);
  const { result: project, facts } = recordHostFacts(() => loadProject({ ...options, environment: recording.environment }));
  writeCachedLoad(cache, options, facts, recording.lookups(), { stack: project.stack, warnings: project.warnings });
  return project;
}
