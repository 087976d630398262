// owner:verify-batch against the real Safe 1.4.1 and timelock on the in-process chain (one deployment
// for the file): our own update-all files (decoded in manifest units, simulated, hashes equal to the
// Safe contract's), hand-written files with a MultiSend holding a delegatecall, a threshold change
// and a timelock delay change (each flagged), a tampered checksum (do not sign), and a multi-step
// owner rotation planned from the manifest, verified, signed and executed, after which doctor holds.
// The same kinds of hand-written file go through the task on a real node in test/owner/e2e-signer.ts.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { BrowserProvider, Contract, ZeroHash, id } from "ethers";
import hre from "hardhat";

import { safeInterface } from "../../deploy/safe.ts";
import { MODULES } from "../../deploy/modules.ts";
import { timelockInterface } from "../../owner/chain/contracts.ts";
import { eip1193Transport } from "../../owner/chain/transport.ts";
import { runDoctor } from "../../owner/doctor.ts";
import { changeFirstDurations } from "../../owner/manifest-edit.ts";
import { encodeMultiSend } from "../../owner/safe/multisend.ts";
import { formatWrittenBatches, parseNonceOption } from "../../owner/safe-batches.ts";
import { encodeCall, rawCall, type Call } from "../../owner/safe/calls.ts";
import {
  devAccountKey,
  executeSafeTransaction,
  proposeFromTxBuilderFile,
  signSafeTransaction,
} from "../../owner/safe/sign.ts";
import { buildTxBuilderFile, writeTxBuilderFile } from "../../owner/safe/tx-builder.ts";
import { runUpdateAll } from "../../owner/update.ts";
import { formatVerificationMarkdown } from "../../owner/verify/report.ts";
import { verifyBatch } from "../../owner/verify/verify-batch.ts";
import { deployInProcess, type InProcessSystem } from "./in-process-system.ts";

const ROOT = hre.config.paths.root;

