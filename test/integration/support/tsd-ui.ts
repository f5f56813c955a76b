/**
 * A running `tsd ui` for a fixture: started as a user would, its URL read
 * from the line it prints last before serving, stopped with Ctrl-C.
 */
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import type { Fixture } from "./fixture.js";
import type { TsdResult } from "./tsd-cli.js";

const main = resolve(import.meta.dirname, "../../../dist/cli/main.js");

/** A dashboard being served. */
export interface RunningUi {
  /** What `tsd ui` printed: `http://127.0.0.1:PORT/?token=…`. */
  readonly url: string;
  /** `http://127.0.0.1:PORT`. */
  readonly base: string;
  readonly port: number;
  readonly token: string;
  /** The Cookie header a browser holds after opening the URL. */
  readonly cookie: string;
  stderr(): string;
  /** Ctrl-C, and how it ended. */
  stop(): Promise<TsdResult>;
}

/** Starts `tsd ui --no-open ...args` in the fixture's copy; resolves once it serves. */
export function startUi(fixture: Fixture, args: readonly string[] = []): Promise<RunningUi> {
  const child = spawn(process.execPath, [main, "ui", "--no-open", ...args], {
    cwd: fixture.dir,
    env: { ...dockerVariables(), PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", ...fixture.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const ended = new Promise<TsdResult>((resolveEnd) => child.on("close", (status, signal) => resolveEnd({ status, signal, stdout, stderr })));
  const safety = setTimeout(() => child.kill("SIGKILL"), 300_000).unref();
  const stop = async () => {
    child.kill("SIGINT");
    const result = await ended;
    clearTimeout(safety);
    return result;
  };
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`tsd ui printed no URL within 60 s\n--- stdout\n${stdout}\n--- stderr\n${stderr}`)), 60_000);
    void ended.then((result) => reject(new Error(`tsd ui ended (${result.status ?? result.signal}) before serving\n--- stdout\n${stdout}\n--- stderr\n${stderr}`)));
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      const match = /^tsd ui: (http:\/\/([^/]+)\/\?token=([0-9a-f]+))$/m.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      const [, url = "", authority = "", token = ""] = match;
      const port = Number(authority.split(":").at(-1));
      resolveStart({ url, base: `http://${authority}`, port, token, cookie: `tsd_ui_${port}=${token}`, stderr: () => stderr, stop });
    });
  });
}

function dockerVariables(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[0].startsWith("DOCKER_") && entry[1] !== undefined));
}
