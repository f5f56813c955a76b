/**
 * tsd's own stdin, stdout and stderr as an attached process's streams: raw
 * mode on a TTY while attached (so Ctrl-C, arrows and the like reach the
 * process), the TTY's size followed on SIGWINCH, and everything put back
 * afterwards so the shell gets its terminal and tsd can exit.
 */
import type { AttachedStreams, ProcessTerminal } from "../base/streams.js";
import type { InterruptSource } from "../app/run.js";

/** Streams to hand to the engine, and how to give the terminal back. */
export interface ProcessAttachment {
  readonly streams: AttachedStreams;
  /** Leaves raw mode and stops reading stdin. Safe to call twice. */
  restore(): void;
}

/** A TTY for the process: stdin and stdout are terminals and `-T` was not given. */
export function wantsTty(noTty: boolean): boolean {
  return !noTty && process.stdin.isTTY === true && process.stdout.isTTY === true;
}

const stdoutTerminal: ProcessTerminal = {
  size: () => ({ rows: process.stdout.rows ?? 24, columns: process.stdout.columns ?? 80 }),
  onResize: (listener) => {
    // Node emits `resize` on a TTY stdout when the process gets SIGWINCH.
    process.stdout.on("resize", listener);
    return () => process.stdout.off("resize", listener);
  },
};

/** Attaches tsd's streams; `stdin`: whether the process reads ours (Compose attaches it unless detached). */
export function attachProcessStreams(options: { readonly tty: boolean; readonly stdin: boolean }): ProcessAttachment {
  const raw = options.tty && options.stdin && process.stdin.isTTY === true;
  if (raw) process.stdin.setRawMode(true);
  let restored = false;
  return {
    streams: {
      ...(options.stdin ? { stdin: process.stdin } : {}),
      stdout: process.stdout,
      stderr: process.stderr,
      ...(options.tty ? { terminal: stdoutTerminal } : {}),
    },
    restore: () => {
      if (restored) return;
      restored = true;
      if (raw) process.stdin.setRawMode(false);
      // A stdin still open (a terminal, a pipe nobody closed) would keep tsd running after the process ended.
      if (options.stdin) process.stdin.destroy();
    },
  };
}

/** SIGINT and SIGTERM sent to tsd, for forwarding to a one-off container's process. */
export const processInterrupts: InterruptSource = {
  subscribe: (listener) => {
    const onSignal = (signal: NodeJS.Signals): void => listener(signal);
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    return () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    };
  },
};
