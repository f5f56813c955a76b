/**
 * Where a finding points. The loader's `locate` answers for any path with the
 * deepest part of it that was written, so it cannot say by itself whether a
 * key was written at all; the audit needs that to tell "points at the
 * offending entry" from "the setting is missing, point at the service".
 */
import type { Location } from "../stack/located.js";
import type { Locate } from "../stack/rules.js";

/** A path into the merged written form, e.g. `["services", "web", "ports", 0]`. */
export type WrittenPath = readonly (string | number)[];

/** `locate`, plus the questions the rules ask of it. */
export class Locator {
  constructor(private readonly locate: Locate) {}

  /** The path, or its deepest written ancestor. */
  best(path: WrittenPath): Location | undefined {
    return this.locate(path);
  }

  /**
   * Where `path` itself was written; `undefined` when it was not. Two written
   * entries never share a position (a key, its child keys and list items all
   * start at different places), so a location equal to the parent's means
   * the loader fell back to the parent.
   */
  exact(path: WrittenPath): Location | undefined {
    if (path.length === 0) return this.locate(path);
    const own = this.locate(path);
    const parent = this.locate(path.slice(0, -1));
    return own === undefined || sameLocation(own, parent) ? undefined : own;
  }

  /** The first of `paths` that was written, else `fallback` (best effort). */
  firstWritten(paths: readonly WrittenPath[], fallback: WrittenPath): Location | undefined {
    for (const path of paths) {
      const location = this.exact(path);
      if (location) return location;
    }
    return this.best(fallback);
  }

  /**
   * The written entry of the list at `listPath` that became model entry
   * `index`, when the written list and the model's (of `modelLength`
   * entries) correspond one to one; otherwise the list itself. They differ
   * when a written entry expands into several (a port range), and since each
   * written entry yields at least one, equal lengths prove the
   * correspondence.
   */
  listEntry(listPath: WrittenPath, index: number, modelLength: number): Location | undefined {
    const oneToOne = this.writtenLength(listPath) === modelLength;
    return oneToOne ? this.best([...listPath, index]) : this.best(listPath);
  }

  /** How many entries the written list at `listPath` has (0 when it was not written as a list). */
  writtenLength(listPath: WrittenPath): number {
    let length = 0;
    while (this.exact([...listPath, length])) length += 1;
    return length;
  }
}

function sameLocation(a: Location, b: Location | undefined): boolean {
  return b !== undefined && a.file === b.file && a.line === b.line && a.column === b.column;
}
