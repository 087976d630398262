// The report stage (sim/report/) on a small hand-made sweep directory, no chain: every chart is drawn,
// the Markdown's numbers are the CSV's, the region is the largest honest-dominant box of a hand-made
// grid, and region.json says so in manifest units.
import { expect } from "chai";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { maxOf, minOf, renderCsv, summarise } from "../../sim/output.ts";
import type { PointResult } from "../../sim/point.ts";
import type { EpochRow } from "../../sim/run.ts";
import { griefingRatio, honestRegion, quantile } from "../../sim/report/analyse.ts";
import { parseRunsCsv } from "../../sim/report/data.ts";
import { CHARTS } from "../../sim/report/figures.ts";
import { writeReport } from "../../sim/report/report.ts";
import { companions } from "../../sim/report/suite.ts";

const A = "JobRegistry.JOB_STAKE";
const B = "JobRegistry.SLASH_SHARE_BPS";
const A_VALUES = ["10", "100", "500"];
const B_VALUES = ["0%", "50%", "100%"];
/** Hand-made honest margins (rows: JOB_STAKE, columns: SLASH_SHARE_BPS). */
const MARGINS = [
  [-5, 7, 3],
  [2, 9, 4],
  [-1, 6, -2],
];

const round = (x: number) => Math.round(x * 1e6) / 1e6;

type Finals = Record<string, { payoff: number; participants: number; reputation?: number[] }>;

/** One run: epoch 0 at zero, then the final payoffs reached linearly over `epochs`. */
function rows(seed: number, epochs: number, finals: Finals, paused = false): EpochRow[] {
  const out: EpochRow[] = [];
  for (let epoch = 0; epoch < epochs; epoch++)
    for (const [strategy, f] of Object.entries(finals))
      out.push({
        seed,
        epoch,
        strategy,
        participants: f.participants,
        payoff: String((f.payoff * epoch) / (epochs - 1) + seed),
        stake: "1000",
        reputation: String(f.reputation?.[epoch] ?? 0),
        casesWon: 0,
        casesLost: 0,
        paused: paused && epoch === 1,
      });
  return out;
}

function point(index: number, overrides: Record<string, string>, finals: Finals[]): PointResult {
  return {
    point: index,
    overrides,
    runs: finals.map((f, i) => ({
      seed: i + 1,
      result: { rows: rows(i + 1, 4, f, true), farming: null, actions: 10, reverted: 0 },
    })),
  };
}

function writeSweep(dir: string, results: PointResult[], keys: string[], commit: string) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "runs.csv"), renderCsv(results, keys));
  writeFileSync(join(dir, "summary.json"), JSON.stringify(summarise(results), null, 2));
  const meta = {
    date: "2026-12-02T00:00:00.000Z",
    scenario: join(dir, "scenario.json"),
    manifest: join(dir, "hardhat.json"),
    firstSeed: 1,
    seeds: results[0].runs.length,
    points: results.length,
    contractsCommit: commit,
    command: "npm run sim -- --scenario fixture.json",
    seconds: 125.4,
    actions: 12_000,
    workers: 2,
    engine: "anvil",
  };
  writeFileSync(join(dir, "meta.json"), JSON.stringify(meta));
}

const market = (honest: number, lazy: number, extra: Finals = {}): Finals => ({
  "honest-employer": { payoff: -50, participants: 4 },
  "honest-agent": { payoff: honest, participants: 3 },
  "lazy-agent": { payoff: lazy, participants: 2 },
  ...extra,
});

describe("sim: extremes of a whole sweep's rows", function () {
  it("takes the max and min of a million values, where spreading them into Math.max overflows", () => {
    // The default sweep's runs.csv has 891,000 rows: Math.max(...rows) stopped the first report.
    const values = Array.from({ length: 1_000_000 }, (_, i) => (i * 7919) % 1_000_003);
    expect(() => Math.max(...values)).to.throw(RangeError);
    expect(maxOf(values)).to.equal(values.reduce((a, b) => (b > a ? b : a)));
    expect(minOf(values)).to.equal(0);
    expect(maxOf([])).to.equal(-Infinity);
    expect(minOf([-2, 5])).to.equal(-2);
  });
});

