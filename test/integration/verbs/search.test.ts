/**
 * `tsd search` goes through the engine's search endpoint, which asks the
 * registry the term names: here a stand-in for a registry's search API
 * (`/v1/_ping`, `/v1/search?q=&n=`) on 127.0.0.1, which the engine trusts
 * over plain HTTP. With no registry listening, it fails in one line.
 */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docker } from "../support/docker.js";
import { freeLoopbackPort } from "../up/free-port.js";
import { runTsd } from "../support/tsd-cli.js";

const RESULTS = [
  { name: "tsd/web", description: "a web server built for the search test", star_count: 7, is_official: false, is_automated: true },
  { name: "tsd/db", description: "a database", star_count: 2, is_official: true, is_automated: false },
  { name: "tsd/cache", description: "a cache", star_count: 0, is_official: false, is_automated: false },
];

let server: Server;
let address: string;
const queries: string[] = [];

beforeAll(async () => {
  const port = await freeLoopbackPort();
  server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://stand-in");
    response.setHeader("Content-Type", "application/json");
    if (url.pathname === "/v1/_ping") {
      response.end('{"standalone":true}');
      return;
    }
    if (url.pathname === "/v1/search") {
      queries.push(url.search);
      const term = url.searchParams.get("q") ?? "";
      const hits = RESULTS.filter((result) => result.name.includes(term)).slice(0, Number(url.searchParams.get("n") ?? 25));
      response.end(JSON.stringify({ num_results: hits.length, query: term, results: hits }));
      return;
    }
    response.statusCode = 404;
    response.end("{}");
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  address = `127.0.0.1:${port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

const search = (args: readonly string[]) => runTsd(["search", ...args], { cwd: process.cwd() });

describe("tsd search", () => {
  it("must return the registry's results, as a table like docker search and as JSON", async () => {
    const table = await search([`${address}/tsd`]);
    expect(table.status, table.stderr).toBe(0);
    const lines = table.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^NAME\s+DESCRIPTION\s+STARS\s+OFFICIAL\s+AUTOMATED$/);
    expect(lines.slice(1).map((line) => line.split(/\s{2,}/)[0])).toEqual(["tsd/web", "tsd/db", "tsd/cache"]);
    const names = (await docker(["search", "--format", "{{.Name}}", `${address}/tsd`])).trim().split("\n");
    expect(names).toEqual(["tsd/web", "tsd/db", "tsd/cache"]);

    const json = await search([`${address}/tsd`, "--format", "json"]);
    expect(JSON.parse(json.stdout)).toContainEqual({ name: "tsd/db", description: "a database", stars: 2, official: true, automated: false });
  });

  it("must pass --limit to the registry and apply --filter", async () => {
    const limited = await search([`${address}/tsd`, "--limit", "1", "--format", "json"]);
    expect(limited.status, limited.stderr).toBe(0);
    expect((JSON.parse(limited.stdout) as { name: string }[]).map((hit) => hit.name)).toEqual(["tsd/web"]);
    expect(queries).toContain("?q=tsd&n=1");
    const starred = await search([`${address}/tsd`, "--filter", "stars=2", "--format", "json"]);
    expect((JSON.parse(starred.stdout) as { name: string }[]).map((hit) => hit.name)).toEqual(["tsd/web", "tsd/db"]);
    const official = await search([`${address}/tsd`, "--filter", "is-official=true", "--format", "json"]);
    expect((JSON.parse(official.stdout) as { name: string }[]).map((hit) => hit.name)).toEqual(["tsd/db"]);
  });

  it("must refuse an unknown filter before asking anyone", async () => {
    const result = await search([`${address}/tsd`, "--filter", "colour=blue"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("tsd: --filter colour=blue: expected stars=N, is-official=true|false or is-automated=true|false\n");
  });

  it("with no reachable registry must fail in one line", async () => {
    const closed = await freeLoopbackPort();
    const result = await search([`127.0.0.1:${closed}/tsd`]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^tsd: search "127\.0\.0\.1:\d+\/tsd": [^\n]*connection refused[^\n]*\n$/);
  });
});
