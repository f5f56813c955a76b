/**
 * `npm run fuzz -- [--runs N] [--seed S] [--property TEXT] [--path P]`
 *
 * Runs the loader's robustness properties (test/unit/stack/load-fuzz-cases.ts,
 * the same ones `npm test` runs with a fixed seed and a few hundred cases) as
 * long as asked. Prints the seed first, so any run can be repeated; a failure
 * prints its counterexample path and the command that replays it.
 *
 * The properties run in a child process watched from here: a case that never
 * returns (an infinite loop cannot time itself out) is stopped after
 * HANG_LIMIT_MS and reported with the file holding its input.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import fc from "fast-check";
import { CASE_TIME_LIMIT_MS, FuzzHarness, corpusDocuments, loaderProperties } from "../test/unit/stack/load-fuzz-cases.js";
import { corpusRoot } from "../test/unit/support/corpus-root.js";

/** No new case for this long: the current one hangs. */
const HANG_LIMIT_MS = CASE_TIME_LIMIT_MS * 5;

interface Settings {
  readonly runs: number;
  readonly seed: number;
  readonly property: string | undefined;
  readonly path: string | undefined;
}

/** Set in the child process: the settings it runs with. */
const CHILD_SETTINGS = "TSD_FUZZ_SETTINGS";

/** What the worker tells the watchdog. */
type Message =
  | { readonly type: "ready"; readonly documents: number }
  | { readonly type: "case"; readonly inputFile: string }
  | { readonly type: "result"; readonly name: string; readonly cases: number; readonly seconds: number; readonly failure?: string }
  | { readonly type: "done"; readonly outcomes: Record<string, number> };

function readSettings(): Settings {
  const { values } = parseArgs({
    options: { runs: { type: "string" }, seed: { type: "string" }, property: { type: "string" }, path: { type: "string" } },
    strict: true,
  });
  const runs = Number(values.runs ?? 20_000);
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer (got ${values.runs})`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer (got ${values.seed})`);
  if (values.path !== undefined && values.property === undefined) throw new Error("--path replays one property: name it with --property");
  return { runs, seed, property: values.property, path: values.path };
}

/** Worker side: run the properties, report every case start and every result. */
async function runProperties(settings: Settings): Promise<void> {
  const post = (message: Message): void => {
    process.send?.(message);
  };
  const harness = new FuzzHarness();
  harness.onCase = (inputFile) => post({ type: "case", inputFile });
  const documents = corpusDocuments(corpusRoot);
  post({ type: "ready", documents: documents.length });
  const properties = loaderProperties(harness, documents).filter((entry) => settings.property === undefined || entry.name.includes(settings.property));
  if (properties.length === 0) throw new Error(`no property matches --property ${JSON.stringify(settings.property)}`);
  for (const { name, property, share } of properties) {
    const started = Date.now();
    const numRuns = Math.max(1, Math.ceil(settings.runs * share));
    const details = await fc.check(property, { seed: settings.seed, numRuns, ...(settings.path !== undefined ? { path: settings.path } : {}) });
    const seconds = (Date.now() - started) / 1000;
    if (!details.failed) {
      post({ type: "result", name, cases: details.numRuns, seconds });
      continue;
    }
    const replay = `npm run fuzz -- --seed ${details.seed} --property ${JSON.stringify(name)} --path ${JSON.stringify(details.counterexamplePath ?? "")}`;
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    post({ type: "result", name, cases: details.numRuns, seconds, failure: `${fc.defaultReportMessage(details) ?? "failed"}\n  cause: ${cause}\n  replay: ${replay}` });
  }
  post({ type: "done", outcomes: harness.outcomes });
  harness.cleanup();
  process.disconnect();
}

/** Main side: start the worker and watch it. Resolves to the exit code. */
function watch(settings: Settings): Promise<number> {
  console.log(`fuzz: seed ${settings.seed}, ${settings.runs} runs per property${settings.path ? `, replaying path ${settings.path}` : ""}`);
  // The worker runs this same file, with tsx to load TypeScript.
  const worker = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, [CHILD_SETTINGS]: JSON.stringify(settings) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let lastCase = Date.now();
  let inputFile = "";
  let failed = false;
  return new Promise((resolve) => {
    const watchdog = setInterval(() => {
      if (Date.now() - lastCase < HANG_LIMIT_MS) return;
      console.error(`✗ hang: no case finished within ${HANG_LIMIT_MS} ms\n  input: ${inputFile}\n  seed: ${settings.seed}`);
      failed = true;
      worker.kill("SIGKILL");
    }, 500);
    worker.on("message", (message: Message) => {
      lastCase = Date.now();
      switch (message.type) {
        case "ready":
          console.log(`fuzz: ${message.documents} corpus documents`);
          break;
        case "case":
          inputFile = message.inputFile;
          break;
        case "result":
          if (message.failure === undefined) console.log(`✓ ${message.name} (${message.cases} cases, ${message.seconds.toFixed(1)} s)`);
          else {
            failed = true;
            console.error(`✗ ${message.name} (after ${message.cases} cases)\n${message.failure}`);
          }
          break;
        case "done":
          console.log(`fuzz: outcomes ${JSON.stringify(message.outcomes)}`);
          break;
      }
    });
    worker.on("error", (error) => {
      failed = true;
      console.error(`✗ the fuzz process failed: ${error.stack ?? String(error)}`);
    });
    worker.on("exit", (code) => {
      clearInterval(watchdog);
      if (code !== 0 && code !== null) failed = true;
      resolve(failed ? 1 : 0);
    });
  });
}

const childSettings = process.env[CHILD_SETTINGS];
if (childSettings !== undefined) {
  await runProperties(JSON.parse(childSettings) as Settings);
} else {
  let settings: Settings;
  try {
    settings = readSettings();
  } catch (error) {
    console.error(`fuzz: ${(error as Error).message}`);
    process.exit(2);
  }
  process.exitCode = await watch(settings);
}
