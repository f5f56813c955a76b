/**
 * Reading a stack file: YAML text → located plain trees (one per YAML
 * document). Anchors, aliases and merge keys are expanded here; `!reset` and
 * `!override` are recorded in the side table for the merge stage.
 */
import { LineCounter, parseAllDocuments, isAlias, isMap, isScalar, isSeq, type Document, type Node } from "yaml";
import { ConfigError } from "../base/errors.js";
import { pathKind, readText } from "./host.js";
import { yamlRootCause } from "./yaml-errors.js";
import {
  type Location,
  type Plain,
  type PlainList,
  type PlainMap,
  copyEntry,
  isMap as isPlainMap,
  setContainerLocation,
  setEntryLocation,
  setEntryTag,
} from "./located.js";
import { aliasTargets } from "./yaml-anchors.js";

/** Above this many alias expansions a document is refused (a "billion laughs" guard). */
const MAX_ALIAS_EXPANSIONS = 10_000;

/** Reads a stack file from disk. Missing or unreadable files are config errors naming the path. */
export function readStackFile(path: string): PlainMap[] {
  let text: string;
  try {
    if (pathKind(path) === "directory") throw configFileError(path, "is a directory, not a stack file");
    text = readText(path);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw configFileError(path, code === "ENOENT" ? "no such file" : `cannot be read (${code ?? String(error)})`);
  }
  return parseStackText(text, path);
}

function configFileError(path: string, message: string): ConfigError {
  return new ConfigError([{ path: "", message: `${path}: ${message}` }]);
}

/**
 * Parses stack-file text. Returns one tree per non-empty YAML document (an
 * empty or comment-only file yields `[]`; the loader decides whether that is
 * an error). A document whose top level is not a mapping is an error.
 */
export function parseStackText(text: string, file: string): PlainMap[] {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text.replace(/^\uFEFF/, ""), {
    lineCounter,
    merge: true,
    uniqueKeys: true,
    prettyErrors: false,
  });
  const at = (offset: number): Location => {
    const position = lineCounter.linePos(offset);
    return { file, line: position.line, column: position.col };
  };
  const list = Array.isArray(documents) ? documents : [documents];
  const errors = list.flatMap((document) => document.errors);
  if (errors.length > 0) {
    // One root cause, at the line to fix: the parser's follow-on errors only repeat it.
    const cause = yamlRootCause(text.replace(/^\uFEFF/, ""), errors, file, at);
    throw new ConfigError([{ location: cause.location, path: "", message: cause.message }], cause.hint);
  }

  const trees: PlainMap[] = [];
  for (const document of list) {
    if (document.contents === null) continue;
    const converter = new Converter(document, at);
    const value = converter.convert(document.contents);
    if (value === null) continue;
    if (!isPlainMap(value)) {
      const range = document.contents.range;
      throw new ConfigError([
        { location: at(range?.[0] ?? 0), path: "", message: "the top level of a stack file must be a mapping (services:, networks:, …)" },
      ]);
    }
    trees.push(value);
  }
  return trees;
}

/** Walks one YAML document into located plain values. */
class Converter {
  private aliasExpansions = 0;
  private readonly resolving = new Set<Node>();
  /** Found once per document: `Alias.resolve` walks the document on every call. */
  private targets: Map<Node, Node> | undefined;

  constructor(
    private readonly document: Document,
    private readonly at: (offset: number) => Location,
  ) {}

  private locationOf(node: Node | null | undefined, fallback: Location): Location {
    const offset = node?.range?.[0];
    return offset === undefined ? fallback : this.at(offset);
  }

  convert(node: unknown): Plain {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return this.convertAlias(node);
    if (isScalar(node)) return scalarValue(node.value);
    if (isSeq(node)) {
      const list: PlainList = [];
      const start = this.locationOf(node, this.at(0));
      setContainerLocation(list, start);
      node.items.forEach((item) => {
        const index = list.length;
        list.push(this.convert(item));
        setEntryLocation(list, index, this.locationOf(item as Node, start));
        this.recordTag(list, index, item);
      });
      return list;
    }
    if (isMap(node)) return this.convertMap(node);
    throw this.error(node as Node, "unsupported YAML node");
  }

  private convertAlias(alias: Node & { source: string }): Plain {
    this.aliasExpansions += 1;
    if (this.aliasExpansions > MAX_ALIAS_EXPANSIONS) {
      throw this.error(alias, "excessive aliasing: the document expands too many aliases");
    }
    this.targets ??= aliasTargets(this.document);
    const target = this.targets.get(alias);
    if (!target) throw this.error(alias, `unknown anchor "${alias.source}"`);
    if (this.resolving.has(target)) throw this.error(alias, `alias "*${alias.source}" refers to itself`);
    this.resolving.add(target);
    try {
      return this.convert(target);
    } finally {
      this.resolving.delete(target);
    }
  }

  private convertMap(node: Node & { items: { key: unknown; value: unknown }[] }): PlainMap {
    const map: PlainMap = {};
    const start = this.locationOf(node, this.at(0));
    setContainerLocation(map, start);
    const merged: PlainMap[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      if (isScalar(keyNode) && keyNode.source === "<<" && keyNode.type === "PLAIN") {
        merged.push(...this.mergeSources(pair.value as Node));
        continue;
      }
      const key = this.keyString(keyNode);
      map[key] = this.convert(pair.value);
      setEntryLocation(map, key, this.locationOf(keyNode, start));
      this.recordTag(map, key, pair.value);
    }
    // Merge keys: explicit keys win, and earlier merge sources win over later ones (YAML merge-key spec).
    for (const source of merged) {
      for (const key of Object.keys(source)) {
        if (Object.hasOwn(map, key)) continue;
        map[key] = source[key] as Plain;
        copyEntry(source, key, map);
      }
    }
    return map;
  }

  private mergeSources(value: Node): PlainMap[] {
    const converted = this.convert(value);
    const sources = Array.isArray(converted) ? converted : [converted];
    return sources.map((source) => {
      if (!isPlainMap(source)) throw this.error(value, "a merge key (<<) must point at a mapping or a list of mappings");
      return source;
    });
  }

  private keyString(keyNode: Node | null): string {
    if (isScalar(keyNode)) {
      const value = keyNode.value;
      if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
        return String(value);
      }
    }
    throw this.error(keyNode, "mapping keys must be strings");
  }

  private recordTag(container: PlainMap | PlainList, key: string | number, node: unknown): void {
    const tag = (node as { tag?: string } | null)?.tag;
    if (tag === "!reset") {
      setEntryTag(container, key, "reset");
      (container as Record<string | number, Plain>)[key] = null;
    } else if (tag === "!override") {
      setEntryTag(container, key, "override");
    }
  }

  private error(node: Node | null, message: string): ConfigError {
    return new ConfigError([{ location: this.locationOf(node, this.at(0)), path: "", message }]);
  }
}

function scalarValue(value: unknown): Plain {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  // Timestamps and binary are not part of YAML's core schema; keep their text.
  return String(value);
}
