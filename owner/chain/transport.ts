// JSON-RPC transports that send a list of requests together and count what they cost. Over HTTP a
// list is one JSON-RPC batch (one POST, split only above `maxBatch`); in process (Hardhat's EDR) the
// requests go concurrently to the EIP-1193 provider. `stats` is what the benchmark reads: requests
// grow with the system, round trips must not.
import { OwnerError } from "../errors.ts";

export interface RpcRequest {
  method: string;
  params: readonly unknown[];
}

export type RpcResult =
  | { ok: true; value: unknown }
  | { ok: false; error: { code?: number; message: string; data?: unknown } };

export interface RpcStats {
  /** JSON-RPC requests sent. */
  requests: number;
  /**
   * Sequential rounds: each `send` is one, however many POSTs it is split into, because its POSTs go
   * out together and the caller waits once. This is the latency a command pays.
   */
  roundTrips: number;
  /** HTTP POSTs (a round above the batch cap is several); in process, one per round. */
  posts: number;
}

export interface RpcTransport {
  kind: "http" | "in-process";
  /** Where it sends to, for messages ("http://127.0.0.1:8545", "in-process hardhat"). */
  describe: string;
  readonly stats: RpcStats;
  /** Sends every request together; answers in the same order. Throws RPC_UNREACHABLE, never rejects per request. */
  send(requests: readonly RpcRequest[]): Promise<RpcResult[]>;
}

export interface HttpTransportOptions {
  /** Largest batch per POST (public RPC providers cap batches; 100 is accepted by most). */
  maxBatch?: number;
  timeoutMs?: number;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

export function httpTransport(url: string, options: HttpTransportOptions = {}): RpcTransport {
  const maxBatch = options.maxBatch ?? 100;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const doFetch = options.fetch ?? fetch;
  const stats: RpcStats = { requests: 0, roundTrips: 0, posts: 0 };
  let nextId = 1;

  async function post(chunk: readonly RpcRequest[]): Promise<RpcResult[]> {
    const payload = chunk.map((r) => ({
      jsonrpc: "2.0",
      id: nextId++,
      method: r.method,
      params: r.params,
    }));
    stats.requests += chunk.length;
    stats.posts += 1;
    let body: unknown;
    try {
      const response = await doFetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...options.headers },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) {
        throw new OwnerError(
          "RPC_ERROR",
          `the RPC at ${url} answered HTTP ${response.status}; nothing was sent`,
        );
      }
      body = await response.json();
    } catch (error) {
      if (error instanceof OwnerError) throw error;
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      throw new OwnerError(
        "RPC_UNREACHABLE",
        `could not reach the RPC at ${url} (${cause ?? (error as Error).message}); nothing was read or sent. Check the node is running and the network's URL.`,
      );
    }
    if (!Array.isArray(body)) {
      const message = (body as { error?: { message?: string } })?.error?.message;
      throw new OwnerError(
        "RPC_ERROR",
        `the RPC at ${url} refused a JSON-RPC batch${message === undefined ? "" : ` (${message})`}; batches are required to read one pinned block cheaply`,
      );
    }
    const byId = new Map<number, { result?: unknown; error?: RpcResult & { ok: false } }>();
    for (const item of body as { id: number; result?: unknown; error?: unknown }[])
      byId.set(item.id, item as never);
    return payload.map((p) => {
      const item = byId.get(p.id) as
        | { result?: unknown; error?: { code?: number; message: string; data?: unknown } }
        | undefined;
      if (item === undefined)
        return { ok: false, error: { message: `no answer for ${p.method} in the batch` } };
      if (item.error !== undefined) return { ok: false, error: item.error };
      return { ok: true, value: item.result };
    });
  }

  return {
    kind: "http",
    describe: url,
    stats,
    async send(requests) {
      stats.roundTrips += 1;
      const chunks: RpcRequest[][] = [];
      for (let i = 0; i < requests.length; i += maxBatch)
        chunks.push(requests.slice(i, i + maxBatch));
      // Chunks go out concurrently: latency stays one round trip even above the batch cap.
      return (await Promise.all(chunks.map(post))).flat();
    },
  };
}

export interface Eip1193Provider {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}

/** An ethers provider that also forwards raw JSON-RPC (Hardhat's and ethers' JSON-RPC providers do). */
export type JsonRpcProvider = import("ethers").Provider & {
  send(method: string, params: unknown[]): Promise<unknown>;
};

/** The EIP-1193 view of such a provider, for the batched reader and protocol-kit. */
export const asEip1193 = (provider: Pick<JsonRpcProvider, "send">): Eip1193Provider => ({
  request: ({ method, params }) => provider.send(method, params ?? []),
});

export function eip1193Transport(provider: Eip1193Provider, describe = "in-process"): RpcTransport {
  const stats: RpcStats = { requests: 0, roundTrips: 0, posts: 0 };
  return {
    kind: "in-process",
    describe,
    stats,
    async send(requests) {
      stats.requests += requests.length;
      stats.roundTrips += 1;
      stats.posts += 1;
      return Promise.all(
        requests.map(async (r): Promise<RpcResult> => {
          try {
            return {
              ok: true,
              value: await provider.request({ method: r.method, params: [...r.params] }),
            };
          } catch (error) {
            const e = error as { code?: number; message?: string; data?: unknown };
            return {
              ok: false,
              error: { code: e.code, message: e.message ?? String(error), data: e.data },
            };
          }
        }),
      );
    },
  };
}
