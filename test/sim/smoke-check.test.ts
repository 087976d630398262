// The sim:smoke gate's decision (sim/smoke.ts checkSmoke) on crafted run results: it passes when
// every claim holds and names each one that does not. No chain: the sweep itself runs in
// `npm run sim:smoke`.
import { expect } from "chai";

import type { PointResult } from "../../sim/point.ts";
import type { EpochRow, RunResult } from "../../sim/run.ts";
import { checkSmoke, type Claims } from "../../sim/smoke.ts";

const claims: Claims = {
  honestAgentAheadOf: ["lazy-agent", "job-squatter"],
  farmingCostFloor: { SCORE_CAP: null },
};

function row(seed: number, epoch: number, strategy: string, payoff: string): EpochRow {
  return {
    seed,
    epoch,
    strategy,
    participants: 2,
    payoff,
    stake: "1000",
    reputation: "0",
    casesWon: 0,
    casesLost: 0,
    paused: false,
  };
}

function run(seed: number, payoffs: Record<string, string>, farmingCost: string | null): RunResult {
  const rows = Object.entries(payoffs).flatMap(([s, p]) => [
    row(seed, 0, s, "0"),
    row(seed, 1, s, p),
  ]);
  return {
    rows,
    farming: {
      thresholds: [
        {
          name: "SCORE_CAP",
          points: "1000",
          epoch: farmingCost === null ? null : 1,
          cost: farmingCost,
        },
      ],
    },
    actions: 10,
    reverted: 0,
  };
}

const good = { "honest-agent": "300", "lazy-agent": "-50", "job-squatter": "-20" };

function point(runs: RunResult[]): PointResult {
  return {
    point: 0,
    overrides: {},
    runs: runs.map((result) => ({ seed: result.rows[0].seed, result })),
  };
}

describe("sim:smoke gate: checkSmoke", () => {
  it("passes when the seeds repeat byte for byte and every claim holds", () => {
    const a = point([run(1, good, "3"), run(2, good, "3")]);
    const b = point([run(2, good, "3"), run(1, good, "3")]);
    expect(checkSmoke(a, b, claims)).to.deep.equal([]);
  });

  it("fails a seed whose two runs differ, naming the seed and line", () => {
    const a = point([run(1, good, "3")]);
    const b = point([run(1, { ...good, "lazy-agent": "-49" }, "3")]);
    expect(checkSmoke(a, b, claims)).to.deep.equal([
      "determinism: seed 1 gave different output in two runs, on anvil and on EDR (first difference at line 5)",
    ]);
  });

  it("fails when honest agents are not ahead of a deviant strategy (a tie included)", () => {
    const tie = { ...good, "job-squatter": "300" };
    const a = point([run(1, tie, "3")]);
    expect(checkSmoke(a, a, claims)).to.deep.equal([
      "seed 1: honest-agent ended with 300 tokens each, not ahead of job-squatter (300)",
    ]);
  });

  it("checks every other claimed ordering (the lease strategies') on each seed, and a missing strategy", () => {
    const leases = { ...good, "honest-lessee": "-50", "disputing-lessee": "-80" };
    const ordered = { ...claims, aheadOf: { "honest-lessee": ["disputing-lessee"] } };
    const a = point([run(1, leases, "3")]);
    expect(checkSmoke(a, a, ordered)).to.deep.equal([]);
    const flipped = point([run(1, { ...leases, "disputing-lessee": "-20" }, "3")]);
    expect(checkSmoke(flipped, flipped, ordered)).to.deep.equal([
      "seed 1: honest-lessee ended with -50 tokens each, not ahead of disputing-lessee (-20)",
    ]);
    const missing = { ...claims, aheadOf: { "revoking-earner": ["honest-earner"] } };
    expect(checkSmoke(a, a, missing)).to.deep.equal([
      "seed 1: the smoke scenario has no revoking-earner or no honest-earner",
    ]);
  });

  it("fails when the farming attack is not found", () => {
    const a = point([run(1, good, null)]);
    expect(checkSmoke(a, a, claims)).to.deep.equal([
      "seed 1: the colluding pair did not reach SCORE_CAP",
    ]);
  });

  it("enforces the documented farming floor once it is set, and not before", () => {
    const a = point([run(1, good, "3")]);
    expect(checkSmoke(a, a, claims)).to.deep.equal([]);
    const floored = { ...claims, farmingCostFloor: { SCORE_CAP: "50" } };
    expect(checkSmoke(a, a, floored)).to.deep.equal([
      "seed 1: farming SCORE_CAP cost 3 tokens, below the documented floor 50",
    ]);
    expect(
      checkSmoke(point([run(1, good, "50")]), point([run(1, good, "50")]), floored),
    ).to.deep.equal([]);
  });
});
