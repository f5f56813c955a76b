// The app: answers through the proxy with a greeting, the database's answer
// to a query and a Redis counter. Edit GREETING and save: `tsd up --watch`
// syncs this folder into the container and restarts it.
import { readFileSync } from "node:fs";
import http from "node:http";
import { query } from "./postgres.js";
import { redisCommand } from "./redis.js";

const GREETING = "hello from tsd";
const { DATABASE_URL = "postgres://app@db:5432/app", DATABASE_PASSWORD_FILE, REDIS_URL = "redis://redis:6379", PORT = "3000" } = process.env;

/** The database URL with the password from the secret's file (never from the environment). */
function databaseUrl() {
  const url = new URL(DATABASE_URL);
  if (DATABASE_PASSWORD_FILE) url.password = encodeURIComponent(readFileSync(DATABASE_PASSWORD_FILE, "utf8").trim());
  return url.href;
}

async function answer() {
  const [[database], visits] = await Promise.all([
    query(databaseUrl(), "SELECT current_database() AS name, version() AS version, now() AS time"),
    redisCommand(REDIS_URL, "INCR", "visits"),
  ]);
  return { greeting: GREETING, database, visits };
}

const server = http.createServer(async (request, response) => {
  const reply = (status, body) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(`${JSON.stringify(body)}\n`);
  };
  if (request.url === "/healthz") return reply(200, { status: "ok" });
  try {
    reply(200, await answer());
  } catch (error) {
    reply(503, { error: String(error.message ?? error) });
  }
});

server.listen(Number(PORT), () => console.log(`app listening on :${PORT}`));
// PID 1 gets no default signal handling: stop promptly on `tsd down` / restarts.
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => process.exit(0));
