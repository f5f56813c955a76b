/**
 * Opening a stack for an operate verb (logs, exec, stop, …): load the project
 * (through the stack cache), report its warnings, and only then connect, so
 * a bad stack or an unknown service never costs an engine call.
 */
import { loadProjectCached } from "../project/cached.js";
import type { Engine } from "../docker-api/engine.js";
import type { VerbContext } from "./orchestrator.js";
import type { Project } from "../project/project.js";
import { checkServiceNames } from "../targets/docker/verbs/containers.js";

/** A loaded project and a connected engine. */
export interface StackSession {
  readonly project: Project;
  readonly engine: Engine;
}

/** Loads the project, checks the service names the user gave, then connects. */
export async function openStack(context: VerbContext, services: readonly string[] = []): Promise<StackSession> {
  const project = await loadProjectCached(context.load, context.stackCache);
  project.warnings.forEach(context.onWarning);
  checkServiceNames(project, services);
  return { project, engine: context.connect() };
}
