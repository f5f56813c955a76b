/**
 * Secret values must never be printed. tsd never reads a secret: a `file:`
 * secret is bind-mounted read-only (only its path is known), an
 * `environment:` secret is known by its variable's name, and a secret cannot
 * have inline `content:` (Compose allows that for configs only). So
 * `tsd config` (YAML and JSON) prints the path and the name, and no error
 * message repeats a value: not a secret's, not an environment variable's
 * (often a password), not an env file's.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/base/errors.js";
import { loadProject } from "../../../src/project/project.js";
import { renderStack } from "../../../src/stack/render.js";
import { stringifyComposeYaml } from "../../../src/stack/render/yaml.js";
import { runCli } from "../../cli/run-cli.js";
import { configErrorOf } from "../support/config-error.js";
import { type TempProject, tempProject } from "../support/temp-project.js";

const FILE_SECRET = "file-s3cr3t-value";
const ENV_SECRET = "env-s3cr3t-value";
const INLINE_SECRET = "inline-s3cr3t-value";
const ENVIRONMENT = { HOME: "/root", DB_TOKEN: ENV_SECRET };

const STACK = `services:
  app:
    image: busybox
    environment: [DB_TOKEN_FILE=/run/secrets/db_token]
    secrets: [db_password, db_token, {source: db_password, target: /etc/app/password, mode: 0400}]
secrets:
  db_password: {file: ./db_password.txt}
  db_token: {environment: DB_TOKEN}
`;

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

function withStack(stack: string, files: Record<string, string> = {}): TempProject {
  project = tempProject({ "compose.yaml": stack, "db_password.txt": `${FILE_SECRET}\n`, ...files });
  return project;
}

/** What `tsd config` prints (cli/commands/config.ts renders the same way), and the loader's warnings. */
function config(dir: string, format: "yaml" | "json"): string {
  const { stack, warnings } = loadProject({ cwd: dir, environment: ENVIRONMENT });
  const document = renderStack(stack);
  return `${warnings.join("\n")}\n${format === "json" ? JSON.stringify(document, null, 2) : stringifyComposeYaml(document)}`;
}

function expectNoSecret(text: string): void {
  for (const secret of [FILE_SECRET, ENV_SECRET, INLINE_SECRET]) expect(text).not.toContain(secret);
}

describe("tsd config and secrets", () => {
  it.each(["yaml", "json"] as const)("prints a file secret's path and an environment secret's variable name, never a value (%s)", (format) => {
    const { dir } = withStack(STACK);
    const printed = config(dir, format);
    expectNoSecret(printed);
    expect(printed).toContain(`${dir}/db_password.txt`);
    expect(printed).toContain("DB_TOKEN");
    expect(printed).toContain("/run/secrets/db_token");
  });

  it("prints no value from the built CLI either", () => {
    const { dir } = withStack(STACK);
    for (const format of ["yaml", "json"]) {
      const result = runCli(["config", "--format", format], dir, { DB_TOKEN: ENV_SECRET });
      expect(result.status).toBe(0);
      expect(result.stdout).toContain("db_password.txt");
      expectNoSecret(result.stdout + result.stderr);
    }
  });
});

describe("error messages and secrets", () => {
  it("refuses inline content on a secret without repeating it", () => {
    const { dir } = withStack(`${STACK}  inline: {content: ${INLINE_SECRET}}\n`);
    const error = configErrorOf(() => loadProject({ cwd: dir, environment: ENVIRONMENT }));
    expect(error.message).toMatch(/secrets\.inline\.content: unknown key "content"/);
    expectNoSecret(error.message);
  });

  it("reports other problems of a stack with secrets without a secret in the message", () => {
    const { dir } = withStack(STACK.replace("image: busybox", "image: busybox\n    ports: ['99999:80']\n    mem_limit: ${DB_TOKEN}"));
    const error = configErrorOf(() => loadProject({ cwd: dir, environment: { ...ENVIRONMENT, DB_TOKEN: "1m" } }));
    expect(error.issues.map((issue) => issue.path)).toEqual(["services.app.ports[0]", "services.app.mem_limit"]);
    expectNoSecret(error.message);
  });

  it("never quotes an environment value, written or interpolated, when an entry is refused", () => {
    const { dir } = withStack(`services:\n  app:\n    image: busybox\n    environment: ["=${INLINE_SECRET}", "BAD NAME=\${DB_TOKEN}", "NUL=a\\0\${DB_TOKEN}"]\n`);
    const error = configErrorOf(() => loadProject({ cwd: dir, environment: ENVIRONMENT }));
    expect(error.issues).toHaveLength(3);
    expectNoSecret(error.message);
  });

  it("never quotes an env file's value when the file is malformed", () => {
    const { dir } = withStack("services:\n  app:\n    image: busybox\n    env_file: [app.env]\n", {
      "app.env": `PASSWORD="${FILE_SECRET}"${ENV_SECRET}\nTOKEN=\${${INLINE_SECRET}\n`,
    });
    const error = configErrorOf(() => loadProject({ cwd: dir, environment: ENVIRONMENT }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.issues).toHaveLength(2);
    expectNoSecret(error.message);
  });
});
