/**
 * Stacks for spec tests, written as users write them: a YAML string through
 * the real loader (project `demo`, empty caller environment).
 */
import type { Stack } from "../../../../../src/stack/model.js";
import { type LoadOptions, loadStack } from "../../../../../src/stack/load.js";
import { tempProject } from "../../../support/temp-project.js";

/** Loads `yaml` as `compose.yaml` (plus any `extraFiles`) in a fresh temp folder, removed again right after. */
export function loadYaml(yaml: string, extraFiles: Readonly<Record<string, string>> = {}, options: Partial<LoadOptions> = {}): Stack {
  const project = tempProject({ "compose.yaml": yaml, ...extraFiles });
  try {
    return loadStack({ cwd: project.dir, projectName: "demo", environment: {}, ...options }).stack;
  } finally {
    project.cleanup();
  }
}