describe("sim report stage (fixture directory, no chain)", function () {
  let dir: string;
  let out: string;
  let markdown: string;

  before(async function () {
    dir = mkdtempSync(join(tmpdir(), "sim-report-"));
    out = join(dir, "docs");
    const grid = A_VALUES.flatMap((a, i) =>
      B_VALUES.map((b, j) => ({ overrides: { [A]: a, [B]: b }, margin: MARGINS[i][j] })),
    );
    writeSweep(
      dir,
      grid.map((g, i) =>
        point(i, g.overrides, [market(100 + g.margin, 100), market(120 + g.margin, 120)]),
      ),
      [A, B],
      "a".repeat(40),
    );
    const griefer = { "griefing-employer": { payoff: -30, participants: 2 } };
    writeSweep(join(dir, "base"), [point(0, {}, [market(80, 60, griefer)])], [], "a".repeat(40));
    writeSweep(
      join(dir, "pauses-off"),
      [point(0, {}, [market(90, 61, griefer)])],
      [],
      "a".repeat(40),
    );
    // Without the griefers: 6 honest employers; honest agents earn 20 more each (harm 3 x 20 = 60
    // ... and employers 10 less each, 4 x -10): harm 20; griefers as honest employers would have had -40.
    writeSweep(
      join(dir, "without-griefing-employer"),
      [point(0, {}, [{ ...market(100, 60), "honest-employer": { payoff: -60, participants: 6 } }])],
      [],
      "a".repeat(40),
    );
    const pair = (reputation: number[], payoff: number): Finals => ({
      "colluding-pair": { payoff, participants: 2, reputation },
    });
    writeSweep(
      join(dir, "farming-before-small"),
      [point(0, {}, [pair([0, 400, 1000, 1000], -3)])],
      [],
      "b".repeat(40),
    );
    writeSweep(
      join(dir, "farming-after-small"),
      [point(0, {}, [pair([0, 50, 120, 300], -900)])],
      [],
      "a".repeat(40),
    );
    await writeReport({
      inDir: dir,
      outDir: out,
      regionFile: join(dir, "region.json"),
      root: dir,
    });
    // Prettier pads table cells: compare with runs of spaces collapsed.
    markdown = readFileSync(join(out, "report.md"), "utf8").replace(/ {2,}/g, " ");
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it("draws every chart as an SVG and links each from the Markdown", function () {
    for (const file of Object.values(CHARTS)) {
      const svg = readFileSync(join(out, "report", file), "utf8");
      expect(svg.startsWith("<svg"), file).to.equal(true);
      expect(svg).to.include("<path");
      expect(markdown).to.include(`(report/${file})`);
    }
  });

  it("states the command, seed, date, contracts' commit and how long the sweep took", function () {
    expect(markdown).to.include("`npm run sim -- --scenario fixture.json` (seed 1)");
    expect(markdown).to.include("2026-12-02T00:00:00.000Z");
    expect(markdown).to.include("a".repeat(40));
    expect(markdown).to.include("9 point(s) × 2 seed(s), 9 participants, 4 epochs");
    expect(markdown).to.include(
      "It ran in 2 min 5 s on 2 worker(s) (engine: anvil): 12,000 agent actions, 96 a second",
    );
  });

  it("prints the CSV's final-epoch percentiles and the summary's margins", function () {
    const { rows: csv } = parseRunsCsv(readFileSync(join(dir, "runs.csv"), "utf8"));
    const honest = csv
      .filter((r) => r.strategy === "honest-agent" && r.epoch === 3)
      .map((r) => r.payoff);
    expect(honest).to.have.length(18);
    const line = [quantile(honest, 0.1), quantile(honest, 0.5), quantile(honest, 0.9)]
      .map((x) => Math.round(x * 1e6) / 1e6)
      .join(" | ");
    expect(markdown).to.include(`| honest-agent | ${line} |`);
    // Each point's margin: both seeds' honest payoff minus lazy's, averaged.
    expect(markdown).to.include("| 10 | 0% | -5 |");
    expect(markdown).to.include("| 500 | 100% | -2 |");
  });

  it("computes the region as the largest all-positive box and writes it in manifest units", function () {
    expect(markdown).to.include(
      "`JobRegistry.JOB_STAKE` in [10, 100] and `JobRegistry.SLASH_SHARE_BPS` in [50%, 100%]",
    );
    const region = JSON.parse(readFileSync(join(dir, "region.json"), "utf8"));
    expect(region.parameters[A]).to.deep.include({ min: "10", max: "100" });
    expect(region.parameters[B]).to.deep.include({ min: "50%", max: "100%" });
    expect(region).to.include({ seed: 1, contractsCommit: "a".repeat(40) });
  });

  it("gives an empty region when no point has a positive margin, and a 1-D interval", function () {
    const summary = (margins: number[], key: string) =>
      margins.map((m, i) => ({
        point: i,
        overrides: { [key]: String(i) },
        strategies: {},
        honestMargin: m,
        farming: [],
        actions: 0,
        reverted: 0,
      }));
    expect(honestRegion(summary([-1, 0, -3], A), [A])[A]).to.deep.equal({
      min: null,
      max: null,
      values: [],
    });
    expect(honestRegion(summary([1, -1, 2, 3, 4, -1], A), [A])[A]).to.deep.include({
      min: "2",
      max: "4",
    });
  });

  it("computes the griefing ratio from the counterfactual run and shows pauses on and off", function () {
    const { rows: base } = parseRunsCsv(readFileSync(join(dir, "base", "runs.csv"), "utf8"));
    const { rows: without } = parseRunsCsv(
      readFileSync(join(dir, "without-griefing-employer", "runs.csv"), "utf8"),
    );
    const g = griefingRatio("griefing-employer", base, without);
    // Cost per griefer: -60 (honest) - (-30) = -30; harm: agents 3 x (100 - 80) + employers 4 x (-60 - -50) = 20.
    expect(g).to.deep.equal({
      strategy: "griefing-employer",
      griefers: 2,
      costPerGriefer: -30,
      harm: 20,
      ratio: -3,
    });
    expect(markdown).to.include("| griefing-employer | 2 | -30 | 20 | -3 |");
    expect(markdown).to.include("| honest-agent | 81 | 91 |");
  });

  it("counts a lease griefer's harm to its counterparties only, and plans its companion run", function () {
    const final = (strategy: string, participants: number, payoff: number) => ({
      point: 0,
      swept: {},
      seed: 1,
      epoch: 9,
      strategy,
      participants,
      payoff,
      stake: 0,
      reputation: 0,
      casesWon: 0,
      casesLost: 0,
      paused: false,
    });
    // The job market moved too (one random stream serves both markets): not the lease griefer's harm.
    const actual = [
      final("honest-agent", 3, 90),
      final("honest-earner", 2, 100),
      final("revoking-earner", 2, 160),
      final("honest-lessee", 4, -130),
      final("disputing-lessee", 2, -140),
    ];
    const without = [
      final("honest-agent", 3, 100),
      final("honest-earner", 4, 110),
      final("honest-lessee", 4, -100),
      final("disputing-lessee", 2, -140),
    ];
    // Cost per griefer: 110 - 160 = -50; harm: honest lessees 4 x (-100 - -130) = 120.
    expect(griefingRatio("revoking-earner", actual, without)).to.deep.equal({
      strategy: "revoking-earner",
      griefers: 2,
      costPerGriefer: -50,
      harm: 120,
      ratio: round(-100 / 120),
    });
    const raw = {
      population: [
        { strategy: "honest-earner", count: 1 },
        { strategy: "revoking-earner", count: 1 },
        { strategy: "honest-lessee", count: 2 },
        { strategy: "disputing-lessee", count: 2 },
      ],
      pauses: { probability: 0, maxEpochs: 1 },
      farming: { reward: "1", jobsPerEpoch: 1 },
    };
    const runs = companions(raw);
    expect(runs.map((r) => r.name)).to.deep.equal([
      "base",
      "pauses-off",
      "without-revoking-earner",
      "without-disputing-lessee",
    ]);
    expect(runs[3].scenario.population).to.deep.equal([
      { strategy: "honest-earner", count: 1 },
      { strategy: "revoking-earner", count: 1 },
      { strategy: "honest-lessee", count: 4 },
    ]);
  });

  it("plans the companion runs: base, pauses off, and each griefer replaced by its honest counterpart", function () {
    const raw = {
      population: [
        { strategy: "honest-employer", count: 3 },
        { strategy: "griefing-employer", count: 2 },
        { strategy: "honest-agent", count: 4 },
        { strategy: "job-squatter", count: 1 },
      ],
      pauses: { probability: 0.1, maxEpochs: 2 },
      farming: { reward: "1", jobsPerEpoch: 1 },
      sweep: { [A]: A_VALUES },
    };
    const runs = companions(raw);
    expect(runs.map((r) => r.name)).to.deep.equal([
      "base",
      "pauses-off",
      "without-griefing-employer",
      "without-job-squatter",
    ]);
    expect(runs.every((r) => Object.keys(r.scenario.sweep as object).length === 0)).to.equal(true);
    expect(runs[0].scenario.pauses).to.deep.equal(raw.pauses);
    expect(runs[1].scenario.pauses).to.deep.equal({ probability: 0, maxEpochs: 2 });
    expect(runs[2].scenario.population).to.deep.equal([
      { strategy: "honest-employer", count: 5 },
      { strategy: "honest-agent", count: 4 },
      { strategy: "job-squatter", count: 1 },
    ]);
    expect(runs[3].scenario.population).to.deep.equal([
      { strategy: "honest-employer", count: 3 },
      { strategy: "griefing-employer", count: 2 },
      { strategy: "honest-agent", count: 5 },
    ]);
  });

  it("finds the farming cost in the pair's rows, before and after", function () {
    // A member's payoff at epoch e is -total/3 x e + 1 (seed 1). Before: 100 points at epoch 1 (payoff
    // 0), the cap at epoch 2 (payoff -1 each: the pair spent 2). After: 100 points at epoch 2
    // (-599 each: 1198), the cap never.
    expect(markdown).to.include("| MIN_REPUTATION (100 points) | 0 | 1198 |");
    expect(markdown).to.include("| SCORE_CAP (1000 points) | 2 | not reached |");
    expect(existsSync(join(out, "report", CHARTS.farming))).to.equal(true);
  });
});
