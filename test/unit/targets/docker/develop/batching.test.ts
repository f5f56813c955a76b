/**
 * Debouncing per service on a fake clock, the one-running-one-queued runner
 * (a burst of saves during a rebuild costs one more rebuild), and the
 * manifest diff that decides what a restarted container is missing.
 */
import { describe, expect, it } from "vitest";
import { Batcher } from "../../../../../src/targets/docker/develop/batcher.js";
import { CoalescingRunner } from "../../../../../src/targets/docker/develop/coalescing-runner.js";
import { manifestDiff, SyncManifest } from "../../../../../src/targets/docker/develop/manifest.js";
import { fakeClock } from "../../../support/fake-clock.js";

describe("Batcher", () => {
  it("must flush a service's changes once it has been quiet, as one batch per service", () => {
    const clock = fakeClock();
    const flushed: [string, readonly string[]][] = [];
    const batcher = new Batcher<string>({ quietMs: 50, maxWaitMs: 500 }, (key, items) => flushed.push([key, items]), clock);
    batcher.add("web", "a");
    clock.advance(30);
    batcher.add("web", "b");
    batcher.add("api", "x");
    clock.advance(49);
    expect(flushed).toEqual([]);
    clock.advance(1);
    expect(flushed).toEqual([["web", ["a", "b"]], ["api", ["x"]]]);
  });

  it("must flush at the maximum wait even while changes keep coming", () => {
    const clock = fakeClock();
    const flushedAt: number[] = [];
    const batcher = new Batcher<number>({ quietMs: 50, maxWaitMs: 200 }, () => flushedAt.push(clock.now()), clock);
    for (let step = 0; step < 10; step++) {
      batcher.add("web", step);
      clock.advance(40);
    }
    expect(flushedAt[0]).toBe(200);
  });

  it("must drop pending batches on cancel", () => {
    const clock = fakeClock();
    const flushed: string[] = [];
    const batcher = new Batcher<string>({ quietMs: 50, maxWaitMs: 500 }, (key) => flushed.push(key), clock);
    batcher.add("web", "a");
    batcher.cancel();
    clock.advance(1_000);
    expect(flushed).toEqual([]);
  });
});

describe("CoalescingRunner", () => {
  it("must run one job at a time and merge everything submitted meanwhile into one queued job", async () => {
    const runs: string[][] = [];
    let release: () => void = () => {};
    const runner = new CoalescingRunner<string[]>(
      async (job) => {
        runs.push(job);
        if (runs.length === 1) await new Promise<void>((resolve) => (release = resolve));
      },
      (queued, next) => [...queued, ...next],
      (error) => {
        throw error;
      },
    );
    const first = runner.submit(["save 1"]);
    void runner.submit(["save 2"]);
    void runner.submit(["save 3"]);
    void runner.submit(["save 4"]);
    expect(runs).toEqual([["save 1"]]);
    release();
    await first;
    await runner.idle();
    expect(runs).toEqual([["save 1"], ["save 2", "save 3", "save 4"]]);
  });

  it("must report a failed job and still run the queued one", async () => {
    const errors: unknown[] = [];
    const runs: number[] = [];
    const runner = new CoalescingRunner<number>(
      async (job) => {
        runs.push(job);
        if (job === 1) throw new Error("engine refused");
      },
      (_queued, next) => next,
      (error) => errors.push(error),
    );
    void runner.submit(1);
    void runner.submit(2);
    await runner.idle();
    expect(runs).toEqual([1, 2]);
    expect(errors).toHaveLength(1);
  });
});

describe("manifest", () => {
  it("must re-sync only files whose hash differs and delete what vanished; a container never seen gets everything", () => {
    const host = new Map([["/app/a", "h1"], ["/app/b", "h2-new"], ["/app/c", "h3"]]);
    expect(manifestDiff(new Map([["/app/a", "h1"], ["/app/b", "h2"], ["/app/gone", "h9"]]), host)).toEqual({ copy: ["/app/b", "/app/c"], remove: ["/app/gone"] });
    expect(manifestDiff(undefined, host)).toEqual({ copy: ["/app/a", "/app/b", "/app/c"], remove: [] });
  });

  it("must record copies and removals per container, a removed directory taking its files with it", () => {
    const manifest = new SyncManifest();
    manifest.recordCopy("c1", "/app/lib/a.js", "h1", 10);
    manifest.recordCopy("c1", "/app/lib2.js", "h2", 20);
    manifest.recordRemoval("c1", "/app/lib");
    expect([...(manifest.held("c1") ?? [])]).toEqual([["/app/lib2.js", "h2"]]);
    expect(manifest.held("c2")).toBeUndefined();
    expect(manifest.lastWrittenAt("/app/lib2.js")).toBe(20);
    manifest.retain(new Set(["c2"]));
    expect(manifest.held("c1")).toBeUndefined();
  });
});
