/**
 * Every audit rule, by family. The order here is only the order of the
 * documentation; reports sort by severity and id.
 */
import type { Rule } from "./finding.js";
import { HARDENING_RULES } from "./rules/hardening.js";
import { IMAGE_RULES } from "./rules/images.js";
import { LIMIT_RULES } from "./rules/limits.js";
import { MOUNT_RULES } from "./rules/mounts.js";
import { NETWORK_RULES } from "./rules/network.js";
import { PRIVILEGE_RULES } from "./rules/privileges.js";
import { SECRET_RULES } from "./rules/secrets.js";
import { USER_RULES } from "./rules/user.js";

/** All rules. */
export const RULES: readonly Rule[] = [
  ...PRIVILEGE_RULES,
  ...MOUNT_RULES,
  ...NETWORK_RULES,
  ...SECRET_RULES,
  ...USER_RULES,
  ...IMAGE_RULES,
  ...LIMIT_RULES,
  ...HARDENING_RULES,
];

/** The rule ids, sorted: what `x-tsd.audit.ignore` may name. */
export const RULE_IDS: readonly string[] = RULES.map((rule) => rule.id).sort();
