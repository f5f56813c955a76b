/**
 * `tsd ui`'s security model over plain HTTP (docs/ui.md): the token, the
 * Host check against DNS rebinding, the Origin and CSRF checks on actions,
 * actions off by default, loopback only.
 */
import { request } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docker } from "../support/docker.js";
import { copyFixture, type Fixture } from "../support/fixture.js";
import { type RunningUi, startUi } from "../support/tsd-ui.js";

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One request with exactly these headers (Host included), as an attacker's page or tool would send it. */
function send(ui: RunningUi, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: "127.0.0.1", port: ui.port, method, path, headers, setHost: false }, (response) => {
      let text = "";
      response.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function startedAt(container: string): Promise<string> {
  return (await docker(["inspect", "--format", "{{.State.StartedAt}}", container])).trim();
}

describe("tsd ui security (plain HTTP)", () => {
  let fixture: Fixture;
  let ui: RunningUi;

  beforeAll(async () => {
    fixture = copyFixture("ui-stack");
    const up = await fixture.run(["up", "-d", "--wait", "-f", "stack.yml"], { timeoutMs: 120_000 });
    expect(up.status, up.stderr).toBe(0);
    ui = await startUi(fixture, ["-f", "stack.yml"]);
  });

  afterAll(async () => {
    await ui?.stop();
    await fixture?.cleanup();
  });

  const host = () => `127.0.0.1:${ui.port}`;

  it("must print the URL with a token of at least 128 bits, on 127.0.0.1", () => {
    expect(ui.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+$/);
    expect(ui.token.length * 4).toBeGreaterThanOrEqual(128);
  });

  it("must answer 401 to a request without the token, and to a wrong token", async () => {
    expect((await send(ui, "GET", "/", { host: host() })).status).toBe(401);
    expect((await send(ui, "GET", "/api/services", { host: host() })).status).toBe(401);
    expect((await send(ui, "GET", "/api/events", { host: host() })).status).toBe(401);
    expect((await send(ui, "GET", `/?token=${"0".repeat(64)}`, { host: host() })).status).toBe(401);
    expect((await send(ui, "GET", "/api/services", { host: host(), cookie: `tsd_ui_${ui.port}=${"1".repeat(64)}` })).status).toBe(401);
  });

  it("must move the token into an HttpOnly SameSite=Strict cookie and drop it from the URL", async () => {
    const answer = await send(ui, "GET", `/?token=${ui.token}`, { host: host() });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe("/");
    const cookie = String(answer.headers["set-cookie"]);
    expect(cookie).toContain(`tsd_ui_${ui.port}=${ui.token}`);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    const page = await send(ui, "GET", "/", { host: host(), cookie: ui.cookie });
    expect(page.status).toBe(200);
    expect(page.body).not.toContain(ui.token);
  });

  it("must answer 403 to a Host that is not a loopback name (DNS rebinding)", async () => {
    for (const name of [`evil.example:${ui.port}`, "evil.example", `192.168.1.10:${ui.port}`, `localhost.evil.example:${ui.port}`, `127.0.0.1:${ui.port + 1}`]) {
      expect((await send(ui, "GET", "/api/services", { host: name, cookie: ui.cookie })).status, name).toBe(403);
    }
    expect((await send(ui, "GET", "/api/services", { host: `localhost:${ui.port}`, cookie: ui.cookie })).status).toBe(200);
  });

  it("must send a strict Content-Security-Policy with no inline script", async () => {
    const page = await send(ui, "GET", "/", { host: host(), cookie: ui.cookie });
    const policy = String(page.headers["content-security-policy"]);
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain("unsafe-inline");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it("must answer 403 to a POST with a foreign Origin", async () => {
    const body = JSON.stringify({ action: "restart", service: "api" });
    const answer = await send(ui, "POST", "/api/actions", { host: host(), cookie: ui.cookie, origin: "http://evil.example", "content-type": "application/json" }, body);
    expect(answer.status).toBe(403);
    const none = await send(ui, "POST", "/api/actions", { host: host(), cookie: ui.cookie, "content-type": "application/json" }, body);
    expect(none.status).toBe(403);
  });

  it("must refuse an action without --allow-actions (403), even from its own page with the CSRF header, and change nothing", async () => {
    const container = `${fixture.projectName}-api-1`;
    const before = await startedAt(container);
    const session = JSON.parse((await send(ui, "GET", "/api/session", { host: host(), cookie: ui.cookie })).body) as { csrf: string; actionsAllowed: boolean };
    expect(session.actionsAllowed).toBe(false);
    const answer = await send(
      ui,
      "POST",
      "/api/actions",
      { host: host(), cookie: ui.cookie, origin: `http://${host()}`, "content-type": "application/json", "x-tsd-csrf": session.csrf },
      JSON.stringify({ action: "restart", service: "api" }),
    );
    expect(answer.status).toBe(403);
    expect(answer.body).toContain("--allow-actions");
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await startedAt(container)).toBe(before);
  });

  it("must never proxy the Engine API", async () => {
    for (const path of ["/containers/json", "/v1.41/containers/json", "/api/containers/json", "/_ping"]) {
      expect((await send(ui, "GET", path, { host: host(), cookie: ui.cookie })).status, path).toBe(404);
    }
  });

  it("must listen on 127.0.0.1 only", async () => {
    expect(await accepts("127.0.0.1", ui.port)).toBe(true);
    expect(await accepts("127.0.0.2", ui.port)).toBe(false);
    expect(await accepts("::1", ui.port)).toBe(false);
  });

  it("must refuse a host that is not loopback unless --allow-remote is given", async () => {
    const result = await fixture.run(["ui", "--no-open", "-f", "stack.yml", "--host", "0.0.0.0"], { timeoutMs: 30_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("--allow-remote");
  });

  it("must refuse, with --allow-actions, a rebuild of a service that has no build section (400, naming it), before anything runs", async () => {
    const acting = await startUi(fixture, ["-f", "stack.yml", "--allow-actions"]);
    try {
      const container = `${fixture.projectName}-api-1`;
      const before = await startedAt(container);
      const own = `127.0.0.1:${acting.port}`;
      const session = JSON.parse((await send(acting, "GET", "/api/session", { host: own, cookie: acting.cookie })).body) as { csrf: string };
      const post = (body: unknown) => send(acting, "POST", "/api/actions", { host: own, cookie: acting.cookie, origin: `http://${own}`, "content-type": "application/json", "x-tsd-csrf": session.csrf }, JSON.stringify(body));
      const rebuild = await post({ action: "rebuild", service: "api" });
      expect(rebuild.status).toBe(400);
      expect(rebuild.body).toContain("service api has no build section");
      const unknown = await post({ action: "reboot", service: "api" });
      expect(unknown.status).toBe(400);
      expect(unknown.body).toContain("restart, stop, start, rebuild, up");
      expect(await startedAt(container)).toBe(before);
    } finally {
      await acting.stop();
    }
  });
});
