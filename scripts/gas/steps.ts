// The unmeasured steps a gas scenario takes to bring its fixture to the state it documents: jobs at
// each status, stakes, lease products and leases, exact approvals, and governance calls through the
// timelock. Only each scenario's own `act` is measured.
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { ZeroHash, type ContractTransactionResponse } from "ethers";

import {
  LEASE_CONSENT_HASH,
  LEASE_PRICE_PER_SECOND,
  TIMELOCK_DELAY,
  type MandateSystem,
  type Market,
} from "./system.ts";

/** The reward of every measured job: 1,000 tokens. */
export const JOB_REWARD = 1_000n * 10n ** 18n;
/** A fixed nonzero spec hash, so calldata and gas are reproducible. */
export const SPEC_HASH = "0x" + "51".repeat(32);
/** A fixed nonzero result hash. */
export const RESULT_HASH = "0x" + "52".repeat(32);

function marketOf(system: MandateSystem): Market {
  if (system.market === undefined) throw new Error("this scenario needs the market fixture");
  return system.market;
}

/** The employer approves exactly the reward and posts a job due in 7 days; returns its id. */
export async function createJob(system: MandateSystem, reward: bigint): Promise<bigint> {
  const { registry } = marketOf(system);
  const { employer } = system.accounts;
  await (await system.token.connect(employer).approve(await registry.getAddress(), reward)).wait();
  const deadline = BigInt(await system.connection.networkHelpers.time.latest()) + 7n * 86_400n;
  await (await registry.connect(employer).createJob(reward, deadline, SPEC_HASH)).wait();
  return registry.jobCount();
}

/** A job posted, taken and submitted by the agent: the employer is reviewing. */
export async function submittedJob(system: MandateSystem): Promise<bigint> {
  const { registry } = marketOf(system);
  const jobId = await createJob(system, JOB_REWARD);
  await (await registry.connect(system.accounts.agent).takeJob(jobId)).wait();
  await (await registry.connect(system.accounts.agent).submitResult(jobId, RESULT_HASH)).wait();
  return jobId;
}

/** A submitted job the employer rejected; the agent approved exactly the dispute bond. */
export async function rejectedJob(system: MandateSystem): Promise<bigint> {
  const { registry, disputes } = marketOf(system);
  const jobId = await submittedJob(system);
  await (await registry.connect(system.accounts.employer).rejectResult(jobId)).wait();
  const bond = await disputes.bondFor(JOB_REWARD);
  await (
    await system.token.connect(system.accounts.agent).approve(await disputes.getAddress(), bond)
  ).wait();
  return jobId;
}

/** A rejected job the agent disputed; returns the dispute id. */
export async function disputedJob(system: MandateSystem): Promise<bigint> {
  const { registry } = marketOf(system);
  const jobId = await rejectedJob(system);
  await (await registry.connect(system.accounts.agent).disputeRejection(jobId)).wait();
  return (await registry.job(jobId)).disputeId;
}

export { marketOf };

// ---------------------------------------------------------------- helpers that bring about a state

/** Approves exactly `amount` (what a wallet proposes by default) and deposits it. */
export async function stake(
  system: MandateSystem,
  staker: HardhatEthersSigner,
  amount: bigint,
): Promise<void> {
  await approveExactly(system, staker, amount);
  await (await system.stakeManager.connect(staker).deposit(amount)).wait();
}

/** bob lists a product (1e12 per second, 1 hour to 30 days) under LEASE_CONSENT_HASH; id 1. */
export async function listLeaseProduct(system: MandateSystem): Promise<void> {
  await (
    await system.leaseAgreement
      .connect(system.accounts.bob)
      .listProduct(LEASE_PRICE_PER_SECOND, 3_600, 30 * 86_400, LEASE_CONSENT_HASH)
  ).wait();
}

/** alice approves exactly the price of `seconds` of product 1 to LeaseAgreement. */
export async function approveLease(system: MandateSystem, seconds: bigint): Promise<void> {
  await (
    await system.token
      .connect(system.accounts.alice)
      .approve(await system.leaseAgreement.getAddress(), LEASE_PRICE_PER_SECOND * seconds)
  ).wait();
}

/** alice opens a lease of product 1 for `seconds` (approving exactly its price first). */
export async function openLease(system: MandateSystem, seconds: bigint): Promise<void> {
  await approveLease(system, seconds);
  await (
    await system.leaseAgreement
      .connect(system.accounts.alice)
      .openLease(
        1,
        system.accounts.bob.address,
        seconds,
        LEASE_CONSENT_HASH,
        LEASE_PRICE_PER_SECOND * seconds,
      )
  ).wait();
}

export async function approveExactly(
  system: MandateSystem,
  owner: HardhatEthersSigner,
  amount: bigint,
): Promise<void> {
  await (
    await system.token.connect(owner).approve(await system.stakeManager.getAddress(), amount)
  ).wait();
}

/** A fixed nonzero salt: real proposals get one each; fixed here so calldata, and so gas, is reproducible. */
export const GOVERNANCE_SALT = "0x6d616e646174652e676f7665726e616e63650000000000000000000000000001";

export interface TimelockCall {
  target: string;
  data: string;
}

export function schedule(
  system: MandateSystem,
  call: TimelockCall,
): Promise<ContractTransactionResponse> {
  return system.timelock
    .connect(system.accounts.ownersSafe)
    .schedule(call.target, 0, call.data, ZeroHash, GOVERNANCE_SALT, TIMELOCK_DELAY);
}

export function execute(
  system: MandateSystem,
  call: TimelockCall,
): Promise<ContractTransactionResponse> {
  return system.timelock
    .connect(system.accounts.ownersSafe)
    .execute(call.target, 0, call.data, ZeroHash, GOVERNANCE_SALT);
}

/** Schedules `call` and lets the delay pass, so that the next step is `execute`. */
export async function scheduleAndWait(system: MandateSystem, call: TimelockCall): Promise<void> {
  await (await schedule(system, call)).wait();
  await system.connection.networkHelpers.time.increase(TIMELOCK_DELAY);
}

export async function setParameterCall(
  system: MandateSystem,
  value: bigint,
): Promise<TimelockCall> {
  const { stakeManager } = system;
  return {
    target: await stakeManager.getAddress(),
    data: stakeManager.interface.encodeFunctionData("setParameter", [
      await stakeManager.UNBONDING_PERIOD(),
      value,
    ]),
  };
}

export async function unpauseAllCall(system: MandateSystem): Promise<TimelockCall> {
  return {
    target: await system.systemPause.getAddress(),
    data: system.systemPause.interface.encodeFunctionData("unpauseAll"),
  };
}
