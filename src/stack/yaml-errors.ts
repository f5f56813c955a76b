/**
 * YAML syntax errors reduced to the one root cause, at the line a person
 * would fix. The yaml parser reports what it could not read, often three
 * errors for one mistake and the first at a line that is fine (an
 * over-indented key is reported on the key above it). Here the parser's
 * errors and the text are read together for the common causes: a tab
 * indenting a line, a key out of line with its siblings, a missing space
 * after a colon, an unquoted `: ` in a value, and a key written twice.
 * Anything else is the parser's first error, alone.
 */
import type { YAMLError } from "yaml";
import type { Location } from "../base/errors.js";

/** The one problem reported for a file that is not valid YAML. */
export interface YamlRootCause {
  readonly location: Location;
  readonly message: string;
  readonly hint?: string;
}

/** A line of the text, with its indentation. */
interface TextLine {
  readonly number: number;
  readonly text: string;
  readonly indent: number;
}

/** `key: value` or `- key: value` on a line: the key, its column (1-based) and the value as written. */
interface KeyLine {
  readonly key: string;
  readonly column: number;
  readonly value: string;
}

const KEY_LINE = /^(\s*(?:-\s+)?)([A-Za-z0-9_.${}-]+):(?:\s+(.*))?$/;

/** The root cause of `errors` (non-empty) in `text`; `at` turns an offset into a location in `file`. */
export function yamlRootCause(text: string, errors: readonly YAMLError[], file: string, at: (offset: number) => Location): YamlRootCause {
  const lines = text.split(/\r?\n/).map((line, index) => ({ number: index + 1, text: line, indent: /^ */.exec(line)?.[0].length ?? 0 }));
  const sorted = [...errors].sort((a, b) => a.pos[0] - b.pos[0]);
  const first = sorted[0] as YAMLError;
  const place = (line: number, column: number): Location => ({ file, line, column });
  const tab = sorted.find((error) => error.code === "TAB_AS_INDENT");
  if (tab) return tabIndent(lines, at(tab.pos[0]).line, place);
  const duplicate = sorted.find((error) => error.code === "DUPLICATE_KEY");
  if (duplicate) return duplicateKey(lines, at(duplicate.pos[0]), place);
  const start = at(first.pos[0]);
  const line = lines[start.line - 1];
  const cause = line ? causeAtLine(lines, line, first, place) : undefined;
  return cause ?? { location: start, message: parserMessage(first.message) };
}

/** The parser's message without its code excerpt and position suffix. */
export function parserMessage(message: string): string {
  const firstLine = message.split("\n")[0] ?? message;
  // The yaml library catches its own stack overflow on absurdly deep nesting and reports the RangeError's text.
  if (/Maximum call stack size exceeded/.test(firstLine)) return "invalid YAML: lists or mappings are nested too deeply to read (hundreds of levels)";
  return `invalid YAML: ${firstLine.replace(/ at line \d+, column \d+:?$/, "")}`;
}

function tabIndent(lines: readonly TextLine[], reported: number, place: (line: number, column: number) => Location): YamlRootCause {
  // The first line indented with a tab at or before the reported one: later errors follow from it.
  const line = lines.find((candidate) => candidate.number <= reported && /^ *\t/.test(candidate.text)) ?? lines[reported - 1];
  const number = line?.number ?? reported;
  const column = (line?.text.indexOf("\t") ?? 0) + 1;
  return {
    location: place(number, column),
    message: "invalid YAML: a tab indents this line; YAML indents with spaces only",
    hint: `replace the tab at the start of line ${number} with spaces, as many as the keys beside it`,
  };
}

