/**
 * Engine operations of the image verbs beyond the reconciler's inspect, pull,
 * build and remove: `tsd images`, `tsd push`, tagging.
 */

/** Image calls. */
export interface ImageOperations {}
