/**
 * `tsd version`: tsd's version, and the engine's as `docker version` shows
 * its Server part. Without an engine, tsd's part and one line saying so
 * (exit 1, as `docker version` does).
 */
import { versions, type Versions } from "../../app/objects.js";
import { commandBus } from "../session.js";
import { packageVersion } from "../wiring/options.js";

/** Runs `tsd version`. */
export async function runVersion(flags: { readonly format: "text" | "json" }): Promise<void> {
  const client = { version: packageVersion(), node: process.version, os: process.platform, arch: process.arch };
  const found = await versions({ target: "docker", environment: process.env, emit: commandBus({}).publish }, client);
  if (flags.format === "json") process.stdout.write(`${JSON.stringify(found, null, 2)}\n`);
  else process.stdout.write(versionText(found));
  if (found.engine === undefined) process.exitCode = 1;
}

function block(title: string, rows: readonly (readonly [string, string])[], indent = " "): string {
  const width = Math.max(...rows.map(([label]) => label.length)) + 1;
  return `${title}\n${rows.map(([label, value]) => `${indent}${`${label}:`.padEnd(width + 1)}${value}`).join("\n")}\n`;
}

/** The text form: a Client block (tsd), then the Server block (the engine) or why there is none. */
export function versionText(found: Versions): string {
  const client = block("Client: tsd", [
    ["Version", found.client.version],
    ["Node.js", found.client.node],
    ["OS/Arch", `${found.client.os}/${found.client.arch}`],
  ]);
  const engine = found.engine;
  if (engine === undefined) return `${client}\nServer: unreachable: ${found.engineUnreachable ?? "the engine did not answer"}\n`;
  const rows: [string, string][] = [
    ["Version", engine.version],
    ["API version", `${engine.apiVersion} (minimum version ${engine.minApiVersion})`],
    ["Go version", engine.goVersion],
    ["Git commit", engine.gitCommit],
    ["Built", engine.buildTime],
    ["OS/Arch", `${engine.os}/${engine.arch}`],
    ["Kernel", engine.kernelVersion],
    ["Experimental", String(engine.experimental)],
  ];
  const components = engine.components
    .filter((component) => component.name !== "Engine")
    .map((component) => block(` ${component.name}:`, [["Version", component.version], ...Object.entries(component.details).sort(([a], [b]) => a.localeCompare(b))], "  "))
    .join("");
  return `${client}\n${block(`Server: ${engine.platform || "Docker Engine"}`, rows)}${components}`;
}
