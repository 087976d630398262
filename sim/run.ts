// One simulation run: a seed, the participants funded on a freshly reverted chain, and `epochs`
// epochs of the market. Each epoch: maybe a guardian pause (or governance's unpause), the leases
// stepped (sim/leases.ts), every open job stepped (sim/jobs.ts), employers post, free agents take
// open jobs, colluding pairs farm, each phase one batch of actions (sim/chain/driver.ts); then the clock moves one epoch and every participant's
// tokens, stake and score are read from the chain.
import { encodeBytes32String } from "ethers";

import { formatDecimal } from "../deploy/manifest/units.ts";
import { JobStatus, type Mandate } from "./chain/mandate.ts";
import {
  planJob,
  resultHash,
  tallyCase,
  type CaseTally,
  type JobStep,
  type TrackedJob,
} from "./jobs.ts";
import { stepLeases, type TrackedLease } from "./leases.ts";
import { SIM_ROLES, type Participant } from "./participants.ts";
import { Prng } from "./prng.ts";
import type { Scenario } from "./scenario.ts";

/** The simulation's clock starts here (2096-10-02), past any block the deployment made. */
export const SIM_START = 4_000_000_000n;
const DECIMALS = 18;

/** One row of the tidy table: one strategy in one epoch of one run, means per participant. */
export interface EpochRow {
  seed: number;
  epoch: number;
  strategy: string;
  participants: number;
  /** Tokens held plus stake, minus the endowment: what the strategy gained, in whole tokens. */
  payoff: string;
  stake: string;
  reputation: string;
  casesWon: number;
  casesLost: number;
  paused: boolean;
}

/** The colluding pairs' reputation farming: what it cost to reach each score threshold. */
export interface FarmingResult {
  /** The threshold (points) and the first epoch a farming agent's score reached it, with the pair's cost then (tokens). */
  thresholds: { name: string; points: string; epoch: number | null; cost: string | null }[];
}

export interface RunResult {
  rows: EpochRow[];
  farming: FarmingResult | null;
  actions: number;
  reverted: number;
}

/** A participant's holdings as last read: tokens (wallet and credits), stake, score. */
interface Held {
  balance: bigint;
  stake: bigint;
  score: bigint;
}

/**
 * Every participant's tokens and stake are read afresh this often (in epochs) and at the last
 * epoch, and checked against what was carried forward; in between only the parties the epoch's
 * actions named are (their scores decay, so everyone's score is read every epoch).
 */
export const FULL_READ_EVERY = 10;

interface RunState {
  rng: Prng;
  /** Each participant's holdings as last read, by address. */
  held: Map<string, Held>;
  jobs: Map<bigint, TrackedJob>;
  leases: Map<bigint, TrackedLease>;
  nextJobId: bigint;
  cases: CaseTally;
  pausedUntil: number | null;
}

export async function runSimulation(
  mandate: Mandate,
  scenario: Scenario,
  participants: readonly Participant[],
  seed: number,
): Promise<RunResult> {
  const { chain, driver } = mandate;
  chain.startClock(SIM_START);
  mandate.takeTouched();
  const actionsBefore = driver.actions + chain.sent;
  const revertedBefore = driver.reverted + chain.reverted;
  const state: RunState = {
    rng: new Prng(seed),
    held: new Map(),
    jobs: new Map(),
    leases: new Map(),
    nextJobId: (await mandate.jobCount()) + 1n,
    cases: new Map(),
    pausedUntil: null,
  };
  const thresholds = await farmingThresholds(mandate);
  const reached = new Map<string, { epoch: number; cost: bigint }>();
  const rows: EpochRow[] = [];
  for (let epoch = 0; epoch < scenario.epochs; epoch++) {
    const now = SIM_START + BigInt(epoch) * scenario.epoch;
    await chain.advanceTo(now);
    const paused = await stepPause(mandate, scenario, state, epoch);
    if (!paused) {
      // Each phase is one batch (one block): its decisions are made from what the chain said before
      // it, and what each action did comes back before the next phase decides.
      await stepLeases(mandate, scenario, participants, state.leases, state.rng, state.cases);
      await stepJobs(mandate, scenario, state);
      const farmed = await post(mandate, scenario, participants, state);
      await take(mandate, participants, state);
      // Last, so that the scores are read at the time of the pairs' last acceptance: a capped score
      // reads as the cap, not as the cap decayed by the seconds of other participants' transactions.
      await farm(mandate, farmed, state);
    }
    const full = epoch % FULL_READ_EVERY === 0 || epoch === scenario.epochs - 1;
    await readHoldings(mandate, participants, state.held, full, epoch);
    const measured = measure(scenario, participants, state.held, state.cases);
    rows.push(...summarise(seed, epoch, paused, participants, measured));
    trackFarming(participants, measured, thresholds, epoch, reached);
  }
  return {
    rows,
    farming: participants.some((p) => p.strategy.role === "pair")
      ? {
          thresholds: thresholds.map((t) => {
            const hit = reached.get(t.name);
            return {
              name: t.name,
              points: formatDecimal(t.points, DECIMALS),
              epoch: hit?.epoch ?? null,
              cost: hit === undefined ? null : formatDecimal(hit.cost, DECIMALS),
            };
          }),
        }
      : null,
    actions: driver.actions + chain.sent - actionsBefore,
    reverted: driver.reverted + chain.reverted - revertedBefore,
  };
}

