/**
 * The `${VAR}` template language of Compose, evaluated over one string.
 *
 * Written as a small recursive scanner rather than compose-go's regular
 * expression so that the edge cases Compose documents fall out of the
 * grammar: the operator is whatever follows the name (so the first operator
 * decides, `${V-a:?b}` is a default), an operand runs to its matching `}`
 * (so defaults may hold `{"json":1}` or further `${...}`), and an operand is
 * only evaluated when it is used (an unused default warns about nothing).
 */

/** Looks a variable up; `undefined` means unset (distinct from empty). */
export type EnvLookup = (name: string) => string | undefined;

/** Receives a warning (the loader de-duplicates and prints them). */
export type Warn = (message: string) => void;

/** Why a template could not be evaluated; `interpolateString` turns it into a ConfigError. */
export class TemplateError extends Error {
  constructor(
    message: string,
    /** `syntax`: the template is malformed; `required`: a `${V:?msg}` check failed. */
    readonly reason: "syntax" | "required",
  ) {
    super(message);
    this.name = "TemplateError";
  }
}

/** The operators allowed after a name inside `${...}`. */
type Operator = ":-" | "-" | ":+" | "+" | ":?" | "?";

function isNameStart(char: string | undefined): boolean {
  return char !== undefined && /^[A-Za-z_]$/.test(char);
}

function isNameChar(char: string | undefined): boolean {
  return char !== undefined && /^[A-Za-z0-9_]$/.test(char);
}

/** Evaluates `template`; throws TemplateError on malformed syntax or a failed required check. */
export function substitute(template: string, lookup: EnvLookup, warn: Warn): string {
  return new Substitution(template, lookup, warn).evaluate(0, template.length);
}

class Substitution {
  constructor(
    private readonly template: string,
    private readonly lookup: EnvLookup,
    private readonly warn: Warn,
  ) {}

  /** Evaluates `template[start, end)`: the whole string or one operand. */
  evaluate(start: number, end: number): string {
    const text = this.template;
    let out = "";
    let index = start;
    while (index < end) {
      const dollar = text.indexOf("$", index);
      if (dollar < 0 || dollar >= end) {
        out += text.slice(index, end);
        break;
      }
      out += text.slice(index, dollar);
      const next = dollar + 1 < end ? text[dollar + 1] : undefined;
      if (next === "$") {
        out += "$";
        index = dollar + 2;
      } else if (next === "{") {
        const braced = this.braced(dollar, end);
        out += braced.value;
        index = braced.next;
      } else if (isNameStart(next)) {
        let nameEnd = dollar + 2;
        while (nameEnd < end && isNameChar(text[nameEnd])) nameEnd++;
        out += this.plain(text.slice(dollar + 1, nameEnd));
        index = nameEnd;
      } else {
        // A lone `$` (`a $ b`, `$}`, a regex's trailing `$`) is text, as in Compose.
        out += "$";
        index = dollar + 1;
      }
    }
    return out;
  }

  /** A variable without modifier: unset gives an empty string and a warning. */
  private plain(name: string): string {
    const value = this.lookup(name);
    if (value === undefined) this.warn(`The "${name}" variable is not set. Defaulting to a blank string.`);
    return value ?? "";
  }

  /** Evaluates the `${...}` starting at `dollar`; returns its value and the index after its `}`. */
  private braced(dollar: number, end: number): { value: string; next: number } {
    const text = this.template;
    const nameStart = dollar + 2;
    let index = nameStart;
    if (isNameStart(text[index]) && index < end) {
      index++;
      while (index < end && isNameChar(text[index])) index++;
    }
    const name = text.slice(nameStart, index);
    if (name === "") throw this.syntax(index >= end ? 'missing a variable name and the closing "}"' : 'expected a variable name after "${"');
    if (index >= end) throw this.syntax(`missing the closing "}" after "\${${name}"`);

    if (text[index] === "}") return { value: this.plain(name), next: index + 1 };
    const operator = this.operatorAt(index, end);
    if (operator === undefined) {
      throw this.syntax(`unexpected ${JSON.stringify(text[index])} after the variable name "${name}"`);
    }
    const operandStart = index + operator.length;
    const close = this.matchingBrace(operandStart, end);
    if (close < 0) throw this.syntax(`missing the closing "}" of "\${${name}${operator}"`);
    const operand = (): string => this.evaluate(operandStart, close);
    return { value: this.apply(name, operator, operand), next: close + 1 };
  }

  private operatorAt(index: number, end: number): Operator | undefined {
    const text = this.template;
    const first = text[index];
    if (first === "-" || first === "+" || first === "?") return first;
    const second = index + 1 < end ? text[index + 1] : undefined;
    if (first === ":" && (second === "-" || second === "+" || second === "?")) return `:${second}`;
    return undefined;
  }

  /**
   * Index of the `}` closing an operand that starts at `start`. Braces are
   * counted so that a default may itself hold `{...}` (JSON) or `${...}`.
   */
  private matchingBrace(start: number, end: number): number {
    let depth = 1;
    for (let index = start; index < end; index++) {
      const char = this.template[index];
      if (char === "{") depth++;
      else if (char === "}" && --depth === 0) return index;
    }
    return -1;
  }

  /** The value of `${name<operator><operand>}`; the operand is evaluated only if it is used. */
  private apply(name: string, operator: Operator, operand: () => string): string {
    const value = this.lookup(name);
    const unset = value === undefined;
    const unsetOrEmpty = value === undefined || value === "";
    switch (operator) {
      case ":-":
        return unsetOrEmpty ? operand() : value;
      case "-":
        return unset ? operand() : value;
      case ":+":
        return unsetOrEmpty ? "" : operand();
      case "+":
        return unset ? "" : operand();
      case ":?":
        if (unsetOrEmpty) throw this.missing(name, operand());
        return value;
      case "?":
        if (unset) throw this.missing(name, operand());
        return value;
    }
  }

  private missing(name: string, message: string): TemplateError {
    const suffix = message === "" ? "" : `: ${message}`;
    return new TemplateError(`required variable ${name} is missing a value${suffix}`, "required");
  }

  private syntax(reason: string): TemplateError {
    return new TemplateError(
      `invalid interpolation format for ${JSON.stringify(this.template)}: ${reason}; use "$$" for a literal "$"`,
      "syntax",
    );
  }
}
