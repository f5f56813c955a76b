/**
 * Secrets in environment variables. Environment values are in plain text in
 * the stack, in `docker inspect`, in every process's environment and in
 * whatever the process dumps on a crash; secrets mounted as files are not.
 * Messages and fixes name the variable, never its value.
 */
import type { Location } from "../../stack/located.js";
import type { Observation, ServiceRule, ServiceSubject } from "../finding.js";
import type { Locator } from "../locator.js";

/** Words that make a variable a secret on their own. */
const SECRET_WORDS = new Set(["PASSWORD", "PASSWORDS", "PASSWD", "SECRET", "SECRETS", "TOKEN", "TOKENS", "APIKEY", "CREDENTIAL", "CREDENTIALS"]);
/** Words that make it a secret after the first: API_KEY, PRIVATE_KEY, ACCESS_KEY. */
const KEY_QUALIFIERS = new Set(["API", "PRIVATE", "ACCESS"]);
/** A last word saying the value is where the secret is, not the secret: POSTGRES_PASSWORD_FILE. */
const LOCATION_WORDS = new Set(["FILE", "PATH", "DIR"]);

/** `POSTGRES_PASSWORD` → POSTGRES, PASSWORD; `apiKey` → API, KEY. */
function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toUpperCase());
}

/** True for a variable whose name says it holds a secret. */
export function isSecretName(key: string): boolean {
  const parts = words(key);
  if (parts.length === 0 || LOCATION_WORDS.has(parts.at(-1) as string)) return false;
  return parts.some((word, index) => SECRET_WORDS.has(word) || (word === "KEY" && index > 0 && KEY_QUALIFIERS.has(parts[index - 1] as string)));
}

/** `scheme://user:password@host` (the user may be empty, as in `redis://:password@host`). */
const URL_WITH_PASSWORD = /[a-z][a-z0-9+.-]*:\/\/[^\s/@:]*:[^\s/@]+@/i;

/** Values that are switches, not secrets: `MYSQL_ALLOW_EMPTY_PASSWORD: "yes"`. */
const FLAG_VALUES = new Set(["yes", "no", "true", "false", "on", "off", "0", "1"]);

/** Why `key=value` puts a secret in the environment, if it does. */
function secretKind(key: string, value: string | null): "named" | "url" | undefined {
  if (value === null || value === "") return undefined;
  if (URL_WITH_PASSWORD.test(value)) return "url";
  if (!isSecretName(key) || FLAG_VALUES.has(value.toLowerCase()) || value.startsWith("/run/secrets/")) return undefined;
  return "named";
}

/**
 * The variable's entry; for a variable that came from an env_file, that
 * line; else the best known place. A list-form `environment` cannot be
 * searched by key, so it is pointed at as a whole.
 */
function variableLocation(locator: Locator, path: ServiceSubject["path"], key: string, fromFiles: boolean): Location | undefined {
  const own = locator.exact([...path, "environment", key]);
  if (own) return own;
  const listForm = locator.writtenLength([...path, "environment"]) > 0;
  if (fromFiles && !listForm) return locator.firstWritten([[...path, "env_file"]], path);
  return locator.best([...path, "environment"]);
}

function secretName(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9_]+/g, "_");
}

const secretInEnvironment: ServiceRule = {
  id: "secret-in-environment", severity: "high", scope: "service", summary: "an environment variable holding a password, token or key, or a URL with a password",
  check: ({ service, path }, { locator }) =>
    Object.keys(service.environment)
      .sort()
      .flatMap((key): Observation[] => {
        const kind = secretKind(key, service.environment[key] ?? null);
        if (kind === undefined) return [];
        const name = secretName(key);
        const location = variableLocation(locator, path, key, service.envFiles.length > 0);
        const declare = `top-level \`secrets: {${name}: {file: ./secrets/${name}}}\`, on the service \`secrets: [${name}]\``;
        const [what, fix] =
          kind === "named"
            ? ["a secret", `${declare}, and \`${key}_FILE: /run/secrets/${name}\` if the image reads *_FILE variables (else the app reads /run/secrets/${name})`]
            : ["a URL with a password", `${declare}, and have the app read the password from /run/secrets/${name} and build the URL without it in the environment`];
        return [{ location, message: `environment variable ${key} holds ${what} in plain text (visible to docker inspect and every process in the container)`, fix }];
      }),
};

/** The rules of this family. */
export const SECRET_RULES: readonly ServiceRule[] = [secretInEnvironment];
