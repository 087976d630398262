// The simulated chain as the simulation sees it: raw JSON-RPC requests (EIP-1193 `request`) to
// anvil over its Unix socket (the default engine, sim/chain/anvil.ts), Hardhat's in-process EDR, or
// a node over HTTP, with impersonated senders (no signing), fixed gas (no estimation), automine on,
// and block times set by the simulation's clock. The market's actions
// go through the batch driver (sim/chain/driver.ts); single transactions are for the rest
// (deployment of the sim's own contracts, governance) and the engine benchmark's comparison.
import { connect } from "node:net";

import type { Interface } from "ethers";

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

/**
 * JSON-RPC over a Unix socket (anvil's `--ipc`): one line of JSON per response, answered in any
 * order and matched by id. Measured (docs/economics/engine.md): about 0.05 ms of this process's CPU
 * a request, against 0.33 ms over node:http and 0.94 ms over fetch, on the same anvil.
 */
export async function ipcEip1193(path: string): Promise<Eip1193 & { close(): void }> {
  const socket = connect(path);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let buffered = "";
  let failed: Error | undefined;
  const failAll = (error: Error) => {
    failed ??= error;
    for (const waiter of pending.values()) waiter.reject(failed);
    pending.clear();
  };
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => {
    buffered += chunk;
    for (let end = buffered.indexOf("\n"); end >= 0; end = buffered.indexOf("\n")) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      const reply = JSON.parse(line) as {
        id: number;
        result?: unknown;
        error?: { message: string; data?: unknown };
      };
      const waiter = pending.get(reply.id);
      if (waiter === undefined) continue;
      pending.delete(reply.id);
      if (reply.error === undefined) waiter.resolve(reply.result);
      else waiter.reject(Object.assign(new Error(reply.error.message), { data: reply.error.data }));
    }
  });
  socket.on("error", failAll);
  socket.on("close", () => failAll(new Error(`the node's socket ${path} closed`)));
  let id = 0;
  return {
    request({ method, params = [] }) {
      if (failed !== undefined) return Promise.reject(failed);
      const request = ++id;
      return new Promise((resolve, reject) => {
        pending.set(request, { resolve, reject });
        socket.write(`${JSON.stringify({ jsonrpc: "2.0", id: request, method, params })}\n`);
      });
    },
    close() {
      socket.destroy();
    },
  };
}

/** Gas given to every simulated action: above any single Mandate call, so none is estimated. */
export const SIM_TX_GAS = 1_500_000n;
/** Block gas limit the simulation asks for, so that a whole phase's batch fits in one block. */
export const SIM_BLOCK_GAS_LIMIT = 30_000_000_000n;
/**
 * The in-process chain a simulation run on EDR creates (`hre.network.create(SIM_NETWORK)`): blocks and
 * transactions large enough for a phase's batch (EIP-7825's per-transaction cap lifted).
 */
export const SIM_NETWORK = {
  network: "hardhat",
  override: { blockGasLimit: SIM_BLOCK_GAS_LIMIT, transactionGasCap: false },
} as const;

const hex = (n: bigint | number) => `0x${BigInt(n).toString(16)}`;

/** What the simulation reads of a receipt. */
export interface Receipt {
  transactionHash: string;
  status: string;
  contractAddress?: string | null;
  logs: { address: string; topics: string[]; data: string }[];
}

export interface SendResult {
  ok: boolean;
  /** The revert data or message when `ok` is false. */
  error?: string;
}

export class SimChain {
  readonly rpc: Eip1193;
  /** Transactions sent one by one (`send`); batches of actions are counted by the driver. */
  sent = 0;
  /** Of those, how many reverted. */
  reverted = 0;
  /**
   * The simulation's clock: the timestamp of the next block. Every block's time is set from it
   * (each transaction a block, one second apart) rather than from the wall clock, which Hardhat would
   * otherwise mix in: the same run then reads the same decayed scores, byte for byte.
   */
  clock = 0n;

  /**
   * Whether the node answers `eth_sendTransactionSync` (anvil: the receipt in the same request);
   * otherwise a send is followed by a receipt read (EDR mines before it answers).
   */
  readonly sendsSync: boolean;

  /** Interfaces whose custom errors name a reverted transaction's revert data (`explainWith`). */
  private readonly errorAbis: Interface[] = [];

  /**
   * On a node that times each block one second after the last (anvil, `anvilTimestamps`): the time
   * its next block takes by itself, so that the clock costs a request only when it jumps.
   */
  private nodeNext: bigint | undefined;
  private stepsItself = false;

  constructor(rpc: Eip1193, { sendsSync = false } = {}) {
    this.rpc = rpc;
    this.sendsSync = sendsSync;
  }

