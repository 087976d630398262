// Gas scenarios of JobRegistry and DisputeModule: every step of a job, rulings and credits.
import type { GasScenario } from "../scenarios.ts";
import {
  createJob,
  disputedJob,
  marketOf,
  rejectedJob,
  submittedJob,
  JOB_REWARD,
  RESULT_HASH,
  SPEC_HASH,
} from "../steps.ts";

const DAY = 86_400n;

export const marketScenarios: GasScenario[] = [
  {
    name: "JobRegistry.createJob",
    fixture: "market",
    state:
      "the employer posts a 1,000-token job (job slots 0→nonzero); an earlier job is open; exact approval (allowance →0)",
    setup: async (s) => {
      const { registry } = marketOf(s);
      await (
        await s.token.connect(s.accounts.employer).approve(await registry.getAddress(), JOB_REWARD)
      ).wait();
    },
    act: async (s) => {
      const deadline = BigInt(await s.connection.networkHelpers.time.latest()) + 7n * 86_400n;
      return marketOf(s)
        .registry.connect(s.accounts.employer)
        .createJob(JOB_REWARD, deadline, SPEC_HASH);
    },
  },
  {
    name: "JobRegistry.takeJob",
    fixture: "market",
    state:
      "the agent, with free stake, takes an open job: JobRegistry's first lock on the agent (lockedBy 0→nonzero)",
    setup: async (s) => {
      await createJob(s, JOB_REWARD);
    },
    act: async (s) => {
      const { registry } = marketOf(s);
      return registry.connect(s.accounts.agent).takeJob(await registry.jobCount());
    },
  },
  {
    name: "JobRegistry.submitResult",
    fixture: "market",
    state: "the agent submits the result of a job it took (result hash slot 0→nonzero)",
    setup: async (s) => {
      const { registry } = marketOf(s);
      const jobId = await createJob(s, JOB_REWARD);
      await (await registry.connect(s.accounts.agent).takeJob(jobId)).wait();
    },
    act: async (s) => {
      const { registry } = marketOf(s);
      return registry
        .connect(s.accounts.agent)
        .submitResult(await registry.jobCount(), RESULT_HASH);
    },
  },
  {
    name: "JobRegistry.acceptResult",
    fixture: "market",
    state:
      "the employer accepts: stake released (lockedBy →0), reputation 0→nonzero, payout credited to the agent and fee to the treasury (credits 0→nonzero, no transfer)",
    setup: async (s) => {
      await submittedJob(s);
    },
    act: async (s) => {
      const { registry } = marketOf(s);
      return registry.connect(s.accounts.employer).acceptResult(await registry.jobCount());
    },
  },

  {
    name: "JobRegistry.rejectResult",
    fixture: "market",
    state:
      "the employer rejects a submitted job inside its review window: status and window rewritten",
    setup: async (s) => {
      await submittedJob(s);
    },
    act: async (s) => {
      const { registry } = marketOf(s);
      return registry.connect(s.accounts.employer).rejectResult(await registry.jobCount());
    },
  },
  {
    name: "JobRegistry.finaliseRejection",
    fixture: "market",
    state:
      "anyone (alice) makes a rejection final after the dispute window: refund and half the stake (slashed to JobRegistry) credited to the employer (0→nonzero), the rest released, reputation cut",
    setup: async (s) => {
      await rejectedJob(s);
      const { registry } = marketOf(s);
      const window = await registry.parameter(await registry.DISPUTE_WINDOW());
      await s.connection.networkHelpers.time.increase(window + 1n);
    },
    act: async (s) => {
      const { registry } = marketOf(s);
      return registry.connect(s.accounts.alice).finaliseRejection(await registry.jobCount());
    },
  },
  {
    name: "JobRegistry.expireJob",
    fixture: "market",
    state:
      "anyone (alice) expires a taken job past its deadline: refund and half the stake (slashed to JobRegistry) credited to the employer (0→nonzero), the rest released, reputation cut",
    setup: async (s) => {
      const { registry } = marketOf(s);
      const jobId = await createJob(s, JOB_REWARD);
      await (await registry.connect(s.accounts.agent).takeJob(jobId)).wait();
      await s.connection.networkHelpers.time.increase(7n * DAY + 1n);
    },
    act: async (s) => {
      const { registry } = marketOf(s);
      return registry.connect(s.accounts.alice).expireJob(await registry.jobCount());
    },
  },
  {
    name: "JobRegistry.reclaimJob",
    fixture: "market",
    state:
      "the employer reclaims a taken job its agent held past the idle limit without submitting: refund credited (0→nonzero), the whole stake released, no reputation change",
    setup: async (s) => {
      const { registry } = marketOf(s);
      const jobId = await createJob(s, JOB_REWARD);
      await (await registry.connect(s.accounts.agent).takeJob(jobId)).wait();
      const idleEnd = await registry.idleEndsAt(jobId);
      await s.connection.networkHelpers.time.increaseTo(idleEnd + 1n);
    },
    act: async (s) => {
      const { registry } = marketOf(s);
      return registry.connect(s.accounts.employer).reclaimJob(await registry.jobCount());
    },
  },
  {
    name: "JobRegistry.claim",
    fixture: "market",
    state:
      "anyone (alice) claims the agent's pay credited by an acceptance: credit nonzero→0, one transfer to the agent, who holds tokens",
    setup: async (s) => {
      await submittedJob(s);
      const { registry } = marketOf(s);
      const jobId = await registry.jobCount();
      await (await registry.connect(s.accounts.employer).acceptResult(jobId)).wait();
    },
    act: async (s) => {
      const { registry } = marketOf(s);
      return registry.connect(s.accounts.alice).claim(s.accounts.agent.address);
    },
  },

  // ------------------------------------------------------------ disputes
  {
    name: "JobRegistry.disputeRejection",
    fixture: "market",
    state:
      "the agent disputes a rejection: DisputeModule opens its first dispute (dispute slots 0→nonzero) and pulls the 50-token bond (exact approval)",
    setup: async (s) => {
      await rejectedJob(s);
    },
    act: async (s) => {
      const { registry } = marketOf(s);
      return registry.connect(s.accounts.agent).disputeRejection(await registry.jobCount());
    },
  },
  {
    name: "DisputeModule.rule:claimant-wins",
    fixture: "market",
    state:
      "the arbitrator rules for the agent: the job settles as accepted (payout, fee, release, reputation) and the bond is refunded",
    setup: async (s) => {
      await disputedJob(s);
    },
    act: async (s) => {
      const { disputes } = marketOf(s);
      return disputes.connect(s.accounts.arbitrator).rule(await disputes.disputeCount(), true);
    },
  },
  {
    name: "DisputeModule.rule:respondent-wins",
    fixture: "market",
    state:
      "the arbitrator rules for the employer: refund, half the stake slashed to the employer, the rest released, reputation cut; bond to the employer minus the fee to the treasury",
    setup: async (s) => {
      await disputedJob(s);
    },
    act: async (s) => {
      const { disputes } = marketOf(s);
      return disputes.connect(s.accounts.arbitrator).rule(await disputes.disputeCount(), false);
    },
  },

  {
    name: "DisputeModule.claim",
    fixture: "market",
    state:
      "the employer claims the forfeited bond credited to it by a ruling: credit nonzero→0, one transfer to the employer, who holds tokens",
    setup: async (s) => {
      await disputedJob(s);
      const { disputes } = marketOf(s);
      const id = await disputes.disputeCount();
      await (await disputes.connect(s.accounts.arbitrator).rule(id, false)).wait();
    },
    act: async (s) => {
      const { disputes } = marketOf(s);
      const { employer } = s.accounts;
      return disputes.connect(employer).claim(employer.address);
    },
  },

  {
    name: "DisputeModule.resolveByDefault",
    fixture: "market",
    state:
      "anyone (alice) applies the default (respondent wins) after the ruling period: as rule:respondent-wins",
    setup: async (s) => {
      await disputedJob(s);
      const { disputes } = marketOf(s);
      const period = await disputes.parameter(await disputes.RULING_PERIOD());
      await s.connection.networkHelpers.time.increase(period + 1n);
    },
    act: async (s) => {
      const { disputes } = marketOf(s);
      return disputes.connect(s.accounts.alice).resolveByDefault(await disputes.disputeCount());
    },
  },
];
