// The report's figures, computed from the sweep's files only (sim/report/data.ts): payoff bands,
// the honest-margin grid and its honest-dominant region, griefing ratios from counterfactual runs,
// pauses on against off, and the colluding pair's cost of reaching a score. Pure.
import { DEVIANT_AGENTS, maxOf, type PointSummary } from "../output.ts";
import type { CsvRow, SweepData } from "./data.ts";

/** The `q`-quantile of `xs` (linear between order statistics), q in [0, 1]. */
export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return s[lo] + (s[hi] - s[lo]) * (at - lo);
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export interface Band {
  strategy: string;
  epoch: number;
  p10: number;
  median: number;
  p90: number;
}

/** Per strategy and epoch, the 10th, 50th and 90th percentile of the mean payoff over all runs. */
export function payoffBands(rows: readonly CsvRow[]): Band[] {
  const groups = new Map<string, number[]>();
  for (const r of rows) {
    const key = `${r.strategy}\u0000${r.epoch}`;
    groups.set(key, [...(groups.get(key) ?? []), r.payoff]);
  }
  return [...groups].map(([key, xs]) => {
    const [strategy, epoch] = key.split("\u0000");
    return {
      strategy,
      epoch: Number(epoch),
      p10: round(quantile(xs, 0.1)),
      median: round(quantile(xs, 0.5)),
      p90: round(quantile(xs, 0.9)),
    };
  });
}

/** Each swept key's values in the order the sweep ran them (the scenario's order). */
export function sweptValues(summary: readonly PointSummary[], keys: readonly string[]) {
  return Object.fromEntries(
    keys.map((k) => [k, [...new Set(summary.map((p) => p.overrides[k]))]]),
  ) as Record<string, string[]>;
}

export interface ParameterRange {
  min: string | null;
  max: string | null;
  /** The swept values inside [min, max] (every point with them had a positive honest margin). */
  values: string[];
}

/**
 * The honest-dominant region: the largest box of swept values (a contiguous run of each key's
 * values, in sweep order) in which every point's honest margin is positive. Ties go to the box
 * found first (lowest values). No point with a positive margin: every range is null.
 */
export function honestRegion(
  summary: readonly PointSummary[],
  keys: readonly string[],
): Record<string, ParameterRange> {
  const values = sweptValues(summary, keys);
  const margin = new Map(
    summary.map((p) => [keys.map((k) => p.overrides[k]).join("\u0000"), p.honestMargin]),
  );
  const dominant = (combo: string[]) => {
    const m = margin.get(combo.join("\u0000"));
    return m !== undefined && m !== null && m > 0;
  };
  let best: [number, number][] | undefined;
  let bestSize = 0;
  const intervals = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      Array.from({ length: n - i }, (_, j) => [i, i + j] as [number, number]),
    ).flat();
  const search = (dim: number, chosen: [number, number][]) => {
    if (dim === keys.length) {
      const size = chosen.reduce((a, [lo, hi]) => a * (hi - lo + 1), 1);
      if (size <= bestSize) return;
      if (combos(chosen).every((c) => dominant(c.map((v, d) => values[keys[d]][v])))) {
        best = chosen;
        bestSize = size;
      }
      return;
    }
    for (const interval of intervals(values[keys[dim]].length))
      search(dim + 1, [...chosen, interval]);
  };
  search(0, []);
  return Object.fromEntries(
    keys.map((k, d) => {
      if (best === undefined) return [k, { min: null, max: null, values: [] }];
      const [lo, hi] = best[d];
      const inside = values[k].slice(lo, hi + 1);
      return [k, { min: inside[0], max: inside[inside.length - 1], values: inside }];
    }),
  );
}

function combos(box: [number, number][]): number[][] {
  let out: number[][] = [[]];
  for (const [lo, hi] of box)
    out = out.flatMap((c) => Array.from({ length: hi - lo + 1 }, (_, i) => [...c, lo + i]));
  return out;
}

/** The final epoch's payoff per strategy, mean over seeds (and points), with participants. */
export function finalPayoffs(rows: readonly CsvRow[]): Map<string, { mean: number; n: number }> {
  const last = maxOf(rows.map((r) => r.epoch));
  const out = new Map<string, { xs: number[]; n: number }>();
  for (const r of rows.filter((x) => x.epoch === last)) {
    const e = out.get(r.strategy) ?? { xs: [], n: r.participants };
    e.xs.push(r.payoff);
    out.set(r.strategy, e);
  }
  return new Map([...out].map(([s, e]) => [s, { mean: round(mean(e.xs)), n: e.n }]));
}

