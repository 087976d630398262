// The one place where the simulation meets the contracts' ABIs: every call a strategy makes and
// every figure a payoff is read from goes through here, encoded from the interfaces in
// contracts/interfaces/ (and the test token's mint). An ABI change is fixed in this file alone.
import { getCreateAddress, Interface, id, type InterfaceAbi } from "ethers";

import type { SimAddresses } from "./deploy.ts";
import type { SendResult, SimChain } from "./transport.ts";

/** JobStatus of IJobRegistry, by name. */
export const JobStatus = {
  None: 0,
  Open: 1,
  Taken: 2,
  Submitted: 3,
  Rejected: 4,
  Disputed: 5,
  Accepted: 6,
  RejectionFinal: 7,
  Cancelled: 8,
  Expired: 9,
} as const;

export interface JobView {
  employer: string;
  agent: string;
  status: number;
  reward: bigint;
  disputeId: bigint;
  /** The deadline or window end in force (pauses included), 0 when settled. */
  currentDeadline: bigint;
}

export interface StakeView {
  free: bigint;
  locked: bigint;
  unbonding: bigint;
}

interface JobStruct {
  employer: string;
  agent: string;
  status: bigint;
  reward: bigint;
  disputeId: bigint;
}

function toJobView(j: JobStruct, deadline: bigint): JobView {
  return {
    employer: j.employer,
    agent: j.agent,
    status: Number(j.status),
    reward: j.reward,
    disputeId: j.disputeId,
    currentDeadline: deadline,
  };
}

/** Reads an artifact's ABI by contract name (Hardhat's `artifacts.readArtifact`). */
export type AbiReader = (name: string) => Promise<{ abi: InterfaceAbi }>;

export class Mandate {
  readonly chain: SimChain;
  readonly at: SimAddresses;
  private readonly jobs: Interface;
  private readonly stakes: Interface;
  private readonly reputation: Interface;
  private readonly disputes: Interface;
  private readonly pause: Interface;
  private readonly token: Interface;
  private readonly module: Interface;
  private readonly lens: Interface;
  /** SimLens (contracts/mocks/SimLens.sol): many reads in one call; deployed by `deployLens`. */
  private lensAddress: string | undefined;

  private constructor(chain: SimChain, at: SimAddresses, abis: Interface[]) {
    this.chain = chain;
    this.at = at;
    [
      this.jobs,
      this.stakes,
      this.reputation,
      this.disputes,
      this.pause,
      this.token,
      this.module,
      this.lens,
    ] = abis;
  }

  static async connect(chain: SimChain, at: SimAddresses, readAbi: AbiReader): Promise<Mandate> {
    const names = [
      "IJobRegistry",
      "IStakeManager",
      "IReputationEngine",
      "IDisputeModule",
      "ISystemPause",
      "MandateTestToken",
      "IMandateModule",
      "SimLens",
    ];
    const abis = await Promise.all(names.map(async (n) => new Interface((await readAbi(n)).abi)));
    return new Mandate(chain, at, abis);
  }

  // ---------------------------------------------------------------- token and stake

  mint(to: string, amount: bigint): Promise<SendResult> {
    return this.chain.send(to, this.at.token, this.token.encodeFunctionData("mint", [to, amount]));
  }

  approve(owner: string, spender: string, amount: bigint): Promise<SendResult> {
    return this.chain.send(
      owner,
      this.at.token,
      this.token.encodeFunctionData("approve", [spender, amount]),
    );
  }

  /** Approves every contract that pulls tokens (JobRegistry, StakeManager, DisputeModule, LeaseAgreement). */
  async approveAll(owner: string, amount: bigint): Promise<void> {
    for (const spender of [
      this.at.JobRegistry,
      this.at.StakeManager,
      this.at.DisputeModule,
      this.at.LeaseAgreement,
    ])
      await this.approve(owner, spender, amount);
  }

  deposit(account: string, amount: bigint): Promise<SendResult> {
    return this.chain.send(
      account,
      this.at.StakeManager,
      this.stakes.encodeFunctionData("deposit", [amount]),
    );
  }

  // ---------------------------------------------------------------- jobs

  createJob(employer: string, reward: bigint, deadline: bigint, spec: string): Promise<SendResult> {
    return this.sendJob(employer, "createJob", [reward, deadline, spec]);
  }
  takeJob(agent: string, jobId: bigint): Promise<SendResult> {
    return this.sendJob(agent, "takeJob", [jobId]);
  }
  submitResult(agent: string, jobId: bigint, result: string): Promise<SendResult> {
    return this.sendJob(agent, "submitResult", [jobId, result]);
  }
  acceptResult(employer: string, jobId: bigint): Promise<SendResult> {
    return this.sendJob(employer, "acceptResult", [jobId]);
  }
  rejectResult(employer: string, jobId: bigint): Promise<SendResult> {
    return this.sendJob(employer, "rejectResult", [jobId]);
  }
  disputeRejection(agent: string, jobId: bigint): Promise<SendResult> {
    return this.sendJob(agent, "disputeRejection", [jobId]);
  }
  /** The permissionless settlements after a silence: whichever fits the job's state. */
  finaliseAccepted(keeper: string, jobId: bigint): Promise<SendResult> {
    return this.sendJob(keeper, "finaliseAccepted", [jobId]);
  }
  finaliseRejection(keeper: string, jobId: bigint): Promise<SendResult> {
    return this.sendJob(keeper, "finaliseRejection", [jobId]);
  }
  expireJob(keeper: string, jobId: bigint): Promise<SendResult> {
    return this.sendJob(keeper, "expireJob", [jobId]);
  }
  cancelJob(employer: string, jobId: bigint): Promise<SendResult> {
    return this.sendJob(employer, "cancelJob", [jobId]);
  }

