/**
 * `tsd rmi` on the image store: the stack's images, each once; a refusal
 * for an image a container was created from comes before anything is
 * removed; -f removes anyway. And the key `tsd login` stores a registry
 * under.
 */
import { afterEach, describe, expect, it } from "vitest";
import { loginServerAddress } from "../../../../../src/docker-api/credential-store.js";
import { removeStackImages, stackImages } from "../../../../../src/targets/docker/verbs/image-store.js";
import { MemoryEngine } from "../../../support/memory-engine.js";
import { loadProject, type Project } from "../../../../../src/project/project.js";
import { type TempProject, tempProject } from "../../../support/temp-project.js";

let folder: TempProject | undefined;
afterEach(() => {
  folder?.cleanup();
  folder = undefined;
});

function projectFromYaml(yaml: string): Project {
  folder = tempProject({ "stack.yml": yaml, "worker/Dockerfile": "FROM x\n" });
  return loadProject({ cwd: folder.dir, files: ["stack.yml"], environment: {} });
}

const YAML = `
name: shop
services:
  web: { image: "shop/web:1" }
  api: { image: "shop/web:1" }
  worker: { build: ./worker }
`;

describe("stackImages", () => {
  it("must name each image of the stack once, with its services, sorted", () => {
    expect(stackImages(projectFromYaml(YAML), [])).toEqual([
      { reference: "shop-worker", users: ["worker"] },
      { reference: "shop/web:1", users: ["api", "web"] },
    ]);
  });
});

describe("removeStackImages", () => {
  it("must refuse an image a container uses before removing any, and remove it with force", async () => {
    const engine = new MemoryEngine(["shop/web:1", "shop-worker"]);
    const project = projectFromYaml(YAML);
    const image = engine.images.get("shop/web:1");
    // Another project's container, created from the image.
    engine.containers.set("c1", { id: "c1", name: "other-1", image: "shop/web:1", imageId: image?.id ?? "", labels: {}, state: "exited", health: "none", exitCode: 0, mounts: [], networks: {}, ports: {} });
    await expect(removeStackImages(engine, project, [], { force: false })).rejects.toThrow("image shop/web:1 (api, web) is in use by container other-1");
    expect(engine.writes().filter((call) => call.startsWith("deleteImage"))).toEqual([]);
    const removed = await removeStackImages(engine, project, [], { force: true });
    expect(removed.map((image) => image.reference)).toEqual(["shop-worker", "shop/web:1"]);
  });
});

describe("loginServerAddress", () => {
  it("must store Docker Hub under its historic key and others by host", () => {
    expect(loginServerAddress(undefined)).toBe("https://index.docker.io/v1/");
    expect(loginServerAddress("docker.io")).toBe("https://index.docker.io/v1/");
    expect(loginServerAddress("https://127.0.0.1:5000/")).toBe("127.0.0.1:5000");
  });
});
