// The report's figures gathered from a sweep's directory and its companion runs (sim/report/data.ts),
// computed by sim/report/analyse.ts: what the Markdown and the charts both show.
import {
  farmingCosts,
  finalPayoffs,
  griefingRatio,
  GRIEFING,
  honestRegion,
  pauseComparison,
  pausedShare,
  sweptValues,
  type FarmingCost,
  type Griefing,
  type ParameterRange,
} from "./analyse.ts";
import { COMPANIONS, readCompanion, readSweep, type SweepData } from "./data.ts";
import { minOf } from "../output.ts";

/** The farming thresholds, in points: MIN_REPUTATION as an operator would set it, and the cap. */
export const FARMING_THRESHOLDS = [
  { name: "MIN_REPUTATION (100 points)", points: 100 },
  { name: "SCORE_CAP (1000 points)", points: 1000 },
];
export const FARMING_SIZES = ["small", "large"] as const;

export interface ReportFigures {
  sweep: SweepData;
  bandsOf: string;
  region: Record<string, ParameterRange>;
  order: Record<string, string[]>;
  pauses?: { rows: ReturnType<typeof pauseComparison>; share: number; base: SweepData };
  griefing: Griefing[];
  farming: {
    contracts: "before" | "after";
    size: string;
    run: SweepData;
    costs: FarmingCost[];
  }[];
}

export function computeFigures(inDir: string): ReportFigures {
  const sweep = readSweep(inDir);
  const base = readCompanion(inDir, COMPANIONS.base);
  const off = readCompanion(inDir, COMPANIONS.pausesOff);
  const griefing = Object.keys(GRIEFING).flatMap((s) => {
    const without = readCompanion(inDir, COMPANIONS.without(s));
    return base !== undefined && without !== undefined && finalPayoffs(base.rows).has(s)
      ? [griefingRatio(s, base.rows, without.rows)]
      : [];
  });
  const farming = (["before", "after"] as const).flatMap((contracts) =>
    FARMING_SIZES.flatMap((size) => {
      const run = readCompanion(inDir, COMPANIONS.farming(contracts, size));
      return run === undefined
        ? []
        : [{ contracts, size, run, costs: farmingCosts(run, FARMING_THRESHOLDS) }];
    }),
  );
  return {
    sweep,
    bandsOf: "every point and seed of the sweep",
    region: honestRegion(sweep.summary, sweep.sweptKeys),
    order: sweptValues(sweep.summary, sweep.sweptKeys),
    pauses:
      base !== undefined && off !== undefined
        ? { rows: pauseComparison(base.rows, off.rows), share: pausedShare(base.rows), base }
        : undefined,
    griefing,
    farming,
  };
}

/** The cheapest cost any run of `contracts` measured for each threshold (null: never reached). */
export function cheapestFarming(figures: ReportFigures, contracts: "before" | "after") {
  return FARMING_THRESHOLDS.map((t) => {
    const costs = figures.farming
      .filter((f) => f.contracts === contracts)
      .flatMap((f) => f.costs.find((c) => c.threshold === t.name)!.reached)
      .flatMap((r) => (r.cost === null ? [] : [r.cost]));
    return { contracts, threshold: t.name, cost: costs.length === 0 ? null : minOf(costs) };
  });
}

export const CHARTS = {
  payoff: "payoff-bands.svg",
  margin: "honest-margin.svg",
  griefing: "griefing.svg",
  pauses: "pauses.svg",
  farming: "farming.svg",
} as const;
