// The owners' write path on the in-process chain, as the drill runs it: plan calls to
// timelock-owned modules, write the scheduleBatch and executeBatch Transaction Builder files, load
// them back, have three of five owners sign with protocol-kit, execute through the real Safe, wait
// out the delay, execute. Duplicates are reported, not sent; two signatures are not enough.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { concat, Contract, id, keccak256, Wallet, type Signer } from "ethers";
import hre, { network } from "hardhat";

import { safeInterface } from "../../../deploy/safe.ts";
import { deploySystem, type DeploySystemResult } from "../../../deploy/system.ts";
import { encodeCall, type Call } from "../../../owner/safe/calls.ts";
import { safeTxArgs } from "../../../owner/safe/safe-tx-args.ts";
import {
  contractNetworksFor,
  devAccountKey,
  executeSafeTransaction,
  proposeFromTxBuilderFile,
  proposeSafeTransaction,
  SafeSigningError,
  signSafeTransaction,
  type SafeConnection,
  type SafeSuiteAddresses,
} from "../../../owner/safe/sign.ts";
import { execTransactionDirectly, safeSender } from "../../utils/safe.ts";
import {
  buildTimelockOperation,
  decideStep,
  hashOperationBatch,
  readMinDelay,
  readOperationState,
} from "../../../owner/safe/timelock.ts";
import {
  buildTxBuilderFile,
  readTxBuilderFile,
  writeTxBuilderFile,
} from "../../../owner/safe/tx-builder.ts";

const ROOT = hre.config.paths.root;
const FOURTEEN_DAYS = 14n * 86_400n;

