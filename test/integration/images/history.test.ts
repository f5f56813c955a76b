/**
 * `tsd history SERVICE|IMAGE`: the image's steps and sizes, as docker history lists them.
 */
import { describe, expect, it } from "vitest";
import { docker } from "../support/docker.js";
import { useFixture } from "../support/fixture.js";

describe("tsd history", () => {
  it("must list a built service image's steps, newest first, as docker history does", async () => {
    const fixture = useFixture("images-build");
    const build = await fixture.run(["build", "-q", "-f", "stack.yml", "web"], { timeoutMs: 120_000 });
    expect(build.status, build.stderr).toBe(0);
    const image = `${fixture.projectName}-web`;
    try {
      const json = await fixture.run(["history", "--format", "json", "-f", "stack.yml", "web"]);
      expect(json.status, json.stderr).toBe(0);
      const history = JSON.parse(json.stdout) as { reference: string; service: string; layers: { id: string; createdBy: string; sizeBytes: number }[] };
      expect(history).toMatchObject({ reference: image, service: "web" });
      const expected = (await docker(["history", "--no-trunc", "--human=false", "--format", "{{.CreatedBy}}\t{{.Size}}", image])).trim().split("\n");
      expect(history.layers.map((layer) => `${layer.createdBy}\t${layer.sizeBytes}`)).toEqual(expected);
      expect(history.layers.some((layer) => layer.createdBy.includes("echo \"$FLAVOUR\""))).toBe(true);

      const table = await fixture.run(["history", "-f", "stack.yml", "web"]);
      expect(table.status, table.stderr).toBe(0);
      expect(table.stdout.split("\n")[0]).toMatch(/^IMAGE\s+CREATED\s+CREATED BY\s+SIZE\s+COMMENT/);
      expect(table.stdout.split("\n").length - 2).toBe(expected.length);

      const byReference = await fixture.run(["history", "-q", "-f", "stack.yml", "tsd-test/busybox:1"]);
      expect(byReference.status, byReference.stderr).toBe(0);
      expect(byReference.stdout.trim()).toMatch(/^[0-9a-f]{12}$/m);
    } finally {
      await docker(["rmi", "-f", image]).catch(() => undefined);
    }
  });

  it("must say how to get an image that is not present, naming the service", async () => {
    const fixture = useFixture("images-build");
    const result = await fixture.run(["history", "-f", "stack.yml", "worker"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`image "${fixture.projectName}-worker" of service "worker" is not present`);
    expect(result.stderr).toContain("tsd build worker");
  });
});
