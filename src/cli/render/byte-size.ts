/**
 * Byte counts as the docker CLI prints them (go-units): memory in binary
 * units with four significant digits (`1.992MiB`), transfers and image sizes
 * in decimal units with three (`1.23kB`).
 */

const BINARY_UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"] as const;
const DECIMAL_UNITS = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"] as const;

function scaled(bytes: number, base: number, units: readonly string[], digits: number): string {
  let size = bytes;
  let unit = 0;
  while (size >= base && unit < units.length - 1) {
    size /= base;
    unit += 1;
  }
  // Number() drops the trailing zeros toPrecision keeps, as Go's %g does.
  return `${Number(size.toPrecision(digits))}${units[unit]}`;
}

/** go-units' BytesSize: `1.992MiB`. */
export function binarySize(bytes: number): string {
  return scaled(bytes, 1024, BINARY_UNITS, 4);
}

/** go-units' HumanSizeWithPrecision(size, 3): `1.23kB`. */
export function decimalSize(bytes: number): string {
  return scaled(bytes, 1000, DECIMAL_UNITS, 3);
}
