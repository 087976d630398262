// The simulation's anvil (sim/chain/anvil.ts) and its socket transport (ipcEip1193): the node answers
// as the simulation's chain (Hardhat's chain id, a fork of an empty anvil), replies are matched to
// requests by id however many are in flight, a node's error reaches the caller with its message, and
// once closed every request fails at once, saying so, and the processes are gone.
import assert from "node:assert/strict";

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
