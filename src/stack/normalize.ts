/**
 * Written form → canonical Stack.
 *
 * The schema has already parsed every one-string syntax and typed every
 * scalar; this stage applies Compose's defaults (restart `no`, the `default`
 * network, `<project>_<key>` names, secret targets), merges settings written
 * in two places (env_file + environment, service keys + deploy), reads env
 * files, and reports conflicting fields. Issues are located at the path the
 * user wrote. Pure except for reading env files.
 */
import type { ConfigIssue } from "../base/errors.js";
import type { EnvLookup } from "./interpolate.js";
import type { Location } from "./located.js";
import type { Service, Stack } from "./model.js";
import { Report, extensionsOf, sortedEntries } from "./normalize/report.js";
import { normalizeService } from "./normalize/service.js";
import { normalizeDataContainers, normalizeFileObjects, normalizeNetworks, normalizeVolumes } from "./normalize/top-level.js";
import type { StackFile } from "./schema.js";

/** What normalisation needs besides the file itself. */
export interface NormalizeContext {
  readonly name: string;
  readonly projectId: string;
  readonly projectDir: string;
  readonly files: readonly string[];
  readonly envFiles: readonly string[];
  readonly profiles: readonly string[];
  /** The caller's environment (shell wins over .env), for `environment: [KEY]` without a value and env_file interpolation. */
  readonly lookup: EnvLookup;
  /** Locates a path of the written tree, for issues. */
  readonly locate: (path: readonly (string | number)[]) => Location | undefined;
}

/** Result union. */
export type NormalizeResult = { ok: true; stack: Stack; warnings: string[] } | { ok: false; issues: ConfigIssue[] };

/** Converts every short syntax to the canonical long form; reads env_files; checks conflicting fields. */
export function normalizeStack(stackFile: StackFile, context: NormalizeContext): NormalizeResult {
  const report = new Report(context.locate);
  const dataContainers = normalizeDataContainers(stackFile.data_containers);
  const serviceContext = { projectDir: context.projectDir, lookup: context.lookup, dataContainers: new Set(Object.keys(dataContainers)), report };

  const services: Record<string, Service> = {};
  for (const [name, spec] of sortedEntries(stackFile.services)) services[name] = normalizeService(name, spec, serviceContext);
  for (const name of Object.keys(dataContainers)) {
    if (Object.hasOwn(services, name)) report.issue(["data_containers", name], `"${name}" is both a service and a data container`);
  }

  const needsDefault = Object.values(services).some((service) => Object.hasOwn(service.networks, "default"));
  const envFiles = [...new Set([...context.envFiles, ...Object.values(services).flatMap((service) => service.envFiles)])];
  const stack: Stack = {
    name: context.name,
    projectId: context.projectId,
    projectDir: context.projectDir,
    files: context.files,
    envFiles,
    profiles: context.profiles,
    services,
    dataContainers,
    networks: normalizeNetworks(stackFile.networks, context.name, needsDefault, report),
    volumes: normalizeVolumes(stackFile.volumes, context.name, report),
    secrets: normalizeFileObjects("secrets", stackFile.secrets, context.name, report),
    configs: normalizeFileObjects("configs", stackFile.configs, context.name, report),
    extensions: extensionsOf(stackFile),
  };
  if (report.issues.length > 0) return { ok: false, issues: report.issues };
  return { ok: true, stack, warnings: report.warnings };
}
