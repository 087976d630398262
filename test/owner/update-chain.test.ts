// owner:update-all on the in-process chain: a changed manifest becomes the timelock pair of Safe
// batches, signed by three owners with protocol-kit and executed after the delay, after which doctor
// finds nothing and a second run plans nothing; a stranger's --execute sends nothing; a run whose
// RPC dies between schedule and execute stops, says what ran, and a re-run finishes.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { id } from "ethers";
import type { network } from "hardhat";

import { MODULES } from "../../deploy/modules.ts";
import type { DeploySystemResult } from "../../deploy/system.ts";
import { moduleInterface, TIMELOCK_ROLES, timelockInterface } from "../../owner/chain/contracts.ts";
import { OwnerError } from "../../owner/errors.ts";
import { changeFirstDurations, type ParameterChange } from "../../owner/manifest-edit.ts";
import { safeHashContext } from "../../owner/safe-batches.ts";
import { decodeCall } from "../../owner/safe/calls.ts";
import {
  devAccountKey,
  executeSafeTransaction,
  proposeFromTxBuilderFile,
  signSafeTransaction,
} from "../../owner/safe/sign.ts";
import { timestampSlot } from "../../owner/safe/timelock.ts";
import { readTxBuilderFile } from "../../owner/safe/tx-builder.ts";
import type { JsonRpcProvider } from "../../owner/chain/transport.ts";
import { runUpdateAll, type UpdateAllOptions } from "../../owner/update.ts";
import { deployInProcess } from "./in-process-system.ts";

