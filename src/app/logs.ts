/**
 * `tsd logs`: the services' output as log events, whole lines, stdout and
 * stderr apart; with `follow`, until every replica stopped or the signal
 * aborts.
 */
import type { LogFollow, LogRequest } from "../targets/target.js";
import type { StackContext } from "./context.js";

export type { LogFollow, LogRequest, LogSource } from "../targets/target.js";

/** Starts reading; the sources are known at once, the lines come as events. */
export async function logs(context: StackContext, request: LogRequest): Promise<LogFollow> {
  context.checkServices(request.services);
  const target = await context.target();
  return target.logs(context.project, request);
}
