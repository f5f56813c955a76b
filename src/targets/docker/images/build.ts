/**
 * `tsd build`: builds the images of services with a `build:` section, in
 * dependency order, with exactly the request `up --build` sends
 * (`buildSpec`, one code path), tagged as `up` tags them; the command line
 * only adds `--no-cache`, `--pull` and `--build-arg` on top.
 */
import type { BuildSpec } from "../../../docker-api/types.js";
import { UsageError } from "../../../base/errors.js";
import { buildSpec } from "../planner/plan-resources.js";
import { serviceImage, stackService } from "../../../stack/names.js";
import { type DockerScope } from "../verbs/containers.js";
import { servicesInOrder } from "../../../project/services.js";
import { forService, type ImageVerbListener } from "./events.js";

/** What `tsd build` was asked. */
export interface BuildOptions {
  /** Empty: every service. */
  readonly services: readonly string[];
  readonly noCache: boolean;
  readonly pull: boolean;
  /** `--build-arg` values, over the stack's own for every service. */
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly onEvent: ImageVerbListener;
}

/**
 * `--build-arg` entries as the docker CLI reads them: `KEY=VALUE`, or `KEY`
 * alone for the caller's variable of that name (left out when unset).
 */
export function parseBuildArgs(entries: readonly string[], environment: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const args: Record<string, string> = {};
  for (const entry of entries) {
    const equals = entry.indexOf("=");
    const key = equals >= 0 ? entry.slice(0, equals) : entry;
    if (key === "") throw new UsageError(`--build-arg "${entry}": expected KEY=VALUE or KEY`);
    const value = equals >= 0 ? entry.slice(equals + 1) : environment[key];
    if (value !== undefined) args[key] = value;
  }
  return args;
}

/** The build request for one service: the stack's, with the command line's overrides. */
export function serviceBuildSpec(session: DockerScope, service: string, options: Omit<BuildOptions, "services" | "onEvent">): BuildSpec {
  const { stack } = session.project;
  const spec = buildSpec(stack, stackService(stack, service), serviceImage(stack, service));
  return { ...spec, noCache: spec.noCache || options.noCache, pull: spec.pull || options.pull, args: { ...spec.args, ...options.buildArgs } };
}

/** Builds the selected services' images; the first failure stops the rest and names its service. */
export async function buildServices(session: DockerScope, options: BuildOptions): Promise<void> {
  const { project, engine } = session;
  const named = new Set(options.services);
  const built = new Set<string>();
  for (const service of servicesInOrder(project, options.services, "dependencies-first")) {
    const model = stackService(project.stack, service);
    if (!model.build) {
      options.onEvent({ phase: "skipped", service, reason: `no build section (it runs ${model.image ?? "no image"})`, named: named.has(service) });
      continue;
    }
    const spec = serviceBuildSpec(session, service, options);
    const reference = spec.tags[0] ?? serviceImage(project.stack, service);
    // Services sharing one image name (and so one build) build it once, as `up` does.
    if (built.has(reference)) {
      options.onEvent({ phase: "skipped", service, reason: `its image ${reference} was just built`, named: named.has(service) });
      continue;
    }
    try {
      await engine.buildImage(spec, (line) => options.onEvent({ phase: "progress", service, text: line.text }));
    } catch (error) {
      throw forService(service, error);
    }
    built.add(reference);
    options.onEvent({ phase: "done", service, reference });
  }
}