/** A guardian pauses with the scenario's chance; governance unpauses when the pause's epochs end. */
async function stepPause(
  mandate: Mandate,
  scenario: Scenario,
  state: RunState,
  epoch: number,
): Promise<boolean> {
  if (state.pausedUntil !== null) {
    if (epoch < state.pausedUntil) return true;
    await mandate.unpauseAll();
    state.pausedUntil = null;
  }
  if (scenario.pauses.probability > 0 && state.rng.chance(scenario.pauses.probability)) {
    const length = state.rng.int(1, scenario.pauses.maxEpochs);
    const sent = await mandate.pauseAll(SIM_ROLES.guardian);
    if (!sent.ok) throw new Error(`the guardian could not pause: ${sent.error}`);
    state.pausedUntil = epoch + length;
    return true;
  }
  return false;
}

/** Every open job's step, in one batch; then the cases decided in it are tallied from the chain. */
async function stepJobs(mandate: Mandate, scenario: Scenario, state: RunState) {
  const now = mandate.chain.clock;
  const jobs = [...state.jobs.values()];
  const views = await mandate.jobsOf(jobs.map((j) => j.id));
  const ruleBy = new Map<bigint, bigint>();
  if (!("accuracy" in scenario.arbitrator)) {
    const disputes = views.filter((v) => v.status === JobStatus.Disputed).map((v) => v.disputeId);
    const deadlines = await mandate.rulesBy(disputes);
    disputes.forEach((d, i) => ruleBy.set(d, deadlines[i]));
  }
  const steps: JobStep[] = [];
  for (const [i, job] of jobs.entries()) {
    const step = planJob(mandate, job, views[i], { now, rng: state.rng, scenario, ruleBy });
    if (step === "settled") state.jobs.delete(job.id);
    else if (step !== null) steps.push(step);
  }
  const outcomes = await mandate.act(steps.map((s) => s.action));
  const decided: TrackedJob[] = [];
  for (const [i, step] of steps.entries()) {
    if (!outcomes[i].ok) continue;
    if (step.quality !== undefined) step.job.quality = step.quality;
    if (step.settles) state.jobs.delete(step.job.id);
    if (step.decidesCase) decided.push(step.job);
  }
  const after = await mandate.jobsOf(decided.map((j) => j.id));
  decided.forEach((job, i) => tallyCase(state.cases, job, after[i]));
}

/**
 * Employers with no job in progress post one with the scenario's chance (their strategy decides),
 * and each colluding pair's employer posts its farming jobs, in one batch. Returns the farming jobs
 * created (finished by `farm`); the others are open to every agent.
 */