describe("owner:update-all on the in-process network", function () {
  this.timeout(240_000);

  async function setup() {
    const deployed = await deployInProcess("mandate-update-");
    const { connection, dir, signers, system: result } = deployed;
    const { manifest, changes } = changeFirstDurations(deployed.manifest(), MODULES);
    const manifestFile = deployed.writeManifest(manifest, "manifest.json");
    const lines: string[] = [];
    const options = (overrides: Partial<UpdateAllOptions> = {}): UpdateAllOptions =>
      deployed.updateAllOptions(manifestFile, { log: (line) => lines.push(line), ...overrides });
    const doctor = () => deployed.doctor(manifestFile);
    const blockNumber = () => connection.ethers.provider.getBlockNumber();
    return { connection, dir, signers, result, changes, options, doctor, lines, blockNumber };
  }

  const onChain = async (
    connection: Awaited<ReturnType<typeof network.create>>,
    result: DeploySystemResult,
    change: ParameterChange,
  ) =>
    (await connection.ethers.provider.call({
      to: result.record.modules[change.module],
      data: moduleInterface.encodeFunctionData("parameter", [id(change.parameter)]),
    })) as string;

  it("dry run, --safe-out, three owners sign with protocol-kit, delay, execute: no drift, and a second run plans nothing", async () => {
    const { connection, dir, result, changes, options, doctor, lines, blockNumber } = await setup();
    const safe = {
      safeAddress: result.plan.governance.ownersSafe.address,
      ...safeHashContext(connection.provider as never, 31337, result.record.safeSuite as never),
    };

    const dry = await runUpdateAll(options());
    assert.equal(dry.exitCode, 1);
    assert.equal(dry.prepared.plan.steps.length, changes.length);
    assert.equal(dry.prepared.operation?.status.state, "Unset");
    assert.ok(dry.prepared.simulations.every((s) => s.ok));
    // Every call from the timelock, the schedule, and the execute of the whole batch (made Ready).
    assert.deepEqual(
      dry.prepared.simulations.map((s) => s.what.split(":")[0]),
      [
        ...dry.prepared.plan.steps.map((s) => (s.call.description ?? s.row.property).split(":")[0]),
        "Owners Safe -> MandateTimelock.scheduleBatch",
        "Owners Safe -> MandateTimelock.executeBatch",
      ],
    );
    // Read at one block, then one round trip for the operation's state and every simulation.
    assert.equal(dry.prepared.rpc.roundTrips, 3);
    const text = lines.join("\n");
    for (const c of changes) assert.match(text, new RegExp(`${c.parameter}`));
    assert.match(text, /DRY RUN, nothing was sent/);

    const outDir = join(dir, "batches");
    const before = await blockNumber();
    const out = await runUpdateAll(options({ mode: "safe-out", safeOut: outDir }));
    assert.equal(out.exitCode, 0);
    assert.equal(await blockNumber(), before, "--safe-out sends nothing");
    assert.deepEqual(
      out.written!.map((w) => w.name),
      ["update-all-1-schedule", "update-all-2-execute"],
    );
    assert.equal(out.written![1].nonce, out.written![0].nonce + 1);
    const op = out.prepared.operation!.op;

    // The files verify, and their calls decode to the intended setParameter calls.
    const scheduleFile = readTxBuilderFile(out.written![0].path);
    assert.equal(scheduleFile.checksumValid, true);
    const schedule = decodeCall(timelockInterface, scheduleFile.calls[0]);
    assert.equal(schedule.name, "scheduleBatch");
    assert.equal(schedule.args.salt, op.salt);
    const payloads = [...schedule.args.payloads] as string[];
    assert.deepEqual(
      payloads.map((p, i) => {
        const inner = decodeCall(moduleInterface, {
          to: schedule.args.targets[i],
          value: 0n,
          data: p,
        });
        return [inner.name, inner.args[0], inner.args[1]];
      }),
      changes.map((c) => ["setParameter", id(c.parameter), c.toValue]),
    );

    // Three owners sign exactly what is on disk; the printed safeTxHash is what they signed.
    const proposed = await proposeFromTxBuilderFile(safe, out.written![0].path);
    assert.equal(proposed.safeTxHash, out.written![0].safeTxHash);
    const signed = await signSafeTransaction(safe, proposed, [1, 2, 3].map(devAccountKey));
    await executeSafeTransaction(safe, signed, devAccountKey(0));

    // The state override of the execute simulation writes where the timelock keeps the ready time.
    const stored = await connection.ethers.provider.getStorage(
      result.record.governance.timelock,
      timestampSlot(op.id),
    );
    const readyAt = BigInt(
      await connection.ethers.provider.call({
        to: result.record.governance.timelock,
        data: timelockInterface.encodeFunctionData("getTimestamp", [op.id]),
      }),
    );
    assert.ok(readyAt > 1n);
    assert.equal(BigInt(stored), readyAt);

    // Written again: the duplicate is reported, only the execute file is written.
    lines.length = 0;
    const again = await runUpdateAll(options({ mode: "safe-out", safeOut: join(dir, "again") }));
    assert.equal(again.prepared.operation!.op.id, op.id);
    assert.equal(again.prepared.operation!.status.state, "Waiting");
    assert.deepEqual(
      again.written!.map((w) => w.name),
      ["update-all-2-execute"],
    );
    assert.match(
      lines.join("\n"),
      /schedule not written: operation 0x[0-9a-f]+ is already scheduled \(Waiting/,
    );

    await connection.networkHelpers.time.increase(op.delay);
    const executeProposal = await proposeFromTxBuilderFile(safe, out.written![1].path);
    const executeSigned = await signSafeTransaction(
      safe,
      executeProposal,
      [4, 5, 1].map(devAccountKey),
    );
    await executeSafeTransaction(safe, executeSigned, devAccountKey(0));

    for (const c of changes) assert.equal(BigInt(await onChain(connection, result, c)), c.toValue);
    const report = await doctor();
    assert.equal(
      report.summary.exitCode,
      0,
      JSON.stringify(report.rows.filter((r) => r.status !== "ok")),
    );
    const second = await runUpdateAll(options());
    assert.equal(second.prepared.plan.steps.length, 0);
    assert.equal(second.exitCode, 0);
    await connection.close();
  });

  it("refuses to write batches the owners' Safe could schedule but never execute, naming the executeBatch", async () => {
    const { connection, result, options, blockNumber } = await setup();
    // Someone took the Safe's executor role (impersonating the timelock, which administers itself).
    const timelock = result.record.governance.timelock;
    const safe = result.plan.governance.ownersSafe.address;
    await connection.networkHelpers.impersonateAccount(timelock);
    await connection.networkHelpers.setBalance(timelock, 10n ** 18n);
    const asTimelock = await connection.ethers.getSigner(timelock);
    await (
      await asTimelock.sendTransaction({
        to: timelock,
        data: timelockInterface.encodeFunctionData("revokeRole", [
          TIMELOCK_ROLES.EXECUTOR_ROLE,
          safe,
        ]),
      })
    ).wait();

    // The plan restores the role through the timelock, and every call passes on its own, but the
    // batch can only ever be executed by an executor: the Safe's executeBatch reverts.
    const before = await blockNumber();
    await assert.rejects(
      runUpdateAll(options({ mode: "safe-out", safeOut: join(options().reportsDir, "never") })),
      (e: OwnerError) =>
        e.code === "SIMULATION_FAILED" &&
        /nothing was sent or written/.test(e.message) &&
        (e.details ?? []).length === 1 &&
        /executeBatch/.test((e.details ?? [])[0]) &&
        /AccessControlUnauthorizedAccount|0xe2517d3f/.test((e.details ?? [])[0]),
    );
    assert.equal(await blockNumber(), before);
    await connection.close();
  });

  it("refuses --execute from an account that holds no route, sending nothing", async () => {
    const { connection, signers, options, blockNumber } = await setup();
    const before = await blockNumber();
    await assert.rejects(
      runUpdateAll(
        options({
          mode: "execute",
          connect: async () => ({
            signers: [signers[12]],
            provider: connection.ethers.provider as unknown as JsonRpcProvider,
          }),
        }),
      ),
      (e: OwnerError) =>
        e.code === "NOT_AUTHORISED" &&
        /nothing was sent/.test(e.message) &&
        /--safe-out/.test(e.message),
    );
    assert.equal(await blockNumber(), before);
    await connection.close();
  });

  it("stops when the RPC dies between schedule and execute, says what ran, and a re-run finishes", async () => {
    const { connection, result, changes, options, doctor } = await setup();
    const real = connection.ethers.provider as unknown as JsonRpcProvider;
    // The node goes away after the schedule: every later request fails.
    let dead = false;
    const dying = new Proxy(real, {
      get(target, key) {
        if (key === "send")
          return async (method: string, params: unknown[]) => {
            if (method === "evm_increaseTime") dead = true;
            if (dead) throw new Error("connect ECONNREFUSED 127.0.0.1:8545");
            return target.send(method, params);
          };
        const value = Reflect.get(target, key, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const stopped = await runUpdateAll(
      options({
        mode: "execute",
        connect: async () => ({ signers: await connection.ethers.getSigners(), provider: dying }),
      }),
    ).catch((e: OwnerError) => e);
    assert.ok(stopped instanceof OwnerError, String((stopped as Error)?.stack ?? stopped));
    assert.equal(stopped.code, "TRANSACTION_FAILED");
    assert.match(stopped.details[0], /^sent: schedule operation 0x/);
    assert.match(stopped.details[1], /^FAILED: move the development clock/);
    assert.match(stopped.details[2], /^not sent: execute operation 0x/);
    assert.match(stopped.message, /Re-run owner:update-all/);
    const receipts = readFileSync(
      /Receipts: (\S+)$/.exec(stopped.message.split("\n")[0])![1],
      "utf8",
    )
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      receipts.map((r) => r.status),
      ["sent", "failed", "not-sent"],
    );
    for (const c of changes)
      assert.equal(BigInt(await onChain(connection, result, c)), c.fromValue);

    const rerun = await runUpdateAll(options({ mode: "execute" }));
    assert.equal(rerun.exitCode, 0);
    assert.deepEqual(
      rerun.sent!.map((s) => s.replace(/0x[0-9a-f]+/, "op")),
      ["move the development clock forward by 1h", "execute operation op"],
    );
    for (const c of changes) assert.equal(BigInt(await onChain(connection, result, c)), c.toValue);
    assert.equal((await doctor()).summary.exitCode, 0);
    await connection.close();
  });
});
