/**
 * The dashboard's live state, shared by every tab: the project view
 * (rebuilt when the stack files change; an edit that does not load leaves
 * the last good stack in place and shows its located problems), the
 * services table (read again after each container event, and every few
 * seconds as a floor), and the engine followers. Tabs read it; they never
 * cause engine calls of their own.
 */
import { StackSession } from "../../app/session.js";
import { EventBus } from "../../events/bus.js";
import { dashboardOverview, type ReplicaOverview, type SwarmOverview } from "../../app/service-overview.js";
import type { UpPlanOptions } from "../../app/up.js";
import { stackInputPaths, type StackFileWatcher, watchStackFiles } from "../../watch/stack-files.js";
import type { Snapshot } from "./event-stream.js";
import { followEngine } from "./followers.js";
import { buildProjectView, loadProblem, type LoadProblem, type ProjectView } from "./project-view.js";

/** How often the services table is read when no event asked for it. */
const SERVICES_FLOOR_MS = 3_000;
/** On a swarm no event asks for it (the manager reports no task events): read once a second, for every tab at once. */
const SWARM_FLOOR_MS = 1_000;
/** Container events come in bursts (die, stop, start): one read after the burst. */
const SERVICES_DEBOUNCE_MS = 150;
/** An editor's save is several file events. */
const RELOAD_DEBOUNCE_MS = 150;

/** What the dashboard runs with. */
export interface DashboardOptions {
  /** The plan options of the plan pane (those of a plain `tsd up`). */
  readonly plan: UpPlanOptions;
  /** Called with every snapshot that changed, for the event stream. */
  readonly publish: (snapshot: Snapshot) => void;
  /** Watch the stack files (off when a watch loop beside it reloads them). */
  readonly watchFiles: boolean;
}

/** The live state. */
export class Dashboard {
  #view: ProjectView | undefined;
  #services: readonly ReplicaOverview[] = [];
  #servicesJson = "";
  #swarm: SwarmOverview | undefined;
  #swarmJson = "";
  #revision = 0;
  #problem: LoadProblem | undefined;
  #servicesTimer: NodeJS.Timeout | undefined;
  #reloadTimer: NodeJS.Timeout | undefined;
  #floor: NodeJS.Timeout | undefined;
  #reading: Promise<void> | undefined;
  #readAgain = false;
  #files: StackFileWatcher | undefined;
  readonly #abort = new AbortController();
  /** A second session on the same files for the plan pane: its plan events stay off the main bus, which a CLI loop beside the dashboard renders. */
  #planner: Promise<StackSession> | undefined;

  constructor(
    readonly session: StackSession,
    private readonly options: DashboardOptions,
  ) {}

  /** Reads everything once, then follows the engine and the files. */
  async start(): Promise<void> {
    await Promise.all([this.#rebuild(), this.refreshServices()]);
    followEngine(this.session, this.#abort.signal, (error) => this.session.emit({ type: "warning", message: `dashboard: ${error instanceof Error ? error.message : String(error)}` }));
    this.session.events.subscribe((event) => {
      if (event.type === "engine-event" || event.type === "container" || (event.type === "step" && event.phase === "done")) this.servicesChanged();
      if (event.type === "watch" && (event.kind === "pass-applied" || event.kind === "pass-invalid")) this.filesChanged();
    });
    const floor = (await this.session.target()).name === "swarm" ? SWARM_FLOOR_MS : SERVICES_FLOOR_MS;
    this.#floor = setInterval(() => void this.refreshServices(), floor).unref();
    if (this.options.watchFiles) {
      this.#files = watchStackFiles(stackInputPaths(this.session.project, this.session.selection.load), () => this.filesChanged());
      await this.#files.ready;
    }
  }

  /** The project view as last built. */
  get view(): ProjectView | undefined {
    return this.#view;
  }

  get services(): readonly ReplicaOverview[] {
    return this.#services;
  }

  /** The Swarm pane's data; undefined on a single engine. */
  get swarm(): SwarmOverview | undefined {
    return this.#swarm;
  }

  /** The snapshots a new connection starts with. */
  snapshots(): Snapshot[] {
    return [
      { name: "services", data: this.#services },
      ...(this.#swarm ? [{ name: "swarm", data: this.#swarm }] : []),
      { name: "project", data: { revision: this.#revision, problem: this.#problem ?? null } },
    ];
  }

  /** Asks for the services table to be read again soon. */
  servicesChanged(): void {
    if (this.#servicesTimer) return;
    this.#servicesTimer = setTimeout(() => {
      this.#servicesTimer = undefined;
      void this.refreshServices();
    }, SERVICES_DEBOUNCE_MS);
  }

  /**
   * Reads the services table now; tells the tabs when it changed. Reads run
   * one at a time (a read asked for meanwhile runs once after), so an older
   * read never lands after a newer one.
   */
  refreshServices(): Promise<void> {
    if (this.#reading) {
      this.#readAgain = true;
      return this.#reading;
    }
    this.#reading = (async () => {
      do {
        this.#readAgain = false;
        await this.#readServices();
      } while (this.#readAgain);
      this.#reading = undefined;
    })();
    return this.#reading;
  }

  async #readServices(): Promise<void> {
    try {
      const { services, swarm } = await dashboardOverview(this.session);
      const json = JSON.stringify(services);
      const swarmJson = JSON.stringify(swarm ?? null);
      if (swarm && swarmJson !== this.#swarmJson) {
        this.#swarm = swarm;
        this.#swarmJson = swarmJson;
        this.options.publish({ name: "swarm", data: swarm });
      }
      if (json === this.#servicesJson) return;
      this.#services = services;
      this.#servicesJson = json;
      this.options.publish({ name: "services", data: services });
    } catch (error) {
      this.session.emit({ type: "warning", message: `dashboard: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  /** A stack file changed: reload soon. */
  filesChanged(): void {
    clearTimeout(this.#reloadTimer);
    this.#reloadTimer = setTimeout(() => void this.reload(), RELOAD_DEBOUNCE_MS);
  }

  /** Loads the files again; on failure keeps the last good project and shows why. */
  async reload(): Promise<void> {
    try {
      await this.session.reload();
      this.#problem = undefined;
      this.#files?.update(stackInputPaths(this.session.project, this.session.selection.load));
    } catch (error) {
      this.#problem = loadProblem(error, this.session.project.stack.projectDir);
    }
    await this.#rebuild();
  }

  /** Stops following and watching. */
  async close(): Promise<void> {
    this.#abort.abort();
    clearInterval(this.#floor);
    clearTimeout(this.#servicesTimer);
    clearTimeout(this.#reloadTimer);
    await this.#files?.close();
  }

  async #rebuild(): Promise<void> {
    this.#revision += 1;
    const revision = this.#revision;
    this.#planner ??= StackSession.open({ stack: this.session.selection, target: this.session.targetName, bus: new EventBus(), quiet: true });
    const planner = await this.#planner;
    // A failed reload leaves it on the last good project, as the main session.
    await planner.reload().catch(() => undefined);
    const view = await buildProjectView(this.session, planner, this.options.plan, revision, this.#problem, this.#view);
    if (revision !== this.#revision) return;
    this.#view = view;
    this.options.publish({ name: "project", data: { revision, problem: this.#problem ?? null } });
  }
}
