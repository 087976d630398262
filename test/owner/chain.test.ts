// owner:doctor and the pause core on the in-process chain: a fresh deployment holds; a parameter
// changed through the real owners-Safe -> timelock path is reported as drift; bad starts exit 2
// having sent nothing; and the number of round trips does not grow with the number of modules.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { Contract, id, ZeroHash, type Signer } from "ethers";
import hre, { network } from "hardhat";

import { MODULES, type ModuleEntry } from "../../deploy/modules.ts";
import { deploySystem, type DeploySystemResult } from "../../deploy/system.ts";
import { moduleInterface, timelockInterface } from "../../owner/chain/contracts.ts";
import { eip1193Transport } from "../../owner/chain/transport.ts";
import { runDoctor, formatDoctorMarkdown } from "../../owner/doctor.ts";
import { OwnerError } from "../../owner/errors.ts";
import { inTargetState, readPauseStatus, summaryLine } from "../../owner/pause.ts";
import { localSafeSigners, pauseRoute, sendFromLocalSafe } from "../../owner/route.ts";
import { mockModules } from "../utils/mock-modules.ts";
import { safeSender } from "../utils/safe.ts";

const ROOT = hre.config.paths.root;
const MANIFEST = join(ROOT, "config", "hardhat.json");

describe("owner:doctor on the in-process network", function () {
  this.timeout(120_000);

  async function deployed(modules: readonly ModuleEntry[] = MODULES) {
    const connection = await network.create("hardhat");
    const dir = mkdtempSync(join(tmpdir(), "mandate-owner-"));
    let manifestFile = MANIFEST;
    if (modules !== MODULES) {
      const manifest = JSON.parse(readFileSync(MANIFEST, "utf8"));
      for (const m of modules.slice(MODULES.length))
        manifest.modules[m.name] = { FEE: 25, WINDOW: "2d" };
      manifestFile = join(dir, "manifest.json");
      writeFileSync(manifestFile, JSON.stringify(manifest));
    }
    const signers = await connection.ethers.getSigners();
    const result: DeploySystemResult = await deploySystem({
      network: "hardhat",
      provider: connection.ethers.provider,
      signers,
      readArtifact: (name) => hre.artifacts.readArtifact(name),
      rootDir: ROOT,
      configFile: manifestFile,
      deploymentsDir: dir,
      ephemeral: true,
      modules,
    });
    const doctor = (overrides: { manifestFile?: string; deploymentFile?: string } = {}) =>
      runDoctor({
        network: "hardhat",
        manifestFile,
        deploymentFile: result.recordFile,
        transport: eip1193Transport(connection.provider),
        modules,
        ...overrides,
      });
    return { connection, signers, result, dir, manifestFile, doctor };
  }

  it("finds every check holding right after deployment, at one block, in two round trips", async () => {
    const { doctor, connection } = await deployed();
    const report = await doctor();
    assert.deepEqual(
      report.rows.filter((r) => r.status !== "ok"),
      [],
    );
    assert.equal(report.summary.exitCode, 0);
    assert.equal(report.blockNumber, await connection.ethers.provider.getBlockNumber());
    assert.equal(report.rpc.roundTrips, 2);
    assert.match(formatDoctorMarkdown(report), /\*\*all \d+ checks hold\*\* \(exit 0\)/);
    await connection.close();
  });

  it("keeps the round trips constant while requests grow with the modules", async () => {
    const small = await deployed();
    const large = await deployed([...MODULES, ...mockModules(6)]);
    const [a, b] = [await small.doctor(), await large.doctor()];
    assert.equal(b.summary.exitCode, 0, JSON.stringify(b.rows.filter((r) => r.status !== "ok")));
    assert.equal(a.rpc.roundTrips, b.rpc.roundTrips);
    assert.ok(b.rpc.requests >= a.rpc.requests + 6 * 8, `${a.rpc.requests} -> ${b.rpc.requests}`);
    console.log(
      `      (${MODULES.length} modules: ${a.rpc.requests} requests / ${a.rpc.roundTrips} round trips; ` +
        `${MODULES.length + 6} modules: ${b.rpc.requests} requests / ${b.rpc.roundTrips} round trips)`,
    );
    await small.connection.close();
    await large.connection.close();
  });

  it("reports a parameter changed through the owners Safe and the timelock as drift, exit 1", async () => {
    const { doctor, result, signers, connection } = await deployed();
    const stakeManager = result.plan.modules.find((m) => m.name === "StakeManager")!.address;
    const { timelock } = result.plan;
    const ownersSafe = result.plan.governance.ownersSafe.address;
    const targets = [stakeManager];
    const payloads = [
      moduleInterface.encodeFunctionData("setParameter", [id("UNBONDING_PERIOD"), 3n * 86_400n]),
    ];
    const salt = id("drift test");
    const owners: Signer[] = [signers[1], signers[2], signers[3]];
    const sendFromSafe = safeSender(connection.ethers.provider, result.record);
    await sendFromSafe(
      ownersSafe,
      {
        to: timelock,
        data: timelockInterface.encodeFunctionData("scheduleBatch", [
          targets,
          [0n],
          payloads,
          ZeroHash,
          salt,
          3_600n,
        ]),
      },
      owners,
    );
    await connection.networkHelpers.time.increase(3_600);
    await sendFromSafe(
      ownersSafe,
      {
        to: timelock,
        data: timelockInterface.encodeFunctionData("executeBatch", [
          targets,
          [0n],
          payloads,
          ZeroHash,
          salt,
        ]),
      },
      owners,
    );

    // A second operation, scheduled and left waiting: it would undo the drift.
    const back = [
      moduleInterface.encodeFunctionData("setParameter", [id("UNBONDING_PERIOD"), 7n * 86_400n]),
    ];
    await sendFromSafe(
      ownersSafe,
      {
        to: timelock,
        data: timelockInterface.encodeFunctionData("scheduleBatch", [
          targets,
          [0n],
          back,
          ZeroHash,
          salt,
          3_600n,
        ]),
      },
      owners,
    );

    const report = await doctor();
    assert.equal(report.summary.exitCode, 1);
    const queue = report.queue!;
    assert.deepEqual(
      queue.history.map((o) => [o.state, o.verdict, o.calls.map((c) => c.text)]),
      [["Done", "undoes", ["StakeManager.setParameter UNBONDING_PERIOD 3d → 3d"]]],
    );
    assert.deepEqual(
      queue.pending.map((o) => [o.state, o.verdict, o.calls.map((c) => c.text), o.scheduledBy]),
      [
        [
          "Waiting",
          "matches",
          ["StakeManager.setParameter UNBONDING_PERIOD 3d → 7d"],
          await owners[0].getAddress(),
        ],
      ],
    );
    assert.equal(queue.pending[0].readyAt, queue.now + 3_600);
    assert.equal(report.rpc.roundTrips, 3, "the queue's details cost one more round trip");
    const drift = report.rows.filter((r) => r.status !== "ok");
    assert.equal(drift.length, 1);
    assert.equal(drift[0].property, "parameter UNBONDING_PERIOD");
    assert.equal(drift[0].actual, "3d (259200)");
    assert.equal(
      drift[0].fix,
      "schedule StakeManager.setParameter(UNBONDING_PERIOD, 7d) through the timelock",
    );
    await connection.close();
  });

  it("stops with exit 2 at an address without code, naming where it came from", async () => {
    const { doctor, result, dir, connection } = await deployed();
    const record = JSON.parse(readFileSync(result.recordFile, "utf8"));
    record.modules.ReputationEngine = "0x000000000000000000000000000000000000dEaD";
    const deploymentFile = join(dir, "stale.json");
    writeFileSync(deploymentFile, JSON.stringify(record));
    await assert.rejects(doctor({ deploymentFile }), (e: OwnerError) => {
      assert.equal(e.code, "MISSING_CODE");
      assert.match(
        e.message,
        /stale\.json: modules\.ReputationEngine: ReputationEngine 0x000000000000000000000000000000000000dEaD: no code/,
      );
      return true;
    });
    await connection.close();
  });

  it("stops with exit 2 on a manifest and record for another chain, before reading anything else", async () => {
    const { doctor, result, dir, connection } = await deployed();
    const record = JSON.parse(readFileSync(result.recordFile, "utf8"));
    record.chainId = 80002;
    const manifest = JSON.parse(readFileSync(MANIFEST, "utf8"));
    manifest.chainId = 80002;
    manifest.governance.treasury = record.governance.treasury;
    for (const safe of [manifest.governance.ownersSafe, ...manifest.governance.guardians])
      delete safe.owners;
    writeFileSync(join(dir, "r.json"), JSON.stringify(record));
    writeFileSync(join(dir, "m.json"), JSON.stringify(manifest));
    const transport = eip1193Transport(connection.provider);
    await assert.rejects(
      runDoctor({
        network: "hardhat",
        manifestFile: join(dir, "m.json"),
        deploymentFile: join(dir, "r.json"),
        transport,
      }),
      (e: OwnerError) =>
        e.code === "WRONG_CHAIN" &&
        /connected to chain 31337 .* is for chain 80002/.test(e.message),
    );
    assert.equal(transport.stats.roundTrips, 1);
    void doctor;
    await connection.close();
  });
});

