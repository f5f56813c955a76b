/**
 * The watch loop's scheduling, on a fake clock with a fake reconcile:
 * events are debounced, a burst is bounded by the maximum wait, runs never
 * overlap, and events during a run collapse into exactly one follow-up run.
 */
import { describe, expect, it } from "vitest";
import { ReconcileScheduler } from "../../../src/watch/scheduler.js";
import { type FakeClock, fakeClock } from "../support/fake-clock.js";

/** A reconcile whose runs the test finishes by hand. */
function fakeReconcile() {
  const runs: { reasons: readonly string[]; finish: () => void }[] = [];
  let active = 0;
  let maxActive = 0;
  const reconcile = (reasons: readonly string[]) =>
    new Promise<void>((resolve) => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      runs.push({
        reasons,
        finish: () => {
          active -= 1;
          resolve();
        },
      });
    });
  return { reconcile, runs, maxActive: () => maxActive };
}

/** A scheduler (quiet 100 ms) over a fake reconcile. */
function scheduled(maxWaitMs = 1000) {
  const fake = fakeReconcile();
  clock = fakeClock();
  const scheduler = new ReconcileScheduler({ quietMs: 100, maxWaitMs, reconcile: fake.reconcile, clock });
  /** An event for `file`, then `elapseMs` of fake time. */
  const edit = async (file: string, elapseMs: number) => {
    scheduler.request(file);
    await elapse(elapseMs);
  };
  return { fake, scheduler, edit };
}

/** The clock of the scheduler a test made last. */
let clock: FakeClock = fakeClock();

/** Lets promise callbacks run (the scheduler starts jobs on a microtask). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Moves the clock on, then lets what became due run. */
async function elapse(milliseconds: number): Promise<void> {
  clock.advance(milliseconds);
  await settle();
}

describe("ReconcileScheduler", () => {
  it("must wait for the quiet period after the last event, then run once with every reason", async () => {
    const { fake, edit } = scheduled();
    await edit("stack.yml", 60);
    await edit(".env", 60);
    await edit("stack.yml", 99);
    expect(fake.runs).toHaveLength(0);
    await elapse(1);
    expect(fake.runs.map((run) => run.reasons)).toEqual([["stack.yml", ".env"]]);
  });

  it("must run after the maximum wait even while events keep coming", async () => {
    const { fake, edit } = scheduled(500);
    for (let elapsed = 0; elapsed < 500; elapsed += 50) {
      await edit("stack.yml", 50);
    }
    expect(fake.runs).toHaveLength(1);
  });

  it("events during a run must collapse into exactly one follow-up run, started when the first ends", async () => {
    const { fake, edit } = scheduled();
    await edit("stack.yml", 100);
    expect(fake.runs).toHaveLength(1);
    // Three bursts while the first run is busy, each long enough to become due on its own.
    for (const file of ["stack.yml", ".env", "override.yml"]) {
      await edit(file, 300);
    }
    expect(fake.runs).toHaveLength(1);
    fake.runs[0]?.finish();
    await settle();
    expect(fake.runs.map((run) => run.reasons)).toEqual([["stack.yml"], ["stack.yml", ".env", "override.yml"]]);
    fake.runs[1]?.finish();
    await elapse(5000);
    expect(fake.runs).toHaveLength(2);
    expect(fake.maxActive()).toBe(1);
  });

  it("an exclusive task must wait for the run in progress, and a reconcile due meanwhile must wait for the task", async () => {
    const { fake, scheduler, edit } = scheduled();
    const order: string[] = [];
    await edit("stack.yml", 100);
    let finishTask = () => {};
    const task = scheduler.exclusive(
      () =>
        new Promise<string>((resolve) => {
          order.push("task started");
          finishTask = () => resolve("rebuilt");
        }),
    );
    await edit("stack.yml", 200);
    expect(order).toEqual([]);
    fake.runs[0]?.finish();
    await settle();
    expect(order).toEqual(["task started"]);
    expect(fake.runs).toHaveLength(1);
    finishTask();
    await expect(task).resolves.toBe("rebuilt");
    await settle();
    expect(fake.runs).toHaveLength(2);
  });

  it("an exclusive task's failure must reach its caller and not stop the queue", async () => {
    const { fake, scheduler, edit } = scheduled();
    await expect(scheduler.exclusive(() => Promise.reject(new Error("build failed")))).rejects.toThrow("build failed");
    await edit("stack.yml", 100);
    expect(fake.runs).toHaveLength(1);
  });

  it("close must drop a reconcile not yet started, wait for the one running, and ignore later events", async () => {
    const { fake, scheduler, edit } = scheduled();
    await edit("stack.yml", 100);
    await edit("stack.yml", 100);
    let closed = false;
    const closing = scheduler.close().then(() => (closed = true));
    await settle();
    expect(closed).toBe(false);
    fake.runs[0]?.finish();
    await closing;
    await edit("stack.yml", 1000);
    expect(fake.runs).toHaveLength(1);
  });
});