async function post(
  mandate: Mandate,
  scenario: Scenario,
  participants: readonly Participant[],
  state: RunState,
): Promise<TrackedJob[]> {
  const deadline = mandate.chain.clock + scenario.jobDuration;
  const busy = new Set([...state.jobs.values()].map((j) => j.employer.address));
  const posts: { job: Omit<TrackedJob, "id">; reward: bigint; farming: boolean }[] = [];
  for (const employer of participants) {
    if (employer.role !== "employer" || employer.strategy.role === "pair") continue;
    if (busy.has(employer.address)) continue;
    if (!employer.strategy.posts!(state.rng, scenario.postProbability)) continue;
    posts.push({ job: { employer }, reward: scenario.jobReward, farming: false });
  }
  for (const employer of participants) {
    if (employer.strategy.role !== "pair" || employer.role !== "employer") continue;
    const job = { employer, agent: employer.partner!, quality: "good" as const };
    for (let i = 0; i < scenario.farming.jobsPerEpoch; i++)
      posts.push({ job, reward: scenario.farming.reward, farming: true });
  }
  // Specs are labels only: numbered from the next job id as if every creation succeeds.
  const label = (i: number, farming: boolean) =>
    encodeBytes32String(`${farming ? "farm" : "job"}:${state.nextJobId + BigInt(i)}`);
  const outcomes = await mandate.act(
    posts.map((p, i) =>
      mandate.createJob(p.job.employer.address, p.reward, deadline, label(i, p.farming)),
    ),
  );
  const farmed: TrackedJob[] = [];
  for (const [i, p] of posts.entries()) {
    if (!outcomes[i].ok) continue;
    const job: TrackedJob = { ...p.job, id: mandate.createdJobId(outcomes[i]) };
    state.nextJobId = job.id + 1n;
    if (p.farming) farmed.push(job);
    else state.jobs.set(job.id, job);
  }
  return farmed;
}

/**
 * Free agents, in a random order, each take a random open job. One batch a round: a job whose
 * taking failed goes back to the open ones, for the agents the round did not reach.
 */
async function take(mandate: Mandate, participants: readonly Participant[], state: RunState) {
  const busy = new Set([...state.jobs.values()].flatMap((j) => (j.agent ? [j.agent.address] : [])));
  let open = [...state.jobs.values()].filter((j) => j.agent === undefined);
  let waiting = state.rng.shuffle(
    participants.filter(
      (p) => p.role === "agent" && p.strategy.takes === true && !busy.has(p.address),
    ),
  );
  while (waiting.length > 0 && open.length > 0) {
    const picks: { agent: Participant; job: TrackedJob }[] = [];
    while (picks.length < waiting.length && open.length > 0) {
      const [job] = open.splice(state.rng.int(0, open.length - 1), 1);
      picks.push({ agent: waiting[picks.length], job });
    }
    waiting = waiting.slice(picks.length);
    const outcomes = await mandate.act(
      picks.map((p) => mandate.takeJob(p.agent.address, p.job.id)),
    );
    for (const [i, { agent, job }] of picks.entries()) {
      if (outcomes[i].ok) job.agent = agent;
      else open.push(job);
    }
    open = open.sort((a, b) => (a.id < b.id ? -1 : 1));
  }
}

/** Each pair's agent takes its farming jobs, submits at once, and its employer accepts: one batch. */
async function farm(mandate: Mandate, farmed: readonly TrackedJob[], state: RunState) {
  const outcomes = await mandate.act(
    farmed.flatMap((job) => [
      mandate.takeJob(job.agent!.address, job.id),
      mandate.submitResult(job.agent!.address, job.id, resultHash(job, "good")),
      { ...mandate.acceptResult(job.employer.address, job.id), touches: [job.agent!.address] },
    ]),
  );
  // A job its partner could not take stays open, and is settled like any other.
  farmed.forEach((job, i) => {
    if (!outcomes[3 * i].ok) state.jobs.set(job.id, job);
  });
}

interface Measured {
  payoff: bigint;
  stake: bigint;
  score: bigint;
  won: number;
  lost: number;
}

/**
 * Brings `held` up to the chain: every participant's score; the tokens and stake of the parties the
 * epoch's actions named, or (`full`) of everyone, checking that no one else's moved. A party an
 * action paid or slashed without naming it (`Action.touches`) is an error here, not a stale row.
 */
