/**
 * Splits a command string into words the way a POSIX shell would, without
 * expanding anything: Compose turns `command: bundle exec "thin -p" 3000`
 * into an exec-form list, and so do we.
 */
import type { Parsed } from "./ports.js";

/** Characters a backslash escapes inside double quotes (POSIX). */
const DOUBLE_QUOTE_ESCAPES = new Set(['"', "\\", "$", "`", "\n"]);

/** Splits `text` into words; an unterminated quote or trailing backslash is an error. */
export function shellSplit(text: string): Parsed<string[]> {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else word += char;
      continue;
    }
    if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === "\\" && DOUBLE_QUOTE_ESCAPES.has(text[index + 1] ?? "")) {
        index++;
        // A backslash-newline is a line continuation: both disappear.
        if (text[index] !== "\n") word += text[index];
      } else word += char;
      continue;
    }
    if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === "\\") {
      if (index + 1 >= text.length) return { ok: false, message: `${JSON.stringify(text)} ends with a lone backslash` };
      index++;
      if (text[index] !== "\n") {
        word += text[index];
        inWord = true;
      }
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (quote) return { ok: false, message: `${JSON.stringify(text)} has an unterminated ${quote === "'" ? "single" : "double"} quote` };
  if (inWord) words.push(word);
  return { ok: true, value: words };
}
