/**
 * The dashboard's read endpoints, once a request passed the security checks
 * (http-server.ts): the page, its assets, the JSON snapshots and the event
 * stream. Everything comes from the dashboard's shared state; nothing here
 * calls the engine, and nothing proxies its API.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { INDEX_HTML, readAsset } from "./assets.js";
import type { Dashboard } from "./dashboard.js";
import { type EventStream, resumeFrom } from "./event-stream.js";

/** What the read routes need. */
export interface RouteContext {
  readonly dashboard: Dashboard;
  readonly stream: EventStream;
  readonly assetsDirectory: string;
  readonly allowActions: boolean;
  readonly csrf: string;
  readonly version: string;
  readonly headers: Record<string, string>;
}

/** Sends a JSON answer. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  response.writeHead(status, { ...headers, "content-type": "application/json; charset=utf-8" });
  response.end(JSON.stringify(body));
}

/** Sends a short text answer. */
export function sendText(response: ServerResponse, status: number, text: string, headers: Record<string, string>): void {
  response.writeHead(status, { ...headers, "content-type": "text/plain; charset=utf-8" });
  response.end(`${text}\n`);
}

/** Serves one GET; false when no route matches. */
export async function serveRead(context: RouteContext, request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
  const { dashboard, headers } = context;
  const view = dashboard.view;
  const path = url.pathname;
  if (path === "/") {
    response.writeHead(200, { ...headers, "content-type": "text/html; charset=utf-8" });
    response.end(INDEX_HTML);
    return true;
  }
  if (path.startsWith("/assets/")) {
    const asset = await readAsset(context.assetsDirectory, path.slice("/assets/".length)).catch(() => undefined);
    if (!asset) return false;
    response.writeHead(200, { ...headers, "content-type": asset.type });
    response.end(asset.body);
    return true;
  }
  if (path === "/api/events") {
    context.stream.attach(request, response, resumeFrom(request, url), headers);
    return true;
  }
  const bodies: Readonly<Record<string, () => unknown>> = {
    "/api/session": () => ({ project: view?.project, directory: view?.directory, version: context.version, actionsAllowed: context.allowActions, csrf: context.csrf, target: dashboard.session.targetName }),
    "/api/project": () => view,
    "/api/graph": () => ({ nodes: view?.nodes ?? [], edges: view?.edges ?? [] }),
    "/api/services": () => dashboard.services,
    "/api/swarm": () => dashboard.swarm,
    "/api/plan": () => view?.plan,
    "/api/audit": () => view?.findings ?? [],
    "/api/layers": () => view?.layers ?? [],
  };
  const body = bodies[path];
  if (!body) return false;
  sendJson(response, 200, body() ?? null, headers);
  return true;
}
