// End-to-end helpers: a real `npx hardhat node` on a free loopback port, raw JSON-RPC calls to it,
// and `npx hardhat ...` run as a subprocess the way a user runs it.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function rpc(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: unknown; error?: unknown };
  if (body.error !== undefined) throw new Error(JSON.stringify(body.error));
  return body.result;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", args, { cwd, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export interface HardhatNode {
  url: string;
  /** Stops npx and the node it started (its own process group), by id. */
  stop(): void;
}

/** `fork`: start as a fork of that node's latest block, answering `chainId` (e.g. a live network's). */
export async function startHardhatNode(
  cwd: string,
  options: { chainId?: number; fork?: string } = {},
): Promise<HardhatNode> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const extra = [
    ...(options.chainId === undefined ? [] : ["--chain-id", String(options.chainId)]),
    ...(options.fork === undefined ? [] : ["--fork", options.fork]),
  ];
  const node: ChildProcess = spawn(
    "npx",
    ["hardhat", "node", "--hostname", "127.0.0.1", "--port", String(port), ...extra],
    { cwd, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  node.stdout!.on("data", (chunk) => (output += chunk));
  node.stderr!.on("data", (chunk) => (output += chunk));
  const stop = () => {
    if (node.pid !== undefined && node.exitCode === null) process.kill(-node.pid, "SIGTERM");
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      assert.equal(await rpc(url, "eth_chainId"), `0x${(options.chainId ?? 31337).toString(16)}`);
      // A fork cannot run calls at its fork block (no hardfork history for the origin chain): one
      // block of its own, and every read pins a block the fork executes itself.
      if (options.fork !== undefined) await rpc(url, "evm_mine");
      return { url, stop };
    } catch (error) {
      if (node.exitCode !== null || Date.now() > deadline) {
        stop();
        throw new Error(`hardhat node did not answer on ${url}: ${error}\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