function duplicateKey(lines: readonly TextLine[], at: Location, place: (line: number, column: number) => Location): YamlRootCause {
  const line = lines[at.line - 1];
  const key = line ? parseKeyLine(line.text)?.key : undefined;
  if (!line || key === undefined) return { location: at, message: "invalid YAML: a key is written twice in the same mapping" };
  const column = line.text.indexOf(key) + 1;
  const earlier = earlierSibling(lines, line, column, key);
  const firstOn = earlier ? ` (first on line ${earlier})` : "";
  return {
    location: place(line.number, column),
    message: `invalid YAML: key "${key}" is written twice in the same mapping${firstOn}`,
    hint: `keep one "${key}": remove or rename the other, or merge what is under both into one`,
  };
}

/** The line of the earlier `key:` at the same column, in the same mapping (no line further out in between). */
function earlierSibling(lines: readonly TextLine[], line: TextLine, column: number, key: string): number | undefined {
  for (let index = line.number - 2; index >= 0; index--) {
    const candidate = lines[index] as TextLine;
    if (isBlank(candidate)) continue;
    const parsed = parseKeyLine(candidate.text);
    if (parsed && parsed.column === column && parsed.key === key) return candidate.number;
    if (firstContentColumn(candidate) < column) return undefined;
  }
  return undefined;
}

