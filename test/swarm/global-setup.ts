/**
 * Global setup of the `swarm` project: the main engine and the test images
 * first (the integration project's setup, scripts/engine.sh), then one real
 * 3-node swarm for the whole project (`scripts/swarm-lab.sh up`), whose
 * layout every test file gets with `inject("swarmLab")`. The teardown runs
 * `down` and checks that nothing of the lab is left on the machine.
 *
 * Never a skip: when the lab cannot be built, this throws with the script's
 * output and the whole run fails.
 */
import type { TestProject } from "vitest/node";
import setupEngine from "../integration/global-setup.js";
import { labLeftovers, labNodes, managerHostFrom, NO_LEFTOVERS, runLabScript, TEST_LAB } from "./support/lab.js";

const NODE_COUNT = 3;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await setupEngine();

  const up = await runLabScript(["up", String(NODE_COUNT)], true);
  if (up.status !== 0) {
    throw new Error(
      `the swarm tests need a ${NODE_COUNT}-node lab, and scripts/swarm-lab.sh up could not make one (exit ${up.status}):\n` +
        `${up.stderr.trim()}\n` +
        "It needs root, dockerd 20.10+, iproute2 and util-linux (nsenter, unshare); see docs/swarm-lab.md.",
    );
  }
  const managerHost = managerHostFrom(up.stdout);
  console.log(`swarm tests use a ${NODE_COUNT}-node lab at ${TEST_LAB.labDir} (up took ${up.seconds.toFixed(1)} s), manager ${managerHost}`);
  project.provide("swarmLab", { ...TEST_LAB, managerHost, nodes: labNodes(TEST_LAB.labDir, TEST_LAB.prefix, NODE_COUNT) });

  return async () => {
    const down = await runLabScript(["down"], true);
    const leftovers = await labLeftovers(TEST_LAB.labDir, TEST_LAB.prefix);
    const clean = JSON.stringify(leftovers) === JSON.stringify(NO_LEFTOVERS);
    if (down.status !== 0 || !clean) {
      // Vitest only logs an error thrown here; say it loudly all the same.
      const message = `scripts/swarm-lab.sh down failed (exit ${down.status}) or left parts of the lab: ${JSON.stringify(leftovers)}\n${down.stderr.trim()}`;
      console.error(message);
      process.exitCode = 1;
      throw new Error(message);
    }
  };
}
