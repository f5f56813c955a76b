/**
 * `--fail-on`'s choices, in a module of their own: the CLI wiring needs
 * them to declare the flag, and must not load the audit to do so (every
 * `tsd` run, `--help` included, builds the program).
 */

/** `--fail-on`: the least severe finding that fails the run, or `none`. */
export const FAIL_ON_LEVELS = ["low", "medium", "high", "none"] as const;
/** One of {@link FAIL_ON_LEVELS}. */
export type FailOn = (typeof FAIL_ON_LEVELS)[number];