async function readHoldings(
  mandate: Mandate,
  participants: readonly Participant[],
  held: Map<string, Held>,
  full: boolean,
  epoch: number,
): Promise<void> {
  const touched = mandate.takeTouched();
  const read = full ? participants : participants.filter((p) => touched.has(p.address));
  const fresh = await mandate.holdings(read.map((p) => p.address));
  const rest = full ? [] : participants.filter((p) => !touched.has(p.address));
  const scores = await mandate.scores(rest.map((p) => p.address));
  for (const [i, p] of read.entries()) {
    const before = held.get(p.address);
    const now = fresh[i];
    if (before !== undefined && !touched.has(p.address))
      for (const key of ["balance", "stake"] as const)
        if (before[key] !== now[key])
          throw new Error(
            `epoch ${epoch}: the ${key} of ${p.strategy.name} participant ${p.address} moved from ${before[key]} to ${now[key]} though no action since it was last read named it (an action is missing its touches)`,
          );
    held.set(p.address, now);
  }
  for (const [i, p] of rest.entries()) {
    const before = held.get(p.address);
    if (before === undefined)
      throw new Error(`${p.address}: no holdings read before epoch ${epoch}`);
    held.set(p.address, { ...before, score: scores[i] });
  }
}

function measure(
  scenario: Scenario,
  participants: readonly Participant[],
  held: Map<string, Held>,
  cases: CaseTally,
): Map<string, Measured> {
  const out = new Map<string, Measured>();
  for (const p of participants) {
    const { balance, stake, score } = held.get(p.address)!;
    const c = cases.get(p.address) ?? { won: 0, lost: 0 };
    out.set(p.address, {
      payoff: balance + stake - scenario.endowment,
      stake,
      score,
      won: c.won,
      lost: c.lost,
    });
  }
  return out;
}

function summarise(
  seed: number,
  epoch: number,
  paused: boolean,
  participants: readonly Participant[],
  measured: Map<string, Measured>,
): EpochRow[] {
  const groups = new Map<string, Measured[]>();
  for (const p of participants) {
    const group = groups.get(p.strategy.name) ?? [];
    group.push(measured.get(p.address)!);
    groups.set(p.strategy.name, group);
  }
  const agents = new Set(participants.filter((p) => p.role === "agent").map((p) => p.address));
  const scored = new Map<string, bigint[]>();
  for (const p of participants) {
    if (!agents.has(p.address)) continue;
    scored.set(p.strategy.name, [
      ...(scored.get(p.strategy.name) ?? []),
      measured.get(p.address)!.score,
    ]);
  }
  return [...groups].map(([strategy, ms]) => {
    const n = BigInt(ms.length);
    const sum = (f: (m: Measured) => bigint) => ms.reduce((a, m) => a + f(m), 0n);
    // Reputation is an agent's: the mean over the strategy's agents (a pair's is its agent's).
    const scores = scored.get(strategy) ?? [];
    const reputation =
      scores.length === 0 ? 0n : scores.reduce((a, b) => a + b, 0n) / BigInt(scores.length);
    return {
      seed,
      epoch,
      strategy,
      participants: ms.length,
      payoff: formatSigned(sum((m) => m.payoff) / n),
      stake: formatDecimal(sum((m) => m.stake) / n, DECIMALS),
      reputation: formatDecimal(reputation, DECIMALS),
      casesWon: ms.reduce((a, m) => a + m.won, 0),
      casesLost: ms.reduce((a, m) => a + m.lost, 0),
      paused,
    };
  });
}

function formatSigned(value: bigint): string {
  return value < 0n ? `-${formatDecimal(-value, DECIMALS)}` : formatDecimal(value, DECIMALS);
}

/** The score thresholds farming aims at, read from the chain: MIN_REPUTATION (when set) and SCORE_CAP. */
async function farmingThresholds(mandate: Mandate) {
  const out = [
    { name: "SCORE_CAP", points: await mandate.parameter("ReputationEngine", "SCORE_CAP") },
  ];
  const min = await mandate.parameter("JobRegistry", "MIN_REPUTATION");
  if (min > 0n) out.unshift({ name: "MIN_REPUTATION", points: min });
  return out;
}

/** Records the first epoch a farming agent reached each threshold, and its pair's cost so far. */
function trackFarming(
  participants: readonly Participant[],
  measured: Map<string, Measured>,
  thresholds: { name: string; points: bigint }[],
  epoch: number,
  reached: Map<string, { epoch: number; cost: bigint }>,
) {
  for (const agent of participants) {
    if (agent.strategy.role !== "pair" || agent.role !== "agent") continue;
    const m = measured.get(agent.address)!;
    const pairPayoff = m.payoff + measured.get(agent.partner!.address)!.payoff;
    for (const t of thresholds) {
      if (reached.has(t.name) || m.score < t.points) continue;
      reached.set(t.name, { epoch, cost: -pairPayoff });
    }
  }
}
