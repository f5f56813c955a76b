/** `tsd images`: the image of each of the project's containers, like `docker compose images`. */
import { containerVerbs } from "../../app/containers.js";
import { openSession } from "../session.js";
import type { StackOptions } from "../stack-options.js";
import { formatTable } from "../render/table.js";
import { decimalSize } from "../render/byte-size.js";

/** Flags of `tsd images`. */
export interface ImagesFlags extends StackOptions {
  readonly quiet?: boolean;
  readonly format: "table" | "json";
}

/** Runs `tsd images`. */
export async function runImages(services: readonly string[], flags: ImagesFlags): Promise<void> {
  const session = await openSession(flags, services);
  const images = await (await containerVerbs(session, "images")).images(session.project, services);
  if (flags.quiet) {
    const ids = [...new Set(images.map((image) => image.imageId))];
    if (ids.length > 0) process.stdout.write(`${ids.join("\n")}\n`);
    return;
  }
  if (flags.format === "json") {
    process.stdout.write(`${JSON.stringify(images, null, 2)}\n`);
    return;
  }
  const rows = images.map((image) => [
    image.container,
    image.repository,
    image.tag,
    image.imageId.replace(/^sha256:/, "").slice(0, 12),
    image.sizeBytes === undefined ? "(removed)" : decimalSize(image.sizeBytes),
  ]);
  process.stdout.write(formatTable(["CONTAINER", "REPOSITORY", "TAG", "IMAGE ID", "SIZE"], rows));
}