/** A missing space after a colon, an unquoted `: ` in a value, or a key out of line with its siblings. */
function causeAtLine(lines: readonly TextLine[], line: TextLine, error: YAMLError, place: (line: number, column: number) => Location): YamlRootCause | undefined {
  const noSpace = /^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_.-]*):([^\s:/'"][^\s]*)\s*$/.exec(line.text);
  if (noSpace) {
    const [, lead = "", key = "", value = ""] = noSpace;
    return {
      location: place(line.number, lead.length + key.length + 2),
      message: `invalid YAML: no space after the colon in "${key}:${value}"`,
      hint: `write "${key}: ${value}": YAML needs a space after the colon of a key`,
    };
  }
  const parsed = parseKeyLine(line.text);
  if (error.code === "BLOCK_AS_IMPLICIT_KEY" && parsed && hasUnquotedColon(parsed.value)) {
    const valueStart = line.text.indexOf(parsed.value, parsed.column + parsed.key.length);
    const column = valueStart + parsed.value.search(/:(\s|$)/) + 1;
    return {
      location: place(line.number, column),
      message: `invalid YAML: the value of "${parsed.key}" contains ": ", which YAML reads as the start of another key`,
      hint: `quote the value: ${parsed.key}: "${parsed.value.replaceAll('"', '\\"')}"`,
    };
  }
  if (/^\s*- /.test(line.text)) {
    const item = dedentedListItem(lines, line, place);
    if (item) return item;
  }
  if (/Missing closing ["']quote/.test(error.message)) return unclosedQuote(lines, line, place);
  if (error.code === "BLOCK_AS_IMPLICIT_KEY" || error.code === "MULTILINE_IMPLICIT_KEY") return overIndented(lines, line, place);
  if (error.code === "BAD_INDENT") return outOfLine(lines, line, place);
  return undefined;
}

/** `- item` one or more columns left of the items above it, with nothing further out in between. */
function dedentedListItem(lines: readonly TextLine[], line: TextLine, place: (line: number, column: number) => Location): YamlRootCause | undefined {
  const column = line.indent + 1;
  for (let index = line.number - 2; index >= 0; index--) {
    const candidate = lines[index] as TextLine;
    if (isBlank(candidate)) continue;
    if (candidate.indent + 1 < column) return undefined;
    if (/^\s*- /.test(candidate.text) && candidate.indent + 1 > column) {
      return {
        location: place(line.number, column),
        message: `invalid YAML: this list item is indented ${column - 1} spaces, but the items above it are at ${candidate.indent} (line ${candidate.number})`,
        hint: `indent line ${line.number} with ${candidate.indent} spaces, like line ${candidate.number}`,
      };
    }
  }
  return undefined;
}

/** A quote opened and never closed: the parser reports the end of the file; the fix is where it opened. */
function unclosedQuote(lines: readonly TextLine[], line: TextLine, place: (line: number, column: number) => Location): YamlRootCause | undefined {
  for (let index = line.number - 1; index >= 0; index--) {
    const candidate = lines[index] as TextLine;
    const parsed = parseKeyLine(candidate.text);
    const quote = parsed?.value[0];
    if (!parsed || (quote !== '"' && quote !== "'")) continue;
    const body = parsed.value.slice(1).replace(quote === '"' ? /\\./g : /''/g, "");
    if (body.includes(quote)) continue;
    return {
      location: place(candidate.number, candidate.text.indexOf(parsed.value, parsed.column) + 1),
      message: `invalid YAML: the value of "${parsed.key}" opens a ${quote === '"' ? "double" : "single"} quote that is never closed`,
      hint: `end the value with ${quote} on line ${candidate.number}`,
    };
  }
  return undefined;
}

/** `key: value` followed by a line indented further: the parser blames the key; the fix is on the next line. */
function overIndented(lines: readonly TextLine[], line: TextLine, place: (line: number, column: number) => Location): YamlRootCause | undefined {
  const parsed = parseKeyLine(line.text);
  if (!parsed || parsed.value === "") return undefined;
  const next = lines.slice(line.number).find((candidate) => !isBlank(candidate));
  if (!next || firstContentColumn(next) <= parsed.column) return undefined;
  const nextKey = parseKeyLine(next.text)?.key;
  const what = nextKey === undefined ? `line ${next.number}` : `"${nextKey}"`;
  return {
    location: place(next.number, firstContentColumn(next)),
    message: `invalid YAML: ${what} is indented more than "${parsed.key}" above it (line ${line.number}), which already has a value`,
    hint: `indent ${what} with ${parsed.column - 1} spaces, like "${parsed.key}"`,
  };
}

/** A key at a column between its mapping's and its parent's: the parser says "must start at the same column". */
function outOfLine(lines: readonly TextLine[], line: TextLine, place: (line: number, column: number) => Location): YamlRootCause | undefined {
  const column = firstContentColumn(line);
  let sibling: { line: TextLine; column: number } | undefined;
  for (let index = line.number - 2; index >= 0; index--) {
    const candidate = lines[index] as TextLine;
    if (isBlank(candidate)) continue;
    const candidateColumn = firstContentColumn(candidate);
    // Right under a key that already has a value: this line is indented too far, not too little.
    if (candidateColumn < column && sibling === undefined) return overIndented(lines, candidate, place);
    if (candidateColumn < column) break;
    if (!sibling || candidateColumn < sibling.column) sibling = { line: candidate, column: candidateColumn };
  }
  if (!sibling) return undefined;
  const key = parseKeyLine(line.text)?.key;
  const siblingKey = parseKeyLine(sibling.line.text)?.key;
  const what = key === undefined ? `line ${line.number}` : `"${key}"`;
  const like = siblingKey === undefined ? `line ${sibling.line.number}` : `"${siblingKey}" on line ${sibling.line.number}`;
  return {
    location: place(line.number, column),
    message: `invalid YAML: ${what} is indented ${column - 1} spaces, but the keys of its mapping are at ${sibling.column - 1} (like ${like})`,
    hint: `indent ${what} with ${sibling.column - 1} spaces, like ${like}`,
  };
}

/** A plain (unquoted, not flow) value that holds `: ` or ends with `:`. */
function hasUnquotedColon(value: string): boolean {
  if (value === "" || /^["'[{|>&*!]/.test(value)) return false;
  return /:(\s|$)/.test(value.replace(/\s+#.*$/, ""));
}

function parseKeyLine(text: string): KeyLine | undefined {
  const match = KEY_LINE.exec(text);
  if (!match) return undefined;
  const [, lead = "", key = "", value = ""] = match;
  return { key, column: lead.length + 1, value: value.trimEnd() };
}

function isBlank(line: TextLine): boolean {
  return /^\s*(#.*)?$/.test(line.text);
}

/** 1-based column of the first character after indentation and any `- ` list markers. */
function firstContentColumn(line: TextLine): number {
  return (/^[\s-]*/.exec(line.text)?.[0].length ?? 0) + 1;
}
