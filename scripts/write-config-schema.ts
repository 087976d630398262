// Writes config/schemas/manifest.schema.json (the `$schema` of every config/<network>.json) from the
// zod schema, so editors complete and check the files. Run: npx node scripts/write-config-schema.ts
import { writeFileSync } from "node:fs";

import { networkConfigJsonSchema } from "../deploy/manifest/schema.ts";

const target = new URL("../config/schemas/manifest.schema.json", import.meta.url);
writeFileSync(target, `${JSON.stringify(networkConfigJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
