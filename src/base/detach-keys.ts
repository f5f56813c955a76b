/**
 * Docker's detach keys (`ctrl-p,ctrl-q` by default): a key sequence on the
 * attached client's stdin that ends the attachment and leaves the process
 * running. The engine only looks for it on a TTY; tsd looks for it itself,
 * so `tsd attach` detaches the same way whether or not the container has a
 * TTY. A prefix of the sequence is held back until the next byte tells
 * whether the sequence goes on, as the docker CLI does.
 */
import { Transform, type TransformCallback } from "node:stream";
import { UsageError } from "./errors.js";

/** Docker's default. */
export const DEFAULT_DETACH_KEYS = "ctrl-p,ctrl-q";

/** `ctrl-@` … `ctrl-_` beyond the letters, as Docker's term.ToBytes maps them. */
const CONTROL_SYMBOLS: Readonly<Record<string, number>> = { "@": 0, "[": 27, "\\": 28, "]": 29, "^": 30, _: 31 };

/** `ctrl-p,ctrl-q` → the bytes 0x10 0x11; a single character stands for itself. */
export function parseDetachKeys(spec: string): Uint8Array {
  const bytes = spec.split(",").map((key) => {
    const part = key.trim().toLowerCase();
    if (part.length === 1) return part.charCodeAt(0);
    const control = /^ctrl-(.)$/.exec(part)?.[1];
    if (control !== undefined) {
      if (control >= "a" && control <= "z") return control.charCodeAt(0) - 96;
      const symbol = CONTROL_SYMBOLS[control];
      if (symbol !== undefined) return symbol;
    }
    throw new UsageError(`--detach-keys ${spec}: "${key}" is not a key (a single character, or ctrl-<a-z, @, [, \\, ], ^ or _>)`);
  });
  if (bytes.length === 0) throw new UsageError("--detach-keys needs at least one key");
  return Uint8Array.from(bytes);
}

/**
 * Passes stdin through until the detach sequence arrives; then calls
 * `onDetach` once and forwards nothing more (the sequence itself never
 * reaches the process).
 */
export class DetachKeyFilter extends Transform {
  private matched = 0;
  private detached = false;

  constructor(
    private readonly keys: Uint8Array,
    private readonly onDetach: () => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.detached) {
      callback();
      return;
    }
    const input = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    const output: number[] = [];
    for (const byte of input) {
      if (this.step(byte, output)) {
        this.detached = true;
        if (output.length > 0) this.push(Buffer.from(output));
        this.onDetach();
        callback();
        return;
      }
    }
    callback(null, output.length > 0 ? Buffer.from(output) : undefined);
  }

  override _flush(callback: TransformCallback): void {
    // Our stdin ended inside a prefix: those keys were typed, so they go through.
    callback(null, this.matched > 0 && !this.detached ? Buffer.from(this.keys.subarray(0, this.matched)) : undefined);
  }

  /** One byte; true when it completes the sequence. */
  private step(byte: number, output: number[]): boolean {
    if (byte === this.keys[this.matched]) {
      this.matched += 1;
      return this.matched === this.keys.length;
    }
    if (this.matched > 0) {
      output.push(...this.keys.subarray(0, this.matched));
      this.matched = 0;
      return this.step(byte, output);
    }
    output.push(byte);
    return false;
  }
}
