/**
 * `x-` extensions, carried through verbatim.
 */
import type { ComposeExtensions } from "./compose-types.js";

/** The `x-` entries of a model's extension record, typed as Compose extensions. */
export function renderExtensions(extensions: Readonly<Record<string, unknown>>): ComposeExtensions {
  const entries = Object.entries(extensions).filter((entry): entry is [`x-${string}`, unknown] => entry[0].startsWith("x-"));
  return Object.fromEntries(entries);
}
