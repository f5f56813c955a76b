/**
 * `tsd config --quiet` beside `docker-compose config -q`: a file shaped
 * like sentry's self-hosted one (57 services, anchors and merge keys), and
 * generated stacks of 10, 100 and 300 services. The two tools run in turn;
 * medians of wall time, and the peak RSS over all runs.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { generateStack } from "./generate-stack.js";
import { median, timedRun } from "./measure.js";
import { SENTRY_LIKE_ENV, sentryLikeStack } from "./sentry-like.js";

const tsdMain = resolve(import.meta.dirname, "../dist/cli/main.js");

interface ConfigCase {
  readonly name: string;
  readonly directory: string;
  readonly file: string;
}

function cases(directory: string): ConfigCase[] {
  const sentry = join(directory, "sentry-like");
  mkdirSync(sentry, { recursive: true });
  writeFileSync(join(sentry, "docker-compose.yml"), sentryLikeStack());
  writeFileSync(join(sentry, ".env"), SENTRY_LIKE_ENV);
  const generated = [10, 100, 300].map((size) => {
    const file = join(directory, `stack-${size}.yml`);
    writeFileSync(file, generateStack(size));
    return { name: `${size} generated`, directory, file };
  });
  return [{ name: "sentry-like (57)", directory: sentry, file: join(sentry, "docker-compose.yml") }, ...generated];
}

/** Rows: stack, docker-compose, tsd, tsd / docker-compose, peak RSS (tsd / docker-compose). */
export function benchConfig(directory: string, runs: number, withDockerCompose: boolean): string[][] {
  return cases(directory).map((stack) => {
    const ours: number[] = [];
    const theirs: number[] = [];
    let [oursRss, theirsRss] = [0, 0];
    for (let run = 0; run < runs; run++) {
      const tsd = timedRun(process.execPath, [tsdMain, "config", "--quiet", "-p", "bench", "-f", stack.file], stack.directory);
      if (!tsd.ok) throw new Error(`tsd config on ${stack.name} failed:\n${tsd.output}`);
      ours.push(tsd.ms);
      oursRss = Math.max(oursRss, tsd.peakRssMb ?? 0);
      if (!withDockerCompose) continue;
      const compose = timedRun("docker-compose", ["-p", "bench", "-f", stack.file, "config", "-q"], stack.directory);
      if (!compose.ok) throw new Error(`docker-compose config on ${stack.name} failed:\n${compose.output}`);
      theirs.push(compose.ms);
      theirsRss = Math.max(theirsRss, compose.peakRssMb ?? 0);
    }
    const ratio = median(ours) / median(theirs);
    return [
      stack.name,
      withDockerCompose ? `${median(theirs).toFixed(0)} ms` : "n/a",
      `${median(ours).toFixed(0)} ms`,
      Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : "n/a",
      `${oursRss.toFixed(0)} MB / ${withDockerCompose ? theirsRss.toFixed(0) : "n/a"} MB`,
    ];
  });
}
