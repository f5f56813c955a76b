import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The JSON report lets .ci/run print "N passed, N failed", so a run that executed no test is visible.
    reporters: ["default", ["json", { outputFile: ".vitest-report.json" }]],
    // Global teardowns may take a while (the swarm project's `swarm-lab.sh down`, about 5 s):
    // past this, vitest exits mid-teardown and leaves their engines running.
    teardownTimeout: 120_000,
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts", "test/cli/**/*.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          // Brings the engine and the local test images (scripts/engine.sh), or fails the run loudly.
          globalSetup: ["test/integration/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One file at a time, after the unit tests: every file shares one engine, its event
          // stream and the host's ports, and asserts on timing (health intervals, restarts,
          // watch debounce). Parallel files would make those assertions flaky long before they
          // made the suite noticeably faster. Each test still uses its own project name, so
          // raising this later is a one-line change.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: "swarm",
          include: ["test/swarm/**/*.test.ts"],
          // The engine and images (as for integration), then one real 3-node swarm for the whole
          // project (scripts/swarm-lab.sh up), removed at the end; fails the run loudly if it cannot.
          // Vitest runs every project's global setup before the first test, so with `npm test` the
          // lab sits idle (about 120 MB per node) while the other projects run.
          globalSetup: ["test/swarm/global-setup.ts"],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // One file at a time, after the integration project: the files share the lab, and
          // lifecycle.test.ts kills it and brings it back.
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          // The engine and images, then Debian's chromium (scripts/chromium.sh), or the run fails loudly.
          globalSetup: ["test/browser/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // One file at a time, after the swarm project: the dashboards share the engine with everything else.
          fileParallelism: false,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
