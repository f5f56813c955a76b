/**
 * A private registry for the push/pull tests: scripts/registry.sh starts
 * Debian's docker-registry on a free 127.0.0.1 port with basic auth (the
 * engine trusts loopback registries over plain HTTP), and stops it again.
 * And Docker config folders holding the credentials `docker login` would
 * have written.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

const script = resolve(import.meta.dirname, "../../../scripts/registry.sh");
const run = promisify(execFile);

/** A running registry. */
export interface LocalRegistry {
  /** `127.0.0.1:<port>`, the registry part of image references. */
  readonly address: string;
  stop(): Promise<void>;
}

/** Starts a registry accepting `user` / `password` only. */
export async function startRegistry(user: string, password: string): Promise<LocalRegistry> {
  // A fresh machine installs docker-registry first.
  const { stdout } = await run("bash", [script, "start", user, password], { timeout: 10 * 60_000 });
  const fields = Object.fromEntries(stdout.trim().split("\n").map((line) => line.split("=", 2) as [string, string]));
  const { port, dir } = fields;
  if (!port || !dir) throw new Error(`scripts/registry.sh start printed no port/dir:\n${stdout}`);
  return {
    address: `127.0.0.1:${port}`,
    stop: async () => {
      await run("bash", [script, "stop", dir], { timeout: 30_000 });
    },
  };
}

/** A DOCKER_CONFIG folder; `credentials` absent: a config without any login. */
export interface DockerConfigFolder {
  readonly dir: string;
  remove(): void;
}

/** Writes `config.json` as `docker login <registry>` writes it (`auths[registry].auth` = base64 user:password). */
export function dockerConfigWith(registry: string, credentials?: { readonly user: string; readonly password: string }): DockerConfigFolder {
  const dir = mkdtempSync(join(tmpdir(), "tsd-it-images-docker-config-"));
  const auths = credentials ? { [registry]: { auth: Buffer.from(`${credentials.user}:${credentials.password}`).toString("base64") } } : {};
  writeFileSync(join(dir, "config.json"), JSON.stringify({ auths }, null, 2));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
