/**
 * Engine operations that reach inside containers: `tsd exec`, `tsd cp`,
 * `tsd export`, `tsd commit`.
 */

/** Processes and files inside containers. */
export interface InsideOperations {}
