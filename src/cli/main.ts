#!/usr/bin/env node
/**
 * tsd's entry point and its one error boundary: user errors print their
 * message and exit 1; anything unexpected exits 2 with a request to report.
 * Only commander is loaded up front; each command imports its own code.
 */
import { CommanderError } from "commander";
import { buildProgram } from "./program.js";
import { reportError } from "./report-error.js";

async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version are "errors" to commander; their exit code is 0.
      return error.exitCode;
    }
    return reportError(error, process.stderr);
  }
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`tsd: internal error: ${String(error)}\n`);
    process.exitCode = 2;
  },
);
