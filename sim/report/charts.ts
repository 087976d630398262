// The report's charts as Vega-Lite specifications, compiled to Vega and rendered to SVG in Node (no
// browser, no canvas). Each chart takes the figures sim/report/analyse.ts computed, nothing else.
import * as vega from "vega";
import * as vl from "vega-lite";

import type { Band, FarmingCost, Griefing, PauseComparison } from "./analyse.ts";

type Spec = vl.TopLevelSpec;

export async function renderSvg(spec: Spec): Promise<string> {
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: "none" });
  try {
    return `${await view.toSVG()}\n`;
  } finally {
    view.finalize();
  }
}

const base = { $schema: "https://vega.github.io/schema/vega-lite/v6.json", background: "white" };

/** Per strategy, the median payoff over epochs with the 10th–90th percentile band. */
export function payoffBandsChart(bands: readonly Band[], title: string): Spec {
  return {
    ...base,
    title,
    width: 560,
    height: 320,
    data: { values: [...bands] },
    encoding: {
      x: { field: "epoch", type: "quantitative", title: "epoch (day)" },
      color: { field: "strategy", type: "nominal" },
    },
    layer: [
      {
        mark: { type: "area", opacity: 0.18 },
        encoding: {
          y: {
            field: "p10",
            type: "quantitative",
            title: "cumulative payoff (tokens per participant)",
          },
          y2: { field: "p90" },
        },
      },
      {
        mark: { type: "line", strokeWidth: 2 },
        encoding: { y: { field: "median", type: "quantitative" } },
      },
    ],
  } as Spec;
}

/** The honest margin on the grid of two swept parameters, each cell labelled; ✓ marks the region. */
export function marginHeatmap(
  cells: readonly { x: string; y: string; margin: number | null; inRegion: boolean }[],
  keys: readonly string[],
  order: Record<string, string[]>,
): Spec {
  const values = cells.map((c) => ({
    ...c,
    label: c.margin === null ? "n/a" : `${c.margin.toFixed(0)}${c.inRegion ? " ✓" : ""}`,
  }));
  return {
    ...base,
    title:
      "Honest margin (honest agents' payoff minus the best deviant agent's, tokens); ✓ = region",
    width: 420,
    height: 320,
    data: { values },
    encoding: {
      x: { field: "x", type: "ordinal", title: keys[0], sort: order[keys[0]] },
      y: { field: "y", type: "ordinal", title: keys[1] ?? "", sort: order[keys[1]] ?? [] },
    },
    layer: [
      {
        mark: "rect",
        encoding: {
          color: {
            field: "margin",
            type: "quantitative",
            title: "margin",
            scale: { scheme: "redblue", domainMid: 0 },
          },
        },
      },
      { mark: { type: "text", fontSize: 11 }, encoding: { text: { field: "label" } } },
    ],
  } as Spec;
}

/** Per griefing strategy: the griefers' total cost beside the honest participants' total harm. */
export function griefingChart(rows: readonly Griefing[]): Spec {
  const values = rows.flatMap((g) => [
    {
      strategy: g.strategy,
      measure: "cost to the griefers",
      tokens: g.costPerGriefer * g.griefers,
    },
    { strategy: g.strategy, measure: "harm to honest participants", tokens: g.harm },
  ]);
  return {
    ...base,
    title: "Griefing: what it cost the griefers and what it took from the honest (tokens, totals)",
    width: 420,
    height: 260,
    data: { values },
    mark: "bar",
    encoding: {
      x: { field: "strategy", type: "nominal", title: null, axis: { labelAngle: 0 } },
      xOffset: { field: "measure" },
      y: { field: "tokens", type: "quantitative", title: "tokens" },
      color: {
        field: "measure",
        type: "nominal",
        title: null,
        legend: { orient: "bottom", labelLimit: 300 },
      },
    },
  } as Spec;
}

/** Final payoff per strategy with the scenario's pauses and with none. */
export function pausesChart(rows: readonly PauseComparison[]): Spec {
  const values = rows.flatMap((r) => [
    { strategy: r.strategy, run: "pauses on", payoff: r.withPauses },
    { strategy: r.strategy, run: "pauses off", payoff: r.withoutPauses },
  ]);
  return {
    ...base,
    title: "Final payoff per participant, pauses on and off (tokens)",
    width: 480,
    height: 260,
    data: { values },
    mark: "bar",
    encoding: {
      x: { field: "strategy", type: "nominal", title: null },
      xOffset: { field: "run", sort: ["pauses on", "pauses off"] },
      y: { field: "payoff", type: "quantitative", title: "tokens" },
      color: { field: "run", type: "nominal", title: null, sort: ["pauses on", "pauses off"] },
    },
  } as Spec;
}

/** The colluding pair's cheapest measured cost of each threshold, before and after the fix. */
export function farmingChart(
  rows: readonly { contracts: string; threshold: string; cost: number | null }[],
): Spec {
  const values = rows.map((r) => ({
    ...r,
    shown: r.cost ?? 0,
    label: r.cost === null ? "not reached" : r.cost.toFixed(2),
  }));
  return {
    ...base,
    title: "Cheapest measured cost of farming a score (tokens, symlog scale)",
    width: 420,
    height: 260,
    data: { values },
    encoding: {
      x: {
        field: "threshold",
        type: "nominal",
        title: null,
        axis: { labelAngle: 0, labelLimit: 220 },
      },
      xOffset: { field: "contracts", sort: ["before", "after"] },
      color: { field: "contracts", type: "nominal", sort: ["before", "after"] },
    },
    layer: [
      {
        mark: "bar",
        transform: [{ filter: "datum.cost !== null" }],
        encoding: {
          y: { field: "shown", type: "quantitative", scale: { type: "symlog" }, title: "tokens" },
        },
      },
      {
        mark: { type: "text", dy: -6 },
        encoding: { y: { field: "shown", type: "quantitative" }, text: { field: "label" } },
      },
    ],
  } as Spec;
}

export type { FarmingCost };
