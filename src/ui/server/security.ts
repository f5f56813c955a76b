/**
 * The dashboard's security rules, as pure functions over a request's
 * headers, so they can be read (and tested) in one place:
 *   - a random token of 256 bits, handed over once in the URL and then kept
 *     in an HttpOnly, SameSite=Strict cookie (the page then drops it from
 *     the address bar by redirecting);
 *   - `Host` must name a loopback address (or the host the user explicitly
 *     bound), which defeats DNS rebinding;
 *   - every state-changing request carries an `Origin` of this server and a
 *     per-session CSRF header;
 *   - every answer forbids inline script, framing and referrers.
 * docs/ui.md explains the model.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/** The secrets of one dashboard run. */
export interface UiSecrets {
  /** In the printed URL, then in the cookie. */
  readonly token: string;
  /** What POSTs carry in {@link CSRF_HEADER}. */
  readonly csrf: string;
}

/** The header state-changing requests carry. */
export const CSRF_HEADER = "x-tsd-csrf";

/** 32 random bytes each, as hex (256 bits: above the 128 the model asks for). */
export function newSecrets(): UiSecrets {
  return { token: randomBytes(32).toString("hex"), csrf: randomBytes(32).toString("hex") };
}

/** The cookie's name: per port, as browsers share cookies between ports of one host. */
export function cookieName(port: number): string {
  return `tsd_ui_${port}`;
}

/** The Set-Cookie value that keeps the token. */
export function tokenCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** Constant-time comparison of a presented secret with the real one. */
export function sameSecret(presented: string | undefined, secret: string): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token the cookie carries, if any. */
export function cookieToken(headers: IncomingHttpHeaders, port: number): string | undefined {
  const name = cookieName(port);
  for (const part of (headers.cookie ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}

/** Host names that are this machine. */
const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Whether an address the server may bind is loopback (anything else needs the explicit flag). */
export function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Whether `Host` names this server: a loopback name (or the explicitly bound
 * host) with the port it listens on. A rebinding attacker's page sends its
 * own domain here.
 */
export function hostAllowed(hostHeader: string | undefined, port: number, boundHost: string): boolean {
  if (hostHeader === undefined) return false;
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader.toLowerCase());
  if (!match) return false;
  const [, name = "", portText] = match;
  if (portText !== undefined && Number(portText) !== port) return false;
  if (portText === undefined && port !== 80) return false;
  const bound = boundHost.includes(":") ? `[${boundHost}]` : boundHost;
  return LOOPBACK_NAMES.has(name) || /^127\.\d+\.\d+\.\d+$/.test(name) || name === bound.toLowerCase();
}

/** Whether a state-changing request comes from this server's own page: `Origin` is `http://` + its Host. */
export function originAllowed(headers: IncomingHttpHeaders): boolean {
  const origin = headers.origin;
  return origin !== undefined && headers.host !== undefined && origin.toLowerCase() === `http://${headers.host.toLowerCase()}`;
}

/** The Content-Security-Policy of every answer: only the server's own script and styles, no inline script, no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Headers every answer carries. */
export function securityHeaders(): Record<string, string> {
  return {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
  };
}
