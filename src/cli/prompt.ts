/**
 * Asking the user at the terminal: a line (echoed) or a secret (never
 * echoed: raw mode, each key read by hand, nothing written back but the
 * line end). Both refuse when stdin is not a terminal, so a script is told
 * to use --password-stdin instead of hanging.
 */
import { createInterface } from "node:readline";
import { UsageError } from "../base/errors.js";

function requireTerminal(what: string, instead: string): void {
  if (process.stdin.isTTY !== true) throw new UsageError(`cannot ask for ${what}: stdin is not a terminal`, instead);
}

/** Asks a question; the answer is shown as typed. */
export function askLine(question: string, instead: string): Promise<string> {
  requireTerminal("it", instead);
  const reader = createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolve) => {
    reader.question(question, (answer) => {
      reader.close();
      resolve(answer.trim());
    });
  });
}

/** Asks for a secret; what is typed is never shown. Ctrl-C aborts. */
export function askSecret(question: string, instead: string): Promise<string> {
  requireTerminal("a password", instead);
  process.stderr.write(question);
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let secret = "";
    const done = (error?: Error): void => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
      if (error) reject(error);
      else resolve(secret);
    };
    const onData = (chunk: Buffer): void => {
      for (const character of chunk.toString("utf8")) {
        if (character === "\r" || character === "\n") return done();
        if (character === "\u0003") return done(new UsageError("login cancelled"));
        if (character === "\u007f" || character === "\b") secret = secret.slice(0, -1);
        else secret += character;
      }
    };
    stdin.on("data", onData);
  });
}

/** All of stdin, without its trailing line ends (`echo $PW | tsd login --password-stdin`). */
export async function readStdin(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) text += chunk.toString("utf8");
  return text.replace(/[\r\n]+$/, "");
}
