/**
 * The build context as the tar stream the engine's classic builder reads,
 * filtered by `.dockerignore` the way the Docker CLI filters it:
 * - the Dockerfile and `.dockerignore` are always sent (the engine needs the
 *   first and uses the second to keep both out of `COPY .`);
 * - an ignored directory is still walked when an exception (`!pattern`)
 *   could re-include something under it, or when the Dockerfile lives in it;
 * - a Dockerfile outside the context, or written inline, travels as a
 *   generated file at the context root, listed in a rewritten `.dockerignore`
 *   so `COPY .` leaves it out (what the Docker CLI does for `-f -`).
 */
import { lstatSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";
// A CommonJS module typed with `export default`: under NodeNext the factory is `.default` (which it also sets at run time).
import dockerignore from "@balena/dockerignore";
import tar from "tar-fs";
import type { BuildSpec } from "../types.js";

/** Where a generated (inline or out-of-context) Dockerfile is placed in the tar stream. */
export const GENERATED_DOCKERFILE = ".tsd.Dockerfile";

/** The packed context and the Dockerfile path the engine must read from it. */
export interface BuildContext {
  readonly tarStream: NodeJS.ReadableStream;
  /** Relative to the context root, with `/` separators. */
  readonly dockerfile: string;
}

/** The context's `.dockerignore` text; empty when the file is absent. */
async function readIgnoreFile(context: string): Promise<string> {
  try {
    return await readFile(join(context, ".dockerignore"), "utf8");
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") return "";
    throw error;
  }
}

function toSlashes(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}

/** The Dockerfile's text when it must be generated (inline, or outside the context); otherwise undefined. */
async function generatedDockerfile(spec: BuildSpec, dockerfileInContext: string): Promise<string | undefined> {
  if (spec.dockerfileInline !== undefined) return spec.dockerfileInline;
  if (dockerfileInContext.startsWith("../") || isAbsolute(dockerfileInContext)) {
    return readFile(join(spec.context, spec.dockerfile), "utf8");
  }
  return undefined;
}

/** Packs `spec.context` for a build. */
export async function packBuildContext(spec: BuildSpec): Promise<BuildContext> {
  // tar-fs reports a missing context only mid-upload; say it plainly before anything is sent.
  if (!(await stat(spec.context)).isDirectory()) throw new Error("not a directory");
  const dockerfileInContext = toSlashes(relative(spec.context, join(spec.context, spec.dockerfile)));
  const generated = await generatedDockerfile(spec, dockerfileInContext);
  const dockerfile = generated === undefined ? dockerfileInContext : GENERATED_DOCKERFILE;
  const ignoreText = await readIgnoreFile(spec.context);
  const patterns = ignoreText.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("#"));
  // Docker matches case-sensitively on Linux; the library defaults to ignoring case.
  const matcher = dockerignore.default({ ignorecase: false }).add(patterns);
  const hasExceptions = patterns.some((pattern) => pattern.startsWith("!"));

  const ignore = (absolutePath: string): boolean => {
    const path = toSlashes(relative(spec.context, absolutePath));
    // With a generated Dockerfile, both it and a rewritten .dockerignore are added by `finish`.
    if (path === GENERATED_DOCKERFILE || path === ".dockerignore") return generated !== undefined;
    if (path === dockerfile) return false;
    if (!matcher.ignores(path)) return false;
    const mayHoldKeptFiles = hasExceptions || dockerfile.startsWith(`${path}/`);
    return !(mayHoldKeptFiles && lstatSync(absolutePath).isDirectory());
  };

  const tarStream = tar.pack(spec.context, {
    ignore,
    finalize: generated === undefined,
    finish: (pack) => {
      if (generated === undefined) return;
      pack.entry({ name: GENERATED_DOCKERFILE, mode: 0o644 }, generated);
      // As the Docker CLI does for `-f -`: the engine drops the listed files from `COPY .`, so the generated one never lands in the image.
      pack.entry({ name: ".dockerignore", mode: 0o644 }, `${ignoreText}\n.dockerignore\n${GENERATED_DOCKERFILE}\n`);
      pack.finalize();
    },
  });
  // tar-stream's Pack is a streamx Readable: it pipes like a Node stream (all docker-modem does with it) but is typed apart.
  return { tarStream: tarStream as unknown as NodeJS.ReadableStream, dockerfile };
}
