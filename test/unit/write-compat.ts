/** `npm run compat`: rewrites the README's compatibility section from a corpus run. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { COMPAT_END, COMPAT_START, corpusRows, renderCompatibility } from "./corpus-run.js";

const readmePath = join(import.meta.dirname, "../../README.md");
const readme = readFileSync(readmePath, "utf8");
const start = readme.indexOf(COMPAT_START);
const end = readme.indexOf(COMPAT_END);
if (start < 0 || end < start) throw new Error(`README.md needs the markers ${COMPAT_START} … ${COMPAT_END}`);
const section = `${COMPAT_START}\n${renderCompatibility(corpusRows())}\n${COMPAT_END}`;
writeFileSync(readmePath, readme.slice(0, start) + section + readme.slice(end + COMPAT_END.length));
console.log("README.md compatibility section updated");
