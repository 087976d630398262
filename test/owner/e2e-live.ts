// The owner tasks on a network configured like a live one (no key), lockout protection and the
// doctor's code-hash check, end to end. Registered inside test/owner/e2e.test.ts's suite so they use
// its node and deployment (one deployment per test run); the live network is a fork of it
// (test/utils/live-network.ts).
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { id } from "ethers";
import hre from "hardhat";

import { readTxBuilderFile } from "../../owner/safe/tx-builder.ts";
import { documented } from "../utils/documented.ts";
import { rpc, type RunResult } from "../utils/hardhat-node.ts";
import type { LiveNetwork } from "../utils/live-network.ts";

const ROOT = hre.config.paths.root;

export interface OwnerE2eContext {
  run(args: string[], extraEnv?: NodeJS.ProcessEnv): Promise<RunResult>;
  /** Task flags that keep a run off the real config/deployments and reports folders. */
  files(task: string): string[];
  dir: string;
  deployment: string;
  reportsDir: string;
  live: Promise<LiveNetwork>;
}

export function ownerLiveTests(context: () => OwnerE2eContext): void {
  /** Runs on the fork answering as amoy: a task with flags, or a runbook command as written. */
  const onAmoy = async () => {
    const { run } = context();
    const net = await context().live;
    const amoy = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
      run(["hardhat", ...args, "--network", "amoy", "--deployment", net.record], {
        ...net.env,
        ...extra,
      });
    const runbook = (args: string[], flags: string[] = [], extra: NodeJS.ProcessEnv = {}) =>
      run([...args, ...flags, "--deployment", net.record], { ...net.env, ...extra });
    return { net, amoy, runbook };
  };
  const out = (r: { stdout: string; stderr: string }) => r.stdout + r.stderr;

  it("on a live-configured network, pauses and writes batches without a key; only --execute needs one", async () => {
    const { dir } = context();
    const { net, amoy, runbook } = await onAmoy();

    const dry = await runbook(
      documented("npx hardhat owner:system-pause --network amoy --action pause"),
    );
    assert.equal(dry.code, 0, out(dry));
    assert.match(
      dry.stdout,
      /DRY RUN, nothing was sent\. To pause, no account is configured[\s\S]*guardian Safe 0x[0-9a-fA-F]{40}: 2 of its 3 owners sign[\s\S]*--safe-out/,
    );
    assert.doesNotMatch(out(dry), /FAILED|HHE7/);
    // The documented first command, run by a guardian Safe's signer: who must sign, never FAILED.
    const signerKey = "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e"; // account 6
    const asSigner = await runbook(
      documented("npx hardhat owner:system-pause --network amoy --action pause"),
      [],
      { AMOY_PRIVATE_KEY: signerKey },
    );
    assert.equal(asSigner.code, 0, out(asSigner));
    assert.match(asSigner.stdout, /is not a guardian[\s\S]*the connected account is one of them/);
    assert.doesNotMatch(out(asSigner), /FAILED/);

    const files = join(dir, "amoy-pause");
    const written = await runbook([
      ...documented(
        "npx hardhat owner:system-pause --network amoy --action pause --safe-out reports/amoy/pause",
        { "reports/amoy/pause": files },
      ),
      "--json",
    ]);
    assert.equal(written.code, 0, out(written));
    assert.equal(readTxBuilderFile(join(files, "pause-guardian-0.json")).checksumValid, true);
    const result = JSON.parse(written.stdout);
    assert.equal(result.action, "pause");
    assert.equal(result.chainId, 80002);
    assert.deepEqual(
      result.files.map((f: { name: string }) => f.name),
      ["pause-guardian-0"],
    );
    assert.match(result.files[0].safeTxHash, /^0x[0-9a-f]{64}$/);
    assert.match(result.before.summary, /modules running/);
    assert.match(written.stderr, /safeTxHash\s+0x[0-9a-f]{64}/);
    // Each signer's check of the file, as the runbook writes it: VERIFIED, pauseAll, a page.
    const pages = join(dir, "amoy-pages");
    const verified = await runbook(
      documented(
        "npx hardhat owner:verify-batch reports/amoy/pause/pause-guardian-0.json --network amoy --out reports/amoy/pages",
        {
          "reports/amoy/pause/pause-guardian-0.json": join(files, "pause-guardian-0.json"),
          "reports/amoy/pages": pages,
        },
      ),
      // The fork's manifest (on amoy itself, config/amoy.json).
      ["--manifest", net.manifest],
    );
    assert.equal(verified.code, 0, out(verified));
    assert.match(verified.stdout, /VERIFIED/);
    assert.match(verified.stdout, /SystemPause\.pauseAll\(\)/);
    assert.match(verified.stdout, new RegExp(result.files[0].safeTxHash));
    assert.ok(existsSync(join(pages, "pause-guardian-0.md")));

    const head = await rpc(net.node.url, "eth_blockNumber");
    const send = await runbook(
      documented("npx hardhat owner:system-pause --network amoy --action pause --execute"),
    );
    assert.equal(send.code, 2, out(send));
    assert.match(
      send.stderr,
      /\[CONFIG_VARIABLE_MISSING\]: AMOY_PRIVATE_KEY is not set: --execute .*npx hardhat keystore set AMOY_PRIVATE_KEY.*nothing was sent/,
    );
    assert.doesNotMatch(out(send), /Sending|HHE7/);

    // update-all: the dry run needs no key; --execute without one, or with a key that is no route,
    // is refused before anything about sending is printed or any receipts folder appears.
    const manifest = JSON.parse(readFileSync(net.manifest, "utf8"));
    manifest.modules.StakeManager.UNBONDING_PERIOD = "8d";
    const changed = join(dir, "amoy-changed.json");
    writeFileSync(changed, JSON.stringify(manifest));
    const reports = join(dir, "amoy-reports");
    const update = (extra: NodeJS.ProcessEnv = {}, ...flags: string[]) =>
      amoy(["owner:update-all", "--manifest", changed, "--reports-dir", reports, ...flags], extra);
    const planned = await update({}, "--execute");
    assert.equal(planned.code, 2, out(planned));
    assert.match(planned.stdout, /simulated ok/);
    assert.match(planned.stderr, /\[CONFIG_VARIABLE_MISSING\]: AMOY_PRIVATE_KEY is not set/);
    const refused = await update({ AMOY_PRIVATE_KEY: signerKey }, "--execute");
    assert.equal(refused.code, 2, out(refused));
    assert.match(
      refused.stderr,
      /\[NOT_AUTHORISED\]: Owners Safe 0x[0-9a-fA-F]{40} must sign on amoy/,
    );
    for (const r of [planned, refused]) assert.doesNotMatch(r.stdout, /Sending/);
    assert.equal(existsSync(join(reports, "amoy", "receipts")), false);
    assert.equal(await rpc(net.node.url, "eth_blockNumber"), head);
  });

  it("on a live-configured network, paused with a broken module: status, no second pause, unpause files without a key", async () => {
    const { dir } = context();
    const { net, amoy, runbook } = await onAmoy();
    // Paused by the guardian Safe (impersonated on the fork), with one module broken: a retry of
    // pause says the switch is on and sends nothing; unpause's dry run and files need no key.
    const record = JSON.parse(readFileSync(net.record, "utf8"));
    const guardian = record.governance.guardians[0].address;
    await rpc(net.node.url, "hardhat_impersonateAccount", [guardian]);
    await rpc(net.node.url, "hardhat_setBalance", [guardian, "0xde0b6b3a7640000"]);
    await rpc(net.node.url, "eth_sendTransaction", [
      { from: guardian, to: record.governance.systemPause, data: id("pauseAll()").slice(0, 10) },
    ]);
    await rpc(net.node.url, "hardhat_setCode", [record.modules.StakeManager, "0x60006000fd"]);
    await rpc(net.node.url, "evm_mine");
    const paused = await rpc(net.node.url, "eth_blockNumber");
    const retry = await amoy(["owner:system-pause", "--action", "pause"]);
    assert.equal(retry.code, 2, out(retry));
    assert.match(
      retry.stderr,
      /\[NOT_AVAILABLE\]: the switch is already on: every readable module is paused, and pauseAll\(\) skips the UNREADABLE one\(s\) \(StakeManager 0x[0-9a-fA-F]{40}\).*nothing was sent/,
    );
    // Section 1 of the runbook: the unreadable module is shown, and the summary names it.
    const status = await runbook(
      documented("npx hardhat owner:system-pause --network amoy --action status"),
    );
    assert.equal(status.code, 0, out(status));
    assert.match(status.stdout, /StakeManager .*UNREADABLE/);
    assert.match(status.stdout, /\d+ of \d+ modules paused, 1 UNREADABLE: its paused\(\) reverts/);
    const unpauseDry = await runbook(
      documented("npx hardhat owner:system-pause --network amoy --action unpause"),
    );
    assert.equal(unpauseDry.code, 0, out(unpauseDry));
    assert.match(
      unpauseDry.stdout,
      /DRY RUN, nothing was sent\. Unpausing goes through the timelock:\n {2}1\. [\s\S]*\n {2}2\. [\s\S]*\n {2}3\. /,
    );
    const unpause = await runbook(
      documented(
        "npx hardhat owner:system-pause --network amoy --action unpause --safe-out reports/amoy/unpause",
        { "reports/amoy/unpause": join(dir, "amoy-unpause") },
      ),
    );
    assert.equal(unpause.code, 0, out(unpause));
    assert.match(unpause.stdout, /unpause-1-schedule\.json[\s\S]*unpause-2-execute\.json/);
    // --execute of an unpause on a live chain: refused because the owners' Safe must sign, whatever the key.
    const unpauseNow = await amoy(["owner:system-pause", "--action", "unpause", "--execute"]);
    assert.equal(unpauseNow.code, 2, out(unpauseNow));
    assert.match(
      unpauseNow.stderr,
      /\[NOT_AUTHORISED\]: unpausing on amoy goes through the timelock, signed by the owners' Safe .*--safe-out/,
    );
    assert.equal(await rpc(net.node.url, "eth_blockNumber"), paused);
  });

  it("refuses a change that locks the owners out, unless --allow-governance-change, which it then prints first", async () => {
    const { run, dir, files, reportsDir } = context();
    const manifest = JSON.parse(readFileSync(join(ROOT, "config", "localhost.json"), "utf8"));
    manifest.governance.executors = ["0xBcd4042DE499D14e55001CcbB24a551F3b954096"]; // an EOA
    const manifestFile = join(dir, "executor-eoa.json");
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const update = (...flags: string[]) =>
      run([
        "hardhat",
        "owner:update-all",
        "--network",
        "localhost",
        "--manifest",
        manifestFile,
        "--reports-dir",
        reportsDir,
        ...files(""),
        ...flags,
      ]);
    const refused = await update("--execute");
    assert.equal(refused.code, 2, refused.stdout + refused.stderr);
    assert.match(
      refused.stderr,
      /\[GOVERNANCE_LOCKOUT\][\s\S]*breaks OWNERS_CAN_GOVERN \(.*executor-eoa\.json: governance\.executors\): .*would no longer hold EXECUTOR_ROLE/,
    );
    assert.equal(refused.stdout, "");

    const outDir = join(dir, "lockout-batches");
    const allowed = await update("--allow-governance-change", "--safe-out", outDir);
    assert.equal(allowed.code, 0, allowed.stdout + allowed.stderr);
    const warning = /^GOVERNANCE CHANGE breaks OWNERS_CAN_GOVERN .*$/m;
    assert.match(allowed.stdout.split("\n")[0], warning);
    // The post-change state, simulated on the real timelock: the owners' Safe cannot execute.
    assert.match(
      allowed.stdout,
      /simulated REVERTS post-change governance: Owners Safe executes a no-op through the new roles/,
    );
    for (const name of ["update-all-1-schedule", "update-all-2-execute"]) {
      const file = JSON.parse(readFileSync(join(outDir, `${name}.json`), "utf8"));
      assert.match(file.meta.description.split("\n")[0], warning);
      assert.equal(readTxBuilderFile(join(outDir, `${name}.json`)).checksumValid, true);
    }
  });

  it("owner:doctor: a record pointing a module at another contract is drift naming the record's path", async () => {
    const { run, dir, deployment, reportsDir } = context();
    const record = JSON.parse(readFileSync(deployment, "utf8"));
    record.modules.StakeManager = record.modules.ReputationEngine;
    const edited = join(dir, "pointed-elsewhere.json");
    writeFileSync(edited, JSON.stringify(record, null, 2));
    const result = await run([
      ...documented("npx hardhat owner:doctor --network <name>", { "<name>": "localhost" }),
      "--json",
      "--deployment",
      edited,
      "--reports-dir",
      reportsDir,
    ]);
    // Exit 2, not 1: StakeManager's parameters cannot be read from ReputationEngine (error rows);
    // the code-hash row says why.
    assert.equal(result.code, 2, result.stdout + result.stderr);
    const report = JSON.parse(result.stdout);
    const rows = report.rows.filter(
      (r: { property: string; status: string }) =>
        r.property === "runtime code hash" && r.status !== "ok",
    );
    assert.deepEqual(
      rows.map((r: { subject: string }) => r.subject),
      ["StakeManager"],
    );
    assert.match(
      rows[0].expected,
      /pointed-elsewhere\.json: contracts\.StakeManager\.runtimeCodeHash/,
    );
    assert.match(
      rows[0].fix,
      /pointed-elsewhere\.json: modules\.StakeManager\) is not the StakeManager/,
    );
    assert.ok(
      report.rows.some(
        (r: { property: string; status: string }) =>
          r.property === "runtime code hash" && r.status === "ok",
      ),
    );
  });
}
