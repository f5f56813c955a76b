/**
 * Engine specs from object literals for the engine's integration tests: a
 * test writes only the fields it is about; every other field has the value
 * a plain `docker create` would use.
 */
import type { BuildSpec, ContainerSpec, HostSpec } from "../../../src/docker-api/types.js";
import { defaultHostSpec } from "../../../src/targets/docker/spec/host-config.js";

/** The local test image (scripts/engine.sh): busybox with sh, httpd, wget and nc. Never pulled. */
export const TEST_IMAGE = "tsd-test/busybox:1";

/** A container of the test image running `script` with `sh -c`, on the default bridge unless told otherwise. */
export function containerSpec(
  name: string,
  script: string,
  overrides: Omit<Partial<ContainerSpec>, "host"> & { readonly host?: Partial<HostSpec> } = {},
): ContainerSpec {
  const { host, ...rest } = overrides;
  return {
    name,
    image: TEST_IMAGE,
    labels: {},
    env: [],
    cmd: ["sh", "-c", script],
    tty: false,
    openStdin: false,
    exposedPorts: [],
    networks: [],
    ...rest,
    host: defaultHostSpec(host),
  };
}

/** A build of `context` with nothing optional set. */
export function buildSpec(context: string, overrides: Partial<BuildSpec> = {}): BuildSpec {
  return {
    context,
    dockerfile: "Dockerfile",
    tags: [],
    args: {},
    labels: {},
    noCache: false,
    pull: false,
    extraHosts: [],
    cacheFrom: [],
    ...overrides,
  };
}
