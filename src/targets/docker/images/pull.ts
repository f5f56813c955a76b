/**
 * `tsd pull`: pulls the images the stack's services (and data containers)
 * run, with the credentials `docker login` stored. Like Compose: services
 * with only `build:` have nothing to pull; `pull_policy: never` or `build`
 * opt out; a buildable service whose pull fails does not stop the others
 * (it can still be built), one that cannot be built does, unless
 * `--ignore-pull-failures` turns every failure into a warning.
 */
import { EngineError } from "../../../base/errors.js";
import { convergedUnits } from "../planner/units.js";
import { stackDataContainer, stackService } from "../../../stack/names.js";
import { type DockerScope } from "../verbs/containers.js";
import { servicesInOrder } from "../../../project/services.js";
import type { FoundCredentials } from "../../../docker-api/credentials.js";
import { forService, type ImageVerbListener } from "./events.js";
import { parseImageReference } from "../../../base/image-reference.js";
import { explainRegistryFailure } from "./registry-failure.js";

/** What `tsd pull` was asked. */
export interface PullOptions {
  /** Empty: every service and data container. */
  readonly services: readonly string[];
  /** Also what the named services depend on. */
  readonly includeDeps: boolean;
  readonly ignorePullFailures: boolean;
  readonly credentials: (registry: string) => Promise<FoundCredentials>;
  readonly onEvent: ImageVerbListener;
}

/** One image to pull, for whom, and whether a failure may be left to a build. */
interface PullTarget {
  readonly service: string;
  readonly reference: string;
  readonly buildable: boolean;
}

/** The pulls to make, in dependency order, each image once; skipped services reported. */
function pullTargets(session: DockerScope, options: PullOptions): PullTarget[] {
  const { stack, graph } = session.project;
  const named = new Set(options.services);
  const units =
    options.services.length === 0 || options.includeDeps
      ? convergedUnits(stack, graph, options.services)
      : servicesInOrder(session.project, options.services, "dependencies-first").map((key) => ({ kind: "service" as const, key }));
  const targets: PullTarget[] = [];
  const seen = new Set<string>();
  const add = (target: PullTarget): void => {
    if (seen.has(target.reference)) return;
    seen.add(target.reference);
    targets.push(target);
  };
  for (const unit of units) {
    if (unit.kind === "dataContainer") {
      add({ service: unit.key, reference: stackDataContainer(stack, unit.key).image, buildable: false });
      continue;
    }
    const service = stackService(stack, unit.key);
    const skip = (reason: string): void => options.onEvent({ phase: "skipped", service: unit.key, reason, named: named.has(unit.key) });
    if (service.image === undefined) skip("no image to pull (it is built: tsd build)");
    else if (service.pullPolicy === "never" || service.pullPolicy === "build") skip(`pull_policy: ${service.pullPolicy}`);
    else add({ service: unit.key, reference: service.image, buildable: service.build !== undefined });
  }
  return targets;
}

/** Pulls the selected images; see the file comment for how failures are handled. */
export async function pullServices(session: DockerScope, options: PullOptions): Promise<void> {
  const { engine } = session;
  const failures: { target: PullTarget; error: unknown }[] = [];
  for (const target of pullTargets(session, options)) {
    const { service, reference } = target;
    // A digest names immutable content: present locally means there is nothing newer to fetch.
    if (parseImageReference(reference).digest !== undefined && (await engine.inspectImage(reference)) !== undefined) {
      options.onEvent({ phase: "skipped", service, reason: `${reference} is pinned by digest and already present`, named: false });
      continue;
    }
    const credentials = await options.credentials(parseImageReference(reference).registry);
    try {
      await engine.pullImage(reference, (line) => options.onEvent({ phase: "progress", service, text: line.text }), credentials.auth);
      options.onEvent({ phase: "done", service, reference });
    } catch (failure) {
      const error = forService(service, explainRegistryFailure(failure, "pull", reference, credentials));
      if (options.ignorePullFailures) {
        options.onEvent({ phase: "warning", service, message: error instanceof Error ? error.message : String(error) });
        continue;
      }
      if (!target.buildable) throw error;
      failures.push({ target, error });
    }
  }
  if (failures.length === 0) return;
  const [first] = failures;
  if (failures.length === 1 && first) throw withBuildHint(first.error, [first.target.service]);
  const messages = failures.map(({ error }) => (error instanceof Error ? error.message : String(error)));
  throw new EngineError(messages.join("\n"), buildHint(failures.map(({ target }) => target.service)));
}

function buildHint(services: readonly string[]): string {
  return `these images can be built instead: tsd build ${services.join(" ")}`;
}

function withBuildHint(error: unknown, services: readonly string[]): unknown {
  if (!(error instanceof EngineError)) return error;
  return new EngineError(error.message, [error.hint, buildHint(services)].filter(Boolean).join("; "));
}
