/**
 * `tsd ui`'s HTTP server (node:http): every request passes the security
 * checks of security.ts in a fixed order — Host (403), token (401), then for
 * anything that is not a read: Origin (403), actions allowed (403), CSRF
 * header (403) — before a route sees it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { StackSession } from "../../app/session.js";
import type { UpPlanOptions } from "../../app/up.js";
import { TsdError } from "../../base/errors.js";
import { checkAction, parseAction, runAction } from "./actions.js";
import { Dashboard } from "./dashboard.js";
import { EventStream } from "./event-stream.js";
import { type RouteContext, sendJson, sendText, serveRead } from "./routes.js";
import { cookieToken, CSRF_HEADER, hostAllowed, newSecrets, originAllowed, sameSecret, securityHeaders, tokenCookie, type UiSecrets } from "./security.js";

/** How `tsd ui` serves. */
export interface UiServerOptions {
  readonly session: StackSession;
  readonly host: string;
  /** 0: any free port. */
  readonly port: number;
  readonly allowActions: boolean;
  /** Where app.js and app.css are (dist/ui/). */
  readonly assetsDirectory: string;
  readonly plan: UpPlanOptions;
  readonly version: string;
  /** Reload on stack file changes (off when a watch loop beside it does). */
  readonly watchFiles: boolean;
}

/** A running dashboard. */
export interface UiServer {
  /** `http://127.0.0.1:PORT/?token=…`: what the user opens. */
  readonly url: string;
  readonly port: number;
  readonly dashboard: Dashboard;
  close(): Promise<void>;
}

/** The largest action body read. */
const MAX_BODY_BYTES = 16 * 1024;

/** Starts the dashboard's state, then listens. */
export async function startUiServer(options: UiServerOptions): Promise<UiServer> {
  const secrets = newSecrets();
  let stream: EventStream | undefined;
  const dashboard = new Dashboard(options.session, { plan: options.plan, watchFiles: options.watchFiles, publish: (snapshot) => stream?.broadcast(snapshot) });
  stream = new EventStream(options.session.events, () => dashboard.snapshots());
  await dashboard.start();
  const state = { port: options.port };
  const context: RouteContext = { dashboard, stream, assetsDirectory: options.assetsDirectory, allowActions: options.allowActions, csrf: secrets.csrf, version: options.version, headers: securityHeaders() };
  const server = createServer((request, response) => {
    handle(request, response, { ...options, port: state.port }, secrets, context).catch((error: unknown) => {
      // A bad action (unknown service, malformed JSON) is the caller's mistake, not the server's.
      const status = error instanceof TsdError || error instanceof SyntaxError ? 400 : 500;
      if (!response.headersSent) sendText(response, status, error instanceof Error ? error.message : String(error), context.headers);
      else response.end();
    });
  });
  await listen(server, options.host, options.port);
  state.port = (server.address() as AddressInfo).port;
  const shownHost = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${state.port}/?token=${secrets.token}`,
    port: state.port,
    dashboard,
    close: async () => {
      stream?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dashboard.close();
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/** The security checks, then the route. */
async function handle(request: IncomingMessage, response: ServerResponse, options: UiServerOptions, secrets: UiSecrets, context: RouteContext): Promise<void> {
  const { headers } = context;
  if (!hostAllowed(request.headers.host, options.port, options.host)) return sendText(response, 403, "forbidden: this Host is not the dashboard's (only loopback names are served)", headers);
  const url = new URL(request.url ?? "/", "http://dashboard.invalid");
  const presented = url.searchParams.get("token");
  if (url.pathname === "/" && presented !== null) {
    if (!sameSecret(presented, secrets.token)) return sendText(response, 401, "unauthorized: wrong token; open the URL tsd ui printed", headers);
    // The token moves into a cookie the page's script cannot read, and leaves the address bar (and the history).
    response.writeHead(303, { ...headers, "set-cookie": tokenCookie(options.port, secrets.token), location: "/" });
    return void response.end();
  }
  if (!sameSecret(cookieToken(request.headers, options.port), secrets.token)) return sendText(response, 401, "unauthorized: open the URL tsd ui printed (it carries the token)", headers);
  if (request.method === "GET" || request.method === "HEAD") {
    if (!(await serveRead(context, request, response, url))) sendText(response, 404, "not found", headers);
    return;
  }
  if (!originAllowed(request.headers)) return sendText(response, 403, "forbidden: state-changing requests must come from the dashboard's own page (Origin)", headers);
  if (request.method !== "POST" || url.pathname !== "/api/actions") return sendText(response, 405, "method not allowed", headers);
  if (!options.allowActions) return sendText(response, 403, "forbidden: actions are off; start tsd ui with --allow-actions", headers);
  const csrf = request.headers[CSRF_HEADER];
  if (!sameSecret(Array.isArray(csrf) ? csrf[0] : csrf, secrets.csrf)) return sendText(response, 403, `forbidden: missing or wrong ${CSRF_HEADER} header`, headers);
  const action = parseAction(JSON.parse(await readBody(request)) as unknown);
  checkAction(options.session, action);
  // Accepted now; progress and the outcome come back on the event stream.
  sendJson(response, 202, { accepted: action }, headers);
  runAction(options.session, action, options.plan).catch((error: unknown) => options.session.emit({ type: "warning", message: `${action.action} failed: ${error instanceof Error ? error.message : String(error)}` }));
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new Error("request body too large"));
      else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}
