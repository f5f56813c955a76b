/**
 * `tsd run`: a one-off container of a service, with its dependency started
 * first; `--rm` leaves nothing behind; a kept one-off is neither an orphan
 * nor touched by `up`, and `down` removes it.
 */
import { describe, expect, it } from "vitest";
import { docker, inspectProjectContainers } from "../support/docker.js";
import { eventually } from "../support/eventually.js";
import { runTsdWithInput } from "./tsd-with-input.js";
import { fixtureForFile, STACK } from "./shared-fixture.js";

const project = fixtureForFile("inside-run", { up: false });
const stack = STACK;

async function containerNames(): Promise<string[]> {
  return (await inspectProjectContainers(project().projectName)).map((info) => info.Name.slice(1));
}

describe("tsd run", () => {
  it("--rm must start the dependency, run with the service's settings, exit with the command's code and leave no container behind", async () => {
    const result = await project().run(["run", ...stack, "--rm", "app", "sh", "-c", 'echo "$GREETING"; ping -c 1 -W 5 db > /dev/null && echo db answers; echo oops >&2; exit 4']);
    expect(result.stdout).toBe("hello from the stack\ndb answers\n");
    expect(result.stderr).toContain("oops\n");
    expect(result.status).toBe(4);
    expect(await containerNames()).toEqual([`${project().projectName}-db-1`]);
    expect(await docker(["container", "inspect", "--format", "{{.State.Status}}", `${project().projectName}-db-1`])).toBe("running\n");
  });

  it("must pipe stdin with -T and pass options after the service to the command", async () => {
    const result = await runTsdWithInput(project(), ["run", ...stack, "--rm", "--no-deps", "-T", "app", "sh", "-c", "cat; echo after-eof"], "piped\n");
    expect(result.stdout).toBe("piped\nafter-eof\n");
    expect(result.status).toBe(0);
  });

  it("Ctrl-C must reach the one-off's process, and --rm must still remove the container", async () => {
    const controller = new AbortController();
    const running = project().run(["run", ...stack, "--rm", "--no-deps", "app", "sh", "-c", "trap 'echo interrupted; exit 7' INT; echo started; sleep 60 & wait"], { signal: controller.signal });
    await eventually(async () => expect((await containerNames()).some((name) => name.includes("-app-run-"))).toBe(true), 20_000);
    // The trap is set once the shell runs: wait for the container's first line before interrupting.
    await eventually(async () => {
      const [name] = (await containerNames()).filter((candidate) => candidate.includes("-app-run-"));
      expect(await docker(["logs", name ?? ""])).toContain("started");
    }, 20_000);
    controller.abort();
    const result = await running;
    expect(result.stdout).toBe("started\ninterrupted\n");
    expect(result.status).toBe(7);
    expect((await containerNames()).filter((name) => name.includes("-app-run-"))).toEqual([]);
  });

  it("a kept one-off must be labelled one-off, publish no port, stay untouched by up and plan, and be removed by down", async () => {
    const run = await project().run(["run", ...stack, "-e", "EXTRA=1", "app", "sh", "-c", "echo $EXTRA"]);
    expect(run.stdout).toBe("1\n");
    expect(run.status, run.stderr).toBe(0);
    const [oneOff] = (await inspectProjectContainers(project().projectName)).filter((info) => info.Name.includes("-app-run-"));
    expect(oneOff?.Name).toMatch(new RegExp(`^/${project().projectName}-app-run-[0-9a-f]{12}$`));
    expect(oneOff?.Config.Labels).toMatchObject({ "dev.tsd.kind": "one-off", "com.docker.compose.oneoff": "True", "dev.tsd.service": "app" });
    expect(oneOff?.HostConfig.PortBindings ?? {}).toEqual({});

    const plan = await project().run(["plan", ...stack]);
    expect(plan.status, plan.stderr).toBe(0);
    expect(`${plan.stdout}${plan.stderr}`).not.toMatch(/orphan|app-run-/);
    const up = await project().run(["up", "-d", ...stack, "--remove-orphans"]);
    expect(up.status, up.stderr).toBe(0);
    expect(up.stderr).not.toMatch(/orphan|app-run-/);
    expect(await docker(["container", "inspect", "--format", "{{.Id}} {{.State.Status}}", oneOff?.Id ?? ""])).toBe(`${oneOff?.Id} exited\n`);

    const down = await project().run(["down", ...stack]);
    expect(down.status, down.stderr).toBe(0);
    expect(await containerNames()).toEqual([]);
  });
});
