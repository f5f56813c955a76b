import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The JSON report lets .ci/run print "N passed, N failed", so a run that executed no test is visible.
    reporters: ["default", ["json", { outputFile: ".vitest-report.json" }]],
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
    ],
  },
});