  /**
   * anvil only: every block one second after the last unless told otherwise
   * (`anvil_setBlockTimestampInterval`), so a phase's batch needs no `evm_setNextBlockTimestamp`
   * when the clock is just one second on. EDR has no such setting and is told every block's time.
   */
  async anvilTimestamps(): Promise<void> {
    await this.rpc.request({ method: "anvil_setBlockTimestampInterval", params: [1] });
    this.stepsItself = true;
  }

  /** Names a revert by the custom errors of `abi` too (EDR names them itself; anvil returns data). */
  explainWith(abi: Interface): void {
    this.errorAbis.push(abi);
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
    if (!this.stepsItself || this.nodeNext !== this.clock) {
      // Unknown until the block is mined: a failed request leaves the node's next time unknown.
      this.nodeNext = undefined;
      await this.rpc.request({ method: "evm_setNextBlockTimestamp", params: [hex(this.clock)] });
    }
    this.clock++;
  }

  /** Sends one transaction from `from` (`to` null: a contract creation), mined at once; reports a revert. */
  async send(from: string, to: string | null, data: string): Promise<SendResult> {
    this.sent++;
    try {
      await this.sendOrThrow(from, to, data, SIM_TX_GAS);
      return { ok: true };
    } catch (error) {
      this.reverted++;
      return { ok: false, error: (error as Error).message };
    }
  }

  /**
   * Sends one transaction and returns its receipt once mined; a revert throws. Its block is at the
   * clock's next second.
   */
  async sendOrThrow(from: string, to: string | null, data: string, gas: bigint): Promise<Receipt> {
    if (this.clock !== 0n) await this.nextBlockAt();
    const tx = { from, ...(to === null ? {} : { to }), data, gas: hex(gas) };
    let receipt: Receipt | null;
    if (this.sendsSync) {
      receipt = (await this.rpc.request({
        method: "eth_sendTransactionSync",
        params: [tx],
      })) as Receipt;
    } else {
      const hash = await this.rpc.request({ method: "eth_sendTransaction", params: [tx] });
      receipt = (await this.rpc.request({
        method: "eth_getTransactionReceipt",
        params: [hash],
      })) as Receipt | null;
      if (receipt === null) throw new Error(`the transaction ${hash} was not mined when sent`);
    }
    // Mined (reverted or not): the node's next block is a second on, the clock's next time.
    this.nodeNext = this.clock;
    if (receipt.status !== "0x1") throw await this.revertError(tx, receipt.transactionHash);
    return receipt;
  }

  /**
   * Why a mined transaction reverted: the same call replayed on the state after it (nothing but the
   * sender's nonce and gas changed), its revert data named by the known errors.
   */
  private async revertError(tx: Record<string, string>, hash: string): Promise<Error> {
    let data: string | undefined;
    try {
      await this.rpc.request({ method: "eth_call", params: [tx, "latest"] });
    } catch (error) {
      const found = (error as { data?: unknown }).data;
      data = typeof found === "string" ? found : undefined;
    }
    let reason = data === undefined ? "no revert data on replay" : `revert data ${data}`;
    for (const abi of this.errorAbis) {
      const parsed = data === undefined ? null : abi.parseError(data);
      if (parsed !== null) reason = `${parsed.name}(${parsed.args.join(", ")})`;
    }
    return new Error(`the transaction ${hash} reverted: ${reason}`);
  }

  async call(to: string, data: string): Promise<string> {
    return (await this.rpc.request({
      method: "eth_call",
      params: [{ to, data }, "latest"],
    })) as string;
  }

  /** Moves the clock to `timestamp` and mines an empty block there, so reads see that time. */
  async advanceTo(timestamp: bigint): Promise<void> {
    if (timestamp < this.clock)
      throw new Error(`the clock cannot go back from ${this.clock} to ${timestamp}`);
    this.clock = timestamp;
    await this.nextBlockAt();
    await this.rpc.request({ method: "evm_mine", params: [] });
    this.nodeNext = this.clock;
  }

  async timestamp(): Promise<bigint> {
    const block = (await this.rpc.request({
      method: "eth_getBlockByNumber",
      params: ["latest", false],
    })) as { timestamp: string };
    return BigInt(block.timestamp);
  }

  async snapshot(): Promise<string> {
    this.nodeNext = undefined;
    return (await this.rpc.request({ method: "evm_snapshot", params: [] })) as string;
  }

  async revert(id: string): Promise<void> {
    this.nodeNext = undefined;
    await this.rpc.request({ method: "evm_revert", params: [id] });
  }
}
