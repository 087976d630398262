// A JSON-RPC proxy with faults on demand, in front of a real node: tests point a task at it and make
// a chosen method, on a chosen call, answer 503, drop the connection, hang, or reply `null`, HTML or
// garbage (inside a batch too). With `forward: true` the request reaches the node first and only the
// reply is lost, which is how "the transaction was mined but the client never heard" is staged.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

/**
 * `pruned`: the node keeps no state but the head's, as a full (non-archive) node past its ~128
 * recent blocks: a state read (eth_getCode, eth_getBalance, eth_getTransactionCount,
 * eth_getStorageAt, eth_call) at an older block number is answered with geth's "missing trie node"
 * error; at the head, "latest" or "pending" it is forwarded. Blocks, transactions and receipts stay.
 */
export type FaultKind = "http503" | "drop" | "hang" | "null" | "html" | "garbage" | "pruned";

export interface FaultRule {
  /** JSON-RPC method, or "*" for every method. */
  method: string;
  fault: FaultKind;
  /** Only the n-th call of the method (1-based, counted by this proxy over its life). */
  nth?: number;
  /** The n-th call and every later one (an outage from then on). Neither nth nor from: every call. */
  from?: number;
  /** Send the request to the node first and lose only the reply (a transaction still lands). */
  forward?: boolean;
  /**
   * `null` and `garbage` inside a batch: only the matching items of the node's batch reply are
   * replaced (the reply stays an array). Without it the whole reply is replaced.
   */
  item?: boolean;
  /**
   * Only once the proxy has answered a call of this method since the rules were set (e.g.
   * "eth_sendTransaction": an outage that starts right after a transaction was accepted).
   */
  after?: string;
}

export interface FaultyRpc {
  /** The proxy's URL; point MANDATE_LOCALHOST_URL (or a transport) at it. */
  url: string;
  /** Calls seen per method (batch items count one each). */
  readonly calls: Map<string, number>;
  /** Faults applied so far, as "method#n fault". */
  readonly applied: string[];
  /** Replaces the rules (counts are kept). */
  setFaults(rules: FaultRule[]): void;
  close(): Promise<void>;
}

interface RpcItem {
  id?: unknown;
  method?: string;
  params?: unknown[];
}

/** The block a state read names, as a number, or undefined for a tag (latest, pending, ...). */
function stateBlock(item: RpcItem): number | undefined {
  const at = item.params?.[item.method === "eth_getStorageAt" ? 2 : 1];
  return typeof at === "string" && /^0x[0-9a-f]+$/i.test(at) ? Number(at) : undefined;
}

const HTML = "<html><body><h1>502 Bad Gateway</h1></body></html>";

export async function startFaultyRpc(
  upstream: string,
  rules: FaultRule[] = [],
): Promise<FaultyRpc> {
  let faults = rules;
  /** Methods answered since the rules were set, for rules with `after`. */
  let answered = new Set<string>();
  const calls = new Map<string, number>();
  const applied: string[] = [];
  const sockets = new Set<Socket>();

  const match = (method: string, n: number): FaultRule | undefined =>
    faults.find(
      (rule) =>
        (rule.method === "*" || rule.method === method) &&
        (rule.after === undefined || answered.has(rule.after)) &&
        (rule.nth !== undefined ? n === rule.nth : rule.from === undefined || n >= rule.from),
    );

  const forward = async (body: string): Promise<string> => {
    const response = await fetch(upstream, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    return response.text();
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let body = "";
    for await (const chunk of request) body += chunk;
    let parsed: RpcItem | RpcItem[];
    try {
      parsed = JSON.parse(body) as RpcItem | RpcItem[];
    } catch {
      return void response.writeHead(400).end("bad json");
    }
    const items = Array.isArray(parsed) ? parsed : [parsed];
    // Count every item, then pick the first rule any of them matches.
    const hits = items.map((item) => {
      const method = String(item.method);
      const n = (calls.get(method) ?? 0) + 1;
      calls.set(method, n);
      const rule = match(method, n);
      if (rule !== undefined) applied.push(`${method}#${n} ${rule.fault}`);
      return rule;
    });
    if (hits.some((r) => r?.fault === "pruned")) return pruned(parsed, items, hits, response);
    const rule = hits.find((r) => r !== undefined);
    if (rule === undefined) {
      const answer = await forward(body);
      for (const item of items) answered.add(String(item.method));
      return void response.end(answer);
    }

    const perItem =
      Array.isArray(parsed) &&
      rule.item === true &&
      (rule.fault === "null" || rule.fault === "garbage");
    if (rule.forward === true || perItem) {
      const answer = await forward(body);
      if (perItem) {
        // Inside a batch: the matching items are replaced, the others answered as the node did.
        const replies = JSON.parse(answer) as unknown[];
        const replaced = replies.map((reply, i) =>
          hits[i] === undefined ? reply : hits[i]!.fault === "null" ? null : "garbage",
        );
        return void response
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify(replaced));
      }
    }
    switch (rule.fault) {
      case "http503":
        return void response.writeHead(503).end("Service Unavailable");
      case "drop":
        return void request.socket.destroy();
      case "hang":
        return; // never answered; the socket is destroyed by close()
      case "null":
        return void response.writeHead(200, { "content-type": "application/json" }).end("null");
      case "html":
        return void response.writeHead(200, { "content-type": "text/html" }).end(HTML);
      case "pruned": // handled above
      case "garbage":
        return void response
          .writeHead(200, { "content-type": "application/json" })
          .end('{"jsonrpc":"2.0","id":');
    }
  }

  /** State reads older than the head refused as a pruned node refuses them; the rest forwarded. */
  async function pruned(
    parsed: RpcItem | RpcItem[],
    items: RpcItem[],
    hits: (FaultRule | undefined)[],
    response: ServerResponse,
  ): Promise<void> {
    const head = Number(
      JSON.parse(
        await forward(JSON.stringify({ jsonrpc: "2.0", id: 0, method: "eth_blockNumber" })),
      ).result,
    );
    const refused = items.map((item, i) => {
      const block = stateBlock(item);
      return hits[i]?.fault === "pruned" && block !== undefined && block < head;
    });
    const kept = items.filter((_, i) => !refused[i]);
    const answers =
      kept.length === 0 ? [] : (JSON.parse(await forward(JSON.stringify(kept))) as unknown[]);
    const byId = new Map(answers.map((a) => [(a as { id: unknown }).id, a]));
    const replies = items.map((item, i) => {
      if (!refused[i]) return byId.get(item.id);
      applied.push(`${item.method} at block ${stateBlock(item)} pruned`);
      return {
        jsonrpc: "2.0",
        id: item.id,
        error: { code: -32000, message: "missing trie node 0x9d3c (path ) state is not available" },
      };
    });
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(Array.isArray(parsed) ? replies : replies[0]));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => request.socket.destroy());
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    applied,
    setFaults(next) {
      faults = next;
      answered = new Set();
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
