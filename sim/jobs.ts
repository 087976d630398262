// One epoch's step for one job, given its state as read from JobRegistry: let the party whose move it is
// decide (through its strategy), or settle it through the keeper when a window has passed in
// silence, or rule on its dispute as the arbitrator. Returns whether the job is settled for good.
import { id } from "ethers";

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

export function resultHash(job: TrackedJob, quality: Quality): string {
  return id(`result:${job.id}:${quality}`);
}

/** One step of `job`; true when it has reached a final status (and may be forgotten). */
export async function stepJob(
  mandate: Mandate,
  job: TrackedJob,
  view: JobView,
  ctx: { now: bigint; rng: Prng; scenario: Scenario; cases: CaseTally },
): Promise<boolean> {
  if (FINAL.has(view.status)) return true;
  const { now, rng } = ctx;
  const overdue = view.currentDeadline !== 0n && now > view.currentDeadline;
  const keeper = SIM_ROLES.keeper;
  switch (view.status) {
    case JobStatus.Open:
      if (overdue) await mandate.cancelJob(keeper, job.id);
      return false;
    case JobStatus.Taken: {
      if (overdue) return (await mandate.expireJob(keeper, job.id)).ok;
      const work = job.agent!.strategy.work!({ id: job.id }, rng);
      if (work !== "none") {
        const sent = await mandate.submitResult(job.agent!.address, job.id, resultHash(job, work));
        if (sent.ok) job.quality = work;
      }
      return false;
    }
    case JobStatus.Submitted: {
      if (overdue) return (await mandate.finaliseAccepted(keeper, job.id)).ok;
      const decision = job.employer.strategy.review!({ id: job.id, quality: job.quality }, rng);
      if (decision === "accept") await mandate.acceptResult(job.employer.address, job.id);
      if (decision === "reject") await mandate.rejectResult(job.employer.address, job.id);
      return false;
    }
    case JobStatus.Rejected:
      if (overdue) return (await mandate.finaliseRejection(keeper, job.id)).ok;
      if (job.agent!.strategy.disputes!({ id: job.id, quality: job.quality }, rng))
        await mandate.disputeRejection(job.agent!.address, job.id);
      return false;
    case JobStatus.Disputed:
      return stepDispute(mandate, job, view, ctx);
    default:
      throw new Error(`job ${job.id}: unexpected status ${view.status}`);
  }
}

/** The arbitrator rules (right with the scenario's accuracy), or, silent, the keeper defaults it. */
async function stepDispute(
  mandate: Mandate,
  job: TrackedJob,
  view: JobView,
  ctx: { now: bigint; rng: Prng; scenario: Scenario; cases: CaseTally },
): Promise<boolean> {
  const { arbitrator } = ctx.scenario;
  let sent;
  if ("accuracy" in arbitrator) {
    const agentIsRight = job.quality === "good";
    const right = ctx.rng.chance(arbitrator.accuracy);
    sent = await mandate.rule(SIM_ROLES.arbitrator, view.disputeId, right === agentIsRight);
  } else {
    if (ctx.now <= (await mandate.ruleBy(view.disputeId))) return false;
    sent = await mandate.resolveByDefault(SIM_ROLES.keeper, view.disputeId);
  }
  if (!sent.ok) return false;
  const after = await mandate.job(job.id);
  const agentWon = after.status === JobStatus.Accepted;
  tally(ctx.cases, job.agent!.address, agentWon);
  tally(ctx.cases, job.employer.address, !agentWon);
  return true;
}

function tally(cases: CaseTally, address: string, won: boolean): void {
  const entry = cases.get(address) ?? { won: 0, lost: 0 };
  if (won) entry.won++;
  else entry.lost++;
  cases.set(address, entry);
}
