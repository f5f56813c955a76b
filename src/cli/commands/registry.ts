/**
 * `tsd search`, `tsd login`, `tsd logout`: the registry, through the engine,
 * with the credentials `docker login` uses. No stack is read.
 */
import { UsageError } from "../../base/errors.js";
import { engineObjects, type SearchResult } from "../../app/objects.js";
import { askLine, askSecret, readStdin } from "../prompt.js";
import { formatTable } from "../render/table.js";
import { commandBus } from "../session.js";

function engineRequest() {
  return { target: "docker" as const, environment: process.env, emit: commandBus({}).publish };
}

/** Flags of `tsd search`. */
export interface SearchFlags {
  readonly limit?: string;
  readonly filter: string[];
  /** commander's `--no-trunc`: false when given. */
  readonly trunc: boolean;
  readonly format: "table" | "json";
}

/** `--filter key=value` entries, grouped by key. */
export function parseSearchFilters(entries: readonly string[]): Record<string, string[]> {
  const filters: Record<string, string[]> = {};
  for (const entry of entries) {
    const equals = entry.indexOf("=");
    const key = entry.slice(0, equals);
    if (equals <= 0 || !["stars", "is-official", "is-automated"].includes(key)) {
      throw new UsageError(`--filter ${entry}: expected stars=N, is-official=true|false or is-automated=true|false`);
    }
    filters[key] = [...(filters[key] ?? []), entry.slice(equals + 1)];
  }
  return filters;
}

function searchRow(hit: SearchResult, truncate: boolean): string[] {
  const description = truncate && hit.description.length > 45 ? `${hit.description.slice(0, 44)}…` : hit.description;
  return [hit.name, description, String(hit.stars), hit.official ? "[OK]" : "", hit.automated ? "[OK]" : ""];
}

/** Runs `tsd search TERM`. */
export async function runSearch(term: string, flags: SearchFlags): Promise<void> {
  const limit = flags.limit === undefined ? undefined : Number(flags.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 100)) throw new UsageError(`--limit ${flags.limit}: expected a number from 1 to 100`);
  const filters = parseSearchFilters(flags.filter);
  const hits = await (await engineObjects(engineRequest(), "search")).search(term, { filters, ...(limit !== undefined ? { limit } : {}) });
  if (flags.format === "json") {
    process.stdout.write(`${JSON.stringify(hits, null, 2)}\n`);
    return;
  }
  process.stdout.write(formatTable(["NAME", "DESCRIPTION", "STARS", "OFFICIAL", "AUTOMATED"], hits.map((hit) => searchRow(hit, flags.trunc))));
}

/** Runs `tsd login [REGISTRY]`: the password from stdin or typed unseen, never from the command line. */
export async function runLogin(registry: string | undefined, flags: { readonly username?: string; readonly passwordStdin?: boolean }): Promise<void> {
  const instead = "give -u USER and pipe the password: echo \"$PASSWORD\" | tsd login -u USER --password-stdin";
  if (flags.passwordStdin && flags.username === undefined) throw new UsageError("--password-stdin needs the user name too (-u USER)");
  const username = flags.username ?? (await askLine("Username: ", instead));
  const password = flags.passwordStdin ? await readStdin() : await askSecret("Password: ", instead);
  const outcome = await (await engineObjects(engineRequest(), "login")).login({ ...(registry !== undefined ? { registry } : {}), username, password });
  const where = outcome.helper ? `in ${outcome.helper}` : `in ${outcome.configFile}`;
  process.stderr.write(`Credentials for ${outcome.serverAddress} stored ${where}\n`);
  process.stdout.write(`${outcome.status}\n`);
}

/** Runs `tsd logout [REGISTRY]`. */
export async function runLogout(registry: string | undefined): Promise<void> {
  const outcome = await (await engineObjects(engineRequest(), "logout")).logout(registry);
  if (!outcome.removed) process.stdout.write(`Not logged in to ${outcome.serverAddress}\n`);
  else process.stdout.write(`Removing login credentials for ${outcome.serverAddress}\n`);
}
