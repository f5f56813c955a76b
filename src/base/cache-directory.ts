/**
 * Where tsd keeps what it may forget (the stack cache, the last run's step
 * timings, the containers changed by `tsd update`): $XDG_CACHE_HOME/tsd/NAME,
 * else ~/.cache/tsd/NAME; undefined without either.
 */
import { join } from "node:path";

/** The folder of one kind of cached data. */
export function cacheDirectory(name: string, environment: NodeJS.ProcessEnv = process.env): string | undefined {
  const base = environment.XDG_CACHE_HOME || (environment.HOME ? join(environment.HOME, ".cache") : undefined);
  return base ? join(base, "tsd", name) : undefined;
}
