/**
 * Legacy `links`: the alias resolves inside the linking container, and
 * Docker's link variables are set, pointing at something that answers.
 */
import { describe, expect, it } from "vitest";
import { execInContainer, inspectContainer } from "../support/docker.js";
import { eventually } from "../support/eventually.js";
import { useFixture } from "../support/fixture.js";

describe("tsd up: links", () => {
  it("a link alias must resolve to the linked service, and its DATABASE_PORT_8080_TCP_* variables must be set", async () => {
    const fixture = useFixture("up-links");
    const web = `${fixture.projectName}-web-1`;

    const result = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"]);
    expect(result.status, result.stderr).toBe(0);
    expect((await inspectContainer(`${fixture.projectName}-db-1`)).State.Status).toBe("running");
    expect((await inspectContainer(web)).State.Status).toBe("running");

    const page = await eventually(async () => {
      const fetched = await execInContainer(web, ["timeout", "5", "wget", "-q", "-O", "-", "http://database:8080/"]);
      expect(fetched.status, fetched.stderr).toBe(0);
      return fetched.stdout;
    }, 15_000);
    expect(page).toBe("answered by db\n");

    const environment = (await execInContainer(web, ["env"])).stdout.split("\n");
    expect(environment).toContain("DATABASE_PORT_8080_TCP_PORT=8080");
    expect(environment).toContain("DATABASE_PORT_8080_TCP_PROTO=tcp");
    const address = environment.find((line) => line.startsWith("DATABASE_PORT_8080_TCP_ADDR="))?.split("=")[1];
    expect(address).toBeTruthy();

    // The variables are usable as they are: an app built from them reaches db.
    const viaVariables = await execInContainer(web, [
      "sh", "-c", 'timeout 5 wget -q -O - "http://$DATABASE_PORT_8080_TCP_ADDR:$DATABASE_PORT_8080_TCP_PORT/"',
    ]);
    expect(viaVariables.status, viaVariables.stderr).toBe(0);
    expect(viaVariables.stdout).toBe("answered by db\n");
  });
});
