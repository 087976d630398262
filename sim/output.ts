// The sweep's outputs, rendered from its results only: the tidy CSV (one row per point × seed ×
// epoch × strategy) and the JSON summary (per point and strategy, the final payoff over seeds: mean,
// min, max; the honest margin; the farming cost). Nothing here reads a clock or the machine, so the
// same sweep gives the same bytes; the date and commit go to meta.json beside them.
import type { PointResult } from "./point.ts";
import type { EpochRow } from "./run.ts";

const ROW_FIELDS: (keyof EpochRow)[] = [
  "seed",
  "epoch",
  "strategy",
  "participants",
  "payoff",
  "stake",
  "reputation",
  "casesWon",
  "casesLost",
  "paused",
];

export function renderCsv(results: readonly PointResult[], sweptKeys: readonly string[]): string {
  const header = ["point", ...sweptKeys, ...ROW_FIELDS].join(",");
  const lines = [header];
  for (const point of results)
    for (const { result } of point.runs)
      for (const row of result.rows)
        lines.push(
          [
            point.point,
            ...sweptKeys.map((k) => point.overrides[k]),
            ...ROW_FIELDS.map((f) => row[f]),
          ].join(","),
        );
  return lines.join("\n") + "\n";
}

/** Strategies whose payoff the honest agent's is compared with (the deviant agents). */
export const DEVIANT_AGENTS = ["lazy-agent", "frivolous-disputer", "job-squatter"];

export interface StrategySummary {
  meanPayoff: number;
  minPayoff: number;
  maxPayoff: number;
  meanReputation: number;
}

export interface PointSummary {
  point: number;
  overrides: Record<string, string>;
  strategies: Record<string, StrategySummary>;
  /** Honest agents' mean final payoff minus the best deviant agent strategy's (tokens per agent). */
  honestMargin: number | null;
  farming: { name: string; points: string; epochs: (number | null)[]; costs: (string | null)[] }[];
  actions: number;
  reverted: number;
}

export function summarise(results: readonly PointResult[]): PointSummary[] {
  return results.map((point) => {
    const finals = new Map<string, { payoff: number[]; reputation: number[] }>();
    for (const { result } of point.runs) {
      const last = maxOf(result.rows.map((r) => r.epoch));
      for (const row of result.rows.filter((r) => r.epoch === last)) {
        const entry = finals.get(row.strategy) ?? { payoff: [], reputation: [] };
        entry.payoff.push(Number(row.payoff));
        entry.reputation.push(Number(row.reputation));
        finals.set(row.strategy, entry);
      }
    }
    const strategies = Object.fromEntries(
      [...finals].map(([name, f]) => [
        name,
        {
          meanPayoff: round(mean(f.payoff)),
          minPayoff: round(minOf(f.payoff)),
          maxPayoff: round(maxOf(f.payoff)),
          meanReputation: round(mean(f.reputation)),
        },
      ]),
    );
    const deviants = DEVIANT_AGENTS.filter((d) => d in strategies);
    const honestMargin =
      "honest-agent" in strategies && deviants.length > 0
        ? round(
            strategies["honest-agent"].meanPayoff -
              maxOf(deviants.map((d) => strategies[d].meanPayoff)),
          )
        : null;
    const farmingRuns = point.runs.flatMap(({ result }) =>
      result.farming ? [result.farming] : [],
    );
    const farming = (farmingRuns[0]?.thresholds ?? []).map((t, i) => ({
      name: t.name,
      points: t.points,
      epochs: farmingRuns.map((f) => f.thresholds[i].epoch),
      costs: farmingRuns.map((f) => f.thresholds[i].cost),
    }));
    return {
      point: point.point,
      overrides: { ...point.overrides },
      strategies,
      honestMargin,
      farming,
      actions: point.runs.reduce((a, r) => a + r.result.actions, 0),
      reverted: point.runs.reduce((a, r) => a + r.result.reverted, 0),
    };
  });
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Six decimals: enough for token figures, and stable text for the byte-identical check. */
function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/**
 * The largest and smallest of `values`, by a loop: spreading a sweep's rows into `Math.max` (the
 * default sweep has 891,000) overflows the call stack.
 */
export function maxOf(values: Iterable<number>): number {
  let out = -Infinity;
  for (const v of values) if (v > out) out = v;
  return out;
}

export function minOf(values: Iterable<number>): number {
  let out = Infinity;
  for (const v of values) if (v < out) out = v;
  return out;
}
