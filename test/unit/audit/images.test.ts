import { describe, expect, it } from "vitest";
import { PINNED, audit, hardenedWith } from "./audit-stack.js";

const DIGEST = `sha256:${"b".repeat(64)}`;

describe("image-latest and image-not-pinned", () => {
  it.each([
    ["nginx", ["image-latest", "image-not-pinned"]],
    ["nginx:latest", ["image-latest", "image-not-pinned"]],
    ["localhost:5000/team/web", ["image-latest", "image-not-pinned"]],
    ["nginx:1.27", ["image-not-pinned"]],
    ["localhost:5000/team/web:2", ["image-not-pinned"]],
    [`nginx@${DIGEST}`, []],
    [`nginx:latest@${DIGEST}`, []],
  ])("image %s: %j", (image, rules) => {
    const result = audit(hardenedWith("image", `image: "${image}"`));
    expect(result.findings.map((finding) => finding.rule)).toEqual(rules);
    for (const finding of result.findings) expect(finding.location).toMatchObject({ line: 3, column: 5 });
  });

  it("severities: latest is medium, a missing digest low", () => {
    const result = audit(hardenedWith("image", "image: nginx"));
    expect(result.findings.map((finding) => [finding.rule, finding.severity])).toEqual([
      ["image-latest", "medium"],
      ["image-not-pinned", "low"],
    ]);
    expect(result.findings[0]?.fix).toBe("`image: nginx:<version>`, the release you tested");
    expect(result.findings[1]?.fix).toBe("`image: nginx@sha256:<digest>` (the digest: `docker buildx imagetools inspect nginx`)");
  });

  it("a service tsd builds names its own image: not reported, with or without image:", () => {
    const files = { "app/Dockerfile": "FROM scratch\nUSER 1000\n" };
    expect(audit(hardenedWith("image", "build: ./app"), { files }).findings).toEqual([]);
    expect(audit(hardenedWith("image", "build: ./app", "image: myapp"), { files }).findings).toEqual([]);
  });

  it("data containers are checked too", () => {
    const result = audit(["services:", "  web:", `    image: ${PINNED}`, "data_containers:", "  seed:", "    image: busybox", ""].join("\n"), { services: [] });
    expect(result.where("image-latest")).toEqual([`seed ${result.at(6, 5)}`]);
    expect(result.rulesOf("seed")).toEqual(["image-latest", "image-not-pinned"]);
  });
});
