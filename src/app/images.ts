/**
 * `tsd build`, `tsd pull`, `tsd push`: the stack's images, with the
 * credentials of `docker login` (~/.docker/config.json and its helpers).
 * What they do is told as image events.
 */
import type { StackContext } from "./context.js";
import { containerVerbs } from "./containers.js";

/** `tsd build`. */
export async function buildImages(context: StackContext, options: { readonly services: readonly string[]; readonly noCache: boolean; readonly pull: boolean; readonly buildArgs: Readonly<Record<string, string>> }): Promise<void> {
  const verbs = await containerVerbs(context, "build");
  await verbs.build(context.project, options);
}

/** `tsd pull`. */
export async function pullImages(context: StackContext, options: { readonly services: readonly string[]; readonly includeDeps: boolean; readonly ignorePullFailures: boolean }): Promise<void> {
  const verbs = await containerVerbs(context, "pull");
  await verbs.pull(context.project, options);
}

/** `tsd push`. */
export async function pushImages(context: StackContext, options: { readonly services: readonly string[]; readonly ignorePushFailures: boolean }): Promise<void> {
  const verbs = await containerVerbs(context, "push");
  await verbs.push(context.project, options);
}
