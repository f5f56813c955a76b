/**
 * Picks how progress is shown: a task list on a terminal, plain lines
 * otherwise or when asked, JSON lines for machines.
 */
import type { ExecutionEvent } from "../../plan/walk.js";
import type { Plan } from "../../plan/plan.js";
import { jsonProgress, plainProgress } from "./plain.js";

/** `--progress`. */
export type ProgressMode = "auto" | "tty" | "plain" | "json" | "quiet";

/** A progress display bound to one plan. */
export interface Progress {
  readonly onEvent: (event: ExecutionEvent) => void;
  /** Call when execution ended (with its error, if any); resolves when the display is done. */
  end(error?: Error): Promise<void>;
}

/** Creates the display for `plan`. The task list (listr2) is loaded only for a terminal. */
export async function createProgress(mode: ProgressMode, plan: Plan, stream: NodeJS.WriteStream): Promise<Progress> {
  // A terminal that reports no width (some CI pseudo-terminals) garbles a task list: use plain lines there.
  const resolved = mode === "auto" ? (stream.isTTY && (stream.columns ?? 0) > 0 && !process.env.CI ? "tty" : "plain") : mode;
  switch (resolved) {
    case "tty": {
      const { taskListProgress } = await import("./task-list.js");
      const list = taskListProgress(plan);
      return {
        onEvent: list.onEvent,
        end: async (error) => {
          list.finish(error);
          await list.run;
        },
      };
    }
    case "json":
      return { onEvent: jsonProgress(stream), end: async () => undefined };
    case "quiet":
      return { onEvent: () => undefined, end: async () => undefined };
    case "plain":
      return { onEvent: plainProgress(stream), end: async () => undefined };
  }
}
