// End-to-end helpers: a real `npx hardhat node` on a free loopback port, raw JSON-RPC calls to it,
// and `npx hardhat ...` run as a subprocess the way a user runs it.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";

/** The script `npx hardhat` runs: the `hardhat` bin of node_modules/hardhat/package.json. */
const HARDHAT_CLI = (() => {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve("hardhat/package.json");
  return join(dirname(manifest), (require(manifest) as { bin: { hardhat: string } }).bin.hardhat);
})();

/**
 * The program and arguments of `npx <args>`. `npx hardhat ...` runs Hardhat's CLI under this Node
 * (22, the `node` devDependency) directly: the same script npx would find in node_modules/.bin,
 * without npm's own start-up (about 0.6 s of CPU per run, and the e2e tests run dozens). Other
 * commands, and a few tests that check npx itself (mocha-focus, owner:drill, lease:consent-hash),
 * still go through npx.
 */
export function npxCommand(args: readonly string[]): [string, string[]] {
  return args[0] === "hardhat"
    ? [process.execPath, [HARDHAT_CLI, ...args.slice(1)]]
    : ["npx", [...args]];
}

/**
 * The environment of a command a user runs, over this process's: without the `--import <tsx>`
 * that Hardhat's parallel mocha puts in NODE_OPTIONS for its workers. A user's `npx hardhat` has
 * no such loader, and every child paid it (about 0.5 s of CPU per Hardhat start-up).
 */
export function userEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  const options = env.NODE_OPTIONS?.replace(/--import "[^"]*\/tsx\/[^"]*"/g, "").trim();
  if (options === undefined || options === "") delete env.NODE_OPTIONS;
  else env.NODE_OPTIONS = options;
  return env;
}

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
    const [program, programArgs] = npxCommand(args);
    const child = spawn(program, programArgs, { cwd, env: userEnv(env) });
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
  /** Stops the node (its own process group), by id. */
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
  const [program, programArgs] = npxCommand([
    "hardhat",
    "node",
    "--hostname",
    "127.0.0.1",
    "--port",
    String(port),
    ...extra,
  ]);
  const node: ChildProcess = spawn(program, programArgs, {
    cwd,
    env: userEnv(),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
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
