// The report stage: a sweep's directory (and its companion runs) in, docs/economics/report.md with
// its SVG charts and reports/sim/region.json out. Nothing here runs the chain: the same files give
// the same report. `npm run sim:report -- --in DIR` runs it alone (sim/report/cli.ts).
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

import * as prettier from "prettier";

import { marginCells, payoffBands } from "./analyse.ts";
import {
  farmingChart,
  griefingChart,
  marginHeatmap,
  pausesChart,
  payoffBandsChart,
  renderSvg,
} from "./charts.ts";
import { CHARTS, cheapestFarming, computeFigures, type ReportFigures } from "./figures.ts";
import { renderMarkdown } from "./markdown.ts";

export interface ReportOptions {
  /** The sweep's directory (runs.csv, summary.json, meta.json, companions in sub-directories). */
  inDir: string;
  /** Where report.md goes; its charts go to `<outDir>/report/`. */
  outDir: string;
  /** Where region.json goes; undefined writes none. */
  regionFile?: string;
  /** The project root: paths in the report are relative to it. */
  root: string;
  /** The command that regenerates the sweep, as the report states it. */
  command?: string;
}

/** Writes report.md, its charts and region.json; returns the files written. */
export async function writeReport(options: ReportOptions): Promise<string[]> {
  const figures = computeFigures(options.inDir);
  const chartDir = join(options.outDir, "report");
  mkdirSync(chartDir, { recursive: true });
  const inRegion = (x: string, y: string) => {
    const [kx, ky] = figures.sweep.sweptKeys;
    return (
      figures.region[kx]?.values.includes(x) === true &&
      (ky === undefined || figures.region[ky]?.values.includes(y) === true)
    );
  };
  const charts: [string, Parameters<typeof renderSvg>[0] | undefined][] = [
    [
      CHARTS.payoff,
      payoffBandsChart(
        payoffBands(figures.sweep.rows),
        "Cumulative payoff per strategy: median and 10th–90th percentile",
      ),
    ],
    [
      CHARTS.margin,
      figures.sweep.sweptKeys.length === 0
        ? undefined
        : marginHeatmap(
            marginCells(figures.sweep.summary, figures.sweep.sweptKeys).map((c) => ({
              ...c,
              inRegion: inRegion(c.x, c.y),
            })),
            figures.sweep.sweptKeys,
            figures.order,
          ),
    ],
    [CHARTS.griefing, figures.griefing.length === 0 ? undefined : griefingChart(figures.griefing)],
    [CHARTS.pauses, figures.pauses === undefined ? undefined : pausesChart(figures.pauses.rows)],
    [
      CHARTS.farming,
      figures.farming.length === 0
        ? undefined
        : farmingChart([
            ...cheapestFarming(figures, "before"),
            ...cheapestFarming(figures, "after"),
          ]),
    ],
  ];
  const written: string[] = [];
  const drawn = new Set<string>();
  for (const [file, spec] of charts) {
    if (spec === undefined) continue;
    writeFileSync(join(chartDir, file), await renderSvg(spec));
    written.push(join(chartDir, file));
    drawn.add(file);
  }
  const report = join(options.outDir, "report.md");
  const rel = (p: string) => relative(options.root, p) || ".";
  writeFileSync(
    report,
    await pretty(
      report,
      renderMarkdown(figures, { drawn, rel, command: options.command, chartDir: "report" }),
    ),
  );
  written.push(report);
  if (options.regionFile !== undefined) {
    mkdirSync(join(options.regionFile, ".."), { recursive: true });
    writeFileSync(
      options.regionFile,
      await pretty(options.regionFile, JSON.stringify(regionJson(figures, rel))),
    );
    written.push(options.regionFile);
  }
  return written;
}

/** Formatted as the repository's prettier check wants it, so a regenerated file passes the lint. */
async function pretty(file: string, text: string): Promise<string> {
  const config = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(text, { ...config, filepath: file });
}

/** reports/sim/region.json: owner/diff/region.ts reads it (owner:doctor, owner:update-all). */
export function regionJson(figures: ReportFigures, rel: (p: string) => string) {
  const { meta } = figures.sweep;
  return {
    $comment:
      "Per swept manifest parameter, the range (manifest units) of the largest box of swept values in which honest agents ended ahead of every deviant agent strategy (mean over seeds). Written by npm run sim / sim:report; read by owner:doctor and owner:update-all, which warn about a value outside it.",
    date: meta.date,
    seed: meta.firstSeed,
    seeds: meta.seeds,
    scenario: rel(meta.scenario),
    manifest: rel(meta.manifest),
    contractsCommit: meta.contractsCommit,
    parameters: Object.fromEntries(
      Object.entries(figures.region).map(([k, r]) => [
        k,
        { min: r.min, max: r.max, swept: figures.order[k], dominant: r.values },
      ]),
    ),
  };
}
