import { describe, expect, it } from "vitest";
import { cookieToken, hostAllowed, isLoopbackHost, newSecrets, originAllowed, sameSecret, tokenCookie } from "../../../src/ui/server/security.js";

describe("the dashboard's security rules", () => {
  it("must make tokens of at least 128 bits, different each run", () => {
    const [first, second] = [newSecrets(), newSecrets()];
    expect(first.token).toMatch(/^[0-9a-f]{64}$/);
    expect(first.token).not.toBe(second.token);
    expect(first.csrf).not.toBe(first.token);
  });

  it("must accept only loopback names with the server's port as Host", () => {
    expect(hostAllowed("127.0.0.1:8600", 8600, "127.0.0.1")).toBe(true);
    expect(hostAllowed("localhost:8600", 8600, "127.0.0.1")).toBe(true);
    expect(hostAllowed("[::1]:8600", 8600, "127.0.0.1")).toBe(true);
    expect(hostAllowed("LOCALHOST:8600", 8600, "127.0.0.1")).toBe(true);
    for (const host of ["evil.example:8600", "localhost.evil.example:8600", "127.0.0.1:8601", "127.0.0.1", "10.0.0.5:8600", "", undefined]) {
      expect(hostAllowed(host, 8600, "127.0.0.1"), String(host)).toBe(false);
    }
    expect(hostAllowed("192.168.1.4:8600", 8600, "192.168.1.4")).toBe(true);
  });

  it("must take an Origin only when it is the server's own", () => {
    expect(originAllowed({ host: "127.0.0.1:8600", origin: "http://127.0.0.1:8600" })).toBe(true);
    expect(originAllowed({ host: "127.0.0.1:8600", origin: "http://evil.example" })).toBe(false);
    expect(originAllowed({ host: "127.0.0.1:8600", origin: "https://127.0.0.1:8600" })).toBe(false);
    expect(originAllowed({ host: "127.0.0.1:8600" })).toBe(false);
  });

  it("must keep the token in an HttpOnly SameSite=Strict cookie named per port, and read it back", () => {
    const cookie = tokenCookie(8600, "abc");
    expect(cookie).toBe("tsd_ui_8600=abc; HttpOnly; SameSite=Strict; Path=/");
    expect(cookieToken({ cookie: "other=1; tsd_ui_8600=abc" }, 8600)).toBe("abc");
    expect(cookieToken({ cookie: "tsd_ui_8601=abc" }, 8600)).toBeUndefined();
    expect(sameSecret("abc", "abc")).toBe(true);
    expect(sameSecret("abd", "abc")).toBe(false);
    expect(sameSecret(undefined, "abc")).toBe(false);
  });

  it("must tell loopback bind addresses from others", () => {
    expect(["127.0.0.1", "127.0.0.2", "localhost", "::1"].every(isLoopbackHost)).toBe(true);
    expect(["0.0.0.0", "::", "192.168.1.4", "example.com"].some(isLoopbackHost)).toBe(false);
  });
});
