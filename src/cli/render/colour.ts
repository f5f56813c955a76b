/**
 * Colour in terminal output: only on a terminal, never with `--no-color` or
 * `NO_COLOR` (https://no-color.org), so piped and machine output stay plain.
 */

/** Whether to colour what is written to `stream`. `colorFlag`: commander's `color` (false with `--no-color`). */
export function colourEnabled(stream: NodeJS.WriteStream, colorFlag: boolean | undefined = true): boolean {
  return colorFlag !== false && stream.isTTY === true && (process.env.NO_COLOR ?? "") === "";
}

/** Compose's idea: each service its own colour, bright variants after the basic ones. */
const PALETTE = [36, 33, 32, 35, 34, 96, 93, 92, 95, 94] as const;

/**
 * A colour per service that stays the same from run to run: chosen by the
 * service's place among all the stack's services (sorted), not by the order
 * containers happen to be listed.
 */
export function serviceColours(allServices: readonly string[]): (service: string, text: string) => string {
  const sorted = [...allServices].sort();
  return (service, text) => {
    const place = sorted.indexOf(service);
    const code = PALETTE[(place < 0 ? 0 : place) % PALETTE.length];
    return `\u001b[${code}m${text}\u001b[0m`;
  };
}
