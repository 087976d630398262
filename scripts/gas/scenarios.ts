// The table of measured operations. Each scenario starts from a fresh copy of its fixture (a chain
// snapshot), brings about its documented state in `setup`, then sends the one measured transaction in
// `act`. A new user-facing operation (JobRegistry create/take/submit/accept, lease open/settle/revoke,
// dispute open/rule, ...) is one more entry here, a budget in gas/budgets.json and a line in docs/gas.md.
import type { ContractTransactionResponse } from "ethers";

import {
  approveExactly,
  createJob,
  disputedJob,
  marketOf,
  rejectedJob,
  submittedJob,
  JOB_REWARD,
  RESULT_HASH,
  SPEC_HASH,
  approveLease,
  listLeaseProduct,
  openLease,
  LEASE_CONSENT_HASH,
  LEASE_DISPUTE_WINDOW,
  LEASE_PRICE_PER_SECOND,
  execute,
  schedule,
  scheduleAndWait,
  setParameterCall,
  stake,
  unpauseAllCall,
  INITIAL_TOKENS,
  UNBONDING_PERIOD,
  type MandateSystem,
} from "./system.ts";

/** Which deployment a scenario starts from (see fixtures in measure.ts). */
export type FixtureName = "foundation" | "foundationWithEightModules" | "market";

export interface GasScenario {
  /** The key in gas/snapshot.json and gas/budgets.json: `Contract.function:case`. */
  name: string;
  fixture: FixtureName;
  /** The state the measured transaction meets: which slots go zero→nonzero, which accounts are paid. */
  state: string;
  /** Brings the fixture to `state`; its transactions are not measured. */
  setup?: (system: MandateSystem) => Promise<void>;
  /** Sends the one measured transaction. */
  act: (system: MandateSystem) => Promise<ContractTransactionResponse>;
}

const TOKEN = 10n ** 18n;
const DEPOSIT = 100n * TOKEN;
const UNBOND = 40n * TOKEN;
const LOCK = 60n * TOKEN;
const DAY = 86_400n;
const LEASE_TERM = 10n * DAY;

