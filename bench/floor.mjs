#!/usr/bin/env node
/**
 * The raw-engine floor: the least an orchestrator must ask the engine to do
 * each bench phase, sent straight over node:http on the engine's socket,
 * every independent call at once. No file to read, no plan, no library: what
 * is left is Node's start-up and the engine's own work, so "tsd / floor" is
 * tsd's overhead.
 *
 *   node bench/floor.mjs <phase> <project> <count> [changed]
 *   phase: up (cold: network, then create+start every container at once),
 *          noop (list containers and networks, compare each hash),
 *          change (list; stop, remove, create, start the one whose hash differs),
 *          down (list; stop+remove every container at once, then the network)
 *
 * Plain JavaScript (not TypeScript run through a loader), so it starts as
 * fast as Node does, like tsd's bundle. The containers are the bench's
 * (bench/stacks.ts): busybox, a shell that exits on SIGTERM, a 1 s health check.
 */
import { request } from "node:http";

const SOCKET = (process.env.DOCKER_HOST ?? "unix:///var/run/docker.sock").replace(/^unix:\/\//, "");
const IMAGE = "tsd-test/busybox:1";
const LABEL = "bench.floor.project";
// The bench's health-check interval for this N (bench/stacks.ts healthIntervalSeconds), given by the runner.
const HEALTH_INTERVAL_NS = Number(process.env.BENCH_HEALTH_INTERVAL_S ?? "1") * 1e9;

/** One engine call; resolves with the parsed JSON body (or undefined), rejects on a status ≥ 400 other than `allowed`. */
function call(method, path, body, allowed = []) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      { socketPath: SOCKET, method, path, headers: payload ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {} },
      (res) => {
        const chunks = [];
        res.on("data", (chunk) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if ((res.statusCode ?? 500) >= 400 && !allowed.includes(res.statusCode)) reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`));
          else resolve(text && res.headers["content-type"]?.includes("json") ? JSON.parse(text) : undefined);
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

const [phase, project, countText, changedText] = process.argv.slice(2);
const count = Number(countText);
const changed = changedText === "changed";
const network = `${project}_default`;

/** svcN's container body, as the bench stack describes it; `version` is the one-change knob on svc0. */
function containerBody(index, version) {
  return {
    Image: IMAGE,
    Cmd: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"],
    Env: [`INDEX=${index}`, `VERSION=${version}`],
    Labels: { [LABEL]: project, "bench.floor.hash": `${index}-${version}` },
    Healthcheck: { Test: ["CMD", "true"], Interval: HEALTH_INTERVAL_NS, Timeout: 1e9, Retries: 3 },
    HostConfig: { NetworkMode: network },
  };
}

function versionOf(index) {
  return changed && index === 0 ? "2" : "1";
}

async function createAndStart(index) {
  const created = await call("POST", `/containers/create?name=${project}-svc${index}-1`, containerBody(index, versionOf(index)));
  await call("POST", `/containers/${created.Id}/start`, undefined, [304]);
}

function listContainers() {
  const filters = encodeURIComponent(JSON.stringify({ label: [`${LABEL}=${project}`] }));
  return call("GET", `/containers/json?all=1&filters=${filters}`);
}

function listNetworks() {
  return call("GET", `/networks?filters=${encodeURIComponent(JSON.stringify({ name: [network] }))}`);
}

async function stopAndRemove(id) {
  await call("POST", `/containers/${id}/stop?t=10`, undefined, [304, 404]);
  await call("DELETE", `/containers/${id}?v=1`, undefined, [404]);
}

/** The containers whose hash differs from the desired one, with their index. */
function diverged(containers) {
  return containers.flatMap((container) => {
    const index = Number(/svc(\d+)-1$/.exec(container.Names[0])?.[1]);
    return container.Labels["bench.floor.hash"] === `${index}-${versionOf(index)}` ? [] : [{ id: container.Id, index }];
  });
}

switch (phase) {
  case "up":
    await call("POST", "/networks/create", { Name: network, CheckDuplicate: true, Labels: { [LABEL]: project } });
    await Promise.all(Array.from({ length: count }, (_, index) => createAndStart(index)));
    break;
  case "noop": {
    const [containers] = await Promise.all([listContainers(), listNetworks()]);
    if (containers.length !== count || diverged(containers).length > 0) throw new Error("floor noop: the project is not converged");
    break;
  }
  case "change": {
    const [containers] = await Promise.all([listContainers(), listNetworks()]);
    await Promise.all(
      diverged(containers).map(async ({ id, index }) => {
        await stopAndRemove(id);
        await createAndStart(index);
      }),
    );
    break;
  }
  case "down": {
    const containers = await listContainers();
    await Promise.all(containers.map((container) => stopAndRemove(container.Id)));
    // 403 "has active endpoints" after every container is gone is the engine keeping a stale
    // endpoint (Docker 20.10 under load, moby/moby#43286): the floor does not retry it.
    await call("DELETE", `/networks/${network}`, undefined, [403, 404]);
    break;
  }
  default:
    throw new Error(`floor: unknown phase "${phase}"`);
}
