// The simulation's engine: many parties' actions in one transaction. SimDriver
// (contracts/mocks/SimDriver.sol, test-only) makes each action through the acting party's SimAccount,
// whose code is placed at the party's own address, so every contract still sees that party as
// msg.sender and every payoff stays at its address. One batch is one block at the simulation's clock;
// each action's outcome (return data, or revert data) comes back from the batch's `Ran` event.
import { getCreateAddress, Interface, type InterfaceAbi } from "ethers";

import { SIM_TX_GAS, type SimChain } from "./transport.ts";

/** One party's call: `from` (a participant with SimAccount code) calls `to` with `data`. */
export interface Action {
  from: string;
  to: string;
  data: string;
}

/** What an action did: its return data when `ok`, its revert data otherwise. */
export interface Outcome {
  ok: boolean;
  data: string;
}

/** Gas the driver's own loop needs per action beyond the action's, and once per batch. */
const PER_ACTION_OVERHEAD = 100_000n;
const PER_BATCH_OVERHEAD = 1_000_000n;

export class BatchDriver {
  readonly chain: SimChain;
  readonly address: string;
  /** The account that sends the batches (impersonated). */
  readonly operator: string;
  private readonly abi: Interface;
  /** Actions run, and of those, how many reverted. */
  actions = 0;
  reverted = 0;

  private constructor(chain: SimChain, address: string, operator: string, abi: Interface) {
    this.chain = chain;
    this.address = address;
    this.operator = operator;
    this.abi = abi;
  }

  /** Deploys SimDriver from `operator` (made a sender here), who alone may run batches. */
  static async deploy(
    chain: SimChain,
    operator: string,
    artifact: { abi: InterfaceAbi; bytecode: string },
  ): Promise<BatchDriver> {
    await chain.addSender(operator);
    const nonce = (await chain.rpc.request({
      method: "eth_getTransactionCount",
      params: [operator, "latest"],
    })) as string;
    const sent = await chain.send(operator, null, artifact.bytecode);
    if (!sent.ok) throw new Error(`SimDriver could not be deployed: ${sent.error}`);
    const address = getCreateAddress({ from: operator, nonce: BigInt(nonce) });
    return new BatchDriver(chain, address, operator, new Interface(artifact.abi));
  }

  /** Makes each of `parties` a SimAccount driven by this driver, at its own address (code only). */
  async install(parties: readonly string[]): Promise<void> {
    const [template] = this.abi.decodeFunctionResult(
      "template",
      await this.chain.call(this.address, this.abi.encodeFunctionData("template")),
    );
    const code = await this.chain.rpc.request({
      method: "eth_getCode",
      params: [template, "latest"],
    });
    for (const party of parties)
      await this.chain.rpc.request({ method: "hardhat_setCode", params: [party, code] });
  }

  /** Runs `actions` in order in one block at the clock's next second; one outcome per action. */
  async run(actions: readonly Action[]): Promise<Outcome[]> {
    if (actions.length === 0) return [];
    const n = BigInt(actions.length);
    const gas = n * (SIM_TX_GAS + PER_ACTION_OVERHEAD) + PER_BATCH_OVERHEAD;
    const data = this.abi.encodeFunctionData("run", [actions.map((a) => [a.from, a.to, a.data])]);
    const hash = await this.chain.sendOrThrow(this.operator, this.address, data, gas);
    const receipt = (await this.chain.rpc.request({
      method: "eth_getTransactionReceipt",
      params: [hash],
    })) as { logs: { address: string; topics: string[]; data: string }[] };
    const log = receipt.logs.find((l) => l.address.toLowerCase() === this.address.toLowerCase());
    const parsed = log === undefined ? null : this.abi.parseLog(log);
    if (parsed === null || parsed.name !== "Ran")
      throw new Error(`SimDriver's batch ${hash} emitted no Ran event`);
    const outcomes = (parsed.args[0] as [boolean, string][]).map(([ok, out]) => ({
      ok,
      data: out,
    }));
    this.actions += outcomes.length;
    this.reverted += outcomes.filter((o) => !o.ok).length;
    return outcomes;
  }

  /** Static calls in one eth_call: each `data` read from its `to`. */
  async read(calls: readonly { to: string; data: string }[]): Promise<Outcome[]> {
    if (calls.length === 0) return [];
    const args = [calls.map((c) => c.to), calls.map((c) => c.data)];
    const out = await this.chain.call(this.address, this.abi.encodeFunctionData("read", args));
    const [outcomes] = this.abi.decodeFunctionResult("read", out);
    return (outcomes as [boolean, string][]).map(([ok, data]) => ({ ok, data }));
  }
}
