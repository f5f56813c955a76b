/**
 * A rendered document as YAML text, the way `docker compose config` writes
 * it: block style, long values on one line, and strings that a YAML 1.1
 * reader would take for a boolean or a base-60 number (`no`, `yes`, `on`,
 * `1:30`) quoted, as go-yaml does. YAML 1.2 (tsd's reader) reads them as
 * strings either way; docker-compose v1 and go-yaml's typed fields would not.
 */
import { Document, Scalar, visit } from "yaml";
import type { ComposeDocument } from "./compose-types.js";

/** go-yaml v3's `isOldBool` and `isBase60Float`. */
const YAML_11_AMBIGUOUS = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?)$/;

/** The document as YAML text. */
export function stringifyComposeYaml(document: ComposeDocument): string {
  const yaml = new Document(document, { aliasDuplicateObjects: false });
  visit(yaml, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && YAML_11_AMBIGUOUS.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  // lineWidth 0: long values (commands, inline Dockerfiles) stay on one line instead of being folded.
  return yaml.toString({ lineWidth: 0 });
}