export const scenarios: GasScenario[] = [
  // ------------------------------------------------------------ StakeManager, stakers
  {
    name: "StakeManager.deposit:first",
    fixture: "foundation",
    state:
      "alice's first deposit (her stake slot 0→nonzero); others staked before; exact approval (allowance →0); alice keeps tokens",
    setup: (s) => approveExactly(s, s.accounts.alice, DEPOSIT),
    act: (s) => s.stakeManager.connect(s.accounts.alice).deposit(DEPOSIT),
  },
  {
    name: "StakeManager.deposit:subsequent",
    fixture: "foundation",
    state:
      "alice has free stake already (stake slot nonzero→nonzero); exact approval; alice keeps tokens",
    setup: async (s) => {
      await stake(s, s.accounts.alice, DEPOSIT);
      await approveExactly(s, s.accounts.alice, DEPOSIT);
    },
    act: (s) => s.stakeManager.connect(s.accounts.alice).deposit(DEPOSIT),
  },
  {
    name: "StakeManager.requestWithdrawal:first",
    fixture: "foundation",
    state: "alice has free stake, nothing unbonding (unbonding slot 0→nonzero)",
    setup: (s) => stake(s, s.accounts.alice, DEPOSIT),
    act: (s) => s.stakeManager.connect(s.accounts.alice).requestWithdrawal(UNBOND),
  },
  {
    name: "StakeManager.requestWithdrawal:again",
    fixture: "foundation",
    state:
      "alice has stake unbonding already; the request adds to it and restarts the clock (nonzero→nonzero)",
    setup: async (s) => {
      await stake(s, s.accounts.alice, DEPOSIT);
      await (await s.stakeManager.connect(s.accounts.alice).requestWithdrawal(UNBOND)).wait();
    },
    act: (s) => s.stakeManager.connect(s.accounts.alice).requestWithdrawal(UNBOND / 2n),
  },
  {
    name: "StakeManager.cancelWithdrawal",
    fixture: "foundation",
    state: "alice has free and unbonding stake; the unbonding slot goes nonzero→0 (refund)",
    setup: async (s) => {
      await stake(s, s.accounts.alice, DEPOSIT);
      await (await s.stakeManager.connect(s.accounts.alice).requestWithdrawal(UNBOND)).wait();
    },
    act: (s) => s.stakeManager.connect(s.accounts.alice).cancelWithdrawal(),
  },
  {
    name: "StakeManager.withdraw",
    fixture: "foundation",
    state:
      "alice's unbonding period has elapsed; unbonding slot nonzero→0 (refund); token transfer to alice, who holds tokens",
    setup: async (s) => {
      await stake(s, s.accounts.alice, DEPOSIT);
      await (await s.stakeManager.connect(s.accounts.alice).requestWithdrawal(UNBOND)).wait();
      await s.connection.networkHelpers.time.increase(UNBONDING_PERIOD);
    },
    act: (s) => s.stakeManager.connect(s.accounts.alice).withdraw(),
  },
  {
    name: "StakeManager.withdraw:empty-wallet",
    fixture: "foundation",
    state:
      "as withdraw, but alice had staked all her tokens: her token balance goes 0→nonzero (the costliest case)",
    setup: async (s) => {
      await stake(s, s.accounts.alice, INITIAL_TOKENS);
      await (await s.stakeManager.connect(s.accounts.alice).requestWithdrawal(UNBOND)).wait();
      await s.connection.networkHelpers.time.increase(UNBONDING_PERIOD);
    },
    act: (s) => s.stakeManager.connect(s.accounts.alice).withdraw(),
  },

  // ------------------------------------------------------------ StakeManager, modules
  {
    name: "StakeManager.lock",
    fixture: "foundation",
    state:
      "an authorised module (EOA) locks part of alice's free stake; its first lock on her (lockedBy 0→nonzero)",
    setup: (s) => stake(s, s.accounts.alice, DEPOSIT),
    act: (s) => s.stakeManager.connect(s.accounts.module).lock(s.accounts.alice.address, LOCK),
  },
  {
    name: "StakeManager.release",
    fixture: "foundation",
    state: "the module releases its whole lock on alice (lockedBy nonzero→0, refund)",
    setup: async (s) => {
      await stake(s, s.accounts.alice, DEPOSIT);
      await (
        await s.stakeManager.connect(s.accounts.module).lock(s.accounts.alice.address, LOCK)
      ).wait();
    },
    act: (s) => s.stakeManager.connect(s.accounts.module).release(s.accounts.alice.address, LOCK),
  },
  {
    name: "StakeManager.slash",
    fixture: "foundation",
    state:
      "the module slashes its whole lock on alice to the treasury (lockedBy nonzero→0, refund); the treasury holds tokens",
    setup: async (s) => {
      await stake(s, s.accounts.alice, DEPOSIT);
      await (
        await s.stakeManager.connect(s.accounts.module).lock(s.accounts.alice.address, LOCK)
      ).wait();
    },
    act: (s) =>
      s.stakeManager
        .connect(s.accounts.module)
        .slash(s.accounts.alice.address, LOCK, s.accounts.treasury.address),
  },
  {
    name: "StakeManager.slash:new-recipient",
    fixture: "foundation",
    state:
      "as slash, but to an account holding no tokens: its balance goes 0→nonzero (the costliest case)",
    setup: async (s) => {
      await stake(s, s.accounts.alice, DEPOSIT);
      await (
        await s.stakeManager.connect(s.accounts.module).lock(s.accounts.alice.address, LOCK)
      ).wait();
    },
    act: (s) =>
      s.stakeManager
        .connect(s.accounts.module)
        .slash(s.accounts.alice.address, LOCK, s.accounts.newcomer.address),
  },

  // ------------------------------------------------------------ LeaseAgreement
  {
    name: "LeaseAgreement.listProduct",
    fixture: "foundation",
    state: "bob lists the first product (productCount and the product's three slots 0→nonzero)",
    act: (s) =>
      s.leaseAgreement
        .connect(s.accounts.bob)
        .listProduct(LEASE_PRICE_PER_SECOND, 3_600, 30 * 86_400, LEASE_CONSENT_HASH),
  },
  {
    name: "LeaseAgreement.openLease:first",
    fixture: "foundation",
    state:
      "alice opens the first lease, 10 days (leaseCount and four lease slots 0→nonzero); exact approval; the module held no tokens",
    setup: async (s) => {
      await listLeaseProduct(s);
      await approveLease(s, LEASE_TERM);
    },
    act: (s) =>
      s.leaseAgreement
        .connect(s.accounts.alice)
        .openLease(
          1,
          s.accounts.bob.address,
          LEASE_TERM,
          LEASE_CONSENT_HASH,
          LEASE_PRICE_PER_SECOND * LEASE_TERM,
        ),
  },
  {
    name: "LeaseAgreement.openLease:subsequent",
    fixture: "foundation",
    state:
      "as openLease:first, but a lease is open already (leaseCount and the module's token balance nonzero→nonzero)",
    setup: async (s) => {
      await listLeaseProduct(s);
      await openLease(s, LEASE_TERM);
      await approveLease(s, LEASE_TERM);
    },
    act: (s) =>
      s.leaseAgreement
        .connect(s.accounts.alice)
        .openLease(
          1,
          s.accounts.bob.address,
          LEASE_TERM,
          LEASE_CONSENT_HASH,
          LEASE_PRICE_PER_SECOND * LEASE_TERM,
        ),
  },
  {
    name: "LeaseAgreement.revokeConsent",
    fixture: "foundation",
    state:
      "bob revokes alice's 10-day lease after 4 days: status/endsAt/escrow reset, 6 days refunded to alice, who holds tokens",
    setup: async (s) => {
      await listLeaseProduct(s);
      await openLease(s, LEASE_TERM);
      await s.connection.networkHelpers.time.increase(4n * DAY);
    },
    act: (s) => s.leaseAgreement.connect(s.accounts.bob).revokeConsent(1),
  },
  {
    name: "LeaseAgreement.settle",
    fixture: "foundation",
    state:
      "anyone (alice) settles the only lease after term and window: escrow nonzero→0 (refund); bob and the treasury, who hold tokens, are paid; the module's balance →0",
    setup: async (s) => {
      await listLeaseProduct(s);
      await openLease(s, LEASE_TERM);
      await s.connection.networkHelpers.time.increase(LEASE_TERM + LEASE_DISPUTE_WINDOW);
    },
    act: (s) => s.leaseAgreement.connect(s.accounts.alice).settle(1),
  },
  {
    name: "LeaseAgreement.claim",
    fixture: "foundation",
    state:
      "anyone (alice) claims bob's credit from a settled lease: credit nonzero→0, one transfer to bob, who holds tokens",
    setup: async (s) => {
      await listLeaseProduct(s);
      await openLease(s, LEASE_TERM);
      await s.connection.networkHelpers.time.increase(LEASE_TERM + LEASE_DISPUTE_WINDOW);
      await (await s.leaseAgreement.connect(s.accounts.alice).settle(1)).wait();
    },
    act: (s) => s.leaseAgreement.connect(s.accounts.alice).claim(s.accounts.bob.address),
  },

  {
    name: "LeaseAgreement.dispute",
    fixture: "foundation",
    state:
      "alice disputes her 10-day lease one day after its term ended, inside the window: status Disputed; the (mock) DisputeModule opens its first dispute and pulls the bond (exact approval)",
    setup: async (s) => {
      await listLeaseProduct(s);
      await openLease(s, LEASE_TERM);
      await s.connection.networkHelpers.time.increase(LEASE_TERM + DAY);
      await (
        await s.token
          .connect(s.accounts.alice)
          .approve(await s.leaseAgreement.disputeModule(), TOKEN)
      ) // the mock's minimum bond
        .wait();
    },
    act: (s) => s.leaseAgreement.connect(s.accounts.alice).dispute(1),
  },

  // ------------------------------------------------------------ SystemPause
  {
    name: "SystemPause.pauseAll:1-module",
    fixture: "foundation",
    state: "the guardian pauses; StakeManager (the 1 registered module) is running",
    act: (s) => s.systemPause.connect(s.accounts.guardian).pauseAll(),
  },
  {
    name: "SystemPause.unpauseAll:1-module",
    fixture: "foundation",
    state:
      "the timelock's execute of a scheduled unpauseAll, delay elapsed; the 1 module is paused",
    setup: async (s) => {
      await (await s.systemPause.connect(s.accounts.guardian).pauseAll()).wait();
      await scheduleAndWait(s, await unpauseAllCall(s));
    },
    act: async (s) => execute(s, await unpauseAllCall(s)),
  },
  {
    name: "SystemPause.pauseAll:8-modules",
    fixture: "foundationWithEightModules",
    state: "the guardian pauses; StakeManager and 7 MockModules are registered and running",
    act: (s) => s.systemPause.connect(s.accounts.guardian).pauseAll(),
  },
  {
    name: "SystemPause.unpauseAll:8-modules",
    fixture: "foundationWithEightModules",
    state:
      "the timelock's execute of a scheduled unpauseAll, delay elapsed; all 8 modules are paused",
    setup: async (s) => {
      await (await s.systemPause.connect(s.accounts.guardian).pauseAll()).wait();
      await scheduleAndWait(s, await unpauseAllCall(s));
    },
    act: async (s) => execute(s, await unpauseAllCall(s)),
  },

  // ------------------------------------------------------------ JobRegistry
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

  // ------------------------------------------------------------ governance through the timelock
  {
    name: "MandateTimelock.schedule:setParameter",
    fixture: "foundation",
    state:
      "the owners' Safe (an EOA here) schedules StakeManager.setParameter(UNBONDING_PERIOD, 14 days)",
    act: async (s) => schedule(s, await setParameterCall(s, 2n * UNBONDING_PERIOD)),
  },
  {
    name: "MandateTimelock.execute:setParameter",
    fixture: "foundation",
    state:
      "the owners' Safe executes that scheduled call once the delay has elapsed; the parameter changes value",
    setup: async (s) => scheduleAndWait(s, await setParameterCall(s, 2n * UNBONDING_PERIOD)),
    act: async (s) => execute(s, await setParameterCall(s, 2n * UNBONDING_PERIOD)),
  },
];
