/**
 * A tsd session on the lab's manager, in process (the same use cases the CLI
 * calls), with every event recorded and every Swarm API call counted: the
 * real adapter, wrapped.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StackSession } from "../../../src/app/session.js";
import { EventBus } from "../../../src/events/bus.js";
import type { StackEvent } from "../../../src/events/stack-event.js";
import { connectSwarmEngine } from "../../../src/docker-api/dockerode/connect.js";
import type { SwarmEngine } from "../../../src/docker-api/swarm-engine.js";
import { SwarmTarget } from "../../../src/targets/swarm/target.js";
import { defaultUpOptions } from "../../../src/targets/target.js";

/** The real adapter, with each call's method name logged. */
export function countingEngine(managerHost: string, calls: string[]): SwarmEngine {
  const engine = connectSwarmEngine({ DOCKER_HOST: managerHost });
  return new Proxy(engine, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        calls.push(String(property));
        return (value as (...parameters: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** A project folder with its files, and sessions on it. */
export class SwarmProject {
  readonly dir = mkdtempSync(join(tmpdir(), "tsd-swarm-"));
  readonly calls: string[] = [];
  readonly events: StackEvent[] = [];
  readonly engine: SwarmEngine;

  constructor(private readonly managerHost: string) {
    this.engine = countingEngine(managerHost, this.calls);
  }

  write(name: string, text: string): void {
    writeFileSync(join(this.dir, name), text);
  }

  async session(allowUnsupported = false): Promise<StackSession> {
    const bus = new EventBus();
    bus.subscribe((event) => this.events.push(event));
    return StackSession.open({
      stack: { load: { cwd: this.dir, files: ["stack.yml"], environment: {} } },
      target: "swarm",
      bus,
      allowUnsupported,
      environment: { DOCKER_HOST: this.managerHost },
      openTarget: (_name, emit, clock, options) => new SwarmTarget(this.engine, emit, clock, { environment: {}, allowUnsupported: options.allowUnsupported }),
    });
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** `up` options of a plain `tsd up --target swarm`. */
export const UP = defaultUpOptions("test");
