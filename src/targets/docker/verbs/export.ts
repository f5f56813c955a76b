/**
 * `tsd export`: a service container's filesystem as a tar archive.
 */
import { createWriteStream, rmSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import type { Engine } from "../../../docker-api/engine.js";
import type { Project } from "../../../project/project.js";
import { oneServiceContainer } from "./containers.js";

/** Streams the archive into `output` (a file path, or a stream such as stdout). A failed write to a file leaves no partial file. */
export async function exportService(engine: Engine, project: Project, service: string, index: number, output: string | NodeJS.WritableStream): Promise<void> {
  const container = await oneServiceContainer(engine, project, service, index);
  const archive = await engine.exportContainer(container.id);
  if (typeof output !== "string") {
    await pipeline(archive, output, { end: false });
    return;
  }
  try {
    await pipeline(archive, createWriteStream(output));
  } catch (error) {
    rmSync(output, { force: true });
    throw error;
  }
}
