// The tooling reads and calls contracts through one ABI source (owner/chain/contracts.ts): hand-written
// fragments, kept short on purpose, and OpenZeppelin's compiled TimelockController. This holds them
// to this project's compiled contracts: every function must exist in the artifact with the same
// selector, outputs and mutability (events: the same topic), or a contract change would be decoded
// wrongly instead of failing (an enum decoded as a bool reads "paused").
import assert from "node:assert/strict";

import { type EventFragment, type FunctionFragment, Interface, type InterfaceAbi } from "ethers";
import hre from "hardhat";

import { MODULES } from "../../deploy/modules.ts";
import { readSafeArtifact } from "../../deploy/safe.ts";
import {
  MODULE_ABI,
  SAFE_ABI,
  SYSTEM_PAUSE_ABI,
  TIMELOCK_ABI,
} from "../../owner/chain/contracts.ts";

/** Every way `fragments` differ from `compiled`, described per fragment; empty when they agree. */
function differences(fragments: InterfaceAbi, compiled: Interface): string[] {
  const problems: string[] = [];
  const ours = new Interface(fragments);
  ours.forEachFunction((f: FunctionFragment) => {
    const theirs = compiled.getFunction(f.selector);
    if (theirs === null) problems.push(`${f.format("sighash")}: not in the contract`);
    else {
      const [a, b] = [f.outputs.map((p) => p.type), theirs.outputs.map((p) => p.type)];
      if (a.join() !== b.join())
        problems.push(`${f.format("sighash")}: returns (${a}) here, (${b}) in the contract`);
      // view and pure are both read with eth_call; what matters is read versus write (and payable).
      const kind = (m: string) => (m === "pure" ? "view" : m);
      if (kind(f.stateMutability) !== kind(theirs.stateMutability))
        problems.push(
          `${f.format("sighash")}: ${f.stateMutability} here, ${theirs.stateMutability} in the contract`,
        );
    }
  });
  ours.forEachEvent((e: EventFragment) => {
    if (compiled.getEvent(e.topicHash) === null)
      problems.push(`${e.format("sighash")}: no such event in the contract`);
  });
  return problems;
}

async function compiled(name: string): Promise<Interface> {
  return new Interface((await hre.artifacts.readArtifact(name)).abi);
}

describe("tooling ABI fragments match the compiled contracts", () => {
  for (const module of MODULES) {
    it(`MODULE_ABI: ${module.name}`, async () => {
      assert.deepEqual(differences(MODULE_ABI, await compiled(module.artifact)), []);
    });
  }

  it("SYSTEM_PAUSE_ABI: SystemPause", async () => {
    assert.deepEqual(differences(SYSTEM_PAUSE_ABI, await compiled("SystemPause")), []);
  });

  it("TIMELOCK_ABI: MandateTimelock", async () => {
    assert.deepEqual(differences(TIMELOCK_ABI, await compiled("MandateTimelock")), []);
  });

  it("every timelock function owner control encodes or reads is in TIMELOCK_ABI", () => {
    const timelock = new Interface(TIMELOCK_ABI);
    for (const fn of [
      "scheduleBatch",
      "executeBatch",
      "hashOperationBatch",
      "getOperationState",
      "getTimestamp",
      "getMinDelay",
      "hasRole",
      "grantRole",
      "revokeRole",
      "updateDelay",
    ])
      assert.notEqual(timelock.getFunction(fn), null, fn);
  });

  it("SAFE_ABI: Safe 1.4.1", () => {
    assert.deepEqual(differences(SAFE_ABI, new Interface(readSafeArtifact("Safe").abi)), []);
  });

  it("reports a fragment whose outputs, mutability or existence differ", async () => {
    const systemPause = await compiled("SystemPause");
    assert.deepEqual(
      differences(
        [
          "function pausedStates() view returns (address[] modules, bool[] paused)",
          "function pauseAll() view returns (uint256)",
          "function pauseEverything()",
          "event Paused(address account)",
        ],
        systemPause,
      ),
      [
        "pauseAll(): view here, nonpayable in the contract",
        "pausedStates(): returns (address[],bool[]) here, (address[],uint8[]) in the contract",
        "pauseEverything(): not in the contract",
        "Paused(address): no such event in the contract",
      ],
    );
  });
});
