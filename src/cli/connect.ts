/**
 * The CLI's engine: the Docker adapter, loaded only when a command needs an
 * engine (after its stack loaded), so `tsd config` never imports dockerode.
 */
import type { Engine } from "../docker-api/engine.js";

/** Imports the Docker adapter and returns a connect function for the orchestrator. */
export async function dockerConnector(onWarning: (message: string) => void): Promise<() => Engine> {
  const { connectDockerEngine } = await import("../docker-api/dockerode/connect.js");
  return () => connectDockerEngine(process.env, { onWarning });
}
