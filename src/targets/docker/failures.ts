/**
 * The single engine's failures in the user's terms. An image that could not
 * be pulled is reported for the services that needed it; a wait's and a
 * data container's errors already say whose they are.
 */
import { describeFailureBySubject, type FailureText, type NodeFailure, subjectName } from "../../plan/outcome.js";
import type { Plan } from "../../plan/plan.js";
import type { DockerOperation } from "./operations.js";

/** Describes one failed node of a Docker plan. */
export function describeDockerFailure(failure: NodeFailure<DockerOperation>, plan: Plan<DockerOperation>): FailureText {
  const { node, error } = failure;
  const operation = node.operation;
  switch (operation.kind) {
    case "pull-image": {
      const users = plan.nodes.filter((other) => other.operation.kind === "create-container" && other.after.includes(node.id)).map((other) => other.subject.key);
      const who = [...new Set(users)].sort();
      const prefix = who.length === 0 ? "" : `service${who.length > 1 ? "s" : ""} ${who.join(", ")}: `;
      // The adapter words it `pull image "ref": <engine's words>`; the engine's words are what matter here.
      const detail = error.message.replace(`pull image "${operation.reference}": `, "");
      return { services: who, text: `${prefix}image "${operation.reference}" not found locally and could not be pulled: ${detail}` };
    }
    case "await-condition":
      // `web depends on db (service_healthy): …`: the dependent is what failed to start.
      return { services: [], text: error.message };
    case "run-data-container": {
      const own = subjectName(node);
      return { services: own === undefined ? [] : [own], text: error.message };
    }
    case "start-container":
    case "create-container":
      // The engine has no driver for a `gpus` / device reservation: say which field asked for it.
      if (node.subject.kind === "service" && /could not select device driver/.test(error.message)) {
        return {
          services: [node.subject.key],
          text: `service ${node.subject.key}: the engine has no device for its gpus / deploy.resources.reservations.devices request (${error.message.replace(/^.*?(could not select device driver)/, "$1")})`,
        };
      }
      return describeFailureBySubject(failure);
    default:
      return describeFailureBySubject(failure);
  }
}
