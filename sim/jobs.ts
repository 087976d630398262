// One epoch's step for one job, given its state as read from JobRegistry: let the party whose move it is
// decide (through its strategy), or settle it through the keeper when a window has passed in
// silence, or rule on its dispute as the arbitrator. Planned here, sent in the epoch's batch of job
// steps (sim/run.ts), and what a step's success teaches the simulation is stated with it.
import { encodeBytes32String } from "ethers";

import type { Action } from "./chain/driver.ts";
import { JobStatus, type JobView, type Mandate } from "./chain/mandate.ts";
import type { Participant } from "./participants.ts";
import { SIM_ROLES } from "./participants.ts";
import type { Prng } from "./prng.ts";
import type { Scenario } from "./scenario.ts";
import type { Quality } from "./strategies/types.ts";

/** What the simulation knows about a job beyond the chain: who is who, and the truth of its result. */
export interface TrackedJob {
  id: bigint;
  employer: Participant;
  agent?: Participant;
  quality?: Quality;
}

/** Disputes each participant won and lost, counted when a disputed job settles. */
export type CaseTally = Map<string, { won: number; lost: number }>;

const FINAL = new Set<number>([
  JobStatus.Accepted,
  JobStatus.RejectionFinal,
  JobStatus.Cancelled,
  JobStatus.Expired,
]);

/** The result a job's agent submits: a label naming the job and the result's truth (no hash needed). */
export function resultHash(job: TrackedJob, quality: Quality): string {
  return encodeBytes32String(`result:${job.id}:${quality}`);
}

/** What one job's step sends this epoch, and what the simulation learns when it succeeds. */
export interface JobStep {
  job: TrackedJob;
  action: Action;
  /** On success the job is settled for good (and may be forgotten). */
  settles: boolean;
  /** On success: the quality of the result just submitted. */
  quality?: Quality;
  /** A ruling or default: on success, who won is read from the job's status afterwards. */
  decidesCase: boolean;
}

export interface StepContext {
  now: bigint;
  rng: Prng;
  scenario: Scenario;
  /** The ruling deadline in force of each disputed job's dispute (needed only without an arbitrator). */
  ruleBy: Map<bigint, bigint>;
}

/**
 * The step of `job` given its view: the party whose move it is decides (through its strategy), or
 * the keeper settles after a silence, or the arbitrator rules. `settled` when the job reached a final
 * status already; null when no one acts this epoch.
 */
export function planJob(
  mandate: Mandate,
  job: TrackedJob,
  view: JobView,
  ctx: StepContext,
): JobStep | "settled" | null {
  if (FINAL.has(view.status)) return "settled";
  const { now, rng } = ctx;
  const overdue = view.currentDeadline !== 0n && now > view.currentDeadline;
  const keeper = SIM_ROLES.keeper;
  const step = (action: Action, settles = false, quality?: Quality): JobStep => ({
    job,
    action: { ...action, touches: parties(job) },
    settles,
    quality,
    decidesCase: false,
  });
  switch (view.status) {
    case JobStatus.Open:
      return overdue ? step(mandate.cancelJob(keeper, job.id)) : null;
    case JobStatus.Taken: {
      if (overdue) return step(mandate.expireJob(keeper, job.id), true);
      const work = job.agent!.strategy.work!({ id: job.id }, rng);
      if (work === "none") return null;
      return step(
        mandate.submitResult(job.agent!.address, job.id, resultHash(job, work)),
        false,
        work,
      );
    }
    case JobStatus.Submitted: {
      if (overdue) return step(mandate.finaliseAccepted(keeper, job.id), true);
      const decision = job.employer.strategy.review!({ id: job.id, quality: job.quality }, rng);
      if (decision === "accept") return step(mandate.acceptResult(job.employer.address, job.id));
      if (decision === "reject") return step(mandate.rejectResult(job.employer.address, job.id));
      return null;
    }
    case JobStatus.Rejected:
      if (overdue) return step(mandate.finaliseRejection(keeper, job.id), true);
      if (job.agent!.strategy.disputes!({ id: job.id, quality: job.quality }, rng))
        return step(mandate.disputeRejection(job.agent!.address, job.id));
      return null;
    case JobStatus.Disputed:
      return planDispute(mandate, job, view, ctx);
    default:
      throw new Error(`job ${job.id}: unexpected status ${view.status}`);
  }
}

/** The arbitrator rules (right with the scenario's accuracy), or, silent, the keeper defaults it. */
function planDispute(
  mandate: Mandate,
  job: TrackedJob,
  view: JobView,
  ctx: StepContext,
): JobStep | null {
  const action = arbitrate(mandate, view.disputeId, job.quality === "good", ctx, `job ${job.id}`);
  if (action === null) return null;
  return { job, action: { ...action, touches: parties(job) }, settles: true, decidesCase: true };
}

/**
 * The one arbitrator of every dispute (jobs and leases): it rules, right with the scenario's
 * accuracy (`claimantIsRight` is the truth), or, silent, the keeper applies the default once the
 * ruling period (`ctx.ruleBy`, read from the chain) has passed; null while it has not.
 */
export function arbitrate(
  mandate: Mandate,
  disputeId: bigint,
  claimantIsRight: boolean,
  ctx: Pick<StepContext, "now" | "rng" | "scenario"> & { ruleBy: ReadonlyMap<bigint, bigint> },
  what: string,
): Action | null {
  const { arbitrator } = ctx.scenario;
  if ("accuracy" in arbitrator) {
    const right = ctx.rng.chance(arbitrator.accuracy);
    return mandate.rule(SIM_ROLES.arbitrator, disputeId, right === claimantIsRight);
  }
  const ruleBy = ctx.ruleBy.get(disputeId);
  if (ruleBy === undefined) throw new Error(`${what}: its dispute's deadline was not read`);
  if (ctx.now <= ruleBy) return null;
  return mandate.resolveByDefault(SIM_ROLES.keeper, disputeId);
}

/** A job's parties: a step on it (a settlement, a ruling) may pay or slash either. */
function parties(job: TrackedJob): string[] {
  return job.agent === undefined
    ? [job.employer.address]
    : [job.employer.address, job.agent.address];
}

/** Counts a decided case for both parties: the agent won when its job ended Accepted. */
export function tallyCase(cases: CaseTally, job: TrackedJob, after: JobView): void {
  const agentWon = after.status === JobStatus.Accepted;
  tally(cases, job.agent!.address, agentWon);
  tally(cases, job.employer.address, !agentWon);
}

/** Counts one decided case for `address` (jobs and leases alike). */
export function tally(cases: CaseTally, address: string, won: boolean): void {
  const entry = cases.get(address) ?? { won: 0, lost: 0 };
  if (won) entry.won++;
  else entry.lost++;
  cases.set(address, entry);
}
