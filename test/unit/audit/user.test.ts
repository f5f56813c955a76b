import { describe, expect, it } from "vitest";
import { audit, hardenedWith } from "./audit-stack.js";

describe("runs-as-root", () => {
  it.each(["root", "0", "0:0", "root:1000"])("user %s is reported at the user key", (written) => {
    const result = audit(hardenedWith("user", `user: "${written}"`));
    expect(result.where("runs-as-root")).toEqual([`web ${result.at(4, 5)}`]);
    expect(result.findings[0]).toMatchObject({ severity: "medium", message: `runs as root (user: "${written}")` });
  });

  it("no user is reported at the service, unless the image sets USER", () => {
    const result = audit(hardenedWith("user"));
    expect(result.where("runs-as-root")).toEqual([`web ${result.at(2, 3)}`]);
    expect(result.findings[0]?.message).toBe("runs as root unless the image sets USER (the service sets no user)");
    expect(result.findings[0]?.fix).toBe('`user: "10001:10001"` (an unprivileged UID that owns what the service writes)');
  });

  it("a non-root user is fine", () => {
    expect(audit(hardenedWith("user", 'user: "1000:1000"')).findings).toEqual([]);
    expect(audit(hardenedWith("user", "user: app")).findings).toEqual([]);
  });

  describe("a service tsd builds: its Dockerfile decides", () => {
    const built = (dockerfile: string, ...build: string[]) => audit(hardenedWith("image", ...build).replace('    user: "101:101"\n', ""), { files: { "app/Dockerfile": dockerfile, "app/Other.dockerfile": dockerfile } });

    it("a final-stage USER that is not root: not reported", () => {
      expect(built("FROM node:20\nUSER node\n", "build: ./app").findings).toEqual([]);
      expect(built("FROM node:20\nUSER node\n", "build: {context: ./app, dockerfile: Other.dockerfile}").findings).toEqual([]);
      expect(built("", "build:", "  context: ./app", "  dockerfile_inline: |", "    FROM alpine", "    USER 1000").findings).toEqual([]);
    });

    it("USER root, or none, is reported", () => {
      const root = built("FROM node:20\nUSER node\nUSER root\n", "build: ./app");
      expect(root.findings.map((finding) => finding.message)).toEqual(["runs as root: its Dockerfile sets USER root (line 3)"]);
      const none = built("FROM node:20\n", "build: ./app");
      expect(none.findings.map((finding) => finding.message)).toEqual(["runs as root unless its base image sets USER (the built stage of its Dockerfile has none)"]);
    });

    it("a USER set through a variable with no value here is trusted, not guessed at", () => {
      expect(built("FROM node:20\nARG APP_USER\nUSER $APP_USER\n", "build: ./app").findings).toEqual([]);
    });

    it("a Dockerfile that cannot be read is judged like an image", () => {
      const missing = built("FROM node:20\nUSER node\n", "build: {context: ./app, dockerfile: Missing.dockerfile}");
      expect(missing.findings.map((finding) => finding.message)).toEqual(["runs as root unless the image sets USER (the service sets no user)"]);
    });
  });
});
