/**
 * Where an attached process's input comes from and its output goes: Node's
 * own stream types and the user's terminal, never an adapter's objects. The
 * CLI builds them from its own stdin and stdout; the engine adapter pumps
 * between them and the process until it ends.
 */

/** Rows and columns of a terminal. */
export interface TerminalSize {
  readonly rows: number;
  readonly columns: number;
}

/** The user's terminal, when a process gets a TTY: its size now and whenever it changes. */
export interface ProcessTerminal {
  size(): TerminalSize;
  /** Calls `listener` after each resize; returns the unsubscribe function. */
  onResize(listener: () => void): () => void;
}

/** Where an attached process's input comes from and its output goes. */
export interface AttachedStreams {
  /** Piped to the process's stdin, whose end closes it; absent: the process gets no stdin. */
  readonly stdin?: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  /** Unused with a TTY: a terminal has one output, all of it on `stdout`. */
  readonly stderr: NodeJS.WritableStream;
  /** Present: the process has a TTY sized like this terminal. */
  readonly terminal?: ProcessTerminal;
}
