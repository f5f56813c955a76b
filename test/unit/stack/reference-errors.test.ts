/**
 * Every name that points nowhere is reported at the item that names it
 * (not at the key above it), with the closest name that exists. The files
 * are shaped like real ones (immich, a queue worker, a secrets-using app).
 */
import { afterEach, describe, expect, it } from "vitest";
import { type LoadOptions, loadStack } from "../../../src/stack/load.js";
import { configErrorOf } from "../support/config-error.js";
import { type TempProject, tempProject } from "../support/temp-project.js";

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

function loadError(yaml: string, options: Partial<LoadOptions> = {}): string {
  project = tempProject({ "stack.yml": yaml });
  const dir = project.dir;
  return configErrorOf(() => loadStack({ cwd: dir, environment: {}, ...options })).message.replaceAll(`${dir}/`, "");
}

const IMMICH = (dependsOn: string, networks = "[backend]") => `name: immich
services:
  immich-server:
    image: ghcr.io/immich-app/immich-server:release
    volumes:
      - uploads:/usr/src/app/upload
      - /etc/localtime:/etc/localtime:ro
    env_file: []
    ports:
      - "2283:2283"
${dependsOn}
    networks: ${networks}
    restart: always
  redis:
    image: docker.io/redis:6.2-alpine
    networks: [backend]
  database:
    image: docker.io/tensorchord/pgvecto-rs:pg14-v0.2.0
    volumes:
      - pgdata:/var/lib/postgresql/data
    networks: [backend]
volumes:
  uploads: {}
  pgdata: {}
networks:
  backend: {}
`;

describe("undefined references: located at the item, with did you mean", () => {
  it("a depends_on list item names the line of the item", () => {
    expect(loadError(IMMICH("    depends_on:\n      - reddis\n      - database"))).toBe(
      'stack.yml:12:9 services.immich-server.depends_on.reddis: service "immich-server" depends on undefined service "reddis", did you mean "redis"?',
    );
  });

  it("a depends_on mapping key names the line of the key", () => {
    expect(loadError(IMMICH("    depends_on:\n      database: {condition: service_started}\n      reddis: {condition: service_started}"))).toBe(
      'stack.yml:13:7 services.immich-server.depends_on.reddis: service "immich-server" depends on undefined service "reddis", did you mean "redis"?',
    );
  });

  it("an undefined network in a list names the item", () => {
    expect(loadError(IMMICH("    depends_on: [redis]", "[backend, frontend, bakend]"))).toBe(
      [
        'stack.yml:12:25 services.immich-server.networks.frontend: service "immich-server" refers to undefined network "frontend"',
        'stack.yml:12:35 services.immich-server.networks.bakend: service "immich-server" refers to undefined network "bakend", did you mean "backend"?',
      ].join("\n"),
    );
  });

  it("an undefined volume names the mount that uses it", () => {
    const yaml = IMMICH("    depends_on: [redis]").replace("- uploads:/usr/src/app/upload", "- upload:/usr/src/app/upload");
    expect(loadError(yaml)).toBe('stack.yml:6:9 services.immich-server.volumes[0]: service "immich-server" refers to undefined volume "upload", did you mean "uploads"?');
  });

  it("an undefined volume in the long form names its source line", () => {
    const yaml = `services:
  db:
    image: postgres:16
    volumes:
      - type: volume
        source: pg-data
        target: /var/lib/postgresql/data
volumes:
  pgdata: {}
`;
    expect(loadError(yaml)).toBe('stack.yml:6:9 services.db.volumes[0]: service "db" refers to undefined volume "pg-data", did you mean "pgdata"?');
  });

  it("an undefined secret and config name their items", () => {
    const yaml = `services:
  api:
    image: example/api:1
    secrets:
      - db_password
      - source: api_tokn
        target: token
    configs: [nginx_conf]
secrets:
  db_password: {file: ./db_password.txt}
  api_token: {file: ./token.txt}
configs:
  nginx.conf: {file: ./nginx.conf}
`;
    expect(loadError(yaml).split("\n")).toEqual([
      'stack.yml:6:9 services.api.secrets[1]: service "api" refers to undefined secret "api_tokn", did you mean "api_token"?',
      'stack.yml:8:15 services.api.configs[0]: service "api" refers to undefined config "nginx_conf", did you mean "nginx.conf"?',
    ]);
  });

  it("links, volumes_from and network_mode name their items and suggest services and data containers", () => {
    const yaml = `services:
  web:
    image: nginx:1
    links: ["db:database", "cahce"]
    volumes_from: [contnt]
  db:
    image: postgres:16
  cache:
    image: redis:7
  sidecar:
    image: busybox
    network_mode: "service:wbe"
data_containers:
  content:
    image: busybox
    volumes: [/www]
`;
    expect(loadError(yaml).split("\n")).toEqual([
      'stack.yml:4:28 services.web.links[1]: service "web" links to undefined service "cahce", did you mean "cache"?',
      'stack.yml:5:20 services.web.volumes_from[0]: service "web" mounts volumes from undefined service or data container "contnt", did you mean "content"?',
      'stack.yml:12:5 services.sidecar.network_mode: service "sidecar" uses the network stack of undefined service "wbe", did you mean "web"?',
    ]);
  });

  it("extends of an undefined service suggests the closest one", () => {
    const yaml = `services:
  base-worker:
    image: example/worker:1
  mailer:
    extends:
      service: base-wroker
`;
    expect(loadError(yaml)).toBe('stack.yml:6:7 services.mailer.extends.service: service "base-wroker" is not defined in stack.yml, did you mean "base-worker"?');
  });

  it("a dependency on a disabled service names its item and the profile to enable", () => {
    const yaml = `services:
  web:
    image: nginx:1
    depends_on:
      - debug-tools
  debug-tools:
    image: busybox
    profiles: [debug]
`;
    expect(loadError(yaml)).toBe('stack.yml:5:9 services.web.depends_on.debug-tools: service "web" depends on "debug-tools", which is disabled (profile "debug"); enable it with --profile debug');
  });

  it("an active profile no service uses is a warning with the closest profile", () => {
    project = tempProject({ "stack.yml": "services:\n  web: {image: nginx:1}\n  tools: {image: busybox, profiles: [debug]}\n" });
    const { warnings } = loadStack({ cwd: project.dir, environment: {}, profiles: ["debgu"] });
    expect(warnings).toContain('profile "debgu" is not used by any service, did you mean "debug"?');
  });
});
