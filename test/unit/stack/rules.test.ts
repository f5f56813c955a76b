import { describe, expect, it } from "vitest";
import { formatIssue } from "../../../src/base/errors.js";
import type { Port } from "../../../src/stack/model.js";
import { checkReferences } from "../../../src/stack/rules.js";
import { type StackSpec, dependency, fakeLocate, joins, makeStack } from "../support/stack-builder.js";

/** The printed lines, without the fake locations. */
function messages(spec: StackSpec): string[] {
  return checkReferences(makeStack(spec), () => undefined).map(formatIssue);
}

function port(published: number | [number, number], fields: Partial<Port> = {}): Port {
  const [start, end] = typeof published === "number" ? [published, published] : published;
  return { target: 80, published: { start, end }, protocol: "tcp", mode: "ingress", ...fields };
}

describe("checkReferences: undefined references", () => {
  it.each<[string, StackSpec, string]>([
    ["depends_on", { services: { web: { dependsOn: { db: dependency() } } } }, 'services.web.depends_on.db: service "web" depends on undefined service "db"'],
    [
      "optional depends_on is still checked",
      { services: { web: { dependsOn: { db: dependency({ required: false }) } } } },
      'services.web.depends_on.db: service "web" depends on undefined service "db"',
    ],
    ["links", { services: { web: { links: [{ service: "cache", alias: "redis" }] } } }, 'services.web.links[0]: service "web" links to undefined service "cache"'],
    [
      "volumes_from",
      { services: { web: { volumesFrom: [{ kind: "service", name: "seed", readOnly: false }] } } },
      'services.web.volumes_from[0]: service "web" mounts volumes from undefined service or data container "seed"',
    ],
    [
      "network_mode service:",
      { services: { web: { networkMode: { kind: "service", service: "vpn" } } } },
      'services.web.network_mode: service "web" uses the network stack of undefined service "vpn"',
    ],
    ["ipc service:", { services: { web: { ipc: "service:shm" } } }, 'services.web.ipc: service "web" shares the IPC namespace of undefined service "shm"'],
    ["pid service:", { services: { web: { pid: "service:debug" } } }, 'services.web.pid: service "web" shares the PID namespace of undefined service "debug"'],
    [
      "volume",
      { services: { web: { volumes: [{ type: "volume", source: "data", target: "/data", readOnly: false, nocopy: false }] } } },
      'services.web.volumes[0]: service "web" refers to undefined volume "data"',
    ],
    ["network", { services: { web: { networks: joins("back") } } }, 'services.web.networks.back: service "web" refers to undefined network "back"'],
    ["secret", { services: { web: { secrets: [{ source: "token", target: "/run/secrets/token" }] } } }, 'services.web.secrets[0]: service "web" refers to undefined secret "token"'],
    ["config", { services: { web: { configs: [{ source: "nginx", target: "/nginx" }] } } }, 'services.web.configs[0]: service "web" refers to undefined config "nginx"'],
    [
      "data container volume",
      { dataContainers: { seed: { volumes: [{ type: "volume", source: "assets", target: "/assets", readOnly: false, nocopy: false }] } } },
      'data_containers.seed.volumes[0]: data container "seed" refers to undefined volume "assets"',
    ],
  ])("%s", (_, spec, expected) => {
    expect(messages(spec)).toEqual([expected]);
  });

  it.each<[string, StackSpec]>([
    ["everything defined", {
      services: {
        db: { networks: joins("back"), volumes: [{ type: "volume", source: "data", target: "/data", readOnly: false, nocopy: false }] },
        web: {
          dependsOn: { db: dependency() },
          links: [{ service: "db", alias: "database" }],
          volumesFrom: [{ kind: "dataContainer", name: "seed", readOnly: true }, { kind: "service", name: "db", readOnly: false }],
          networks: joins("back"),
          ipc: "service:db",
          pid: "host",
          secrets: [{ source: "token", target: "/run/secrets/token" }],
          configs: [{ source: "nginx", target: "/nginx" }],
        },
        sidecar: { networkMode: { kind: "service", service: "web" } },
      },
      dataContainers: { seed: {} },
      networks: { back: {} },
      volumes: { data: {} },
      secrets: { token: {} },
      configs: { nginx: {} },
    }],
    ["volumes_from an outside container", { services: { web: { volumesFrom: [{ kind: "container", name: "legacy", readOnly: false }] } } }],
    ["network_mode container:", { services: { web: { networkMode: { kind: "container", container: "vpn" } } } }],
    ["anonymous volume", { services: { web: { volumes: [{ type: "volume", target: "/cache", readOnly: false, nocopy: false }] } } }],
    ["a data container shared read-write by several services", {
      services: {
        a: { volumesFrom: [{ kind: "dataContainer", name: "seed", readOnly: false }] },
        b: { volumesFrom: [{ kind: "dataContainer", name: "seed", readOnly: false }] },
      },
      dataContainers: { seed: {} },
    }],
  ])("accepts %s", (_, spec) => {
    expect(messages(spec)).toEqual([]);
  });

  it("locates each issue at the written path", () => {
    const issues = checkReferences(makeStack({ services: { web: { links: [{ service: "db", alias: "db" }] } } }), fakeLocate);
    expect(issues.map((issue) => issue.location?.file)).toEqual(["stack.yml#services.web.links.0"]);
  });

  it("reports every problem, sorted by path, whatever the key order", () => {
    const services = {
      web: { dependsOn: { zeta: dependency(), alpha: dependency() }, networks: joins("back") },
      api: { links: [{ service: "nope", alias: "nope" }] },
    };
    const reversed = Object.fromEntries(Object.entries(services).reverse());
    const expected = [
      'services.api.links[0]: service "api" links to undefined service "nope"',
      'services.web.depends_on.alpha: service "web" depends on undefined service "alpha"',
      'services.web.depends_on.zeta: service "web" depends on undefined service "zeta"',
      'services.web.networks.back: service "web" refers to undefined network "back"',
    ];
    expect(messages({ services })).toEqual(expected);
    expect(messages({ services: reversed })).toEqual(expected);
  });
});

