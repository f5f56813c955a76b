/**
 * What a user sees for a stack file with a mistake: one line per problem,
 * `file:line:col path: message`, the file relative to the working directory
 * when it is under it; on a terminal, the line itself with a caret under the
 * column; a hint for YAML mistakes. Exit code 1, and nothing else printed.
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type TempProject, tempProject } from "../unit/support/temp-project.js";
import { runCli } from "./run-cli.js";

const main = resolve(import.meta.dirname, "../../dist/cli/main.js");

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

const IMMICH = `name: immich
services:
  immich-server:
    image: ghcr.io/immich-app/immich-server:release
    depends_on:
      - reddis
      - database
    networks: [backend, bakend]
  redis:
    image: docker.io/redis:6.2-alpine
    networks: [backend]
  database:
    image: docker.io/tensorchord/pgvecto-rs:pg14-v0.2.0
    volumes: [pgdata:/var/lib/postgresql/data, uploads:/upload]
    secrets: [db_pasword]
    profiles: [db]
volumes:
  pgdata: {}
  upload: {}
networks:
  backend: {}
secrets:
  db_password: {file: ./db_password.txt}
`;

/** Runs tsd on a pseudo-terminal (util-linux `script`): stdout and stderr both go to it. */
function runOnTerminal(args: readonly string[], cwd: string): { status: number | null; output: string } {
  const command = [process.execPath, main, ...args].map((part) => `'${part}'`).join(" ");
  const result = spawnSync("script", ["-qec", command, "/dev/null"], { cwd, encoding: "utf8", env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", TERM: "dumb" } });
  return { status: result.status, output: result.stdout.replaceAll("\r\n", "\n") };
}

describe("located errors on the command line", () => {
  it("each undefined reference at its item, with did you mean, paths relative to cwd, no frame in a pipe", () => {
    project = tempProject({ "stack.yml": IMMICH });
    const result = runCli(["config", "--profile", "db"], project.dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      [
        "tsd: 4 problems found:",
        'stack.yml:6:9 services.immich-server.depends_on.reddis: service "immich-server" depends on undefined service "reddis", did you mean "redis"?',
        'stack.yml:8:25 services.immich-server.networks.bakend: service "immich-server" refers to undefined network "bakend", did you mean "backend"?',
        'stack.yml:14:48 services.database.volumes[1]: service "database" refers to undefined volume "uploads", did you mean "upload"?',
        'stack.yml:15:15 services.database.secrets[0]: service "database" refers to undefined secret "db_pasword", did you mean "db_password"?',
        "",
      ].join("\n"),
    );
  });

  it("a profile to enable is named at the dependency that needs it", () => {
    project = tempProject({ "stack.yml": IMMICH.replace("reddis", "redis").replace("bakend", "backend").replace("uploads:", "upload:").replace("db_pasword", "db_password") });
    const result = runCli(["config"], project.dir);
    expect(result.stderr).toBe(
      'tsd: stack.yml:7:9 services.immich-server.depends_on.database: service "immich-server" depends on "database", which is disabled (profile "db"); enable it with --profile db\n',
    );
  });

  it("a file below cwd prints relative to it; a file outside prints absolute", () => {
    project = tempProject({ "deploy/stack.yml": "services:\n  web:\n    image: nginx\n    depends_on: [dbb]\n  db:\n    image: postgres\n" });
    const message = 'services.web.depends_on.dbb: service "web" depends on undefined service "dbb", did you mean "db"?';
    expect(runCli(["config", "-f", "deploy/stack.yml"], project.dir).stderr).toBe(`tsd: deploy/stack.yml:4:18 ${message}\n`);
    expect(runCli(["config", "-f", project.path("deploy/stack.yml")], "/usr").stderr).toBe(`tsd: ${project.path("deploy/stack.yml")}:4:18 ${message}\n`);
  });

  it("on a terminal, each problem shows its line with a caret under the column", () => {
    project = tempProject({ "stack.yml": "services:\n  web:\n    image: nginx\n    depends_on:\n      - reddis\n  redis:\n    image: redis\n" });
    const result = runOnTerminal(["config"], project.dir);
    expect(result.status).toBe(1);
    expect(result.output).toBe(
      [
        'tsd: stack.yml:5:9 services.web.depends_on.reddis: service "web" depends on undefined service "reddis", did you mean "redis"?',
        "  5 |       - reddis",
        "    |         ^",
        "",
      ].join("\n"),
    );
  });

  it("a YAML mistake is one message at the line to fix, a frame on a terminal, and a hint", () => {
    project = tempProject({ "stack.yml": "services:\n  web:\n    image: nginx\n    restart:always\n    ports: ['80:80']\n" });
    expect(runCli(["config"], project.dir).stderr).toBe(
      'tsd: stack.yml:4:13 invalid YAML: no space after the colon in "restart:always"\nhint: write "restart: always": YAML needs a space after the colon of a key\n',
    );
    expect(runOnTerminal(["config"], project.dir).output).toBe(
      [
        'tsd: stack.yml:4:13 invalid YAML: no space after the colon in "restart:always"',
        "  4 |     restart:always",
        "    |             ^",
        'hint: write "restart: always": YAML needs a space after the colon of a key',
        "",
      ].join("\n"),
    );
  });

  it("depends_on dedented to the services level says where to indent it, not only that it must be a mapping", () => {
    project = tempProject({ "stack.yml": "services:\n  db:\n    image: postgres\n  worker:\n    image: example/worker\n  depends_on:\n    - db\n" });
    expect(runCli(["config"], project.dir).stderr).toBe(
      "tsd: stack.yml:6:3 services.depends_on: `depends_on` at the services level: did you mean to indent it under `worker` (line 4)?\n",
    );
  });
});
