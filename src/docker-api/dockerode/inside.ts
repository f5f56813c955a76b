/**
 * Processes inside containers on the Docker Engine: `exec` (create, start
 * hijacked, inspect for the exit code) and attaching to a container before
 * starting it (`tsd run`).
 *
 * A hijacked connection is the raw socket: without a TTY the engine
 * multiplexes stdout and stderr on it (8-byte frame headers, split by
 * docker-modem's demuxStream); with a TTY it is one raw stream. Our stdin's
 * end half-closes the socket, which the engine turns into EOF on the
 * process's stdin, while its output keeps flowing until the process ends.
 */
import type { Duplex } from "node:stream";
import { finished } from "node:stream/promises";
import { setTimeout as delay } from "node:timers/promises";
import type Docker from "dockerode";
import type { AttachedStreams, ExecSpec, TerminalSize } from "../operations/inside.js";
import type { EngineClient } from "./client.js";

/** How long to wait for the engine to record an exec's exit after its output ended. */
const EXIT_CODE_WAIT_MS = 5_000;
const EXIT_CODE_POLL_MS = 25;

function execBody(spec: ExecSpec, attach: boolean): Docker.ExecCreateOptions {
  return {
    Cmd: [...spec.cmd],
    Env: [...spec.env],
    ...(spec.user !== undefined ? { User: spec.user } : {}),
    ...(spec.workingDir !== undefined ? { WorkingDir: spec.workingDir } : {}),
    Privileged: spec.privileged,
    Tty: spec.tty,
    AttachStdin: attach && spec.stdin,
    AttachStdout: attach,
    AttachStderr: attach,
  };
}

function describeCommand(spec: ExecSpec, containerId: string): string {
  return `run "${spec.cmd.join(" ")}" in container "${containerId}"`;
}

/** Runs `spec` in the container, attached; returns the command's exit code. */
export async function execAttached(client: EngineClient, containerId: string, spec: ExecSpec, streams: AttachedStreams): Promise<number> {
  const action = describeCommand(spec, containerId);
  const { docker } = await client.connected();
  const exec = await client.run(action, () => docker.getContainer(containerId).exec(execBody(spec, true)));
  const socket = (await client.run(action, () => exec.start({ hijack: true, stdin: spec.stdin, Tty: spec.tty }))) as Duplex;
  await client.run(action, () =>
    pumpAttached(docker, socket, spec.tty, spec.stdin ? streams : { ...streams, stdin: undefined }, (size) => exec.resize({ h: size.rows, w: size.columns })),
  );
  // The output ends as the process exits; the engine may record the exit a moment later.
  const deadline = Date.now() + EXIT_CODE_WAIT_MS;
  for (;;) {
    const info = await client.run(action, () => exec.inspect());
    if (!info.Running && info.ExitCode !== null) return info.ExitCode;
    if (Date.now() > deadline) return info.ExitCode ?? 0;
    await delay(EXIT_CODE_POLL_MS);
  }
}

/** Starts `spec` in the container and returns without waiting for it. */
export async function execDetached(client: EngineClient, containerId: string, spec: ExecSpec): Promise<void> {
  const action = describeCommand(spec, containerId);
  const { docker } = await client.connected();
  const exec = await client.run(action, () => docker.getContainer(containerId).exec(execBody(spec, false)));
  const response = (await client.run(action, () => exec.start({ Detach: true, Tty: spec.tty }))) as NodeJS.ReadableStream;
  // The (empty) answer must be read to its end, or its connection stays busy and keeps tsd running.
  await client.run(action, () => finished(response.resume()));
}

/** Attaches to a created container, starts it, pumps its streams until it stops; returns its exit code. */
export async function startAttached(client: EngineClient, containerId: string, streams: AttachedStreams): Promise<number> {
  const action = `run container "${containerId}"`;
  const { docker } = await client.connected();
  const container = docker.getContainer(containerId);
  const tty = streams.terminal !== undefined;
  const stdin = streams.stdin !== undefined;
  const socket = (await client.run(action, () =>
    container.attach({ stream: true, stdin, stdout: true, stderr: true, hijack: true }),
  )) as unknown as Duplex;
  try {
    // Registered before the start, so even an instant exit is seen.
    const exited = client.run(action, () => container.wait({ condition: "next-exit" }) as Promise<{ StatusCode: number }>);
    exited.catch(() => undefined);
    await client.run(action, () => container.start());
    await client.run(action, () => pumpAttached(docker, socket, tty, streams, (size) => container.resize({ h: size.rows, w: size.columns })));
    return (await exited).StatusCode;
  } finally {
    socket.destroy();
  }
}

/**
 * Pumps one hijacked connection until the engine ends it: output to
 * `streams.stdout`/`stderr`, `streams.stdin` in, TTY size kept in step with
 * the user's terminal. Resolves when the output ends.
 */
export function pumpAttached(docker: Docker, socket: Duplex, tty: boolean, streams: AttachedStreams, resize: (size: TerminalSize) => Promise<unknown>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const terminal = tty ? streams.terminal : undefined;
    // A process that already exited refuses a resize; the output's end says the rest.
    const follow = (): void => void (terminal ? resize(terminal.size()).catch(() => undefined) : undefined);
    const unsubscribe = terminal?.onResize(follow);
    follow();
    let settled = false;
    const finish = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      unsubscribe?.();
      streams.stdin?.unpipe(socket);
      if (error === undefined) resolve();
      else reject(error);
    };
    if (tty) socket.on("data", (chunk: Buffer) => streams.stdout.write(chunk));
    else docker.modem.demuxStream(socket, streams.stdout, streams.stderr);
    socket.on("end", () => finish());
    socket.on("close", () => finish());
    socket.on("error", (error) => finish(error));
    // pipe() ends the socket when stdin ends: a half-close, so `cat` sees EOF and its output still arrives.
    streams.stdin?.pipe(socket);
  });
}