  private sendJob(from: string, fn: string, args: unknown[]): Promise<SendResult> {
    return this.chain.send(from, this.at.JobRegistry, this.jobs.encodeFunctionData(fn, args));
  }

  // ---------------------------------------------------------------- disputes and pause

  rule(arbitrator: string, disputeId: bigint, claimantWins: boolean): Promise<SendResult> {
    return this.chain.send(
      arbitrator,
      this.at.DisputeModule,
      this.disputes.encodeFunctionData("rule", [disputeId, claimantWins]),
    );
  }
  resolveByDefault(keeper: string, disputeId: bigint): Promise<SendResult> {
    return this.chain.send(
      keeper,
      this.at.DisputeModule,
      this.disputes.encodeFunctionData("resolveByDefault", [disputeId]),
    );
  }
  pauseAll(guardian: string): Promise<SendResult> {
    return this.chain.send(
      guardian,
      this.at.systemPause,
      this.pause.encodeFunctionData("pauseAll"),
    );
  }
  /** Governance's unpause: sent as the timelock (impersonated), standing for an executed proposal. */
  unpauseAll(): Promise<SendResult> {
    return this.chain.send(
      this.at.timelock,
      this.at.systemPause,
      this.pause.encodeFunctionData("unpauseAll"),
    );
  }

  // ---------------------------------------------------------------- reads

  /** Deploys SimLens from `from` (its creation code from the artifact), for the batched reads. */
  async deployLens(from: string, creationCode: string): Promise<void> {
    const nonce = (await this.chain.rpc.request({
      method: "eth_getTransactionCount",
      params: [from, "latest"],
    })) as string;
    const sent = await this.chain.send(from, null, creationCode);
    if (!sent.ok) throw new Error(`SimLens could not be deployed: ${sent.error}`);
    this.lensAddress = getCreateAddress({ from, nonce: BigInt(nonce) });
  }

  /**
   * Every account's tokens (wallet plus what JobRegistry and DisputeModule credited it: settlements
   * are pull payments), stake (free + locked + unbonding) and score, in one call.
   */
  async holdings(
    accounts: readonly string[],
  ): Promise<{ balance: bigint; stake: bigint; score: bigint }[]> {
    const creditors = [this.at.JobRegistry, this.at.DisputeModule];
    const args = [
      this.at.token,
      this.at.StakeManager,
      this.at.ReputationEngine,
      creditors,
      accounts,
    ];
    const [out] = await this.read(this.lens, this.lensOrThrow(), "holdings", args);
    return out.map((h: { balance: bigint; stake: bigint; score: bigint }) => ({
      balance: h.balance,
      stake: h.stake,
      score: h.score,
    }));
  }

  /** Several jobs with their deadlines in force, in one call. */
  async jobsOf(jobIds: readonly bigint[]): Promise<JobView[]> {
    if (jobIds.length === 0) return [];
    const [out, deadlines] = await this.read(this.lens, this.lensOrThrow(), "jobs", [
      this.at.JobRegistry,
      jobIds,
    ]);
    return out.map((j: JobStruct, i: number) => toJobView(j, deadlines[i]));
  }

  private lensOrThrow(): string {
    if (this.lensAddress === undefined) throw new Error("SimLens is not deployed (deployLens)");
    return this.lensAddress;
  }

  /** A module's parameter in its on-chain units, by its manifest key (`JobRegistry`, `MIN_REPUTATION`). */
  async parameter(module: keyof SimAddresses, key: string): Promise<bigint> {
    const [value] = await this.read(this.module, this.at[module], "parameter", [id(key)]);
    return value;
  }

  async jobCount(): Promise<bigint> {
    return (await this.read(this.jobs, this.at.JobRegistry, "jobCount", []))[0];
  }

  async job(jobId: bigint): Promise<JobView> {
    const [j] = await this.read(this.jobs, this.at.JobRegistry, "job", [jobId]);
    const [deadline] = await this.read(this.jobs, this.at.JobRegistry, "currentDeadline", [jobId]);
    return toJobView(j, deadline);
  }

  async ruleBy(disputeId: bigint): Promise<bigint> {
    const [at] = await this.read(this.disputes, this.at.DisputeModule, "ruleByInForce", [
      disputeId,
    ]);
    return at;
  }

  async bondFor(valueAtStake: bigint): Promise<bigint> {
    const [bond] = await this.read(this.disputes, this.at.DisputeModule, "bondFor", [valueAtStake]);
    return bond;
  }

  async balanceOf(account: string): Promise<bigint> {
    const [balance] = await this.read(this.token, this.at.token, "balanceOf", [account]);
    return balance;
  }

  async stakeOf(account: string): Promise<StakeView> {
    const [s] = await this.read(this.stakes, this.at.StakeManager, "stakeOf", [account]);
    return { free: s.free, locked: s.locked, unbonding: s.unbonding };
  }

  async scoreOf(account: string): Promise<bigint> {
    const [score] = await this.read(this.reputation, this.at.ReputationEngine, "scoreOf", [
      account,
    ]);
    return score;
  }

  private async read(
    iface: Interface,
    to: string,
    fn: string,
    args: unknown[],
  ): Promise<ReturnType<Interface["decodeFunctionResult"]>> {
    const data = await this.chain.call(to, iface.encodeFunctionData(fn, args));
    return iface.decodeFunctionResult(fn, data);
  }
}