describe("checkReferences: container names", () => {
  it.each<[string, StackSpec, string[]]>([
    ["duplicate", { services: { b: { containerName: "x" }, a: { containerName: "x" } } }, ['services.b.container_name: services "a" and "b" both use container_name "x"']],
    [
      "three services, each reported against the first",
      { services: { a: { containerName: "x" }, b: { containerName: "x" }, c: { containerName: "x" } } },
      ['services.b.container_name: services "a" and "b" both use container_name "x"', 'services.c.container_name: services "a" and "c" both use container_name "x"'],
    ],
    ["with replicas", { services: { web: { containerName: "x", replicas: 3 } } }, ['services.web: container_name "x" cannot be used with 3 replicas (container names must be unique)']],
    ["distinct names", { services: { a: { containerName: "x" }, b: { containerName: "y" } } }, []],
    ["one replica", { services: { web: { containerName: "x", replicas: 1 } } }, []],
  ])("%s", (_, spec, expected) => {
    expect(messages(spec)).toEqual(expected);
  });

  it("locates the replicas issue at container_name", () => {
    const issues = checkReferences(makeStack({ services: { web: { containerName: "x", replicas: 2 } } }), fakeLocate);
    expect(issues[0]?.location?.file).toBe("stack.yml#services.web.container_name");
  });
});

