// `npm run sim:report -- --in DIR [--out docs/economics] [--region reports/sim/region.json]`: renders
// the report from a saved sweep directory (what `npm run sim` wrote), without running the chain.
import { resolve } from "node:path";
import { parseArgs } from "node:util";

import { writeReport } from "./report.ts";

const USAGE =
  "usage: npm run sim:report -- --in reports/sim [--out docs/economics] [--region reports/sim/region.json | --no-region]";

export function parseReportArgs(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      in: { type: "string" },
      out: { type: "string", default: "docs/economics" },
      region: { type: "string", default: "reports/sim/region.json" },
      "no-region": { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.in === undefined) throw new Error(`--in DIR is required\n${USAGE}`);
  return {
    inDir: resolve(values.in),
    outDir: resolve(values.out),
    regionFile: values["no-region"] ? undefined : resolve(values.region),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const options = parseReportArgs(process.argv.slice(2));
    const written = await writeReport({ ...options, root: process.cwd() });
    console.log(`sim:report wrote ${written.length} file(s):\n  ${written.join("\n  ")}`);
  } catch (error) {
    console.error(`sim:report failed: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
