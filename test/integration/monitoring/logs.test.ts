/**
 * `tsd logs`: the last lines of each service with a padded `name |` prefix,
 * stdout and stderr kept apart, timestamps and bare lines on request, and
 * `-f` following new output until Ctrl-C without stopping the stack.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execInContainer, inspectContainer } from "../support/docker.js";
import { eventually } from "../support/eventually.js";
import { copyFixture, type Fixture } from "../support/fixture.js";
import { startTsd } from "./running-tsd.js";

let fixture: Fixture;

beforeAll(async () => {
  fixture = copyFixture("monitoring-logs");
  const up = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"]);
  expect(up.status, up.stderr).toBe(0);
  // talker's last line comes about a second after it starts.
  await eventually(async () => expect((await fixture.run(["logs", "--file", "stack.yml", "-n", "1", "talker"])).stderr).toContain("err-3"));
});

afterAll(async () => {
  await fixture.run(["down", "-v", "-f", "stack.yml"]);
  await fixture.cleanup();
});

const lines = (text: string) => text.split("\n").filter((line) => line !== "");

describe("tsd logs", () => {
  it("logs -n 2 must print each service's last two lines, prefixed, stdout to stdout and stderr to stderr", async () => {
    const logs = await fixture.run(["logs", "--file", "stack.yml", "-n", "2"]);
    expect(logs.status, logs.stderr).toBe(0);
    // Containers print concurrently: the order between them is not defined, within one it is.
    expect(lines(logs.stdout).sort()).toEqual(["db-1     | db-b", "db-1     | db-c", "talker-1 | out-3"]);
    expect(logs.stderr).toBe("talker-1 | err-3\n");
  });

  it("--no-log-prefix must print bare lines and -t the engine's timestamp before each", async () => {
    const logs = await fixture.run(["logs", "--file", "stack.yml", "--no-log-prefix", "-t", "db"]);
    expect(logs.status, logs.stderr).toBe(0);
    const printed = lines(logs.stdout);
    expect(printed.map((line) => line.replace(/^\S+ /, ""))).toEqual(["db-a", "db-b", "db-c"]);
    for (const line of printed) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z db-[abc]$/);
  });

  it("logs -f must show a line written after it started, and end with exit 0 on Ctrl-C, leaving the stack running", async () => {
    const container = `${fixture.projectName}-db-1`;
    const follow = startTsd(fixture, ["logs", "--file", "stack.yml", "-f", "-n", "0", "db"]);
    const say = (text: string) => execInContainer(container, ["sh", "-c", `echo ${text} > /proc/1/fd/1`]);
    // Lines written before the follow is attached are (rightly) not shown: keep writing until one is.
    await eventually(async () => {
      await say("warming-up");
      expect(follow.stdout()).toContain("db-1 | warming-up");
    }, 15_000);
    await say("fresh-line");
    await eventually(() => expect(follow.stdout()).toContain("db-1 | fresh-line\n"), 2_000, 50);

    const ended = await follow.interrupt();
    expect(ended.status, ended.stderr).toBe(0);
    expect(ended.stderr).toBe("");
    expect((await inspectContainer(container)).State.Running).toBe(true);
  });
});
