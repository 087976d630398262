// The simulation's anvil (sim/chain/anvil.ts) and its socket transport (ipcEip1193): the node answers
// as the simulation's chain (Hardhat's chain id, a fork of an empty anvil), replies are matched to
// requests by id however many are in flight, a node's error reaches the caller with its message, and
// once closed every request fails at once, saying so, and the processes are gone; a process killed
// with SIGTERM (a sweep worker stopped when another failed) takes its anvils with it.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

import { anvilArgs, SIM_CHAIN_ID, startAnvil, type AnvilNode } from "../../sim/chain/anvil.ts";

describe("sim: the anvil engine's node and socket", function () {
  this.timeout(60_000);
  let node: AnvilNode;

  before(async () => {
    node = await startAnvil();
  });

  after(async () => {
    await node.close();
  });

  it("answers as the simulation's chain, forked from an empty anvil", async () => {
    assert.equal(Number(await node.rpc.request({ method: "eth_chainId" })), SIM_CHAIN_ID);
    const args = anvilArgs(8545, "/tmp/x.ipc", "http://127.0.0.1:1");
    assert.deepEqual(args.slice(args.indexOf("--fork-url"), args.indexOf("--fork-url") + 2), [
      "--fork-url",
      "http://127.0.0.1:1",
    ]);
    assert.equal(anvilArgs(8545, undefined).includes("--ipc"), false);
    // The empty node's account 0 is Hardhat's (the sim's deployer), funded, on the fork too.
    const balance = await node.rpc.request({
      method: "eth_getBalance",
      params: ["0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "latest"],
    });
    assert.ok(BigInt(balance as string) > 0n);
  });

  it("matches many replies in flight to their requests by id", async () => {
    const addresses = Array.from(
      { length: 40 },
      (_, i) => `0x${(i + 1).toString(16).padStart(40, "0")}`,
    );
    await Promise.all(
      addresses.map((a, i) =>
        node.rpc.request({ method: "anvil_setBalance", params: [a, `0x${(i + 1).toString(16)}`] }),
      ),
    );
    const balances = await Promise.all(
      addresses.map((a) => node.rpc.request({ method: "eth_getBalance", params: [a, "latest"] })),
    );
    assert.deepEqual(
      balances.map((b) => Number(b)),
      addresses.map((_, i) => i + 1),
    );
  });

  it("hands the node's error to the caller, and goes on serving", async () => {
    await assert.rejects(
      node.rpc.request({ method: "eth_noSuchMethod" }),
      /EthRpcCall|not found|method/i,
    );
    await assert.rejects(
      node.rpc.request({ method: "eth_getBalance", params: ["not an address", "latest"] }),
      Error,
    );
    assert.equal(Number(await node.rpc.request({ method: "eth_chainId" })), SIM_CHAIN_ID);
    assert.ok(node.cpuSeconds() >= 0);
  });

  it("takes its anvils with it when its process is stopped with SIGTERM", async () => {
    const anvil = fileURLToPath(new URL("../../sim/chain/anvil.ts", import.meta.url));
    const script = `const { startAnvil } = await import(${JSON.stringify(anvil)}); const node = await startAnvil(); console.log(JSON.stringify(node.pids));`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, NODE_OPTIONS: "" },
    });
    const pids = await new Promise<number[]>((resolve, reject) => {
      child.stdout!.once("data", (line: Buffer) => resolve(JSON.parse(line.toString())));
      child.once("exit", (code) =>
        reject(new Error(`the child exited (${code}) before starting anvil`)),
      );
    });
    assert.equal(pids.length, 2);
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    assert.deepEqual(pids.map(alive), [true, true]);
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    assert.equal(await exited, 143);
    // SIGKILL is delivered at once; the kernel reaps the orphans a moment later.
    for (let i = 0; i < 100 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(pids.map(alive), [false, false]);
  });

  it("fails every request once closed, saying the socket closed", async () => {
    const other = await startAnvil();
    await other.close();
    await assert.rejects(
      other.rpc.request({ method: "eth_chainId" }),
      /socket .*anvil\.ipc closed/,
    );
    await assert.rejects(fetch(other.url, { method: "POST" }), /fetch failed/);
  });
});
