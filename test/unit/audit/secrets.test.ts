import { describe, expect, it } from "vitest";
import { isSecretName } from "../../../src/audit/rules/secrets.js";
import { renderJson, renderText } from "../../../src/audit/report.js";
import { audit, hardened } from "./audit-stack.js";

describe("isSecretName", () => {
  it.each(["POSTGRES_PASSWORD", "MYSQL_ROOT_PASSWORD", "DB_PASSWD", "JWT_SECRET", "SECRET_KEY_BASE", "GITHUB_TOKEN", "STRIPE_API_KEY", "OPENAI_APIKEY", "apiKey", "SSH_PRIVATE_KEY", "AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "GOOGLE_APPLICATION_CREDENTIALS_JSON", "dbPassword"])(
    "%s names a secret",
    (key) => expect(isSecretName(key)).toBe(true),
  );

  it.each(["POSTGRES_PASSWORD_FILE", "SECRETS_DIR", "TOKEN_PATH", "POSTGRES_USER", "KEYCLOAK_URL", "PASSTHROUGH", "MONKEY", "HOTKEY", "TOKENIZER_MODEL", "KEY"])("%s does not", (key) => {
    expect(isSecretName(key)).toBe(false);
  });
});

const PASSWORD = "hunter2-s3cr3t";

describe("secret-in-environment", () => {
  it("reports secret-named variables and URLs with a password at their keys, high", () => {
    const result = audit(
      hardened(
        "environment:",
        `  POSTGRES_PASSWORD: ${PASSWORD}`,
        "  POSTGRES_PASSWORD_FILE: /run/secrets/db",
        `  DATABASE_URL: postgres://app:${PASSWORD}@db:5432/app`,
        `  CACHE_URL: redis://:${PASSWORD}@cache:6379`,
        "  PUBLIC_URL: https://example.com/path",
        "  POSTGRES_USER: app",
        '  EMPTY_TOKEN: ""',
        '  MYSQL_ALLOW_EMPTY_PASSWORD: "yes"',
      ),
    );
    expect(result.where("secret-in-environment")).toEqual([`web ${result.at(11, 7)}`, `web ${result.at(13, 7)}`, `web ${result.at(14, 7)}`]);
    expect(result.findings.map((finding) => finding.severity)).toEqual(["high", "high", "high"]);
    const message = result.findings.find((finding) => finding.message.includes("POSTGRES_PASSWORD"));
    expect(message?.fix).toContain("`POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password`");
    expect(message?.fix).toContain("`secrets: {postgres_password: {file: ./secrets/postgres_password}}`");
  });

  it("never prints the value, in text or JSON", () => {
    const result = audit(hardened("environment:", `  API_TOKEN: ${PASSWORD}`, `  DATABASE_URL: postgres://app:${PASSWORD}@db/app`));
    expect(result.findings).toHaveLength(2);
    const outputs = [renderText(result, { colour: false }), renderText(result, { colour: true }), renderJson(result)];
    for (const output of outputs) {
      expect(output).toContain("API_TOKEN");
      expect(output).not.toContain(PASSWORD);
      expect(output).not.toContain("hunter2");
    }
  });

  it("a list-form environment is pointed at as a whole; a variable from an env_file at env_file", () => {
    const listed = audit(hardened("environment:", `  - API_TOKEN=${PASSWORD}`));
    expect(listed.where("secret-in-environment")).toEqual([`web ${listed.at(10, 5)}`]);
    const fromFile = audit(hardened("env_file: app.env"), { files: { "app.env": `API_TOKEN=${PASSWORD}\n` } });
    expect(fromFile.where("secret-in-environment")).toEqual([`web ${fromFile.at(10, 5)}`]);
  });

  it("variables holding paths, switches and ordinary values are fine", () => {
    const result = audit(hardened("environment:", "  POSTGRES_PASSWORD_FILE: /run/secrets/db", "  APP_SECRET: /run/secrets/app", "  LOG_LEVEL: debug", "  REDIS_URL: redis://cache:6379"));
    expect(result.findings).toEqual([]);
  });
});
