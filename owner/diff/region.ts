// The simulation's honest-dominant region (reports/sim/region.json, written by `npm run sim`) against
// the manifest and the chain: a parameter outside the range where honest agents came out ahead is a
// warning row in owner:doctor and owner:update-all, never an error (the exit code stays the diff's).
// Pure apart from reading the file. An absent file gives no rows; a malformed one gives one warning
// that says what is wrong and where, and nothing else is checked against it.
import { existsSync, readFileSync } from "node:fs";

import { id } from "ethers";
import { z } from "zod";

import type { ChainSnapshot } from "../chain/reader.ts";
import type { DesiredState } from "../desired-state.ts";
import { formatTable } from "../output/table.ts";

/** reports/sim/region.json: per swept parameter, the range (manifest units) where honest agents led. */
export const regionFileSchema = z
  .object({
    date: z.string(),
    seed: z.number().int(),
    scenario: z.string(),
    manifest: z.string(),
    contractsCommit: z.string(),
    parameters: z.record(
      z.string().regex(/^\w+\.\w+$/, "expected <Module>.<KEY>"),
      z.union([
        z.object({ min: z.string(), max: z.string() }).passthrough(),
        z.object({ min: z.null(), max: z.null() }).passthrough(),
      ]),
    ),
  })
  .passthrough();

export type RegionFile = z.output<typeof regionFileSchema>;

/** A warning row: which parameter, where it is out of the region, and the region with its provenance. */
export interface RegionWarning {
  subject: string;
  property: string;
  /** The region as "[min, max]" in manifest units, or what is wrong with the file. */
  region: string;
  /** What is outside, e.g. "manifest 5, chain 5". */
  found: string;
  message: string;
}

export type LoadedRegion =
  | { kind: "absent" }
  | { kind: "malformed"; warning: RegionWarning }
  | { kind: "ok"; file: string; region: RegionFile };

export function loadRegion(file: string): LoadedRegion {
  if (!existsSync(file)) return { kind: "absent" };
  const malformed = (problem: string): LoadedRegion => ({
    kind: "malformed",
    warning: {
      subject: "simulation region",
      property: file,
      region: "unreadable",
      found: problem,
      message: `${file}: ${problem}; no parameter was checked against the simulation's region (regenerate it with npm run sim)`,
    },
  });
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    return malformed(`not JSON: ${(error as Error).message}`);
  }
  const parsed = regionFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // A bad record key is reported by zod as "Invalid key in record" with the reason nested.
    const nested = (issue as { issues?: { message: string }[] }).issues?.[0]?.message;
    return malformed(`${["$", ...issue.path].join(".")}: ${nested ?? issue.message}`);
  }
  return { kind: "ok", file, region: parsed.data };
}

/**
 * One warning per region parameter that the manifest or the chain holds outside [min, max], and one
 * per region entry that cannot be compared (unknown module or key, a bound the unit does not accept).
 */
export function regionWarnings(
  loaded: LoadedRegion,
  desired: DesiredState,
  snapshot?: ChainSnapshot,
): RegionWarning[] {
  if (loaded.kind === "absent") return [];
  if (loaded.kind === "malformed") return [loaded.warning];
  const { region, file } = loaded;
  const source = `${file}: sweep of ${region.date}, seed ${region.seed}, ${region.scenario}, contracts ${region.contractsCommit.slice(0, 10)}`;
  const warnings: RegionWarning[] = [];
  for (const [path, range] of Object.entries(region.parameters)) {
    const [moduleName, key] = path.split(".");
    const unusable = (problem: string) =>
      warnings.push({
        subject: "simulation region",
        property: path,
        region: "unusable",
        found: problem,
        message: `${file}: parameters.${path}: ${problem}; this parameter was not checked`,
      });
    const m = desired.modules.find((x) => x.name === moduleName);
    const spec = m?.entry.parameters[key];
    if (m === undefined || spec === undefined) {
      unusable("no such module parameter in the manifest");
      continue;
    }
    if (range.min === null || range.max === null) {
      warnings.push({
        subject: m.name,
        property: key,
        region: "empty",
        found: `manifest ${spec.format(m.parameters[key])}`,
        message: `honest agents led at no swept value of ${path} (${source}): every value is outside the region`,
      });
      continue;
    }
    const min = spec.schema.safeParse(range.min);
    const max = spec.schema.safeParse(range.max);
    if (!min.success || !max.success) {
      unusable(`bound "${!min.success ? range.min : range.max}" is not a valid ${spec.unit} value`);
      continue;
    }
    const outside = (v: bigint) => v < min.data || v > max.data;
    const read = snapshot?.modules[m.name]?.parameters[id(key)];
    const chain = read?.ok === true ? read.value : undefined;
    const where = [
      ...(outside(m.parameters[key]) ? [`manifest ${spec.format(m.parameters[key])}`] : []),
      ...(chain !== undefined && outside(chain) ? [`chain ${spec.format(chain)}`] : []),
    ];
    if (where.length === 0) continue;
    const bounds = `[${spec.format(min.data)}, ${spec.format(max.data)}]`;
    warnings.push({
      subject: m.name,
      property: key,
      region: bounds,
      found: where.join(", "),
      message: `${where.join(" and ")} outside ${bounds}, where honest agents led every deviant strategy in the simulation (${source})`,
    });
  }
  return warnings;
}

/** The region file the owner tools read: `<reportsDir>/sim/region.json`. */
export const regionFileIn = (reportsDir: string) => `${reportsDir}/sim/region.json`;

/** The warning rows as a terminal table and one line each saying why; nothing when there are none. */
export function formatRegionWarnings(
  warnings: readonly RegionWarning[],
  options: { color?: boolean; width?: number } = {},
): string[] {
  if (warnings.length === 0) return [];
  return [
    formatTable(
      ["", "subject", "property", "simulation region", "found"],
      warnings.map((w) => ["WARN", w.subject, w.property, w.region, w.found]),
      options,
    ),
    ...warnings.map((w) => `WARNING: ${w.subject} ${w.property}: ${w.message}`),
  ];
}