describe("checkReferences: host ports", () => {
  it.each<[string, StackSpec, string[]]>([
    ["same port", { services: { a: { ports: [port(8080)] }, b: { ports: [port(8080)] } } }, ['services.b.ports: services "a" and "b" both publish host port 8080/tcp']],
    ["different ports", { services: { a: { ports: [port(8080)] }, b: { ports: [port(8081)] } } }, []],
    ["different protocols", { services: { a: { ports: [port(53)] }, b: { ports: [port(53, { protocol: "udp" })] } } }, []],
    ["same udp port", { services: { a: { ports: [port(53, { protocol: "udp" })] }, b: { ports: [port(53, { protocol: "udp" })] } } }, ['services.b.ports: services "a" and "b" both publish host port 53/udp']],
    ["different explicit IPs", { services: { a: { ports: [port(80, { hostIp: "127.0.0.1" })] }, b: { ports: [port(80, { hostIp: "127.0.0.2" })] } } }, []],
    [
      "same explicit IP",
      { services: { a: { ports: [port(80, { hostIp: "127.0.0.1" })] }, b: { ports: [port(80, { hostIp: "127.0.0.1" })] } } },
      ['services.b.ports: services "a" and "b" both publish host port 127.0.0.1:80/tcp'],
    ],
    ["absent IP overlaps any IP", { services: { a: { ports: [port(80)] }, b: { ports: [port(80, { hostIp: "127.0.0.1" })] } } }, ['services.b.ports: services "a" and "b" both publish host port 80/tcp']],
    ["0.0.0.0 overlaps any IP", { services: { a: { ports: [port(80, { hostIp: "10.0.0.1" })] }, b: { ports: [port(80, { hostIp: "0.0.0.0" })] } } }, ['services.b.ports: services "a" and "b" both publish host port 80/tcp']],
    ["fixed port inside a range", { services: { a: { ports: [port([8000, 8010])] }, b: { ports: [port(8005)] } } }, ['services.b.ports: services "a" and "b" both publish host port 8005/tcp']],
    ["two wide ranges share", { services: { a: { ports: [port([8000, 8010])] }, b: { ports: [port([8005, 8020])] } } }, []],
    ["unpublished ports never conflict", { services: { a: { ports: [{ target: 80, protocol: "tcp", mode: "ingress" }] }, b: { ports: [{ target: 80, protocol: "tcp", mode: "ingress" }] } } }, []],
    [
      "replicas with a fixed port",
      { services: { web: { replicas: 3, ports: [port(8080)] } } },
      ['services.web.ports: host port 8080/tcp cannot be shared by 3 replicas of service "web"; publish a range of 3 ports (e.g. "8080-8082:80") or leave the host port out'],
    ],
    [
      "replicas with too narrow a range",
      { services: { web: { replicas: 3, ports: [port([8080, 8081])] } } },
      ['services.web.ports: host ports 8080-8081/tcp cannot be shared by 3 replicas of service "web"; publish a range of 3 ports (e.g. "8080-8082:80") or leave the host port out'],
    ],
    ["replicas with a wide enough range", { services: { web: { replicas: 3, ports: [port([8080, 8082])] } } }, []],
    ["replicas with an ephemeral port", { services: { web: { replicas: 3, ports: [{ target: 80, protocol: "tcp", mode: "ingress" }] } } }, []],
    ["one service, one port twice", { services: { web: { ports: [port(8080, { target: 80 }), port(8080, { target: 81 })] } } }, ['services.web.ports: service "web" publishes host port 8080/tcp twice']],
    ["one service, an exact duplicate entry", { services: { web: { ports: [port(8080), port(8080)] } } }, []],
  ])("%s", (_, spec, expected) => {
    expect(messages(spec)).toEqual(expected);
  });

  it("reports a clash once even when several entries overlap the same way", () => {
    const spec: StackSpec = { services: { a: { ports: [port(80), port(80, { hostIp: "127.0.0.1", target: 81 })] }, b: { ports: [port(80)] } } };
    expect(messages(spec)).toContain('services.b.ports: services "a" and "b" both publish host port 80/tcp');
    expect(messages(spec).filter((line) => line.includes('"a" and "b"'))).toHaveLength(1);
  });
});
