// The one place where the simulation meets the contracts' ABIs: every call a strategy makes and
// every figure a payoff is read from goes through here, encoded from the interfaces in
// contracts/interfaces/ (and the test token's mint). An ABI change is fixed in this file alone.
// A participant's call is built here as an Action and run in its phase's batch (sim/chain/driver.ts).
import { getCreateAddress, Interface, id, type InterfaceAbi } from "ethers";

import type { SimAddresses } from "./deploy.ts";
import { LeaseCalls } from "./mandate-leases.ts";
import type { Action, BatchDriver, Outcome } from "./driver.ts";
import { StaticCalls, structLayout, Words, type StructLayout } from "./static-abi.ts";
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
  readonly driver: BatchDriver;
  readonly at: SimAddresses;
  private readonly jobs: Interface;
  private readonly stakes: Interface;
  private readonly reputation: Interface;
  private readonly disputes: Interface;
  private readonly pause: Interface;
  private readonly token: Interface;
  private readonly module: Interface;
  private readonly lens: Interface;
  private readonly leaseAbi: Interface;
  /** LeaseAgreement's calls and reads (sim/chain/mandate-leases.ts). */
  readonly leases: LeaseCalls;
  /** SimLens (contracts/mocks/SimLens.sol): many reads in one call; deployed by `deployLens`. */
  private lensAddress: string | undefined;
  /** The hot path's calldata (static arguments only; sim/chain/static-abi.ts). */
  private readonly calls: {
    jobs: StaticCalls;
    stakes: StaticCalls;
    disputes: StaticCalls;
    token: StaticCalls;
    lens: StaticCalls;
  };
  /** Where each field of IJobRegistry.Job sits in SimLens.jobs' result, and how many words a job takes. */
  private readonly jobLayout: StructLayout;
  /** Parties named by the actions run since `takeTouched` last emptied it. */
  private touched = new Set<string>();

  private constructor(driver: BatchDriver, at: SimAddresses, abis: Interface[]) {
    this.chain = driver.chain;
    this.driver = driver;
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
      this.leaseAbi,
    ] = abis;
    this.calls = {
      jobs: new StaticCalls(this.jobs),
      stakes: new StaticCalls(this.stakes),
      disputes: new StaticCalls(this.disputes),
      token: new StaticCalls(this.token),
      lens: new StaticCalls(this.lens),
    };
    // SimLens.jobs returns (IJobRegistry.Job[], uint256[]): a Job is static, so each is its fields'
    // words in order, inline in the array.
    this.jobLayout = structLayout(
      this.lens.getFunction("jobs")!.outputs[0].arrayChildren!,
      "SimLens.jobs",
    );
    this.leases = new LeaseCalls(at.LeaseAgreement, this.leaseAbi, this.lens, (data) =>
      this.chain.call(this.lensOrThrow(), data),
    );
  }

  static async connect(
    driver: BatchDriver,
    at: SimAddresses,
    readAbi: AbiReader,
  ): Promise<Mandate> {
    const names = [
      "IJobRegistry",
      "IStakeManager",
      "IReputationEngine",
      "IDisputeModule",
      "ISystemPause",
      "MandateTestToken",
      "IMandateModule",
      "SimLens",
      "ILeaseAgreement",
    ];
    const abis = await Promise.all(names.map(async (n) => new Interface((await readAbi(n)).abi)));
    return new Mandate(driver, at, abis);
  }

  // ---------------------------------------------------------------- running actions

  /** Runs `actions` as one batch (one block); one outcome per action, in order. */
  act(actions: readonly Action[]): Promise<Outcome[]> {
    for (const action of actions) {
      this.touched.add(action.from);
      for (const party of action.touches ?? []) this.touched.add(party);
    }
    return this.driver.run(actions);
  }

  /** The parties whose tokens or stake the actions run since the last call may have moved; then forgets them. */
  takeTouched(): Set<string> {
    const touched = this.touched;
    this.touched = new Set();
    return touched;
  }

  /** The job a successful `createJob` action created. */
  createdJobId(outcome: Outcome): bigint {
    return new Words(outcome.data).uint(0);
  }

  /** A failed action's revert, by error name and arguments when one of the interfaces knows it. */
  describeRevert(outcome: Outcome): string {
    for (const iface of [
      this.jobs,
      this.stakes,
      this.reputation,
      this.disputes,
      this.pause,
      this.leaseAbi,
    ]) {
      const parsed = iface.parseError(outcome.data);
      if (parsed !== null) return `${parsed.name}(${parsed.args.join(", ")})`;
    }
    return `revert data ${outcome.data}`;
  }

  // ---------------------------------------------------------------- token and stake

  mint(to: string, amount: bigint): Action {
    return {
      from: to,
      to: this.at.token,
      data: this.calls.token.encode("mint", [to, amount]),
    };
  }

  /** Approvals of every contract that pulls tokens (JobRegistry, StakeManager, DisputeModule, LeaseAgreement). */
  approveAll(owner: string, amount: bigint): Action[] {
    return [
      this.at.JobRegistry,
      this.at.StakeManager,
      this.at.DisputeModule,
      this.at.LeaseAgreement,
    ].map((spender) => ({
      from: owner,
      to: this.at.token,
      data: this.calls.token.encode("approve", [spender, amount]),
    }));
  }

  deposit(account: string, amount: bigint): Action {
    return {
      from: account,
      to: this.at.StakeManager,
      data: this.calls.stakes.encode("deposit", [amount]),
    };
  }

  // ---------------------------------------------------------------- jobs

  createJob(employer: string, reward: bigint, deadline: bigint, spec: string): Action {
    return this.jobAction(employer, "createJob", [reward, deadline, spec]);
  }
  takeJob(agent: string, jobId: bigint): Action {
    return this.jobAction(agent, "takeJob", [jobId]);
  }
  submitResult(agent: string, jobId: bigint, result: string): Action {
    return this.jobAction(agent, "submitResult", [jobId, result]);
  }
  acceptResult(employer: string, jobId: bigint): Action {
    return this.jobAction(employer, "acceptResult", [jobId]);
  }
  rejectResult(employer: string, jobId: bigint): Action {
    return this.jobAction(employer, "rejectResult", [jobId]);
  }
  disputeRejection(agent: string, jobId: bigint): Action {
    return this.jobAction(agent, "disputeRejection", [jobId]);
  }
  /** The permissionless settlements after a silence: whichever fits the job's state. */
  finaliseAccepted(keeper: string, jobId: bigint): Action {
    return this.jobAction(keeper, "finaliseAccepted", [jobId]);
  }
  finaliseRejection(keeper: string, jobId: bigint): Action {
    return this.jobAction(keeper, "finaliseRejection", [jobId]);
  }
  expireJob(keeper: string, jobId: bigint): Action {
    return this.jobAction(keeper, "expireJob", [jobId]);
  }
  cancelJob(employer: string, jobId: bigint): Action {
    return this.jobAction(employer, "cancelJob", [jobId]);
  }

  private jobAction(from: string, fn: string, args: (bigint | string)[]): Action {
    return { from, to: this.at.JobRegistry, data: this.calls.jobs.encode(fn, args) };
  }

  // ---------------------------------------------------------------- disputes and pause

  rule(arbitrator: string, disputeId: bigint, claimantWins: boolean): Action {
    return {
      from: arbitrator,
      to: this.at.DisputeModule,
      data: this.calls.disputes.encode("rule", [disputeId, claimantWins]),
    };
  }
  resolveByDefault(keeper: string, disputeId: bigint): Action {
    return {
      from: keeper,
      to: this.at.DisputeModule,
      data: this.calls.disputes.encode("resolveByDefault", [disputeId]),
    };
  }
  /** The guardian's pause: a transaction of its own (the guardian is an impersonated address). */
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
   * Every account's tokens (wallet plus what JobRegistry, DisputeModule and LeaseAgreement credited
   * it: settlements are pull payments), stake (free + locked + unbonding) and score, in one call.
   */
  async holdings(
    accounts: readonly string[],
  ): Promise<{ balance: bigint; stake: bigint; score: bigint }[]> {
    // The result (an array of static structs, SimLens being always this checkout's) is read word by
    // word, which costs a fraction of ethers' decoder.
    if (accounts.length === 0) return [];
    const creditors = [this.at.JobRegistry, this.at.DisputeModule, this.at.LeaseAgreement];
    const data = this.calls.lens.encode("holdings", [
      this.at.token,
      this.at.StakeManager,
      this.at.ReputationEngine,
      creditors,
      accounts,
    ]);
    const out = await this.chain.call(this.lensOrThrow(), data);
    const word = (i: number) => BigInt(`0x${out.slice(2 + 64 * i, 66 + 64 * i)}`);
    if (out.length !== 2 + 64 * (2 + 3 * accounts.length) || word(1) !== BigInt(accounts.length))
      throw new Error(
        `SimLens.holdings returned ${out.length} hex digits for ${accounts.length} accounts`,
      );
    return accounts.map((_, k) => ({
      balance: word(2 + 3 * k),
      stake: word(3 + 3 * k),
      score: word(4 + 3 * k),
    }));
  }

  /** Each account's current score, in one call. */
  async scores(accounts: readonly string[]): Promise<bigint[]> {
    if (accounts.length === 0) return [];
    const data = this.calls.lens.encode("scores", [this.at.ReputationEngine, accounts]);
    const out = new Words(await this.chain.call(this.lensOrThrow(), data));
    const at = out.offset(0);
    if (Number(out.uint(at)) !== accounts.length)
      throw new Error(
        `SimLens.scores returned ${out.uint(at)} scores for ${accounts.length} accounts`,
      );
    return accounts.map((_, i) => out.uint(at + 1 + i));
  }

  /** Several jobs with their deadlines in force, in one call (its result read word by word). */
  async jobsOf(jobIds: readonly bigint[]): Promise<JobView[]> {
    if (jobIds.length === 0) return [];
    const data = this.calls.lens.encode("jobs", [this.at.JobRegistry, jobIds]);
    const out = new Words(await this.chain.call(this.lensOrThrow(), data));
    const jobsAt = out.offset(0);
    const deadlinesAt = out.offset(1);
    const n = jobIds.length;
    if (Number(out.uint(jobsAt)) !== n || Number(out.uint(deadlinesAt)) !== n)
      throw new Error(`SimLens.jobs returned ${out.uint(jobsAt)} jobs for ${n} ids`);
    const { field, words } = this.jobLayout;
    const [employer, agent, status, reward, disputeId] = [
      "employer",
      "agent",
      "status",
      "reward",
      "disputeId",
    ].map(field);
    return jobIds.map((_, i) => {
      const at = jobsAt + 1 + i * words;
      return {
        employer: out.address(at + employer),
        agent: out.address(at + agent),
        status: Number(out.uint(at + status)),
        reward: out.uint(at + reward),
        disputeId: out.uint(at + disputeId),
        currentDeadline: out.uint(deadlinesAt + 1 + i),
      };
    });
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

  /** The ruling deadline in force of each of `disputeIds`, in one call. */
  async rulesBy(disputeIds: readonly bigint[]): Promise<bigint[]> {
    const fn = "ruleByInForce";
    const outcomes = await this.driver.read(
      disputeIds.map((d) => ({
        to: this.at.DisputeModule,
        data: this.disputes.encodeFunctionData(fn, [d]),
      })),
    );
    return outcomes.map((o, i) => {
      if (!o.ok) throw new Error(`${fn}(${disputeIds[i]}) reverted: ${this.describeRevert(o)}`);
      return this.disputes.decodeFunctionResult(fn, o.data)[0] as bigint;
    });
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
