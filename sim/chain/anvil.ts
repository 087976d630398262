// The simulation's default engine: an anvil node (Foundry's revm), one per sweep worker, started
// from the npm package's platform binary (resolved as forge's is, scripts/forge.ts). The simulation
// speaks to it over a Unix socket (`--ipc`); the deployment core's ethers provider over HTTP on the
// loopback. Measured in docs/economics/engine.md: anvil executes the same batches for a fraction of
// the CPU of Hardhat's in-process EDR, a request over the socket costs a seventh of one over HTTP,
// and `eth_sendTransactionSync` hands a batch's receipt back in the request that sends it.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { resolveForgeBinary } from "../../scripts/forge.ts";
import { SIM_BLOCK_GAS_LIMIT, httpEip1193, ipcEip1193, type Eip1193 } from "./transport.ts";

/** The chain id anvil is started with: Hardhat's, so the deployment core treats it as a local chain. */
export const SIM_CHAIN_ID = 31337;

export interface AnvilNode {
  /** HTTP on the loopback (the deployment's ethers provider). */
  url: string;
  /** The Unix socket (the simulation's requests). */
  rpc: Eip1193;
  /** The node's processes (the fork and the empty one it forks). */
  pids: number[];
  /** CPU seconds (user + system) the node's processes have used so far (Linux; 0 elsewhere). */
  cpuSeconds(): number;
  close(): Promise<void>;
}

/** A free TCP port on the loopback, as the kernel hands it out (then released for anvil to bind). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address !== null
          ? resolve(address.port)
          : reject(new Error("no port was assigned")),
      );
    });
  });
}

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * The node's flags: a block gas limit no batch reaches (a phase's batch is one transaction), no
 * EIP-170 size limit (the test-only driver), no history kept beyond the snapshots the sweep takes,
 * and silence (anvil would otherwise print every transaction). `forkUrl`: see `startAnvil`.
 */
export function anvilArgs(port: number, ipcPath: string | undefined, forkUrl?: string): string[] {
  return [
    ["--host", "127.0.0.1"],
    ["--port", String(port)],
    ipcPath === undefined ? [] : ["--ipc", ipcPath],
    ["--chain-id", String(SIM_CHAIN_ID)],
    ["--gas-limit", String(SIM_BLOCK_GAS_LIMIT)],
    ["--disable-code-size-limit"],
    ["--prune-history"],
    ["--silent"],
    forkUrl === undefined ? [] : ["--fork-url", forkUrl],
  ].flat();
}

/**
 * Every anvil this process started and has not stopped: killed when the process exits, however it
 * exits (a sweep worker is stopped with SIGTERM when another fails), so none outlives its worker.
 */
const live = new Set<ChildProcess>();
let exitHooked = false;

function killOnExit(child: ChildProcess): void {
  live.add(child);
  child.once("exit", () => live.delete(child));
  if (exitHooked) return;
  exitHooked = true;
  process.on("exit", () => {
    for (const c of live) c.kill("SIGKILL");
  });
  // Node's default on these signals is to die without running exit handlers.
  for (const [signal, code] of [
    ["SIGTERM", 143],
    ["SIGINT", 130],
    ["SIGHUP", 129],
  ] as const)
    process.once(signal, () => process.exit(code));
}

interface Started {
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

/** One anvil process on a free port, answering over HTTP; a node that cannot start is an error naming why. */
async function startProcess(
  binary: string,
  args: (port: number) => string[],
  readyWithinMs: number,
): Promise<Started> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawn(binary, args(port), { stdio: ["ignore", "ignore", "pipe"] });
    killOnExit(child);
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitUntilReady(child, httpEip1193(url), readyWithinMs, () => stderr);
    } catch (error) {
      child.kill("SIGKILL");
      // Another process may have taken the port between its release and anvil's bind: try anew.
      if (attempt < 3 && /address already in use/i.test(stderr)) continue;
      throw error;
    }
    return { url, pid: child.pid, stop: () => stop(child) };
  }
}

/**
 * Starts the simulation's chain: two anvil processes. The one the simulation uses is a fork of an
 * empty one (which then sits idle): anvil 1.7.1 computes the state root over the whole state at
 * every block of a chain of its own, which grew to most of a run's CPU as the market's storage grew
 * (17 ms an empty block at 10,000 storage slots, measured), and skips it on a fork. Every contract
 * the simulation deploys is created on the fork, so its storage never leaves the fork's memory; only
 * the first look at each new address asks the empty node (about a hundred requests while funding).
 */
export async function startAnvil({ readyWithinMs = 20_000 } = {}): Promise<AnvilNode> {
  const binary = resolveForgeBinary(process.platform, process.arch, ROOT, "anvil");
  const dir = mkdtempSync(join(tmpdir(), "mandate-sim-anvil-"));
  const ipcPath = join(dir, "anvil.ipc");
  const started: Started[] = [];
  const stopAll = async () => {
    await Promise.all(started.map((p) => p.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const base = await startProcess(binary, (port) => anvilArgs(port, undefined), readyWithinMs);
    started.push(base);
    const fork = await startProcess(
      binary,
      (port) => anvilArgs(port, ipcPath, base.url),
      readyWithinMs,
    );
    started.push(fork);
    const rpc = await ipcEip1193(ipcPath);
    return {
      url: fork.url,
      rpc,
      pids: started.flatMap((p) => (p.pid === undefined ? [] : [p.pid])),
      cpuSeconds: () => started.reduce((sum, p) => sum + processCpuSeconds(p.pid), 0),
      close: async () => {
        rpc.close();
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function waitUntilReady(
  child: ChildProcess,
  rpc: Eip1193,
  withinMs: number,
  stderr: () => string,
): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `anvil exited (${child.exitCode ?? child.signalCode}) before answering: ${stderr().trim() || "no output"}`,
      );
    try {
      const id = await rpc.request({ method: "eth_chainId" });
      if (Number(id) !== SIM_CHAIN_ID)
        throw new Error(`anvil answered chain id ${Number(id)}, expected ${SIM_CHAIN_ID}`);
      return;
    } catch (error) {
      if (/chain id/.test((error as Error).message)) throw error;
      if (Date.now() - started > withinMs)
        throw new Error(`anvil did not answer within ${withinMs} ms: ${stderr().trim()}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** utime + stime of `pid` from /proc (clock ticks of 1/100 s on Linux); 0 where /proc is absent. */
function processCpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
