// The lease strategies (sim/strategies/*-earner.ts, *-lessee.ts) and their phase (sim/leases.ts):
// the actions each plans from a given view of the chain (no chain: views made here), then one short
// run on the deployed contracts in which every lease strategy acts and a lessee's refused lease
// comes back as a named revert, counted in the run's result.
import assert from "node:assert/strict";

import { getAddress, Interface } from "ethers";
import hre from "hardhat";

import type { Action, BatchDriver, Outcome } from "../../sim/chain/driver.ts";
import type { SimAddresses } from "../../sim/chain/deploy.ts";
import { Mandate } from "../../sim/chain/mandate.ts";
import { LeaseStatus, type LeaseView } from "../../sim/chain/mandate-leases.ts";
import { planLeases, type LeaseContext, type TrackedLease } from "../../sim/leases.ts";
import {
  consentOf,
  participantsOf,
  perSecond,
  SIM_ROLES,
  type Participant,
} from "../../sim/participants.ts";
import { setUpPoint } from "../../sim/point.ts";
import { Prng } from "../../sim/prng.ts";
import { runSimulation } from "../../sim/run.ts";
import { scenarioSchema, type Scenario } from "../../sim/scenario.ts";

const DAY = 86_400n;
const TOKEN = 10n ** 18n;

/** Two earners (honest, revoking) and four lessees (honest and disputing, one of each per earner). */
const leaseScenarioInput = {
  description: "leases only",
  epochs: 12,
  epoch: "1d",
  population: [
    { strategy: "honest-earner", count: 1 },
    { strategy: "revoking-earner", count: 1 },
    { strategy: "honest-lessee", count: 2 },
    { strategy: "disputing-lessee", count: 2 },
  ],
  endowment: "10000",
  agentStake: "1000",
  jobReward: "100",
  jobDuration: "5d",
  postProbability: 0.5,
  leases: { duration: "5d", pricePerDay: "2", holdUpPricePerDay: "3", budgetPerDay: "4" },
  farming: { reward: "1", jobsPerEpoch: 1 },
  arbitrator: { accuracy: 1 },
  pauses: { probability: 0, maxEpochs: 1 },
  seeds: 1,
};

function leaseScenario(overrides: Record<string, unknown> = {}): Scenario {
  return scenarioSchema.parse({ ...leaseScenarioInput, ...overrides });
}

