/**
 * The reading verbs on one healthy web server: `port` prints the published
 * address, `top` its processes, `images` its image, and `inspect` its
 * health log, ports and whether it matches the stack.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docker, inspectContainer } from "../support/docker.js";
import { copyFixture, type Fixture } from "../support/fixture.js";

let fixture: Fixture;
let container: string;

beforeAll(async () => {
  fixture = copyFixture("monitoring-inspect");
  container = `${fixture.projectName}-web-1`;
  const up = await fixture.run(["up", "-d", "--wait", "-f", "stack.yml", "--progress", "plain"]);
  expect(up.status, up.stderr).toBe(0);
});

afterAll(async () => {
  await fixture.run(["down", "-v", "-f", "stack.yml"]);
  await fixture.cleanup();
});

async function hostPort(): Promise<string> {
  const info = await inspectContainer(container);
  const binding = info.NetworkSettings.Ports["80/tcp"]?.[0];
  if (!binding) throw new Error("80/tcp is not published");
  return binding.HostPort;
}

describe("tsd port, top, images, inspect", () => {
  it("port must print the published address, and fail clearly for a port that is not published", async () => {
    const port = await fixture.run(["port", "-f", "stack.yml", "web", "80"]);
    expect(port.status, port.stderr).toBe(0);
    expect(port.stdout).toBe(`127.0.0.1:${await hostPort()}\n`);

    const unpublished = await fixture.run(["port", "-f", "stack.yml", "--protocol", "udp", "web", "80"]);
    expect(unpublished.status).toBe(1);
    expect(unpublished.stderr).toContain(`tsd: port 80/udp of ${container} is not published`);
    expect(unpublished.stdout).toBe("");
  });

  it("top must list the container's processes under its name", async () => {
    const top = await fixture.run(["top", "-f", "stack.yml"]);
    expect(top.status, top.stderr).toBe(0);
    const [name, header, ...processes] = top.stdout.split("\n");
    expect(name).toBe(container);
    expect(header).toMatch(/^UID\s+PID\s+PPID\s+C\s+STIME\s+TTY\s+TIME\s+CMD$/);
    expect(processes.some((line) => line.endsWith("httpd -f -p 80"))).toBe(true);
  });

  it("images must list the container's image with its ID and size", async () => {
    const imageId = (await docker(["image", "inspect", "--format", "{{.Id}}", "tsd-test/busybox:1"])).trim();
    const images = await fixture.run(["images", "-f", "stack.yml", "--format", "json"]);
    expect(images.status, images.stderr).toBe(0);
    const [row, ...rest] = JSON.parse(images.stdout) as { container: string; service: string; repository: string; tag: string; imageId: string; sizeBytes: number }[];
    expect(rest).toEqual([]);
    expect(row).toMatchObject({ container, service: "web", repository: "tsd-test/busybox", tag: "1", imageId });
    expect(row?.sizeBytes).toBeGreaterThan(0);

    const table = await fixture.run(["images", "-f", "stack.yml"]);
    expect(table.stdout.split("\n")[1]).toMatch(new RegExp(`^${container}  tsd-test/busybox  1    ${imageId.slice(7, 19)}  [\\d.]+[kMG]?B$`));
  });

  it("inspect --format json must carry the health log, the published port and the resolved spec", async () => {
    const inspect = await fixture.run(["inspect", "-f", "stack.yml", "--format", "json", "web"]);
    expect(inspect.status, inspect.stderr).toBe(0);
    const view = JSON.parse(inspect.stdout) as {
      service: string;
      spec: { image: string; healthcheck: { interval: string } };
      containers: { name: string; state: string; health: { status: string; log: { exitCode: number; output: string }[] }; ports: Record<string, string>; config: { upToDate: boolean } }[];
    };
    expect(view.service).toBe("web");
    expect(view.spec).toMatchObject({ image: "tsd-test/busybox:1", healthcheck: { interval: "1s" } });
    const [web] = view.containers;
    expect(web).toMatchObject({ name: container, state: "running", ports: { "80/tcp": `127.0.0.1:${await hostPort()}` }, config: { upToDate: true } });
    expect(web?.health.status).toBe("healthy");
    expect(web?.health.log.length).toBeGreaterThan(0);
    expect(web?.health.log.at(-1)).toMatchObject({ exitCode: 0, output: "probe-ok\n" });

    const text = await fixture.run(["inspect", "-f", "stack.yml", "web"]);
    expect(text.stdout).toMatch(/^ {2}health log {2}\S+ exit 0: probe-ok$/m);
  });
});
