/**
 * Canonical `Stack` → a Compose file in canonical long form: what
 * `tsd config` prints, and what loads back into the same stack.
 *
 * The output follows `docker compose config` (compose-go's `types`
 * marshalling): snake_case keys, every short syntax in its long form, values
 * interpolated and `$` escaped as `$$`, absolute paths, durations as Go
 * durations, byte sizes as strings of bytes, resources' engine names spelled
 * out. Empty and default values are left out, as Compose's `omitempty` does.
 * Things that only say where the stack came from (its files, env files,
 * project directory) are not part of a Compose file and are not printed.
 */
import type { Stack } from "./model.js";
import type { ComposeDocument } from "./render/compose-types.js";
import { renderExtensions } from "./render/extensions.js";
import { finishTree } from "./render/plain.js";
import { renderService } from "./render/service.js";
import { renderDataContainer, renderFileObject, renderNetwork, renderVolume } from "./render/top-level.js";

export type { ComposeDocument } from "./render/compose-types.js";

/** Renders a stack as a plain, JSON-able Compose document. */
export function renderStack(stack: Stack): ComposeDocument {
  const document: ComposeDocument = {
    name: stack.name,
    services: mapValues(stack.services, renderService),
    networks: nonEmptySection(mapValues(stack.networks, renderNetwork)),
    volumes: nonEmptySection(mapValues(stack.volumes, renderVolume)),
    secrets: nonEmptySection(mapValues(stack.secrets, renderFileObject)),
    configs: nonEmptySection(mapValues(stack.configs, renderFileObject)),
    data_containers: nonEmptySection(mapValues(stack.dataContainers, renderDataContainer)),
    ...renderExtensions(stack.extensions),
  };
  return finishTree(document);
}

/** The record with each value rendered, keys in sorted order (deterministic output). */
function mapValues<T, R>(record: Readonly<Record<string, T>>, render: (value: T) => R): Record<string, R> {
  return Object.fromEntries(
    Object.entries(record)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, value]) => [key, render(value)]),
  );
}

/** A top-level section, left out when empty. */
function nonEmptySection<R>(section: Record<string, R>): Record<string, R> | undefined {
  return Object.keys(section).length > 0 ? section : undefined;
}