describe("owner/safe: Safe batches through the timelock on the in-process chain", function () {
  this.timeout(180_000);

  let connection: Awaited<ReturnType<typeof network.create>>;
  let signers: Signer[];

  before(async () => {
    connection = await network.create("hardhat");
    signers = await connection.ethers.getSigners();
  });

  const deployed = () =>
    deploySystem({
      network: "hardhat",
      provider: connection.ethers.provider,
      signers,
      readArtifact: (name) => hre.artifacts.readArtifact(name),
      rootDir: ROOT,
      deploymentsDir: mkdtempSync(join(tmpdir(), "mandate-safe-deployments-")),
      ephemeral: true,
    });
  const fixture = (): Promise<DeploySystemResult> =>
    connection.networkHelpers.loadFixture(deployed);

  const at = async (name: string, address: string) =>
    new Contract(address, (await hre.artifacts.readArtifact(name)).abi, connection.ethers.provider);

  function ownersSafe(result: DeploySystemResult): SafeConnection {
    return {
      // Hardhat's in-process EIP-1193 provider, handed to protocol-kit as is.
      provider: connection.provider,
      safeAddress: result.plan.governance.ownersSafe.address,
      contractNetworks: contractNetworksFor(
        31337,
        result.record.safeSuite as unknown as SafeSuiteAddresses,
      ),
    };
  }

  /** The drill's plan: a longer unbonding period, and everything unpaused. */
  async function plannedCalls(result: DeploySystemResult): Promise<Call[]> {
    const stakeManager = await at("StakeManager", result.record.modules.StakeManager);
    const systemPause = await at("SystemPause", result.plan.systemPause);
    return [
      encodeCall(
        stakeManager.interface,
        await stakeManager.getAddress(),
        "setParameter",
        [id("UNBONDING_PERIOD"), FOURTEEN_DAYS],
        { description: "StakeManager UNBONDING_PERIOD 7d -> 14d" },
      ),
      encodeCall(systemPause.interface, result.plan.systemPause, "unpauseAll", [], {
        description: "SystemPause: unpause every module",
      }),
    ];
  }

  it("computes the operation id exactly as the timelock's hashOperationBatch", async () => {
    const result = await fixture();
    const timelock = await at("MandateTimelock", result.plan.timelock);
    const calls = await plannedCalls(result);
    for (const label of ["a", "b", ""]) {
      const op = buildTimelockOperation({
        timelock: result.plan.timelock,
        calls,
        delay: await readMinDelay(connection.ethers.provider, result.plan.timelock),
        label,
        predecessor: label === "b" ? id("earlier operation") : undefined,
      });
      assert.equal(
        await timelock.hashOperationBatch(
          op.targets,
          op.values,
          op.payloads,
          op.predecessor,
          op.salt,
        ),
        op.id,
      );
      assert.equal(
        hashOperationBatch(op.targets, op.values, op.payloads, op.predecessor, op.salt),
        op.id,
      );
    }
  });

  it("schedules from a written file with 3 of 5 owners, reports the duplicate, executes after the delay", async () => {
    const result = await fixture();
    const provider = connection.ethers.provider;
    const timelockAddress = result.plan.timelock;
    const safe = ownersSafe(result);
    const safeContract = new Contract(safe.safeAddress, safeInterface, connection.ethers.provider);
    const stakeManager = await at("StakeManager", result.record.modules.StakeManager);
    const systemPause = await at("SystemPause", result.plan.systemPause);

    // The guardian Safe pauses everything first, so that unpauseAll has something to undo.
    await safeSender(connection.ethers.provider, result.record)(
      result.plan.governance.guardians[0].address,
      { to: result.plan.systemPause, data: systemPause.interface.encodeFunctionData("pauseAll") },
      [signers[6], signers[7]],
    );

    // update-all: plan, check the operation on chain, write both files.
    const delay = await readMinDelay(provider, timelockAddress);
    assert.equal(delay, 3_600n);
    const op = buildTimelockOperation({
      timelock: timelockAddress,
      calls: await plannedCalls(result),
      delay,
      label: "drill",
    });
    const before = await readOperationState(provider, timelockAddress, op.id);
    assert.deepEqual(before, { id: op.id, state: "Unset", readyAt: 0n });
    assert.equal(decideStep("schedule", before).send, true);

    const outDir = mkdtempSync(join(tmpdir(), "mandate-safe-out-"));
    const scheduleFile = join(outDir, "schedule.json");
    const executeFile = join(outDir, "execute.json");
    const common = { chainId: 31337n, safeAddress: safe.safeAddress, createdAt: 1_800_000_000_000 };
    writeTxBuilderFile(
      scheduleFile,
      buildTxBuilderFile({
        ...common,
        name: "Mandate drill: schedule",
        description: `timelock operation ${op.id}`,
        calls: [op.schedule],
      }),
    );
    writeTxBuilderFile(
      executeFile,
      buildTxBuilderFile({
        ...common,
        name: "Mandate drill: execute",
        description: `timelock operation ${op.id}`,
        calls: [op.execute],
      }),
    );

    // Signers sign exactly what is on disk.
    const loaded = readTxBuilderFile(scheduleFile);
    assert.equal(loaded.checksumValid, true);
    assert.equal(loaded.file.transactions[0].data, null);
    assert.equal(loaded.calls[0].data, op.schedule.data);
    const nonce: bigint = await safeContract.nonce();
    const proposed = await proposeFromTxBuilderFile(safe, loaded);
    assert.equal(BigInt(proposed.nonce), nonce);
    // The printed safeTxHash is the Safe's own hash for this transaction at this nonce.
    const tx = proposed.safeTransaction.data;
    assert.equal(
      await safeContract.getTransactionHash(...safeTxArgs(tx), nonce),
      proposed.safeTxHash,
    );
    assert.equal(tx.to, timelockAddress, "one call goes straight to the timelock");
    // What a hardware wallet shows for typed data: the two hashes the safeTxHash is made of.
    assert.equal(
      keccak256(concat(["0x1901", proposed.domainHash, proposed.messageHash])),
      proposed.safeTxHash,
    );
    assert.equal(await safeContract.domainSeparator(), proposed.domainHash);

    const signed = await signSafeTransaction(safe, proposed, [1, 2, 3].map(devAccountKey));
    assert.equal(signed.signatures.size, 3);
    // The deployer (no owner, no role) relays: anyone may submit a fully signed transaction.
    const executed = await executeSafeTransaction(safe, signed, devAccountKey(0));
    assert.equal(executed.safeTxHash, proposed.safeTxHash);
    assert.equal(await safeContract.nonce(), nonce + 1n);

    const waiting = await readOperationState(provider, timelockAddress, op.id);
    assert.equal(waiting.state, "Waiting");
    const scheduledAt = BigInt((await provider.getBlock(executed.blockNumber))!.timestamp);
    assert.equal(waiting.readyAt, scheduledAt + delay);

    // A second update-all with the same plan derives the same operation and sends nothing.
    const again = buildTimelockOperation({
      timelock: timelockAddress,
      calls: await plannedCalls(result),
      delay,
      label: "drill",
    });
    assert.equal(again.id, op.id);
    const duplicate = decideStep(
      "schedule",
      await readOperationState(provider, timelockAddress, again.id),
    );
    assert.equal(duplicate.send, false);
    assert.match(duplicate.message, /already scheduled \(Waiting/);
    assert.match(
      decideStep("execute", waiting).message,
      new RegExp(`not ready until ${waiting.readyAt}`),
    );

    // Time moves past the delay; the execute file, signed by three other owners.
    await connection.networkHelpers.time.increase(delay);
    assert.equal((await readOperationState(provider, timelockAddress, op.id)).state, "Ready");
    const executeProposal = await proposeFromTxBuilderFile(safe, executeFile);
    assert.equal(executeProposal.loaded.calls[0].data, op.execute.data);
    const executeSigned = await signSafeTransaction(
      safe,
      executeProposal,
      [5, 3, 4].map(devAccountKey),
    );
    await executeSafeTransaction(safe, executeSigned, devAccountKey(5));

    assert.equal((await readOperationState(provider, timelockAddress, op.id)).state, "Done");
    assert.equal(await stakeManager.unbondingPeriod(), FOURTEEN_DAYS);
    const [, states] = await systemPause.pausedStates();
    assert.deepEqual(
      [...states],
      result.plan.modules.map(() => 0n), // ModuleState.Running
    );
    assert.match(
      decideStep("schedule", await readOperationState(provider, timelockAddress, op.id)).message,
      /already executed/,
    );
  });

  it("batches several calls through MultiSendCallOnly", async () => {
    const result = await fixture();
    const provider = connection.ethers.provider;
    const safe = ownersSafe(result);
    const delay = await readMinDelay(provider, result.plan.timelock);
    const calls = await plannedCalls(result);
    // Two independent operations scheduled in one Safe transaction.
    const first = buildTimelockOperation({
      timelock: result.plan.timelock,
      calls: [calls[0]],
      delay,
      label: "one",
    });
    const second = buildTimelockOperation({
      timelock: result.plan.timelock,
      calls: [calls[1]],
      delay,
      label: "two",
    });
    const proposed = await proposeSafeTransaction(safe, [first.schedule, second.schedule]);
    assert.equal(
      proposed.safeTransaction.data.to,
      (result.record.safeSuite as unknown as SafeSuiteAddresses).MultiSendCallOnly,
    );
    assert.equal(proposed.safeTransaction.data.operation, 1);
    const signed = await signSafeTransaction(safe, proposed, [2, 4, 5].map(devAccountKey));
    await executeSafeTransaction(safe, signed, devAccountKey(0));
    for (const op of [first, second])
      assert.equal(
        (await readOperationState(provider, result.plan.timelock, op.id)).state,
        "Waiting",
      );
  });

  it("refuses to execute with two signatures, also when an owner executes", async () => {
    const result = await fixture();
    const provider = connection.ethers.provider;
    const safe = ownersSafe(result);
    const safeContract = new Contract(safe.safeAddress, safeInterface, connection.ethers.provider);
    const op = buildTimelockOperation({
      timelock: result.plan.timelock,
      calls: await plannedCalls(result),
      delay: await readMinDelay(provider, result.plan.timelock),
      label: "two signatures",
    });
    const proposed = await proposeSafeTransaction(safe, [op.schedule]);
    const signed = await signSafeTransaction(safe, proposed, [1, 2].map(devAccountKey));
    const nonce: bigint = await safeContract.nonce();
    for (const executor of [0, 3, 1]) {
      await assert.rejects(
        executeSafeTransaction(safe, signed, devAccountKey(executor)),
        (error: SafeSigningError) => {
          assert.equal(error.code, "BELOW_THRESHOLD");
          assert.match(error.message, /needs 3 owner signatures, 2 collected/);
          return true;
        },
      );
    }
    // And the Safe itself refuses the two signatures (GS020: signatures too short).
    await assert.rejects(execTransactionDirectly(safe.safeAddress, signed, signers[0]), /GS020/);
    assert.equal(await safeContract.nonce(), nonce);
    assert.equal((await readOperationState(provider, result.plan.timelock, op.id)).state, "Unset");
    // Non-owners cannot sign.
    await assert.rejects(
      signSafeTransaction(safe, proposed, [devAccountKey(9)]),
      /is not an owner/,
    );
  });

  it("derives the same keys Hardhat's accounts use", async () => {
    for (const index of [0, 1, 5, 9]) {
      const wallet = new Wallet(devAccountKey(index));
      assert.equal(wallet.address, await signers[index].getAddress());
    }
  });
});
