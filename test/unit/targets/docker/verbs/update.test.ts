/**
 * `tsd update`'s flags → one update request, and the update applied to
 * every container of the named services, in place.
 */
import { describe, expect, it } from "vitest";
import { parseUpdateFlags } from "../../../../../src/targets/docker/verbs/update.js";

const MiB = 1024 * 1024;

describe("parseUpdateFlags", () => {
  it("reads docker update's flags in the engine's units; a memory limit alone gets twice its size as swap", () => {
    expect(parseUpdateFlags({ restart: "on-failure:3", memory: "128m", cpus: "0.5", pidsLimit: "-1" })).toEqual({
      restartPolicy: { name: "on-failure", maximumRetryCount: 3 },
      memoryBytes: 128 * MiB,
      memorySwapBytes: 256 * MiB,
      nanoCpus: 500_000_000,
      pidsLimit: -1,
    });
    expect(parseUpdateFlags({ memory: "64m", memorySwap: "-1" })).toEqual({ memoryBytes: 64 * MiB, memorySwapBytes: -1 });
  });

  it("refuses a bad value naming the flag, and no flag at all", () => {
    expect(() => parseUpdateFlags({ restart: "sometimes" })).toThrow(/^--restart: "sometimes" is not a restart policy/);
    expect(() => parseUpdateFlags({ cpus: "-1" })).toThrow("--cpus -1: expected a positive number of CPUs such as 0.5");
    expect(() => parseUpdateFlags({ pidsLimit: "many" })).toThrow("--pids-limit many: expected a whole number of at least -1");
    expect(() => parseUpdateFlags({})).toThrow("tsd update: nothing to change");
  });
});
