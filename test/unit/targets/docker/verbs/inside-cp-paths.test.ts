/**
 * `tsd cp`'s arguments and docker cp's placement rules.
 */
import { describe, expect, it } from "vitest";
import { absoluteHostPath, copySource, type PathKind, parseCopyArguments, placeCopy, placedEntryName } from "../../../../../src/targets/docker/verbs/cp-paths.js";

describe("parseCopyArguments", () => {
  it("must read SERVICE:PATH on exactly one side, container paths from the root", () => {
    expect(parseCopyArguments("web:/etc/hostname", ".")).toEqual({ direction: "from-container", source: { service: "web", path: "/etc/hostname" }, destination: "." });
    expect(parseCopyArguments("notes.txt", "web:tmp")).toEqual({ direction: "to-container", source: "notes.txt", destination: { service: "web", path: "/tmp" } });
  });

  it("must take a path starting with / or . as local, colon or not", () => {
    expect(parseCopyArguments("./a:b", "web:/x")).toEqual({ direction: "to-container", source: "./a:b", destination: { service: "web", path: "/x" } });
    expect(parseCopyArguments("web:/x", "/tmp/a:b")).toMatchObject({ direction: "from-container", destination: "/tmp/a:b" });
  });

  it("must refuse two containers, no container, and an empty path", () => {
    expect(() => parseCopyArguments("web:/a", "db:/b")).toThrow("copying between containers is not supported");
    expect(() => parseCopyArguments("a", "b")).toThrow("neither a nor b names a container path");
    expect(() => parseCopyArguments("web:", "b")).toThrow("web: needs a path after the colon");
  });
});

describe("placeCopy: docker cp's rules", () => {
  const place = (source: string, isDirectory: boolean, destination: string, kind: PathKind) => placeCopy(copySource(source), isDirectory, destination, kind, destination);

  it.each([
    ["/src/file", false, "/dst/new", "missing", { kind: "as", directory: "/dst", name: "new" }],
    ["/src/file", false, "/dst/old", "file", { kind: "as", directory: "/dst", name: "old" }],
    ["/src/file", false, "/dst", "directory", { kind: "into", directory: "/dst" }],
    ["/src/dir", true, "/dst/new", "missing", { kind: "as", directory: "/dst", name: "new" }],
    ["/src/dir", true, "/dst", "directory", { kind: "into", directory: "/dst" }],
    ["/src/dir/.", true, "/dst", "directory", { kind: "contents", directory: "/dst" }],
  ] as const)("%s (directory: %s) → %s (%s)", (source, isDirectory, destination, kind, expected) => {
    expect(place(source, isDirectory, destination, kind)).toEqual(expected);
  });

  it("must refuse a file to a missing directory path and a directory onto a file", () => {
    expect(() => place("/src/file", false, "/dst/missing/", "missing")).toThrow("/dst/missing/: no such directory");
    expect(() => place("/src/dir", true, "/dst/file", "file")).toThrow("cannot copy a directory to a file");
  });
});

describe("archive entry names", () => {
  it("must keep, rename or drop the top-level entry", () => {
    expect(placedEntryName("dir/sub/a.txt", { kind: "into", directory: "/d" })).toBe("dir/sub/a.txt");
    expect(placedEntryName("dir/sub/a.txt", { kind: "as", directory: "/d", name: "copy" })).toBe("copy/sub/a.txt");
    expect(placedEntryName("file.txt", { kind: "as", directory: "/d", name: "renamed.txt" })).toBe("renamed.txt");
    expect(placedEntryName("dir/sub/a.txt", { kind: "contents", directory: "/d" })).toBe("sub/a.txt");
    expect(placedEntryName("dir/", { kind: "contents", directory: "/d" })).toBe(".");
  });

  it("must name the source by its base name, with DIR/. meaning its contents", () => {
    expect(copySource("/var/log/")).toEqual({ path: "/var/log", name: "log", contentsOnly: false });
    expect(copySource("/var/log/.")).toEqual({ path: "/var/log", name: "log", contentsOnly: true });
    expect(absoluteHostPath(".", "/home/me")).toBe("/home/me/.");
    expect(absoluteHostPath("out/", "/home/me")).toBe("/home/me/out/");
    expect(absoluteHostPath("../x", "/home/me")).toBe("/home/x");
  });
});
