/**
 * One pass of the watch loop: re-read the stack files, then the pipeline of
 * `up` (detached), holding back what would lose data. Nothing is carried
 * over from the previous pass: the loop is level-triggered, so a missed
 * event costs nothing once the next one comes.
 */
import { dockerOnly } from "./containers.js";
import { ConfigError } from "../base/errors.js";
import type { Plan } from "../plan/plan.js";
import type { Project } from "../project/project.js";
import type { StackContext } from "./context.js";
import { DEFAULT_PARALLELISM } from "./defaults.js";
import { reconcile } from "./pipeline.js";
import { defaultUpOptions } from "../targets/target.js";

/** How a pass ended. */
export type PassOutcome =
  | { readonly kind: "applied"; readonly project: Project; readonly plan: Plan }
  /** The stack does not load: nothing was touched. */
  | { readonly kind: "invalid"; readonly error: ConfigError }
  /** The target refused part of the plan; what ran before the failure stays. */
  | { readonly kind: "failed"; readonly project?: Project; readonly error: Error };

/** What every pass is run with. */
export interface PassSettings {
  /** Services given on the command line (with their dependencies); empty: all. */
  readonly services: readonly string[];
  readonly version: string;
  readonly waitTimeoutMs: number;
}

/**
 * Converges the target to the stack on disk. With `rebuild`, first builds
 * that service's image and converges only it (and what it depends on), so
 * it alone is recreated, keeping its anonymous volumes.
 */
export async function convergePass(context: StackContext, settings: PassSettings, rebuild?: string): Promise<PassOutcome> {
  let project: Project;
  try {
    project = await context.reload();
  } catch (error) {
    if (error instanceof ConfigError) return { kind: "invalid", error };
    return { kind: "failed", error: asError(error) };
  }
  const target = dockerOnly(await context.target(), "watch");
  const rebuilt = rebuild !== undefined && project.stack.services[rebuild] ? rebuild : undefined;
  try {
    const plan = await reconcile(context, {
      direction: "up",
      options: defaultUpOptions(settings.version, {
        services: rebuilt !== undefined ? [rebuilt] : settings.services,
        // A rebuild has just built its image; the recreate follows from the new image ID.
        build: rebuild !== undefined ? "never" : "auto",
        // A service deleted from the file goes (unless its containers hold data: see the target's hold-back).
        removeOrphans: true,
        holdBackDataLoss: true,
      }),
      ...(rebuilt !== undefined ? { prepare: () => target.verbs.buildImageOf(project, rebuilt) } : {}),
      dryRun: false,
      tellNotes: false,
      // The supervisor reports the replicas' status while watching.
      reportStatus: false,
      parallelism: DEFAULT_PARALLELISM,
      // No abort signal: a recreate cut short would leave the old container parked and no new one. Ctrl-C waits for the pass.
      waitTimeoutMs: settings.waitTimeoutMs,
    });
    return { kind: "applied", project, plan };
  } catch (error) {
    return { kind: "failed", project, error: asError(error) };
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
