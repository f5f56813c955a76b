/**
 * Whole lines out of a container's output chunks. A chunk may end mid-line
 * (the engine frames output by write, not by line), and stdout and stderr
 * interleave, so each stream of each container keeps its own unfinished line.
 */

/** Splits one stream's text into lines, holding back an unfinished last line. */
export class LineSplitter {
  private pending = "";

  /** The lines completed by `text`, without their line ends (`\r\n` too). */
  push(text: string): string[] {
    const lines = (this.pending + text).split("\n");
    this.pending = lines.pop() ?? "";
    return lines.map(withoutCarriageReturn);
  }

  /** The unfinished line at the end of the stream, if any (output without a final newline). */
  flush(): string[] {
    const rest = this.pending;
    this.pending = "";
    return rest === "" ? [] : [withoutCarriageReturn(rest)];
  }
}

function withoutCarriageReturn(line: string): string {
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}
