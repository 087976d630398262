// Collects reads (eth_call and raw JSON-RPC methods), all at one block, and sends them as one batch.
// Each read answers a `Read<T>`: a value, or the reason it could not be read, so one bad address
// shows up as one error row instead of stopping the whole check.
import { keccak256, type Interface, type Result } from "ethers";

import type { RpcRequest, RpcResult, RpcTransport } from "./transport.ts";

export type Read<T> = { ok: true; value: T } | { ok: false; error: string };

export const readOk = <T>(value: T): Read<T> => ({ ok: true, value });
export const readFailed = <T>(error: string): Read<T> => ({ ok: false, error });

interface Pending {
  request: RpcRequest;
  settle(result: RpcResult): void;
}

export class ReadBatch {
  #pending: Pending[] = [];

  constructor(
    private readonly transport: RpcTransport,
    /** Hex block number every eth_call/eth_getCode of this batch is pinned to ("latest" only before pinning). */
    private readonly blockTag: string,
  ) {}

  get size(): number {
    return this.#pending.length;
  }

  /** A raw JSON-RPC method; `convert` turns the JSON result into the value. */
  raw<T>(method: string, params: unknown[], convert: (value: unknown) => T): Promise<Read<T>> {
    return new Promise((resolve) => {
      this.#pending.push({
        request: { method, params },
        settle: (result) => {
          if (!result.ok) return resolve(readFailed(describeRpcError(result.error)));
          try {
            resolve(readOk(convert(result.value)));
          } catch (error) {
            resolve(readFailed((error as Error).message));
          }
        },
      });
    });
  }

  /** A raw JSON-RPC method's result as the node gave it (an error keeps its revert data). */
  result(method: string, params: unknown[]): Promise<RpcResult> {
    return new Promise((resolve) => {
      this.#pending.push({ request: { method, params }, settle: resolve });
    });
  }

  /** `to.fn(...args)` through eth_call at the pinned block, decoded with `iface`. */
  call<T>(
    to: string,
    iface: Interface,
    fn: string,
    args: readonly unknown[],
    convert: (decoded: Result) => T = (decoded) => decoded[0] as T,
  ): Promise<Read<T>> {
    const data = iface.encodeFunctionData(fn, args);
    return this.raw("eth_call", [{ to, data }, this.blockTag], (value) => {
      if (value === "0x")
        throw new Error(`${fn}() returned no data (is ${to} the expected kind of contract?)`);
      return convert(iface.decodeFunctionResult(fn, value as string));
    });
  }

  /** Whether `address` holds code at the pinned block. */
  hasCode(address: string): Promise<Read<boolean>> {
    return this.raw("eth_getCode", [address, this.blockTag], (value) => value !== "0x");
  }

  /** The keccak256 of the code at `address` at the pinned block ("0x" code hashes as the empty string). */
  codeHash(address: string): Promise<Read<string>> {
    return this.raw("eth_getCode", [address, this.blockTag], (value) => keccak256(value as string));
  }

  /** Sends everything collected as one batch (one round trip). */
  async flush(): Promise<void> {
    const pending = this.#pending;
    this.#pending = [];
    if (pending.length === 0) return;
    const results = await this.transport.send(pending.map((p) => p.request));
    pending.forEach((p, i) => p.settle(results[i]));
  }
}

function describeRpcError(error: { code?: number; message: string; data?: unknown }): string {
  return error.message.includes("revert") || error.data !== undefined
    ? `reverted (${error.message})`
    : error.message;
}

export const toHexBlock = (block: number): string => `0x${block.toString(16)}`;