describe("owner:verify-batch on the in-process network", function () {
  this.timeout(240_000);
  let deployed: InProcessSystem;
  let system: InProcessSystem["system"];
  let dir: string;
  let provider: never;
  const manifest = () => deployed.manifest();

  before(async () => {
    deployed = await deployInProcess("mandate-verify-");
    ({ system, dir } = deployed);
    provider = deployed.connection.provider as never;
  });

  const hashes = () => deployed.hashes();
  const verify = (file: string, manifestFile = join(ROOT, "config", "hardhat.json")) =>
    verifyBatch({
      file,
      network: "hardhat",
      manifestFile,
      deploymentFile: system.recordFile,
      transport: deployed.transport(),
      hashes: hashes(),
    });
  const ownersSafe = () => system.plan.governance.ownersSafe.address;
  const timelock = () => system.record.governance.timelock as string;
  const handWritten = (name: string, calls: Call[], safe = ownersSafe()) => {
    const path = join(dir, `${name}.json`);
    writeTxBuilderFile(
      path,
      buildTxBuilderFile({
        chainId: 31337,
        safeAddress: safe,
        name,
        description: "hand-written",
        calls,
      }),
    );
    return path;
  };
  const updateAll = async (manifestJson: unknown, out: string) => {
    const manifestFile = deployed.writeManifest(manifestJson, `${out}.manifest.json`);
    const result = await runUpdateAll(
      deployed.updateAllOptions(manifestFile, { mode: "safe-out", safeOut: join(dir, out) }),
    );
    return { manifestFile, written: result.written ?? [] };
  };

  it("our own schedule and execute files: decoded in manifest units, simulated, hashes equal to the Safe's", async () => {
    const { manifest: changed, changes } = changeFirstDurations(manifest(), MODULES);
    const { written } = await updateAll(changed, "update");
    // Two files for one Safe: the nonce assumption beside each, a warning, the signing order.
    assert.match(written[0].nonceAssumption, /assumes nothing else is queued/);
    assert.match(written[1].nonceAssumption, /after update-all-1-schedule \(nonce \d+\)/);
    assert.equal(written[1].nonce, written[0].nonce + 1);
    assert.match(
      written[1].when,
      /after the schedule file is executed and the timelock delay \(1h\)/,
    );
    const printed = formatWrittenBatches(written);
    assert.match(printed, /WARNING: 2 files are for Safe 0x[0-9a-fA-F]{40}/);
    assert.match(
      printed,
      /Files written, in signing order:\n {2}1\. .*update-all-1-schedule\.json: .* sign now\n {2}2\. .*update-all-2-execute/,
    );
    const based = await runUpdateAll({
      network: "hardhat",
      manifestFile: join(dir, "update.manifest.json"),
      deploymentFile: system.recordFile,
      reportsDir: join(dir, "reports"),
      transport: eip1193Transport(provider),
      mode: "safe-out",
      safeOut: join(dir, "update-nonce"),
      hashes: async () => hashes(),
      nonce: parseNonceOption("7"),
    });
    assert.deepEqual(
      based.written!.map((w) => [w.nonce, w.nonceAssumption.slice(0, 17)]),
      [
        [7, "given with --nonc"],
        [8, "after update-all-"],
      ],
    );
    const schedule = await verify(written[0].path);
    assert.equal(schedule.exitCode, 0, schedule.problems.join("; "));
    assert.equal(schedule.hashes.safeTxHash, written[0].safeTxHash);
    assert.equal(schedule.hashes.fromSafeContract, schedule.hashes.safeTxHash);
    assert.equal(schedule.checksum.valid, true);
    const lines = schedule.tree.children.map((c) => c.summary);
    for (const c of changes)
      assert.ok(
        lines.some((l) => l.startsWith(`${c.module}.${c.parameter}: ${c.from} → ${c.to} (bounds `)),
        `${c.module}.${c.parameter} in ${lines.join(" | ")}`,
      );
    // Not yet scheduled: the execute file reverts now, passes as it will run after the delay.
    const execute = await verify(written[1].path);
    assert.equal(execute.exitCode, 0, execute.problems.join("; "));
    assert.deepEqual(
      execute.simulations.map((s) => s.ok),
      [false, true],
    );
    assert.match(
      formatVerificationMarkdown(schedule),
      /# Before you sign: Mandate: update-all-1-schedule/,
    );
  });

  it("flags a delegatecall inside a MultiSend, a threshold change and a timelock delay change", async () => {
    const suite = system.record.safeSuite as Record<string, string>;
    const multiSend = handWritten("multisend", [
      rawCall(
        suite.MultiSend,
        encodeMultiSend([
          {
            operation: 0,
            to: timelock(),
            value: 0n,
            data: timelockInterface.encodeFunctionData("getMinDelay"),
          },
          { operation: 1, to: suite.SignMessageLib, value: 0n, data: "0x" },
        ]),
      ),
    ]);
    const m = await verify(multiSend);
    assert.equal(m.tree.summary, "MultiSend of 2 transaction(s)");
    assert.deepEqual(
      m.risks.map((r) => r.kind),
      ["delegatecall"],
    );

    const threshold = await verify(
      handWritten("threshold", [encodeCall(safeInterface, ownersSafe(), "changeThreshold", [2])]),
    );
    assert.equal(threshold.exitCode, 1, threshold.problems.join("; "));
    assert.deepEqual(
      threshold.risks.map((r) => [r.kind, r.text]),
      [["threshold", "Owners Safe threshold: 3 → 2"]],
    );

    const delayCall = timelockInterface.encodeFunctionData("updateDelay", [7200]);
    const delay = await verify(
      handWritten("delay", [
        encodeCall(timelockInterface, timelock(), "schedule", [
          timelock(),
          0,
          delayCall,
          ZeroHash,
          id("t"),
          3600,
        ]),
        encodeCall(safeInterface, ownersSafe(), "changeThreshold", [4]),
      ]),
    );
    assert.equal(delay.exitCode, 1, delay.problems.join("; "));
    assert.equal(delay.safeTx.operation, 1, "two calls: delegatecall into MultiSendCallOnly");
    assert.deepEqual(
      delay.risks.map((r) => r.kind),
      ["timelock-delay", "threshold"],
    );
    assert.match(delay.risks[0].text, /MandateTimelock delay: 1h → 2h/);
    assert.equal(delay.simulations[0].ok, true, delay.simulations[0].error);
  });

  it("--nonce: a base, or per Safe; anything else is refused naming what was found", () => {
    assert.deepEqual(parseNonceOption(""), {});
    assert.deepEqual(parseNonceOption("12"), { base: 12 });
    const safe = "0x" + "ab".repeat(20);
    assert.deepEqual(parseNonceOption(`${safe}=3`), { bySafe: { [safe]: 3 } });
    assert.throws(
      () => parseNonceOption("-1"),
      /--nonce: the nonce must be a whole number, found "-1"/,
    );
    assert.throws(
      () => parseNonceOption("0x12=3"),
      /expected <Safe address>=<nonce>, found "0x12=3"/,
    );
  });

  it("a batch whose second call fails after the first (simulated as one Safe transaction): do not sign", async () => {
    const safe = new Contract(ownersSafe(), safeInterface, new BrowserProvider(provider));
    const owners: string[] = await safe.getOwners();
    // Each call is valid on its own; the second fails after the first (GS205: b is gone; MultiSendCallOnly
    // reverts without a reason).
    const remove = encodeCall(safeInterface, ownersSafe(), "removeOwner", [
      owners[0],
      owners[1],
      3,
    ]);
    const v = await verify(handWritten("fails-late", [remove, remove]));
    assert.equal(v.exitCode, 2);
    assert.match(
      v.problems.join("\n"),
      /simulation reverts: the 2 call\(s\) from Safe 0x[0-9a-fA-F]{40} at block \d+: reverted/,
    );
  });

  it("a tampered file: the checksum does not match, do not sign (exit 2)", async () => {
    const path = handWritten("tampered", [
      encodeCall(safeInterface, ownersSafe(), "changeThreshold", [2]),
    ]);
    const json = JSON.parse(readFileSync(path, "utf8"));
    json.transactions[0].contractInputsValues._threshold = "1";
    writeFileSync(path, JSON.stringify(json));
    const v = await verify(path);
    assert.equal(v.exitCode, 2);
    assert.equal(v.checksum.valid, false);
    assert.match(v.problems[0], /does not match the content/);
    assert.match(v.risks[0].text, /3 → 1/);
  });

  it("rotates the owners' Safe through the manifest in several steps; verified, signed, executed; doctor holds", async () => {
    const m = manifest(); // account:1..5, threshold 3
    m.governance.ownersSafe.owners = ["account:2", "account:12", "account:4"];
    m.governance.ownersSafe.threshold = 2;
    const { manifestFile, written } = await updateAll(m, "rotation");
    assert.equal(written.length, 1);
    const v = await verify(written[0].path, manifestFile);
    assert.equal(v.exitCode, 1, v.problems.join("; "));
    assert.deepEqual(
      v.risks.map((r) => r.kind),
      ["owners", "owners", "owners"],
    );
    assert.match(v.simulations[0].what, /3 call\(s\)/);
    const connection = { ...hashes(), safeAddress: ownersSafe() };
    const proposed = await proposeFromTxBuilderFile(connection, written[0].path);
    const signed = await signSafeTransaction(connection, proposed, [1, 3, 5].map(devAccountKey));
    await executeSafeTransaction(connection, signed, devAccountKey(0));
    const report = await runDoctor({
      network: "hardhat",
      manifestFile,
      deploymentFile: system.recordFile,
      transport: eip1193Transport(provider),
    });
    const safeRows = report.rows.filter(
      (r) => r.subject === "Owners Safe" && ["owners", "threshold"].includes(r.property),
    );
    assert.deepEqual(
      safeRows.map((r) => `${r.property}: ${r.status}`),
      ["owners: ok", "threshold: ok"],
      JSON.stringify(safeRows),
    );
  });
});