describe("sim: the lease strategies", function () {
  this.timeout(180_000);
  let abi: Interface;
  let disputes: Interface;
  let mandate: Mandate;

  before(async () => {
    abi = new Interface((await hre.artifacts.readArtifact("ILeaseAgreement")).abi);
    disputes = new Interface((await hre.artifacts.readArtifact("IDisputeModule")).abi);
    // Planning encodes calls only: no chain behind this adapter.
    const at = Object.fromEntries(
      ["token", "timelock", "systemPause", "StakeManager", "ReputationEngine"]
        .concat(["DisputeModule", "JobRegistry", "LeaseAgreement"])
        .map((name, i) => [name, `0x${(i + 1).toString(16).padStart(40, "0")}`]),
    ) as unknown as SimAddresses;
    const driver = { chain: {} } as unknown as BatchDriver;
    mandate = await Mandate.connect(driver, at, (name) => hre.artifacts.readArtifact(name));
  });

  /** Each action as `who#n fn(args)` (n: its index among its strategy's participants). */
  const lines = (actions: readonly Action[], people: readonly Participant[]) => {
    const name = (address: string) => {
      if (address === SIM_ROLES.arbitrator) return "arbitrator";
      if (address === SIM_ROLES.keeper) return "keeper";
      const who = people.find((p) => p.address === address)!;
      const peers = people.filter((p) => p.strategy === who.strategy);
      return `${who.strategy.name}#${peers.indexOf(who)}`;
    };
    return actions.map((a) => {
      const parsed =
        abi.parseTransaction({ data: a.data }) ?? disputes.parseTransaction({ data: a.data })!;
      return `${name(a.from)} ${parsed.name}(${parsed.args.map(String).join(",")})`;
    });
  };

  /** The scenario's participants with product ids 1 (honest earner) and 2 (revoking earner). */
  function people(scenario: Scenario) {
    const all = participantsOf(scenario);
    const [honest, revoking] = all.filter((p) => p.role === "earner");
    honest.productId = 1n;
    revoking.productId = 2n;
    const lessees = all.filter((p) => p.role === "lessee");
    return { all, honest, revoking, lessees };
  }

  const NOW = 4_000_000_000n;
  const going = perSecond(2n * TOKEN);
  const holdUp = perSecond(3n * TOKEN);
  /** An active lease of `days` days at `price` a second, started `ago` seconds before NOW. */
  const active = (price: bigint, ago: bigint, days = 5n): LeaseView => ({
    status: LeaseStatus.Active,
    startedAt: NOW - ago,
    endsAt: NOW - ago + days * DAY,
    escrow: price * days * DAY,
    closesAt: NOW - ago + (days + 3n) * DAY,
  });
  const context = (scenario: Scenario, listed: [string, bigint][]): LeaseContext => ({
    now: NOW,
    epoch: DAY,
    rng: new Prng(1),
    scenario,
    listed: new Map(listed),
    ruleBy: new Map(),
  });

  it("plans the hold-up: the revoking earner reprices and revokes its running leases; the honest earner does nothing", () => {
    const scenario = leaseScenario();
    const { all, honest, revoking, lessees } = people(scenario);
    // Lessees are dealt to earners in turn: honest#0 and disputing#0 lease from the honest earner.
    const leases: TrackedLease[] = lessees.map((lessee, i) => ({
      id: BigInt(i + 1),
      lessee,
      earner: lessee.earner!,
    }));
    const views = lessees.map(() => active(going, DAY));
    const ctx = context(scenario, [
      [honest.address, going],
      [revoking.address, going],
    ]);
    const steps = planLeases(mandate, all, leases, views, ctx);
    const term = 5n * DAY;
    // Its lessees lease again in the next phase, once the chain shows the revocation.
    assert.deepEqual(
      lines(
        steps.map((s) => s.action),
        all,
      ),
      [
        `revoking-earner#0 updateProduct(2,${holdUp},${term},${term},${consentOf(revoking)})`,
        "revoking-earner#0 revokeConsent(2)",
        "revoking-earner#0 revokeConsent(4)",
      ],
    );
  });

  it("holds the price up while a lessee leases again, leaves a hold-up lease running, and baits with the going price at renewal", () => {
    const scenario = leaseScenario();
    const { all, honest, revoking, lessees } = people(scenario);
    const [first, second] = lessees.filter((l) => l.earner === revoking);
    const others = lessees.filter((l) => l.earner === honest);
    const running = others.map((lessee, i) => ({ id: BigInt(20 + i), lessee, earner: honest }));
    const runningViews = others.map(() => active(going, DAY));
    const ctx = context(scenario, [
      [honest.address, going],
      [revoking.address, holdUp],
    ]);
    const plan = (mine: TrackedLease[], views: LeaseView[]) =>
      planLeases(mandate, all, [...running, ...mine], [...runningViews, ...views], ctx);
    const budget = perSecond(4n * TOKEN) * 5n * DAY;
    const open = (who: string) =>
      `${who} openLease(2,${getAddress(revoking.address)},${5n * DAY},${consentOf(revoking)},${budget})`;
    // The phase after the revocation: the revoked lease ended since, its lessee leases again and the
    // price stays up; a lease at the hold-up price with days to run is not worth revoking.
    const revoked = { ...active(going, 2n * DAY), status: LeaseStatus.Revoked, endsAt: NOW - DAY };
    let steps = plan(
      [
        { id: 7n, lessee: first, earner: revoking },
        { id: 8n, lessee: second, earner: revoking },
      ],
      [revoked, active(holdUp, DAY)],
    );
    assert.deepEqual(
      lines(
        steps.map((s) => s.action),
        all,
      ),
      [open("honest-lessee#1")],
    );
    // Its lessees' terms end within half an epoch, or end now: it asks the going price again before
    // they renew (a lessee choosing at renewal is not held up), and revokes nothing.
    const ending = active(holdUp, 5n * DAY - 60n);
    const endsNow = active(holdUp, 5n * DAY);
    steps = plan(
      [
        { id: 7n, lessee: first, earner: revoking },
        { id: 8n, lessee: second, earner: revoking },
      ],
      [ending, endsNow],
    );
    assert.deepEqual(
      lines(
        steps.map((s) => s.action),
        all,
      ),
      [
        `revoking-earner#0 updateProduct(2,${going},${5n * DAY},${5n * DAY},${consentOf(revoking)})`,
        "disputing-lessee#1 dispute(8)", // its term has ended: disputed at once
        open("honest-lessee#1"),
        open("disputing-lessee#1"),
      ],
    );
  });

  it("plans a dispute only for the disputing lessee, inside the window; the earner settles after it; the arbitrator rules", async () => {
    const scenario = leaseScenario();
    const { all, honest, lessees } = people(scenario);
    const [honestLessee, disputing] = lessees.filter((l) => l.earner === honest);
    const ended = active(going, 6n * DAY); // term ended a day ago, window open 2 more days
    const closed = active(going, 9n * DAY); // window closed a day ago
    const disputed = { ...ended, status: LeaseStatus.Disputed };
    const leases: TrackedLease[] = [
      { id: 1n, lessee: honestLessee, earner: honest },
      { id: 2n, lessee: disputing, earner: honest },
      { id: 3n, lessee: disputing, earner: honest },
      { id: 4n, lessee: disputing, earner: honest, disputeId: 9n },
    ];
    const ctx = context(scenario, [[honest.address, going]]);
    const steps = planLeases(mandate, all, leases, [ended, ended, closed, disputed], ctx);
    const planned = lines(
      steps.filter((s) => s.kind !== "open" && s.kind !== "reprice").map((s) => s.action),
      all,
    );
    assert.deepEqual(planned, [
      "disputing-lessee#0 dispute(2)",
      "honest-earner#0 settle(3)",
      "arbitrator rule(9,false)", // right with accuracy 1: the lessee disputed without cause
    ]);
    // Silent arbitrator: the keeper applies the default only once the ruling period has passed.
    const silent = leaseScenario({ arbitrator: { silent: true } });
    const waiting = { ...ctx, scenario: silent, ruleBy: new Map([[9n, NOW]]) };
    assert.ok(
      !planLeases(mandate, all, [leases[3]], [disputed], waiting).some((s) => s.kind === "rule"),
    );
    const due = { ...waiting, ruleBy: new Map([[9n, NOW - 1n]]) };
    const rule = planLeases(mandate, all, [leases[3]], [disputed], due).find(
      (s) => s.kind === "rule",
    )!;
    assert.deepEqual(lines([rule.action], all), ["keeper resolveByDefault(9)"]);
  });

  it("refuses a scenario with earners or lessees but no lease terms, or lessees but no earner, by path", () => {
    const issues = (overrides: Record<string, unknown>) =>
      scenarioSchema
        .safeParse({ ...leaseScenarioInput, ...overrides })
        .error?.issues.map((i) => `$.${i.path.join(".")}: ${i.message}`);
    assert.equal(issues({}), undefined);
    assert.deepEqual(issues({ leases: undefined }), [
      "$.leases: the population has earners or lessees: expected a leases object",
    ]);
    assert.deepEqual(issues({ population: [{ strategy: "honest-lessee", count: 1 }] }), [
      "$.population: the population has lessees but no earner whose product they could lease",
    ]);
  });

  it("runs on the contracts: every lease strategy acts, and a lessee's refused lease is a reported revert", async () => {
    // Budget 2.5 a day, hold-up 3: the revoking earner's lessees cannot lease again at its price.
    const scenario = leaseScenario({
      leases: { duration: "5d", pricePerDay: "2", holdUpPricePerDay: "3", budgetPerDay: "2.5" },
    });
    const setUp = await setUpPoint(hre, "config/hardhat.json", {}, scenario);
    try {
      const { mandate: onChain, participants } = setUp;
      const seen: { action: Action; outcome: Outcome }[] = [];
      const act = onChain.act.bind(onChain);
      onChain.act = async (actions) => {
        const outcomes = await act(actions);
        actions.forEach((action, i) => seen.push({ action, outcome: outcomes[i] }));
        return outcomes;
      };
      const result = await runSimulation(onChain, scenario, participants, 1);
      const ok = seen.filter((s) => s.outcome.ok);
      const acted = (strategy: string, fn: string) =>
        ok.some(
          (s) =>
            participants.find((p) => p.address === s.action.from)?.strategy.name === strategy &&
            abi.parseTransaction({ data: s.action.data })?.name === fn,
        );
      assert.ok(acted("honest-lessee", "openLease"), "an honest lessee opened a lease");
      assert.ok(acted("disputing-lessee", "dispute"), "a disputing lessee disputed");
      assert.ok(acted("revoking-earner", "updateProduct"), "the revoking earner repriced");
      assert.ok(acted("revoking-earner", "revokeConsent"), "the revoking earner revoked");
      assert.ok(acted("honest-earner", "settle"), "the honest earner settled");
      const refused = seen.filter((s) => !s.outcome.ok);
      assert.ok(refused.length > 0);
      assert.equal(result.reverted, refused.length, "every revert is counted in the run's result");
      assert.match(onChain.describeRevert(refused[0].outcome), /^LeaseAgreement_CostAboveLimit\(/);
      // Payoffs are the chain's: the revoking earner's lessees paid for the seconds they used.
      const last = result.rows.filter((r) => r.epoch === scenario.epochs - 1);
      const payoff = (s: string) => Number(last.find((r) => r.strategy === s)!.payoff);
      assert.ok(payoff("honest-earner") > 0 && payoff("revoking-earner") > 0);
      assert.ok(payoff("honest-lessee") < 0);
    } finally {
      await setUp.connection.close();
    }
  });
});
