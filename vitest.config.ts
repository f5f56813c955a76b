import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // The JSON report lets .ci/run print "N passed, N failed", so a run that executed no test is visible.
    reporters: ["default", ["json", { outputFile: ".vitest-report.json" }]],
  },
});
