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
  /** How long one POST may take before it is abandoned (default DEFAULT_RPC_TIMEOUT_MS). */
  timeoutMs?: number;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

/** Every request of the owner tasks and deploy:system gives up after this long unless told otherwise. */
export const DEFAULT_RPC_TIMEOUT_MS = 30_000;

/**
 * The URL as it may be printed: scheme, host and port only. Providers put API keys in the path or
 * the query (".../v2/<key>", "?apikey="), and user:password in the authority; none of it is shown.
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const hidden = parsed.pathname.length > 1 || parsed.search !== "" || parsed.username !== "";
    return `${parsed.protocol}//${parsed.host}${hidden ? "/…" : ""}`;
  } catch {
    return "(an unparsable URL)";
  }
}

/** "eth_call", "eth_call and eth_getCode", "eth_call, eth_getCode and 3 more": the methods of a POST. */
export function describeMethods(methods: readonly string[]): string {
  const unique = [...new Set(methods)];
  if (unique.length <= 2) return unique.join(" and ");
  return `${unique.slice(0, 2).join(", ")} and ${unique.length - 2} more`;
}

/**
 * How an RPC failure is told, on every path (batched reads, Hardhat's sending connection,
 * protocol-kit): the RPC by its redacted URL and the method(s) it failed. Callers add what it means
 * for them (nothing was sent, the transaction may have landed).
 */
export const rpcFailure = {
  timeout: (shown: string, methods: string, timeoutMs: number) =>
    `the RPC at ${shown} did not answer ${methods} within ${timeoutMs / 1000} s (--rpc-timeout <seconds> changes the limit)`,
  status: (shown: string, status: number, methods: string) =>
    `the RPC at ${shown} answered HTTP ${status} to ${methods}`,
  unreachable: (shown: string, cause: string, methods: string) =>
    `could not reach the RPC at ${shown} (${cause}) for ${methods}`,
  other: (shown: string, cause: string, methods: string) =>
    `the RPC at ${shown} failed ${methods} (${cause})`,
};

/** What a reply body starts with, for a message: bounded, one line. */
const preview = (text: string): string =>
  JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text).replace(/\\n/g, " ");

/**
 * A batch reply matched to its requests by id: each request's result or error, in request order.
 * A reply that is not a batch, or holds anything but JSON-RPC replies, is RPC_ERROR naming the RPC.
 */
function batchResults(
  body: unknown,
  payload: readonly { id: number; method: string }[],
  shown: string,
  methods: string,
): RpcResult[] {
  if (!Array.isArray(body)) {
    const message = (body as { error?: { message?: string } } | null)?.error?.message;
    throw new OwnerError(
      "RPC_ERROR",
      message === undefined
        ? `the RPC at ${shown} answered ${methods} with ${body === null ? "null" : "a non-batch reply"} instead of a JSON-RPC batch`
        : `the RPC at ${shown} refused a JSON-RPC batch (${message}); batches are required to read one pinned block cheaply`,
    );
  }
  const byId = new Map<unknown, { result?: unknown; error?: unknown }>();
  for (const item of body as unknown[]) {
    if (typeof item !== "object" || item === null || !("id" in item))
      throw new OwnerError(
        "RPC_ERROR",
        `the RPC at ${shown} answered ${methods} with a batch holding ${item === null ? "null" : preview(typeof item === "string" ? item : (JSON.stringify(item) ?? String(item)))} instead of a JSON-RPC reply`,
      );
    byId.set((item as { id: unknown }).id, item as never);
  }
  return payload.map((p): RpcResult => {
    const item = byId.get(p.id);
    if (item === undefined)
      return { ok: false, error: { message: `no answer for ${p.method} in the batch` } };
    if (item.error !== undefined) {
      const error = item.error as { code?: number; message?: unknown; data?: unknown };
      return {
        ok: false,
        error: { code: error.code, message: String(error.message), data: error.data },
      };
    }
    return { ok: true, value: item.result };
  });
}

export function httpTransport(url: string, options: HttpTransportOptions = {}): RpcTransport {
  const maxBatch = options.maxBatch ?? 100;
  const timeoutMs = options.timeoutMs ?? DEFAULT_RPC_TIMEOUT_MS;
  const doFetch = options.fetch ?? fetch;
  const stats: RpcStats = { requests: 0, roundTrips: 0, posts: 0 };
  const shown = redactUrl(url);
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
    const methods = describeMethods(chunk.map((r) => r.method));
    const body = await fetchBody(payload, methods);
    return batchResults(body, payload, shown, methods);
  }

  /** One POST: its JSON body, or RPC_UNREACHABLE (no answer in time, refused) / RPC_ERROR (not JSON). */
  async function fetchBody(payload: unknown, methods: string): Promise<unknown> {
    let text: string;
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
          `${rpcFailure.status(shown, response.status, methods)}; nothing was sent`,
        );
      }
      text = await response.text();
    } catch (error) {
      if (error instanceof OwnerError) throw error;
      const name = (error as Error).name;
      if (name === "TimeoutError" || name === "AbortError")
        throw new OwnerError("RPC_UNREACHABLE", rpcFailure.timeout(shown, methods, timeoutMs));
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      throw new OwnerError(
        "RPC_UNREACHABLE",
        `${rpcFailure.unreachable(shown, cause ?? (error as Error).message, methods)}; nothing was read or sent. Check the node is running and the network's URL.`,
      );
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new OwnerError(
        "RPC_ERROR",
        `the RPC at ${shown} answered ${methods} with something that is not JSON (${preview(text)})`,
      );
    }
  }

  return {
    kind: "http",
    describe: shown,
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

/**
 * The EIP-1193 view of a transport, one request per call: what protocol-kit reads Safe nonces and
 * hashes through, so its requests have the transport's timeout and its failures name the RPC and
 * the method (RPC_UNREACHABLE / RPC_ERROR, found through the `cause` chain its wrappers keep). A
 * JSON-RPC error answer keeps its code and data, as a node's would.
 */
export const transportAsEip1193 = (transport: RpcTransport): Eip1193Provider => ({
  async request({ method, params }) {
    let result: RpcResult;
    try {
      [result] = await transport.send([{ method, params: params ?? [] }]);
    } catch (error) {
      // EIP-1193's 4900 (disconnected): viem does not retry it, so a hung RPC costs one
      // --rpc-timeout, not four; the named failure rides along as the cause.
      throw Object.assign(new Error((error as Error).message), { code: 4900, cause: error });
    }
    if (result.ok) return result.value;
    throw Object.assign(new Error(result.error.message), {
      code: result.error.code,
      data: result.error.data,
    });
  },
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
