/**
 * What `up`, `down`, `watch` and `create` print while they run, from the
 * session's events: the plan's progress, "nothing to do", then, attached,
 * the output and the clock-stamped status changes, or, watching, the watch
 * loop's lines. Status changes print only in the attached and watching
 * phases: while a plan runs, its steps already say what happens.
 */
import type { StackEvent } from "../../events/stack-event.js";
import { preciseClockTime, clockTime } from "./clock.js";
import type { logPrinter } from "./log-printer.js";
import { createProgress, type Progress, type ProgressMode } from "./progress.js";
import { supervisionText, transitionLine } from "./supervision-lines.js";
import { swarmServiceLine } from "./swarm-lines.js";
import { watchLines } from "./watch-lines.js";

/** Where a command is in its run. */
export type CommandPhase = "reconcile" | "attached" | "watching";

/** How a command's events are shown. */
export interface RendererOptions {
  readonly progress: ProgressMode;
  /** Said when a plan has nothing to do (never for a dry run). */
  readonly nothingToDo: string;
  /** `--explain`: the watch loop says why. */
  readonly explain?: boolean;
  readonly cwd: string;
}

/** The lines of an attached run's own phases. */
const ATTACH_LINES = {
  following: "attached: following logs; Ctrl-C stops the stack (use -d to leave it running)",
  aborting: "Aborting on container exit...",
  stopping: "Gracefully stopping... (press Ctrl+C again to force)",
  forcing: "forcing: killing the containers",
} as const;

/** Prints a command's events on stderr (log lines on stdout and stderr as they were written). */
export class CommandRenderer {
  phase: CommandPhase = "reconcile";
  readonly progress: Progress;
  /** Set once the command follows output. */
  logs: ReturnType<typeof logPrinter> | undefined;
  /** Attached: the services whose status changes are shown (empty: all). */
  shownServices: readonly string[] = [];

  constructor(private readonly options: RendererOptions) {
    this.progress = createProgress(options.progress, process.stderr);
  }

  /** Shows one event. */
  readonly onEvent = (event: StackEvent): void => {
    if (this.phase === "reconcile") this.progress.onEvent(event);
    for (const line of this.lines(event)) process.stderr.write(`${line}\n`);
    if (event.type === "log") this.logs?.print(event);
  };

  private lines(event: StackEvent): string[] {
    switch (event.type) {
      case "plan":
        return this.phase === "reconcile" && !event.dryRun && event.steps.length === 0 ? [this.options.nothingToDo] : [];
      case "attach":
        return [ATTACH_LINES[event.phase]];
      case "status":
        if (this.phase === "attached") return this.shownServices.length === 0 || this.shownServices.includes(event.service) ? [`${preciseClockTime(event.at)} ${transitionLine(event)}`] : [];
        return this.phase === "watching" ? [`${clockTime(event.at)} ${transitionLine(event)}`] : [];
      case "supervision":
        if (this.phase === "attached") return [`${preciseClockTime(event.at)} ${supervisionText(event)}`];
        return this.phase === "watching" ? [supervisionText(event)] : [];
      case "watch":
        return watchLines(event, { explain: this.options.explain ?? false, cwd: this.options.cwd });
      case "swarm-service":
        return [swarmServiceLine(event)];
      default:
        return [];
    }
  }
}
