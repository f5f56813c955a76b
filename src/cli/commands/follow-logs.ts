/**
 * Attached `up`: follow every service container's output, prefixed with its
 * name, until Ctrl-C (then stop the stack, as Compose does) or until every
 * container has exited.
 */
import type { Engine } from "../../engine/engine.js";
import { LABEL_KIND, LABEL_PROJECT, LABEL_PROJECT_ID, LABEL_SERVICE } from "../../engine/labels.js";
import type { Project } from "../../project.js";

/** Follows logs; with `stopOnEnd`, an interrupt stops the containers before returning. */
export async function followLogs(engine: Engine, project: Project, services: readonly string[], signal: AbortSignal, options: { readonly stopOnEnd: boolean }): Promise<void> {
  const containers = (await engine.listContainers({ [LABEL_PROJECT]: project.stack.name, [LABEL_PROJECT_ID]: project.stack.projectId, [LABEL_KIND]: "service" }))
    .filter((container) => services.length === 0 || services.includes(container.labels[LABEL_SERVICE] ?? ""))
    .sort((a, b) => a.name.localeCompare(b.name));
  const width = Math.max(0, ...containers.map((container) => container.name.length));
  process.stderr.write("attached: following logs; Ctrl-C stops the stack (use -d to leave it running)\n");
  await Promise.all(
    containers.map(async (container) => {
      const prefix = `${container.name.padEnd(width)} | `;
      let pending = "";
      for await (const chunk of engine.logs(container.id, { follow: true, timestamps: false, signal })) {
        const lines = (pending + chunk.text).split("\n");
        pending = lines.pop() ?? "";
        for (const line of lines) (chunk.stream === "stderr" ? process.stderr : process.stdout).write(`${prefix}${line}\n`);
      }
      if (pending) process.stdout.write(`${prefix}${pending}\n`);
    }),
  );
  if (signal.aborted && options.stopOnEnd) {
    process.stderr.write("stopping…\n");
    await Promise.all(containers.map((container) => engine.stopContainer(container.id)));
  }
}
