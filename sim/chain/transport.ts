// The simulated chain as the simulation sees it: raw JSON-RPC requests (EIP-1193 `request`) to
// Hardhat's in-process EDR or to a node over HTTP, with impersonated senders (no signing), fixed gas
// (no estimation), and block times set by the simulation's clock. Automine stays on in the simulation
// (one block per transaction); off (many transactions per block) is kept for the engine benchmark.
export interface Eip1193 {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}

/** A plain HTTP JSON-RPC transport (the comparison against `npx hardhat node`). */
export function httpEip1193(url: string): Eip1193 {
  let id = 0;
  return {
    async request({ method, params = [] }) {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params }),
      });
      const body = (await response.json()) as { result?: unknown; error?: { message: string } };
      if (body.error !== undefined) throw new Error(body.error.message);
      return body.result;
    },
  };
}

/** Gas given to every simulated transaction: above any single Mandate call, so none is estimated. */
export const SIM_TX_GAS = 1_500_000n;
/** Block gas limit the simulation asks for, so that a whole epoch fits in one block. */
export const SIM_BLOCK_GAS_LIMIT = 30_000_000_000n;

const hex = (n: bigint | number) => `0x${BigInt(n).toString(16)}`;

export interface SendResult {
  ok: boolean;
  /** The revert data or message when `ok` is false (automine only; batched sends learn from state). */
  error?: string;
}

export class SimChain {
  readonly rpc: Eip1193;
  /** Automine on: each send is mined at once and reports a revert. Off: sends wait for `mine()`. */
  private automine = true;
  private pending: Promise<unknown>[] = [];
  /** Transactions sent (each is one agent action). */
  sent = 0;
  /** Of those, how many reverted (automine only). */
  reverted = 0;
  /**
   * The simulation's clock: the timestamp of the next block. Every block's time is set from it
   * (each transaction a block, one second apart) rather than from the wall clock, which Hardhat would
   * otherwise mix in: the same run then reads the same decayed scores, byte for byte.
   */
  clock = 0n;

  constructor(rpc: Eip1193) {
    this.rpc = rpc;
  }

  async setAutomine(on: boolean): Promise<void> {
    await this.rpc.request({ method: "evm_setAutomine", params: [on] });
    this.automine = on;
  }

  /** Makes `address` a sender without a key, with ether for gas. */
  async addSender(address: string): Promise<void> {
    await this.rpc.request({ method: "hardhat_impersonateAccount", params: [address] });
    await this.rpc.request({ method: "hardhat_setBalance", params: [address, hex(10n ** 24n)] });
  }

  /** Starts the simulation's clock at `timestamp` (after the deployment's blocks). */
  startClock(timestamp: bigint): void {
    this.clock = timestamp;
  }

  private async nextBlockAt(): Promise<void> {
    await this.rpc.request({ method: "evm_setNextBlockTimestamp", params: [hex(this.clock)] });
    this.clock++;
  }

  /** Sends a transaction from `from` (`to` null: a contract creation). */
  async send(from: string, to: string | null, data: string): Promise<SendResult> {
    this.sent++;
    if (this.automine && this.clock !== 0n) await this.nextBlockAt();
    const request = this.rpc.request({
      method: "eth_sendTransaction",
      params: [{ from, ...(to === null ? {} : { to }), data, gas: hex(SIM_TX_GAS) }],
    });
    if (!this.automine) {
      this.pending.push(request);
      return { ok: true };
    }
    try {
      await request;
      return { ok: true };
    } catch (error) {
      this.reverted++;
      return { ok: false, error: (error as Error).message };
    }
  }

  async call(to: string, data: string): Promise<string> {
    return (await this.rpc.request({
      method: "eth_call",
      params: [{ to, data }, "latest"],
    })) as string;
  }

  /** Mines the transactions sent since the last call into one block (automine off). */
  async mine(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    await Promise.all(pending);
    if (this.clock !== 0n) await this.nextBlockAt();
    await this.rpc.request({ method: "evm_mine", params: [] });
  }

  /** Moves the clock to `timestamp` and mines an empty block there, so reads see that time. */
  async advanceTo(timestamp: bigint): Promise<void> {
    if (timestamp < this.clock)
      throw new Error(`the clock cannot go back from ${this.clock} to ${timestamp}`);
    this.clock = timestamp;
    await this.nextBlockAt();
    await this.rpc.request({ method: "evm_mine", params: [] });
  }

  async timestamp(): Promise<bigint> {
    const block = (await this.rpc.request({
      method: "eth_getBlockByNumber",
      params: ["latest", false],
    })) as { timestamp: string };
    return BigInt(block.timestamp);
  }

  async snapshot(): Promise<string> {
    return (await this.rpc.request({ method: "evm_snapshot", params: [] })) as string;
  }

  async revert(id: string): Promise<void> {
    await this.rpc.request({ method: "evm_revert", params: [id] });
  }
}
