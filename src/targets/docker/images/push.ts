/**
 * `tsd push`: pushes the images tsd builds to the registries their names
 * point at, with the credentials `docker login` stored. As Compose does, a
 * service is pushed when it has both `build:` and `image:` (its `image:` and
 * its `build.tags`); one with only `image:` came from a registry already,
 * and naming a service without `image:` is an error (no name to push under).
 */
import { UsageError } from "../../../base/errors.js";
import { stackService } from "../../../stack/names.js";
import { type DockerScope } from "../verbs/containers.js";
import { servicesInOrder } from "../../../project/services.js";
import type { FoundCredentials } from "../../../docker-api/credentials.js";
import { forService, type ImageVerbListener } from "./events.js";
import { parseImageReference } from "../../../base/image-reference.js";
import { explainRegistryFailure } from "./registry-failure.js";

/** What `tsd push` was asked. */
export interface PushServicesOptions {
  /** Empty: every service. */
  readonly services: readonly string[];
  readonly ignorePushFailures: boolean;
  readonly credentials: (registry: string) => Promise<FoundCredentials>;
  readonly onEvent: ImageVerbListener;
}

/** The references to push, per service, each once; checked before any engine call. */
export function pushTargets(session: DockerScope, options: Pick<PushServicesOptions, "services" | "onEvent">): { service: string; reference: string }[] {
  const { stack } = session.project;
  const named = new Set(options.services);
  const missingImage = options.services.filter((service) => stackService(stack, service).image === undefined).sort();
  if (missingImage.length > 0) {
    throw new UsageError(
      missingImage.map((service) => `service ${service} has no image: name to push its build under`).join("\n"),
      "give it one, with the registry in front: image: registry.example.com/team/app:1",
    );
  }
  const targets: { service: string; reference: string }[] = [];
  const seen = new Set<string>();
  for (const service of servicesInOrder(session.project, options.services, "dependencies-first")) {
    const model = stackService(stack, service);
    if (model.image === undefined || model.build === undefined) {
      if (model.image !== undefined) options.onEvent({ phase: "skipped", service, reason: `no build section: ${model.image} is not built here`, named: named.has(service) });
      continue;
    }
    for (const reference of [model.image, ...model.build.tags]) {
      if (seen.has(reference)) continue;
      seen.add(reference);
      targets.push({ service, reference });
    }
  }
  return targets;
}

/** Pushes the selected images; the first failure stops the rest unless `ignorePushFailures`. */
export async function pushServices(session: DockerScope, options: PushServicesOptions): Promise<void> {
  for (const { service, reference } of pushTargets(session, options)) {
    const credentials = await options.credentials(parseImageReference(reference).registry);
    try {
      await session.engine.pushImage(reference, {
        ...(credentials.auth ? { auth: credentials.auth } : {}),
        onProgress: (line) => options.onEvent({ phase: "progress", service, text: line.text }),
      });
      options.onEvent({ phase: "done", service, reference });
    } catch (failure) {
      const error = forService(service, explainRegistryFailure(failure, "push", reference, credentials));
      if (!options.ignorePushFailures) throw error;
      options.onEvent({ phase: "warning", service, message: error instanceof Error ? error.message : String(error) });
    }
  }
}
