/**
 * How a plan's progress is shown: a task list on a terminal, plain lines
 * otherwise or when asked, nothing with `quiet`. (`json` prints every event
 * as it is: see json-lines.ts.) The display is made when the plan event
 * arrives and mirrors the step events after it.
 */
import type { StackEvent } from "../../events/stack-event.js";
import { plainProgress } from "./plain.js";

/** `--progress`. */
export type ProgressMode = "auto" | "tty" | "plain" | "json" | "quiet";

/** A progress display for the plans of one command. */
export interface Progress {
  readonly onEvent: (event: StackEvent) => void;
  /** Call when the command's plan ended (with its error, if any); resolves when the display is done. */
  end(error?: Error): Promise<void>;
}

/** `auto` resolved for this stream: a task list only on a terminal that reports its width, outside CI. */
export function resolveMode(mode: ProgressMode, stream: NodeJS.WriteStream): Exclude<ProgressMode, "auto"> {
  // A terminal that reports no width (some CI pseudo-terminals) garbles a task list: use plain lines there.
  return mode === "auto" ? (stream.isTTY && (stream.columns ?? 0) > 0 && !process.env.CI ? "tty" : "plain") : mode;
}

/** A display of step events on `stream`. The task list (listr2) is loaded only for a terminal. */
export function createProgress(mode: ProgressMode, stream: NodeJS.WriteStream): Progress {
  const resolved = resolveMode(mode, stream);
  if (resolved === "plain") {
    const plain = plainProgress(stream);
    return { onEvent: (event) => event.type === "step" && plain(event), end: async () => undefined };
  }
  if (resolved !== "tty") return { onEvent: () => undefined, end: async () => undefined };
  let list: Promise<{ onStep: (event: StackEvent & { type: "step" }) => void; run: Promise<void>; finish: (error?: Error) => void }> | undefined;
  return {
    onEvent: (event) => {
      if (event.type === "plan" && !event.dryRun && list === undefined) list = import("./task-list.js").then(({ taskListProgress }) => taskListProgress(event.steps));
      if (event.type === "step") void list?.then((shown) => shown.onStep(event));
    },
    end: async (error) => {
      const shown = await list;
      shown?.finish(error);
      await shown?.run;
    },
  };
}
