/**
 * Canonical stacks from object literals: write only the fields a test is
 * about, `makeStack` fills every other field with its canonical default.
 *
 *   makeStack({ services: { web: { dependsOn: { db: dependency() } }, db: {} }, volumes: { data: {} } })
 */
import type { DataContainer, Dependency, FileObject, Network, Service, Stack, Volume } from "../../../src/stack/model.js";

/** What a test may write: every section optional, every entry partial. */
export interface StackSpec {
  readonly name?: string;
  readonly profiles?: readonly string[];
  readonly services?: Readonly<Record<string, Partial<Service>>>;
  readonly dataContainers?: Readonly<Record<string, Partial<DataContainer>>>;
  readonly networks?: Readonly<Record<string, Partial<Network>>>;
  readonly volumes?: Readonly<Record<string, Partial<Volume>>>;
  readonly secrets?: Readonly<Record<string, Partial<FileObject>>>;
  readonly configs?: Readonly<Record<string, Partial<FileObject>>>;
}

/** A service named `name` with canonical defaults, overridden by `fields`. */
export function makeService(name: string, fields: Partial<Service> = {}): Service {
  return {
    name,
    image: "alpine",
    environment: {},
    envFiles: [],
    ports: [],
    expose: [],
    volumes: [],
    volumesFrom: [],
    links: [],
    dependsOn: {},
    networks: {},
    restart: { policy: "no" },
    labels: {},
    readOnly: false,
    securityOpt: [],
    resources: {},
    capAdd: [],
    capDrop: [],
    tty: false,
    stdinOpen: false,
    privileged: false,
    extraHosts: [],
    dns: [],
    dnsSearch: [],
    dnsOpt: [],
    ulimits: {},
    tmpfs: [],
    sysctls: {},
    devices: [],
    groupAdd: [],
    pullPolicy: "missing",
    replicas: 1,
    profiles: [],
    secrets: [],
    configs: [],
    extensions: {},
    ...fields,
  };
}

/** A `depends_on` entry: `service_started`, required, no restart, unless overridden. */
export function dependency(fields: Partial<Dependency> = {}): Dependency {
  return { condition: "service_started", required: true, restart: false, ...fields };
}

function mapRecord<T, U>(record: Readonly<Record<string, T>> | undefined, make: (key: string, value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record ?? {}).map(([key, value]) => [key, make(key, value)]));
}

/** A whole stack (project `test`) with canonical defaults. Key order of `spec` is kept, so tests can shuffle it. */
export function makeStack(spec: StackSpec = {}): Stack {
  const name = spec.name ?? "test";
  const fileObject = (key: string, fields: Partial<FileObject>): FileObject => ({ key, name: `${name}_${key}`, external: false, labels: {}, ...fields });
  return {
    name,
    projectId: "0123456789abcdef",
    projectDir: "/project",
    files: ["/project/stack.yml"],
    envFiles: [],
    profiles: spec.profiles ?? [],
    services: mapRecord(spec.services, (key, fields) => makeService(key, fields)),
    dataContainers: mapRecord(spec.dataContainers, (key, fields) => ({ name: key, image: "alpine", volumes: [], labels: {}, ...fields })),
    networks: mapRecord(spec.networks, (key, fields) => ({
      key,
      name: `${name}_${key}`,
      external: false,
      driverOpts: {},
      internal: false,
      attachable: false,
      labels: {},
      ...fields,
    })),
    volumes: mapRecord(spec.volumes, (key, fields) => ({ key, name: `${name}_${key}`, external: false, driverOpts: {}, labels: {}, ...fields })),
    secrets: mapRecord(spec.secrets, fileObject),
    configs: mapRecord(spec.configs, fileObject),
    extensions: {},
  };
}

/** A `locate` that places every path at a fake line derived from the path, so tests can see which path was located. */
export function fakeLocate(path: readonly (string | number)[]): { file: string; line: number; column: number } {
  return { file: `stack.yml#${path.join(".")}`, line: 1, column: 1 };
}

/** `networks` of a service joining `keys` with no aliases. */
export function joins(...keys: string[]): Service["networks"] {
  return Object.fromEntries(keys.map((key) => [key, { aliases: [], linkLocalIps: [], driverOpts: {} }]));
}