describe("owner:system-pause core on the in-process network", function () {
  this.timeout(120_000);

  /** A fresh in-process network with the system deployed, and its deployment record. */
  async function deployed() {
    const connection = await network.create("hardhat");
    const signers = await connection.ethers.getSigners();
    const { recordFile } = await deploySystem({
      network: "hardhat",
      provider: connection.ethers.provider,
      signers,
      readArtifact: (name) => hre.artifacts.readArtifact(name),
      rootDir: ROOT,
      deploymentsDir: mkdtempSync(join(tmpdir(), "mandate-owner-pause-")),
      ephemeral: true,
    });
    return { connection, signers, recordFile };
  }

  it("reads every module's state in one call, refuses a non-guardian, and pauses through the guardian Safe", async () => {
    const { connection, signers, recordFile } = await deployed();
    const transport = eip1193Transport(connection.provider);
    const before = await readPauseStatus(transport, {
      network: "hardhat",
      deploymentFile: recordFile,
    });
    assert.deepEqual(transport.stats, { requests: 6, roundTrips: 2, posts: 2 });
    assert.deepEqual(
      before.modules.map((m) => [m.name, m.state]),
      MODULES.map((m) => [m.name, "running"]),
    );
    assert.equal(inTargetState(before, "unpause"), true);

    // A stranger's key alone is no route on a live chain: no way to send, and who must sign instead.
    const stranger = await pauseRoute(
      { ...before, chainId: 80002 },
      [signers[12]],
      connection.ethers.provider,
    );
    assert.equal(stranger.send, undefined);
    assert.match(
      stranger.describe,
      /is not a guardian[\s\S]*guardian Safe 0x[0-9a-fA-F]{40}: 2 of its 3 owners sign[\s\S]*--safe-out/,
    );
    // Two runs sending from the guardian Safe at once both sign for its next nonce: the loser is
    // told a concurrent run used the nonce, and what to do, not the Safe's raw GS0nn.
    const guardian = before.guardians[0];
    const keys = await localSafeSigners(guardian, signers, connection.ethers.provider);
    const noop = { to: before.timelock, value: 0n, data: id("getMinDelay()").slice(0, 10) };
    const sendNoop = () =>
      sendFromLocalSafe(connection.ethers.provider, before, guardian, [noop], keys!.chosen);
    const raced = await Promise.allSettled([sendNoop(), sendNoop()]);
    assert.deepEqual(raced.map((r) => r.status).sort(), ["fulfilled", "rejected"]);
    const lost = raced.find((r) => r.status === "rejected") as PromiseRejectedResult;
    assert.ok(lost.reason instanceof OwnerError, String(lost.reason));
    assert.match(
      lost.reason.message,
      /nonce 0, which this run signed for, was used by another transaction first \(now 1\): a concurrent run.*GS0\d\d.*re-run/,
    );
    // Here the node holds the guardian Safe's keys.
    const route = await pauseRoute(before, signers, connection.ethers.provider);
    assert.match(
      route.describe,
      /from guardian Safe 0x[0-9a-fA-F]{40}, signed by 2 of its 3 owners/,
    );
    await route.send!();
    const after = await readPauseStatus(eip1193Transport(connection.provider), {
      network: "hardhat",
      deploymentFile: recordFile,
    });
    assert.equal(inTargetState(after, "pause"), true);
    const sm = new Contract(after.modules[0].address, moduleInterface, connection.ethers.provider);
    assert.equal(await sm.paused(), true);
    await connection.close();
  });

  it("shows a module whose paused() reverts as UNREADABLE and still pauses every other module", async () => {
    const { connection, signers, recordFile } = await deployed();
    const read = async () =>
      readPauseStatus(eip1193Transport(connection.provider), {
        network: "hardhat",
        deploymentFile: recordFile,
      });
    const healthy = await read();
    // The second module's code replaced by one that reverts on every call (a broken proxy).
    const broken = healthy.modules[1];
    await connection.provider.request({
      method: "hardhat_setCode",
      params: [broken.address, "0x60006000fd"], // PUSH1 0 PUSH1 0 REVERT
    });
    await connection.provider.request({ method: "evm_mine", params: [] }); // reads pin the latest block

    const before = await read();
    assert.deepEqual(
      before.modules.map((m) => m.state),
      healthy.modules.map((m) => (m.address === broken.address ? "unreadable" : "running")),
    );
    assert.match(
      summaryLine(before),
      new RegExp(`^0 of ${MODULES.length} modules paused, 1 UNREADABLE`),
    );
    assert.equal(inTargetState(before, "pause"), false);

    await (
      await pauseRoute(before, signers, connection.ethers.provider)
    ).send!();
    const after = await read();
    assert.deepEqual(
      after.modules.map((m) => m.state),
      healthy.modules.map((m) => (m.address === broken.address ? "unreadable" : "paused")),
    );
    assert.equal(inTargetState(after, "pause"), false); // the task then says "not fully paused"
    await connection.close();
  });
});
