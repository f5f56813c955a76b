/**
 * Engine operations of the monitoring verbs: `tsd top`, `tsd stats`,
 * `tsd events`, `tsd port`, `tsd images`, `tsd inspect`.
 */

/** Reads about running containers and the engine's event stream. */
export interface MonitoringOperations {}
