import { describe, expect, it } from "vitest";
import { dockerfileUser } from "../../../src/audit/dockerfile-user.js";

const user = (text: string, target?: string, args: Record<string, string | null> = {}) => dockerfileUser(text, target, args);

describe("dockerfileUser", () => {
  it("is the last USER of the final stage, with its line", () => {
    expect(user("FROM node:20\nUSER root\nRUN apt-get update\nUSER node\nCMD [\"node\"]\n")).toEqual({ kind: "set", user: "node", line: 4 });
  });

  it("is inherited from the base image when the built stage has no USER", () => {
    expect(user("FROM node:20 AS build\nUSER node\nFROM nginx:1.27\nCOPY --from=build /app /app\n")).toEqual({ kind: "inherited" });
  });

  it("follows FROM <earlier stage>, and build.target picks the stage", () => {
    const text = "FROM debian AS base\nUSER 1000\nFROM base AS dev\nRUN true\nFROM debian AS prod\n";
    expect(user(text, "dev")).toMatchObject({ kind: "set", user: "1000" });
    expect(user(text, "DEV")).toMatchObject({ kind: "set", user: "1000" });
    expect(user(text)).toEqual({ kind: "inherited" });
  });

  it("resolves ARG defaults, build args and ENV; an unknown variable is unresolved", () => {
    expect(user("ARG UID=1000\nFROM alpine\nARG UID\nUSER ${UID}:${GID:-1000}\n")).toMatchObject({ kind: "set", user: "1000:1000" });
    expect(user("FROM alpine\nARG UID=1000\nUSER $UID\n", undefined, { UID: "0" })).toMatchObject({ kind: "set", user: "0" });
    expect(user("FROM alpine\nENV APP_USER=app\nUSER $APP_USER\n")).toMatchObject({ kind: "set", user: "app" });
    expect(user("FROM alpine\nUSER $NOPE\n")).toEqual({ kind: "unresolved", written: "$NOPE", line: 2 });
  });

  it("reads continuations, comments, lower-case instructions, the escape directive and skips heredocs", () => {
    expect(user("FROM alpine\nRUN adduser \\\n  # a comment inside\n  -D app\nuser app\n")).toMatchObject({ kind: "set", user: "app", line: 5 });
    expect(user("# escape=`\nFROM alpine\nRUN echo `\n  USER root\nUSER app\n")).toMatchObject({ kind: "set", user: "app" });
    expect(user("FROM alpine\nUSER app\nRUN <<EOF\nUSER root\nEOF\n")).toMatchObject({ kind: "set", user: "app", line: 2 });
    expect(user("# USER root\nFROM alpine\n# USER root\n")).toEqual({ kind: "inherited" });
  });
});
