// Generates docs/events.md, the catalog of every event in Mandate's production contracts, from
// Hardhat's build output; fails when an event of ours lacks NatSpec (@notice, and @param per field).
//
//   node scripts/events-catalog.ts            write docs/events.md (npm run events compiles first)
//   node scripts/events-catalog.ts --check    exit 1 if docs/events.md differs from a fresh render
//   options: --out docs/events.md --artifacts artifacts --root contracts --exclude <glob>...
//
// Exit codes: 0 done/up to date, 1 missing NatSpec or out-of-date file, 2 unusable build output.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";

import { buildCatalog, renderCatalog, summarizeDifference } from "./events-catalog/catalog.ts";
import { BuildOutputError, loadHardhatContracts } from "./events-catalog/hardhat-build.ts";
import { matchesAny } from "./lib/glob.ts";

export const DEFAULT_EXCLUDES = ["contracts/mocks/**"];

function run(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      check: { type: "boolean", default: false },
      out: { type: "string", default: "docs/events.md" },
      artifacts: { type: "string", default: "artifacts" },
      root: { type: "string", default: "contracts" },
      exclude: { type: "string", multiple: true, default: [] },
    },
    strict: true,
    allowPositionals: false,
  });
  const root = values.root.replace(/\/+$/, "");
  const excludes = [...DEFAULT_EXCLUDES, ...values.exclude];

  const contracts = loadHardhatContracts(process.cwd(), values.artifacts, root);
  if (contracts.length === 0) {
    throw new BuildOutputError(
      "NO_CONTRACTS",
      `no compiled contract under ${root}/ in ${values.artifacts}: run npx hardhat compile first`,
    );
  }
  const catalog = buildCatalog(contracts, {
    root,
    isExcluded: (source) => matchesAny(source, excludes),
  });
  for (const warning of catalog.warnings) console.warn(`events-catalog: warning: ${warning}`);
  if (catalog.problems.length > 0) {
    console.error(
      `events-catalog: ${catalog.problems.length} event NatSpec problem(s); document them in the interfaces:`,
    );
    for (const problem of catalog.problems) console.error(`  ${problem}`);
    return 1;
  }
  const markdown = renderCatalog(catalog.sections);
  const eventCount = catalog.sections.reduce((n, s) => n + s.events.length, 0);

  if (values.check) {
    if (!existsSync(values.out)) {
      console.error(`events-catalog: ${values.out} does not exist; run npm run events to update`);
      return 1;
    }
    const difference = summarizeDifference(readFileSync(values.out, "utf8"), markdown);
    if (difference.length === 0) {
      console.log(`events-catalog: ${values.out} is up to date (${eventCount} events).`);
      return 0;
    }
    console.error(`events-catalog: ${values.out} is out of date; run npm run events to update`);
    for (const line of difference) console.error(`  ${line}`);
    return 1;
  }
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, markdown);
  console.log(
    `events-catalog: wrote ${values.out} (${eventCount} events in ${catalog.sections.length} contracts).`,
  );
  return 0;
}

try {
  process.exitCode = run(process.argv.slice(2));
} catch (error) {
  const usage =
    error instanceof TypeError &&
    "code" in error &&
    String(error.code).startsWith("ERR_PARSE_ARGS");
  if (!(error instanceof BuildOutputError) && !usage) throw error;
  console.error(`events-catalog: ${(error as Error).message}`);
  process.exitCode = 2;
}
