/**
 * The detach keys as `tsd attach` reads them: Docker's spelling, the
 * sequence held back while it may still be typed, and nothing of it (or
 * after it) reaching the process.
 */
import { describe, expect, it } from "vitest";
import { DetachKeyFilter, parseDetachKeys } from "../../../src/base/detach-keys.js";

/** What the filter forwards for these chunks, and whether it detached. */
async function filtered(keys: string, chunks: readonly number[][]): Promise<{ forwarded: number[]; detached: boolean }> {
  let detached = false;
  const filter = new DetachKeyFilter(parseDetachKeys(keys), () => (detached = true));
  const forwarded: number[] = [];
  filter.on("data", (chunk: Buffer) => forwarded.push(...chunk));
  for (const chunk of chunks) filter.write(Buffer.from(chunk));
  filter.end();
  await new Promise((resolve) => filter.on("end", resolve));
  return { forwarded, detached };
}

describe("parseDetachKeys", () => {
  it("must read Docker's spellings: ctrl-letters, ctrl-symbols, plain characters", () => {
    expect([...parseDetachKeys("ctrl-p,ctrl-q")]).toEqual([0x10, 0x11]);
    expect([...parseDetachKeys("ctrl-@,ctrl-[,ctrl-\\,ctrl-],ctrl-^,ctrl-_")]).toEqual([0, 27, 28, 29, 30, 31]);
    expect([...parseDetachKeys("a,ctrl-A")]).toEqual([0x61, 0x01]);
  });

  it("must refuse what is not a key, naming it", () => {
    expect(() => parseDetachKeys("ctrl-p,ctrl-9")).toThrow('--detach-keys ctrl-p,ctrl-9: "ctrl-9" is not a key');
    expect(() => parseDetachKeys("shift-a")).toThrow('"shift-a" is not a key');
  });
});

describe("DetachKeyFilter", () => {
  it("must pass input through and detach on the whole sequence, forwarding none of it or what follows", async () => {
    expect(await filtered("ctrl-p,ctrl-q", [[0x68, 0x69], [0x10], [0x11, 0x78]])).toEqual({ forwarded: [0x68, 0x69], detached: true });
  });

  it("must forward a prefix that the next byte breaks, then look again from that byte", async () => {
    expect(await filtered("ctrl-p,ctrl-q", [[0x10, 0x61, 0x10, 0x10, 0x11]])).toEqual({ forwarded: [0x10, 0x61, 0x10], detached: true });
  });

  it("must forward a prefix left when the input ends, without detaching", async () => {
    expect(await filtered("ctrl-p,ctrl-q", [[0x61, 0x10]])).toEqual({ forwarded: [0x61, 0x10], detached: false });
  });
});
