// Writes config/schemas/consent-manifest.schema.json from the zod schema of consent/manifest.ts.
// Run: node scripts/write-consent-schema.ts (a test fails when the committed file is stale).
import { mkdirSync, writeFileSync } from "node:fs";

import { consentManifestJsonSchema } from "../consent/manifest.ts";

const target = new URL("../config/schemas/consent-manifest.schema.json", import.meta.url);
mkdirSync(new URL(".", target), { recursive: true });
writeFileSync(target, `${JSON.stringify(consentManifestJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