/** The strategies whose harm to others is measured, and the honest strategy each replaces. */
export const GRIEFING: Readonly<Record<string, string>> = {
  "griefing-employer": "honest-employer",
  "frivolous-disputer": "honest-agent",
  "job-squatter": "honest-agent",
  "revoking-earner": "honest-earner",
  "disputing-lessee": "honest-lessee",
};
export const HONEST = ["honest-employer", "honest-agent"];
/**
 * Whose harm a griefer's ratio counts: the job market's honest participants (HONEST) unless named
 * here. A lease griefer harms its counterparties only (its lessees, its earners); counting the job
 * market too would add its noise (one random stream serves both markets) to the ratio.
 */
export const VICTIMS: Readonly<Record<string, readonly string[]>> = {
  "revoking-earner": ["honest-lessee"],
  "disputing-lessee": ["honest-earner"],
};

export interface Griefing {
  strategy: string;
  griefers: number;
  /** Per griefer: its counterpart's mean payoff in the run without griefers minus its own. */
  costPerGriefer: number;
  /** Total over the griefer's victims (VICTIMS, else HONEST): their payoff without the griefers minus with them. */
  harm: number;
  /** Total cost to the griefers per token of harm; null when no harm was measured. */
  ratio: number | null;
}

/**
 * The griefing ratio of `strategy` from two runs at the same point and seeds: `actual` with the
 * griefers, `without` with each griefer replaced by the honest strategy it imitates. Honest
 * participants are interchangeable within a strategy, so the honest ones who were there in both runs
 * are credited with their strategy's mean in `without`.
 */
export function griefingRatio(
  strategy: string,
  actual: readonly CsvRow[],
  without: readonly CsvRow[],
): Griefing {
  const a = finalPayoffs(actual);
  const w = finalPayoffs(without);
  const griefer = a.get(strategy);
  const counterpart = w.get(GRIEFING[strategy]);
  if (griefer === undefined || counterpart === undefined)
    throw new Error(`griefing ratio of ${strategy}: a run lacks ${strategy} or its counterpart`);
  const costPerGriefer = round(counterpart.mean - griefer.mean);
  let harm = 0;
  for (const honest of VICTIMS[strategy] ?? HONEST) {
    const before = a.get(honest);
    const after = w.get(honest);
    if (before === undefined || after === undefined) continue;
    harm += before.n * (after.mean - before.mean);
  }
  harm = round(harm);
  return {
    strategy,
    griefers: griefer.n,
    costPerGriefer,
    harm,
    ratio: harm > 0 ? round((costPerGriefer * griefer.n) / harm) : null,
  };
}

export interface PauseComparison {
  strategy: string;
  withPauses: number;
  withoutPauses: number;
}

export function pauseComparison(on: readonly CsvRow[], off: readonly CsvRow[]): PauseComparison[] {
  const a = finalPayoffs(on);
  const b = finalPayoffs(off);
  return [...a.keys()]
    .filter((s) => b.has(s))
    .map((s) => ({ strategy: s, withPauses: a.get(s)!.mean, withoutPauses: b.get(s)!.mean }));
}

/** Share of run-epochs that were paused. */
export function pausedShare(rows: readonly CsvRow[]): number {
  const epochs = new Map<string, boolean>();
  for (const r of rows) epochs.set(`${r.point}:${r.seed}:${r.epoch}`, r.paused);
  return round([...epochs.values()].filter(Boolean).length / Math.max(1, epochs.size));
}

export interface FarmingCost {
  threshold: string;
  points: number;
  /** Per seed: the first epoch the pair's agent held the score, and the pair's spend by then. */
  reached: { seed: number; epoch: number | null; cost: number | null }[];
}

/**
 * What the colluding pair had spent when its agent's score first reached each threshold, read from
 * the run's rows (the pair's reputation is its agent's score on chain; its payoff is the mean over
 * its two members, so the pair's spend is minus twice that).
 */
export function farmingCosts(
  run: SweepData,
  thresholds: readonly { name: string; points: number }[],
): FarmingCost[] {
  const pair = run.rows.filter((r) => r.strategy === "colluding-pair");
  const seeds = [...new Set(pair.map((r) => r.seed))];
  return thresholds.map((t) => ({
    threshold: t.name,
    points: t.points,
    reached: seeds.map((seed) => {
      const hit = pair
        .filter((r) => r.seed === seed)
        .sort((x, y) => x.epoch - y.epoch)
        .find((r) => r.reputation >= t.points);
      return hit === undefined
        ? { seed, epoch: null, cost: null }
        : { seed, epoch: hit.epoch, cost: round(-hit.payoff * 2) };
    }),
  }));
}

/** The honest margin's grid for the heatmap: one cell per point of the first two swept keys. */
export function marginCells(summary: readonly PointSummary[], keys: readonly string[]) {
  return summary.map((p) => ({
    x: p.overrides[keys[0]] ?? "",
    y: keys.length > 1 ? p.overrides[keys[1]] : "",
    margin: p.honestMargin,
  }));
}

export { DEVIANT_AGENTS };
