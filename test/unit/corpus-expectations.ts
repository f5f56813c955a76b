/**
 * What each corpus file needs (variables that its test sets) and what we
 * expect when the README's label alone does not say it: the cause an INVALID
 * file must be rejected for, or the conditions a VALID one loads under.
 */
export { corpusRoot } from "./support/corpus-root.js";

/** Per-file setup and expected outcome. */
export interface CorpusExpectation {
  readonly environment?: Record<string, string>;
  /** Corpus-relative env files to pass as --env-file. */
  readonly envFiles?: string[];
  /** Load this stack file instead (for env-format files, which are tested as --env-file). */
  readonly stackFile?: string;
  /** "valid" (the default for VALID), "unsupported" (a deliberate gap), or the pattern the error must match. */
  readonly expect?: "valid" | "unsupported" | RegExp;
}

export const CORPUS_EXPECTATIONS: Readonly<Record<string, CorpusExpectation>> = {
  // VALID under conditions the README states.
  "compose-go/cli/testdata/simple/compose-name.yaml": { environment: { TEST: "expected" } },
  "compose-e2e/fixtures/logs-test/cat.yaml": { environment: { FILE: "/tmp/file.txt" } },
  "compose-e2e/fixtures/project-volume-bind-test/docker-compose.yml": { environment: { TEST_DIR: "/tmp" } },
  "compose-e2e/testdata/TestUpImageID/compose.yaml": { environment: { ID: "sha256:0123" } },

  // "VALID (schema level) … not loadable as a project": one ${VARIABLE} stands for
  // a mode, a count and a path at once, so no value makes it a project. Loading
  // it must fail cleanly, every problem located, the unsupported keys named.
  "compose-go/schema/using-variables.yaml": {
    environment: { VARIABLE: "1" },
    expect: /using-variables\.yaml:43:5 services\.foo\.external_links: not supported by tsd: external_links[\s\S]*:80:5 services\.foo\.storage_opt: not supported by tsd: storage_opt/,
  },

  // An env-format file is tested the way users meet it: as --env-file of a valid stack.
  "compose-go/dotenv/fixtures/invalid1.env": {
    stackFile: "compose-go/cli/testdata/simple/compose.yaml",
    envFiles: ["compose-go/dotenv/fixtures/invalid1.env"],
    expect: /invalid1\.env:7:\d+ .*cannot contain a space/,
  },

  // INVALID, with the cause the message must name.
  "compose-go/loader/testdata/compose-depends-on-cycle.yaml": { expect: /dependency cycle detected: service1 -> service2 -> service3 -> service1/ },
  "compose-go/loader/testdata/compose-depends-on-profile-no-cycle.yaml": { expect: /dependency cycle detected: service1 -> service2 -> service3 -> service1/ },
  "compose-go/loader/testdata/compose-depends-on-self.yaml": { expect: /dependency cycle detected: (\S+) -> \1/ },
  "compose-go/loader/testdata/compose-include-cycle.yaml": { expect: /include cycle detected/ },
  "compose-go/loader/testdata/empty.yaml": { expect: /empty stack file/ },
  "compose-go/loader/testdata/remote/cycle/compose-cycle.yaml": { expect: /not supported by tsd: remote|circular/ },
  "compose-go/loader/testdata/remote/cycle/compose.yaml": { expect: /not supported by tsd: remote|circular/ },
  "compose-e2e/fixtures/build-test/platforms/compose-service-platform-not-in-build-platforms.yaml": { expect: /platform.*linux\/riscv64.*build\.platforms/ },
  "compose-e2e/fixtures/env_file/compose.yaml": { expect: /\/doesnotexist\/\.env.*not found|not found.*\/doesnotexist\/\.env/ },
  "compose-e2e/fixtures/wrong-composefile/compose.yaml": { expect: /unknown key "wrongField"/ },
  "compose-e2e/testdata/TestLocalComposeConfigNoConsistency/compose.yaml": { expect: /must have an image or a build section|not supported by tsd: models/ },
  "compose-e2e/testdata/TestStartInterval/compose.yaml": { expect: /services\.error\.healthcheck.*start_interval.*start_period/ },
  "compose-e2e/testdata/TestUpContainerNameConflict/compose.yaml": { environment: { FIXED_NAME: "fixed" }, expect: /both use container_name "fixed"/ },
};
