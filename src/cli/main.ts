#!/usr/bin/env node
/**
 * tsd's entry point and its one error boundary: user errors print their
 * message and exit 1; anything unexpected exits 2 with a request to report.
 * Only commander is loaded up front; each command imports its own code.
 */
import { CommanderError } from "commander";
import { buildProgram } from "./program.js";
import { packageVersion } from "./wiring/options.js";

async function main(argv: readonly string[]): Promise<number> {
  // The version alone needs no program: building every command's options is most of a bare run.
  if (argv.length === 3 && (argv[2] === "--version" || argv[2] === "-v")) {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version are "errors" to commander; their exit code is 0.
      return error.exitCode;
    }
    // Loaded only on failure: the report's code (and the error classes it knows) are not part of every start.
    const { reportError } = await import("./report-error.js");
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
