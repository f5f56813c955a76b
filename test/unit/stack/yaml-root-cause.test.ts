/**
 * A file that is not valid YAML gets ONE message, at the line a person
 * would fix, with a hint for the common causes: a tab indenting a line, a
 * key dedented out of line with its siblings, a missing space after a
 * colon, an unquoted `: ` in a value, a key written twice. And a key valid
 * one level up or down says where it belongs. The files are shaped like
 * real ones (a web app with a database, a worker and a queue).
 */
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/base/errors.js";
import { loadStack } from "../../../src/stack/load.js";
import { configErrorOf } from "../support/config-error.js";
import { type TempProject, tempProject } from "../support/temp-project.js";

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

function failure(yaml: string): { message: string; hint: string | undefined; issues: number } {
  project = tempProject({ "stack.yml": yaml });
  const dir = project.dir;
  const error: ConfigError = configErrorOf(() => loadStack({ cwd: dir, environment: {} }));
  return { message: error.message.replaceAll(`${dir}/`, ""), hint: error.hint, issues: error.issues.length };
}

/** A real-shaped stack; `web` is edited by each case. */
const stack = (web: string) => `name: shop
services:
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD_FILE: /run/secrets/db_password
    volumes:
      - pgdata:/var/lib/postgresql/data
  web:
${web}
  worker:
    image: example/shop-worker:1
    depends_on: [db]
volumes:
  pgdata: {}
`;

const WEB = ["    image: example/shop-web:1", "    command: [gunicorn, shop.wsgi]", "    ports:", '      - "8000:8000"', "    depends_on:", "      - db"];
const web = (edit: (lines: string[]) => void): string => {
  const lines = [...WEB];
  edit(lines);
  return lines.join("\n");
};

describe("YAML syntax errors: one root cause, at the line to fix, with a hint", () => {
  it("a tab indenting a line", () => {
    const result = failure(stack(web((lines) => (lines[1] = "\tcommand: [gunicorn, shop.wsgi]"))));
    expect(result).toEqual({
      message: "stack.yml:11:1 invalid YAML: a tab indents this line; YAML indents with spaces only",
      hint: "replace the tab at the start of line 11 with spaces, as many as the keys beside it",
      issues: 1,
    });
  });

  it("a dedented key, out of line with its siblings", () => {
    const result = failure(stack(web((lines) => (lines[2] = "   ports:"))));
    expect(result).toEqual({
      message: 'stack.yml:12:4 invalid YAML: "ports" is indented 3 spaces, but the keys of its mapping are at 4 (like "command" on line 11)',
      hint: 'indent "ports" with 4 spaces, like "command" on line 11',
      issues: 1,
    });
  });

  it("an over-indented key is reported on its own line, not on the key above it", () => {
    const result = failure(stack(web((lines) => (lines[2] = "      ports:"))));
    expect(result).toEqual({
      message: 'stack.yml:12:7 invalid YAML: "ports" is indented more than "command" above it (line 11), which already has a value',
      hint: 'indent "ports" with 4 spaces, like "command"',
      issues: 1,
    });
  });

  it("a missing space after a colon", () => {
    const result = failure(stack(web((lines) => (lines[0] = "    image:example/shop-web:1"))));
    expect(result).toEqual({
      message: 'stack.yml:10:11 invalid YAML: no space after the colon in "image:example/shop-web:1"',
      hint: 'write "image: example/shop-web:1": YAML needs a space after the colon of a key',
      issues: 1,
    });
  });

  it("an unquoted `: ` in a value", () => {
    const result = failure(stack(web((lines) => (lines[1] = "    command: sh -c 'echo started: ok && gunicorn shop.wsgi'"))));
    expect(result).toEqual({
      message: 'stack.yml:11:33 invalid YAML: the value of "command" contains ": ", which YAML reads as the start of another key',
      hint: `quote the value: command: "sh -c 'echo started: ok && gunicorn shop.wsgi'"`,
      issues: 1,
    });
  });

  it("a key written twice", () => {
    const result = failure(stack(web((lines) => lines.push("    image: example/shop-web:2"))));
    expect(result).toEqual({
      message: 'stack.yml:16:5 invalid YAML: key "image" is written twice in the same mapping (first on line 10)',
      hint: 'keep one "image": remove or rename the other, or merge what is under both into one',
      issues: 1,
    });
  });

  it("a service written twice", () => {
    const result = failure(`${stack(web(() => undefined))}`.replace("volumes:\n  pgdata", "  db:\n    image: postgres:17\nvolumes:\n  pgdata"));
    expect(result.message).toBe('stack.yml:19:3 invalid YAML: key "db" is written twice in the same mapping (first on line 3)');
    expect(result.issues).toBe(1);
  });

  it("a list item dedented out of line with the items above it", () => {
    const result = failure(stack(web((lines) => lines.splice(4, 0, '     - "8443:8443"'))));
    expect(result.message).toBe("stack.yml:14:6 invalid YAML: this list item is indented 5 spaces, but the items above it are at 6 (line 13)");
  });

  it("a quote opened and never closed is reported where it opens", () => {
    const result = failure(stack(web((lines) => (lines[0] = '    image: "example/shop-web:1'))));
    expect(result.message).toBe('stack.yml:10:12 invalid YAML: the value of "image" opens a double quote that is never closed');
  });
});

describe("a key valid one level up or down says where it belongs", () => {
  it("depends_on dedented to the services level: indent it under the service above", () => {
    const result = failure(stack(web((lines) => lines.splice(4, 2, "  depends_on:", "    - db"))));
    expect(result.message).toBe("stack.yml:14:3 services.depends_on: `depends_on` at the services level: did you mean to indent it under `web` (line 9)?");
    expect(result.message).not.toContain("must be a mapping");
  });

  it("depends_on in its long form dedented to the services level", () => {
    const result = failure(stack(web((lines) => lines.splice(4, 2, "  depends_on:", "    db: {condition: service_healthy}"))));
    expect(result.message).toBe("stack.yml:14:3 services.depends_on: `depends_on` at the services level: did you mean to indent it under `web` (line 9)?");
  });

  it("a healthcheck key beside healthcheck instead of under it", () => {
    const result = failure(stack(web((lines) => lines.push("    healthcheck:", "      test: [CMD, curl, -f, http://localhost:8000/]", "    interval: 10s"))));
    expect(result.message).toBe("stack.yml:18:5 services.web.interval: `interval` is a `healthcheck` key: did you mean to indent it under `healthcheck` (line 16)?");
  });

  it("a service key inside healthcheck", () => {
    const result = failure(stack(web((lines) => lines.push("    healthcheck:", "      test: [CMD, curl, -f, http://localhost:8000/]", "      restart: always"))));
    expect(result.message).toBe("stack.yml:18:7 services.web.healthcheck.restart: `restart` is a service key: did you mean to dedent it to the level of `healthcheck` (line 16)?");
  });

  it("a service indented under another service", () => {
    const result = failure(stack(web((lines) => lines.push("    cache:", "      image: redis:7"))));
    expect(result.message).toBe("stack.yml:16:5 services.web.cache: `cache` looks like a service indented under `web`: did you mean to dedent it to the level of `web`?");
  });

  it("a top-level key inside a service", () => {
    const result = failure(stack(web((lines) => lines.push("    volumes_from: [db]", "    include: [other.yml]"))));
    expect(result.message).toBe("stack.yml:17:5 services.web.include: `include` is a top-level key: did you mean to dedent it to the start of the line?");
  });
});
