/**
 * The dashboard's actions (only with `--allow-actions`): restart, stop and
 * start of one service, rebuild of one service (`tsd up --build SERVICE`:
 * its image built again, the service recreated when the image changed), and
 * `up` of the stack, all through the session, so they take the project lock
 * and report their progress as StackEvents, which the event stream carries
 * back to every tab.
 */
import { containerVerbs } from "../../app/containers.js";
import type { StackSession } from "../../app/session.js";
import type { UpPlanOptions } from "../../app/up.js";
import { UsageError } from "../../base/errors.js";

/** The actions the page offers. */
export const ACTIONS = ["restart", "stop", "start", "rebuild", "up"] as const;
export type ActionName = (typeof ACTIONS)[number];

/** One action a page asked for. */
export interface ActionRequest {
  readonly action: ActionName;
  /** restart, stop, start, rebuild: the service; up: absent (the whole stack) or one service. */
  readonly service?: string;
}

/** How long an action waits for depends_on conditions. */
const WAIT_TIMEOUT_MS = 120_000;

/** Reads an action request from a POST's JSON body; a usage error names what is wrong. */
export function parseAction(body: unknown): ActionRequest {
  if (typeof body !== "object" || body === null) throw new UsageError("the action must be a JSON object");
  const { action, service } = body as { action?: unknown; service?: unknown };
  if (typeof action !== "string" || !(ACTIONS as readonly string[]).includes(action)) throw new UsageError(`unknown action ${JSON.stringify(action)}: expected one of ${ACTIONS.join(", ")}`);
  if (service !== undefined && typeof service !== "string") throw new UsageError("service must be a string");
  if (action !== "up" && service === undefined) throw new UsageError(`${action} needs a service`);
  return { action: action as ActionName, ...(service === undefined ? {} : { service }) };
}

/** Throws a usage error, before anything runs, for an action the stack cannot take: an unknown service, a rebuild of a service with no build section. */
export function checkAction(session: StackSession, request: ActionRequest): void {
  session.checkServices(request.service === undefined ? [] : [request.service]);
  if (request.action === "rebuild" && session.project.stack.services[request.service ?? ""]?.build === undefined) {
    throw new UsageError(`service ${request.service ?? ""} has no build section: there is nothing to rebuild`, "rebuild applies to services built from a Dockerfile; use restart for the others");
  }
}

/** Runs one action to its end. */
export async function runAction(session: StackSession, request: ActionRequest, plan: UpPlanOptions): Promise<void> {
  const services = request.service === undefined ? [] : [request.service];
  checkAction(session, request);
  if (request.action === "up" || request.action === "rebuild") {
    const build = request.action === "rebuild" ? "always" : plan.build;
    await session.up({ plan: { ...plan, services, build }, dryRun: false, waitTimeoutMs: WAIT_TIMEOUT_MS });
    return;
  }
  const verbs = await containerVerbs(session, request.action);
  const verb = request.action;
  await session.run(verb, async () => {
    switch (verb) {
      case "restart":
        return verbs.restart(session.project, services, { waitTimeoutMs: WAIT_TIMEOUT_MS });
      case "stop":
        return verbs.stop(session.project, services, {});
      case "start":
        return verbs.start(session.project, services, { waitTimeoutMs: WAIT_TIMEOUT_MS });
    }
  });
}
