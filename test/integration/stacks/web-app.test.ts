/**
 * stacks/web-app for real: a request through nginx reaches the Node app,
 * which queries PostgreSQL (password from the secret's file) and counts in
 * Redis; both databases keep their data across `down`. Under `tsd up
 * --watch`, saving an app source file changes the answer without recreating
 * any container.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { inspectProjectContainers } from "../support/docker.js";
import { eventually } from "../support/eventually.js";
import { type RunningTsd, startTsd } from "../monitoring/running-tsd.js";
import { execIn, expectDownKeepsAndDownVRemoves, stackFlagsOf, useReadyMadeStack } from "./ready-made.js";

const stack = useReadyMadeStack("web-app", ["HTTP_PORT", "POSTGRES_PORT", "REDIS_PORT"]);
let watch: RunningTsd | undefined;

// Registered after the stack's own afterAll, so it runs first: the watcher stops before the stack goes.
afterAll(async () => watch?.interrupt());

interface Answer {
  readonly greeting: string;
  readonly database: { readonly name: string; readonly version: string };
  readonly visits: number;
}

async function throughProxy(): Promise<Answer> {
  const response = await fetch(`http://127.0.0.1:${stack().ports.HTTP_PORT}/`);
  const body = await response.text();
  expect(response.status, body).toBe(200);
  return JSON.parse(body) as Answer;
}

/** Container IDs and start times by name: what a recreate or a restart would change. */
async function containerStates(): Promise<Record<string, { id: string; startedAt: string }>> {
  const infos = await inspectProjectContainers(stack().projectName);
  return Object.fromEntries(infos.map((info) => [info.Name.slice(1), { id: info.Id, startedAt: info.State.StartedAt }]));
}

describe("stacks/web-app", () => {
  it("must answer through proxy → app → PostgreSQL + Redis, keep both databases across down/up, and leave nothing after down -v", async () => {
    const up = await stack().run(["up", "--wait", "--progress", "plain"]);
    expect(up.status, up.stderr).toBe(0);

    const first = await throughProxy();
    expect(first.greeting).toBe("hello from tsd");
    expect(first.database.name).toBe("app");
    expect(first.database.version).toMatch(/^PostgreSQL /);
    expect((await throughProxy()).visits).toBe(first.visits + 1);
    await execIn(stack(), "db", ["psql", "-U", "app", "-d", "app", "-c", "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')"]);

    await expectDownKeepsAndDownVRemoves(stack(), async () => {
      expect((await throughProxy()).visits).toBe(first.visits + 2);
      expect(await execIn(stack(), "db", ["psql", "-U", "app", "-d", "app", "-tAc", "SELECT note FROM kept"])).toBe("still here\n");
    });
  });

  it("must, under up --watch, serve an edited source file after the sync and restart, recreating no container", async () => {
    watch = startTsd(stack(), [...stackFlagsOf(stack()), "up", "--watch", "--progress", "plain"]);
    await eventually(() => expect(watch?.stderr()).toContain("watching"), 120_000);
    expect((await throughProxy()).greeting).toBe("hello from tsd");
    const before = await containerStates();

    const source = stack().path("app/src/server.js");
    writeFileSync(source, readFileSync(source, "utf8").replace('const GREETING = "hello from tsd";', 'const GREETING = "hello, edited";'));
    // Debounce + copy + restart + the app listening again: a few seconds at most.
    await eventually(async () => expect((await throughProxy()).greeting).toBe("hello, edited"), 15_000, 250);

    const after = await containerStates();
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const [name, state] of Object.entries(before)) {
      expect(after[name]?.id, name).toBe(state.id);
      // Only the app was restarted; the proxy and both databases kept running.
      if (!name.endsWith("-app-1")) expect(after[name]?.startedAt, name).toBe(state.startedAt);
    }
    expect(after[`${stack().projectName}-app-1`]?.startedAt).not.toBe(before[`${stack().projectName}-app-1`]?.startedAt);
  });
});
