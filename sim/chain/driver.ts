// The simulation's engine: many parties' actions in one transaction. SimDriver
// (contracts/mocks/SimDriver.sol, test-only) makes each action through the acting party's SimAccount,
// whose code is placed at the party's own address, so every contract still sees that party as
// msg.sender and every payoff stays at its address. One batch is one block at the simulation's clock;
// each action's outcome (return data, or revert data) comes back from the batch's `Ran` event.
import { getCreateAddress, Interface, type InterfaceAbi } from "ethers";

import { encodeBytesCall } from "./static-abi.ts";
import { SIM_TX_GAS, type SimChain } from "./transport.ts";

/** One party's call: `from` (a participant with SimAccount code) calls `to` with `data`. */
export interface Action {
  from: string;
  to: string;
  data: string;
  /**
   * Other parties whose tokens or stake the action may move (a job's other party, paid or slashed
   * by it): their holdings are read after the batch. `from`'s always are.
   */
  touches?: readonly string[];
}

/** What an action did: its return data when `ok`, its revert data otherwise. */
export interface Outcome {
  ok: boolean;
  data: string;
}

// Batches and outcomes are packed (layout in SimDriver.sol): ethers' ABI coder took milliseconds of
// CPU to encode a batch of 16 actions (measured alone); slicing hex strings costs next to nothing.

/** `from` (20 bytes), `to` (20 bytes), the calldata's length (4 bytes) and the calldata, per action. */
export function packActions(actions: readonly Action[]): string {
  const parts = actions.map((a) => {
    const data = a.data.slice(2);
    return a.from.slice(2) + a.to.slice(2) + (data.length / 2).toString(16).padStart(8, "0") + data;
  });
  return `0x${parts.join("")}`;
}

/** The outcomes of `Ran(bytes)`'s data: per action `ok` (1 byte), the length (4 bytes), the data. */
export function unpackOutcomes(eventData: string): Outcome[] {
  // ABI encoding of one `bytes`: its offset (32 bytes), its length (32 bytes), then the bytes.
  const length = Number.parseInt(eventData.slice(2 + 64, 2 + 128), 16);
  const packed = eventData.slice(2 + 128, 2 + 128 + 2 * length);
  const out: Outcome[] = [];
  for (let at = 0; at < packed.length;) {
    const size = Number.parseInt(packed.slice(at + 2, at + 10), 16);
    out.push({
      ok: packed.slice(at, at + 2) === "01",
      data: `0x${packed.slice(at + 10, at + 10 + 2 * size)}`,
    });
    at += 10 + 2 * size;
  }
  return out;
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
  /** `run(bytes)`'s selector: its calldata is written by hand (a batch is large, ethers' coder slow). */
  private readonly runSelector: string;
  /** Actions run, and of those, how many reverted. */
  actions = 0;
  reverted = 0;

  private constructor(chain: SimChain, address: string, operator: string, abi: Interface) {
    this.chain = chain;
    this.address = address;
    this.operator = operator;
    this.abi = abi;
    this.runSelector = abi.getFunction("run")!.selector;
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
    const abi = new Interface(artifact.abi);
    chain.explainWith(abi);
    return new BatchDriver(chain, address, operator, abi);
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
    const data = encodeBytesCall(this.runSelector, packActions(actions));
    const receipt = await this.chain.sendOrThrow(this.operator, this.address, data, gas);
    const hash = receipt.transactionHash;
    const ran = this.abi.getEvent("Ran")!.topicHash;
    const log = receipt.logs.find(
      (l) => l.address.toLowerCase() === this.address.toLowerCase() && l.topics[0] === ran,
    );
    if (log === undefined) throw new Error(`SimDriver's batch ${hash} emitted no Ran event`);
    const outcomes = unpackOutcomes(log.data);
    if (outcomes.length !== actions.length)
      throw new Error(
        `SimDriver's batch ${hash}: ${outcomes.length} outcomes for ${actions.length} actions`,
      );
    this.actions += outcomes.length;
    this.reverted += outcomes.filter((o) => !o.ok).length;
    return outcomes;
  }

  /** Static calls in one eth_call: each `data` read from its `to`. */
  async read(calls: readonly { to: string; data: string }[]): Promise<Outcome[]> {
    if (calls.length === 0) return [];
    const args = [calls.map((c) => c.to), calls.map((c) => c.data)];
    const out = await this.chain.call(this.address, this.abi.encodeFunctionData("read", args));
    const [oks, outs] = this.abi.decodeFunctionResult("read", out);
    return (oks as boolean[]).map((ok, i) => ({ ok, data: outs[i] as string }));
  }
}
