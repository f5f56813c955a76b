/**
 * Writes schemas/stack.schema.json from the zod schema (`npm run schema`,
 * after `npm run build`). A unit test fails when the committed file is stale.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderJsonSchema } from "../stack/schema/json-schema.js";

const target = join(import.meta.dirname, "../../schemas/stack.schema.json");
writeFileSync(target, renderJsonSchema());
console.log(`wrote ${target}`);
