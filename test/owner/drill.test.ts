// owner:drill's core on the in-process chain, step by step: each step's outcome, the files it leaves
// under reports/<network>/drill/, and that it stays quick enough to be the project's demo.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

import type { Eip1193Provider } from "ethers";
import hre, { network } from "hardhat";

import { runDrill } from "../../owner/drill.ts";
import { documented } from "../utils/documented.ts";
import { userEnv } from "../utils/hardhat-node.ts";
import { readTxBuilderFile } from "../../owner/safe/tx-builder.ts";

describe("owner:drill on the in-process network", function () {
  this.timeout(180_000);

  it("deploys, updates through the Safe and timelock, pauses, unpauses, and every doctor holds", async () => {
    const connection = await network.create("hardhat");
    const reportsDir = mkdtempSync(join(tmpdir(), "mandate-drill-"));
    const lines: string[] = [];
    const result = await runDrill({
      network: "hardhat",
      provider: connection.provider as unknown as Eip1193Provider,
      ethersProvider: connection.ethers.provider,
      signers: await connection.ethers.getSigners(),
      readArtifact: (name) => hre.artifacts.readArtifact(name),
      rootDir: hre.config.paths.root,
      reportsDir,
      log: (line) => lines.push(line),
    });
    const outcomes = result.steps.map((s) => s.outcome);
    assert.equal(result.steps.length, 12);
    assert.match(
      outcomes[0],
      /transactions, \d+ modules, owners' Safe 0x[0-9a-fA-F]{40} \(3 of 5\)/,
    );
    assert.match(outcomes[1], /all \d+ checks hold, exit 0/);
    assert.match(
      outcomes[2],
      new RegExp(`${result.changes.length} change\\(s\\) -> operation 0x[0-9a-f]{64}, 2 files`),
    );
    assert.equal(outcomes[3], "scheduled");
    assert.equal(outcomes[4], "+3600 s");
    assert.equal(outcomes[5], "executed");
    assert.match(outcomes[6], /exit 0/);
    assert.match(outcomes[7], /sent pauseAll\(\)/);
    assert.match(outcomes[8], /all \d+ modules paused/);
    assert.match(outcomes[9], /executed; all \d+ modules running/);
    assert.match(
      outcomes[10],
      /^2 Safe\(s\) rotated: update-all-ownerssafe, update-all-guardian0$/,
    );
    assert.match(outcomes[11], /exit 0/);
    assert.ok(result.changes.length > 0);

    const dir = join(reportsDir, "hardhat", "drill");
    for (const file of [
      "drill.md",
      "manifest.changed.json",
      "1-doctor.md",
      "2-doctor-after-update.json",
      "3-doctor-final.md",
      "hardhat.json",
    ])
      assert.ok(existsSync(join(dir, file)), file);
    for (const file of [
      "update-all/update-all-1-schedule.json",
      "update-all/update-all-2-execute.json",
      "pause/pause-guardian-0.json",
      "unpause/unpause-1-schedule.json",
      "unpause/unpause-2-execute.json",
      "rotation/update-all-ownerssafe.json",
      "rotation/update-all-guardian0.json",
    ]) {
      assert.equal(readTxBuilderFile(join(dir, file)).checksumValid, true, file);
      // Every file signed was read through verify-batch first: its signer page is there.
      const page = readFileSync(join(dir, "pages", basename(file).replace(/json$/, "md")), "utf8");
      assert.match(page, /^# Before you sign: Mandate: /, file);
      if (file.startsWith("rotation/")) assert.match(page, /- \*\*owners\*\*: .* replaced by /);
    }
    assert.match(
      readFileSync(join(dir, "drill.md"), "utf8"),
      /\| 12 \| Final doctor against the rotated manifest \|/,
    );
    assert.ok(result.seconds < 60, `${result.seconds} s`);
    await connection.close();
  });

  it("runs as a user runs it, with no --network: the in-process chain, exit 0", async () => {
    // Without --network Hardhat picks its "default" in-process network; the drill used to look for
    // config/default.json and end in a stack trace.
    const reportsDir = mkdtempSync(join(tmpdir(), "mandate-drill-cli-"));
    const run = spawnSync(
      "npx",
      [...documented("npx hardhat owner:drill"), "--no-compile", "--reports-dir", reportsDir],
      {
        cwd: hre.config.paths.root,
        env: userEnv(),
        encoding: "utf8",
      },
    );
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /Drill passed: 12 steps/);
    assert.ok(existsSync(join(reportsDir, "hardhat", "drill", "drill.md")));
  });
});
