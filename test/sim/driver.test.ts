// The simulation's batch engine (sim/chain/driver.ts over contracts/mocks/SimDriver.sol) on both
// chains it runs on, anvil (over its Unix socket) and Hardhat's in-process EDR: each action made as
// its own party, in order, one block per batch at the simulation's clock, each outcome reported; and
// its guards: a batch short of gas, a stranger running a batch, a stranger acting through a
// participant, each named by its custom error on both.
import assert from "node:assert/strict";

import { Interface } from "ethers";
import hre, { network } from "hardhat";

import { startAnvil } from "../../sim/chain/anvil.ts";
import { BatchDriver, packActions } from "../../sim/chain/driver.ts";
import { SimChain, SIM_NETWORK } from "../../sim/chain/transport.ts";
import { simAddress } from "../../sim/participants.ts";
import { SIM_ACCOUNT, SIM_DRIVER, type Engine } from "../../sim/point.ts";

/** A fresh chain of `engine` for the simulation, and how to close it. */
async function openChain(engine: Engine): Promise<{ chain: SimChain; close(): Promise<void> }> {
  if (engine === "edr") {
    const connection = await network.create(SIM_NETWORK);
    return { chain: new SimChain(connection.provider), close: () => connection.close() };
  }
  const node = await startAnvil();
  return { chain: new SimChain(node.rpc, { sendsSync: true }), close: () => node.close() };
}

for (const engine of ["anvil", "edr"] as const)
  describe(`sim: the batch driver (${engine})`, function () {
    this.timeout(120_000);
    const alice = simAddress("test:alice");
    const bob = simAddress("test:bob");
    const operator = simAddress("test:operator");
    let close: () => Promise<void>;
    let chain: SimChain;
    let driver: BatchDriver;
    let token: string;
    let erc20: Interface;

    before(async () => {
      ({ chain, close } = await openChain(engine));
      chain.explainWith(new Interface(SIM_ACCOUNT.abi));
      driver = await BatchDriver.deploy(chain, operator, SIM_DRIVER);
      const artifact = await hre.artifacts.readArtifact("MandateTestToken");
      erc20 = new Interface(artifact.abi);
      token = (await chain.sendOrThrow(operator, null, artifact.bytecode, 10_000_000n))
        .contractAddress!;
      await driver.install([alice, bob]);
    });

    after(async () => {
      await close();
    });

    const balanceOf = async (who: string) =>
      BigInt(await chain.call(token, erc20.encodeFunctionData("balanceOf", [who])));
    const act = (from: string, fn: string, args: unknown[]) => ({
      from,
      to: token,
      data: erc20.encodeFunctionData(fn, args),
    });

    it("makes each action as its party, in order, in one block at the clock, and reports each outcome", async () => {
      const blockBefore = BigInt(
        (await chain.rpc.request({ method: "eth_blockNumber" })) as string,
      );
      chain.startClock(4_000_000_000n);
      const outcomes = await driver.run([
        act(alice, "mint", [alice, 10n]),
        act(alice, "transfer", [bob, 4n]),
        act(bob, "transfer", [alice, 100n]), // bob holds 4: reverts, and only this action is undone
        act(bob, "transfer", [alice, 1n]),
      ]);
      assert.deepEqual(
        outcomes.map((o) => o.ok),
        [true, true, false, true],
      );
      const failure = erc20.parseError(outcomes[2].data);
      assert.equal(failure?.name, "ERC20InsufficientBalance");
      assert.deepEqual(
        [String(failure!.args[0]).toLowerCase(), failure!.args[1], failure!.args[2]],
        [bob, 4n, 100n],
      );
      assert.equal(erc20.decodeFunctionResult("transfer", outcomes[1].data)[0], true);
      assert.equal(await balanceOf(alice), 7n);
      assert.equal(await balanceOf(bob), 3n);
      assert.equal(driver.actions, 4);
      assert.equal(driver.reverted, 1);
      const block = (await chain.rpc.request({
        method: "eth_getBlockByNumber",
        params: ["latest", false],
      })) as { number: string; timestamp: string };
      assert.equal(BigInt(block.number), blockBefore + 1n);
      assert.equal(BigInt(block.timestamp), 4_000_000_000n);
    });

    it("reverts a whole batch sent with too little gas, rather than pass a revert for want of gas off as an action's", async () => {
      const data = new Interface(SIM_DRIVER.abi).encodeFunctionData("run", [
        packActions([act(alice, "mint", [alice, 1n])]),
      ]);
      await assert.rejects(
        chain.sendOrThrow(operator, driver.address, data, 1_000_000n),
        /SimDriver_OutOfGas/,
      );
      assert.equal(await balanceOf(alice), 7n);
    });

    it("refuses a packed batch whose last action does not end where the batch does", async () => {
      const whole = packActions([act(alice, "mint", [alice, 1n])]);
      for (const broken of [whole.slice(0, -2), `${whole}00`]) {
        const data = new Interface(SIM_DRIVER.abi).encodeFunctionData("run", [broken]);
        await assert.rejects(
          chain.sendOrThrow(operator, driver.address, data, 5_000_000n),
          /SimDriver_MalformedBatch/,
        );
      }
      assert.equal(await balanceOf(alice), 7n);
    });

    it("lets only its operator run a batch, and only the driver act through a participant", async () => {
      const stranger = simAddress("test:stranger");
      await chain.addSender(stranger);
      const run = new Interface(SIM_DRIVER.abi).encodeFunctionData("run", ["0x"]);
      await assert.rejects(
        chain.sendOrThrow(stranger, driver.address, run, 1_000_000n),
        /SimDriver_NotOperator/,
      );
      const account = new Interface(["function exec(address to, bytes data) returns (bytes)"]);
      const steal = account.encodeFunctionData("exec", [
        token,
        erc20.encodeFunctionData("transfer", [stranger, 7n]),
      ]);
      await assert.rejects(
        chain.sendOrThrow(stranger, alice, steal, 1_000_000n),
        /SimAccount_NotDriver/,
      );
      assert.equal(await balanceOf(alice), 7n);
    });
  });
