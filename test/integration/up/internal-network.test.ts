/**
 * `internal: true` networks: containers on one reach each other by service
 * name, and have no way off it. Nothing here sends a packet anywhere but
 * between the two containers: the "no way out" half is read from the
 * network's settings and the containers' routing tables.
 */
import { describe, expect, it } from "vitest";
import { LABEL_PROJECT, LABEL_RESOURCE } from "../../../src/base/labels.js";
import { engineVersion, execInContainer, inspectContainer, inspectNetwork } from "../support/docker.js";
import { eventually } from "../support/eventually.js";
import { useFixture } from "../support/fixture.js";

/** One line of /proc/net/route, addresses as dotted quads (the file holds them little-endian, in hex). */
interface Route {
  readonly iface: string;
  readonly destination: string;
  readonly gateway: string;
  readonly mask: string;
}

function dottedQuad(hex: string): string {
  const bytes = hex.match(/../g) ?? [];
  return bytes.map((byte) => Number.parseInt(byte, 16)).reverse().join(".");
}

function parseRoutes(procNetRoute: string): Route[] {
  return procNetRoute
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .map(([iface = "", destination = "", gateway = "", , , , , mask = ""]) => ({
      iface,
      destination: dottedQuad(destination),
      gateway: dottedQuad(gateway),
      mask: dottedQuad(mask),
    }));
}

/** Docker 25 (API 1.44) stopped giving containers on internal networks a default gateway (moby/moby#46603). */
function apiAtLeast(version: string, major: number, minor: number): boolean {
  const [actualMajor = 0, actualMinor = 0] = version.split(".").map(Number);
  return actualMajor > major || (actualMajor === major && actualMinor >= minor);
}

describe("tsd up: internal networks", () => {
  it("an internal network must let its containers reach each other by name and route them nowhere else", async () => {
    const fixture = useFixture("up-internal-network");
    const networkName = `${fixture.projectName}_sealed`;

    const result = await fixture.run(["up", "-d", "-f", "stack.yml", "--progress", "plain"]);
    expect(result.status, result.stderr).toBe(0);

    const network = await inspectNetwork(networkName);
    expect(network.Internal).toBe(true);
    expect(network.Labels?.[LABEL_PROJECT]).toBe(fixture.projectName);
    expect(network.Labels?.[LABEL_RESOURCE]).toBe("sealed");
    const subnet = network.IPAM?.Config?.[0];

    for (const [self, peer] of [["alpha", "beta"], ["beta", "alpha"]] as const) {
      const container = `${fixture.projectName}-${self}-1`;
      const info = await inspectContainer(container);
      expect(info.State.Status).toBe("running");
      // On the internal network only: no second interface (the default bridge, another network) leads out.
      expect(Object.keys(info.NetworkSettings.Networks)).toEqual([networkName]);

      const page = await eventually(async () => {
        const fetched = await execInContainer(container, ["timeout", "5", "wget", "-q", "-O", "-", `http://${peer}:8080/`]);
        expect(fetched.status, fetched.stderr).toBe(0);
        return fetched.stdout;
      }, 15_000);
      expect(page).toBe(`${peer} here\n`);

      const routes = parseRoutes((await execInContainer(container, ["cat", "/proc/net/route"])).stdout);
      expect(routes.every((route) => route.iface === "eth0"), JSON.stringify(routes)).toBe(true);
      const defaultRoutes = routes.filter((route) => route.destination === "0.0.0.0");
      if (apiAtLeast((await engineVersion()).apiVersion, 1, 44)) {
        expect(defaultRoutes).toEqual([]);
      } else {
        // Older engines keep a default route to the internal bridge's own gateway and drop whatever
        // would leave the bridge with iptables rules instead; it must lead nowhere but that bridge.
        expect(defaultRoutes).toEqual([{ iface: "eth0", destination: "0.0.0.0", gateway: subnet?.Gateway, mask: "0.0.0.0" }]);
      }
    }
  });
});
