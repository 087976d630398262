// deploy:system under RPC faults, against a real `hardhat node` behind the project's faulty proxy: a
// run cut at any point ends with exit 2 saying what is on chain, and the next run resumes from the
// journal and the chain without deploying anything twice. The core runs in this process (ethers
// wallets of the node's mnemonic); the task runs as a subprocess where exit codes and output matter.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import {
  HDNodeWallet,
  id,
  JsonRpcProvider,
  Wallet,
  type TransactionRequest,
  type TransactionResponse,
} from "ethers";
import hre from "hardhat";

import { DeployError } from "../../deploy/errors.ts";
import { journalFileFor } from "../../deploy/journal.ts";
import { deploySystem, type DeploySystemOptions } from "../../deploy/system.ts";
import { MODULES } from "../../deploy/modules.ts";
import { httpTransport } from "../../owner/chain/transport.ts";
import { runDoctor } from "../../owner/doctor.ts";
import { OwnerError } from "../../owner/errors.ts";
import { changeFirstDurations } from "../../owner/manifest-edit.ts";
import { runSystemPause } from "../../owner/system-pause.ts";
import { runUpdateAll } from "../../owner/update.ts";
import { startFaultyRpc, type FaultyRpc } from "../utils/faulty-rpc.ts";
import { rpc, run as runIn, startHardhatNode, type HardhatNode } from "../utils/hardhat-node.ts";

const ROOT = hre.config.paths.root;
const MNEMONIC = "test test test test test test test test test test test junk";

describe("deploy:system under RPC faults (hardhat node behind a faulty proxy)", function () {
  this.timeout(240_000);

  let node: HardhatNode | undefined;
  let proxy: FaultyRpc | undefined;
  let wallets: Wallet[];
  /** The record of the system the first test deploys; the owner-task tests below use it. */
  let deployment: string | undefined;

  before(async () => {
    node = await startHardhatNode(ROOT);
    proxy = await startFaultyRpc(node.url);
    wallets = Array.from({ length: 10 }, (_, i) => {
      const hd = HDNodeWallet.fromPhrase(MNEMONIC, undefined, `m/44'/60'/0'/0/${i}`);
      return new Wallet(hd.privateKey);
    });
  });

  after(async () => {
    await proxy?.close();
    node?.stop();
  });

  /** A provider through the proxy: one request per POST, so a fault hits exactly one method. */
  function options(
    deploymentsDir: string,
    deployer?: (provider: JsonRpcProvider) => Wallet,
  ): DeploySystemOptions {
    const provider = new JsonRpcProvider(proxy!.url, 31337, {
      staticNetwork: true,
      batchMaxCount: 1,
      pollingInterval: 50,
      cacheTimeout: -1, // no 250 ms cache of identical reads: nonces and code are read fresh
    });
    const signers = wallets.map((w, i) =>
      i === 0 && deployer !== undefined ? deployer(provider) : w.connect(provider),
    );
    return {
      network: "localhost",
      provider,
      signers,
      readArtifact: (name) => hre.artifacts.readArtifact(name),
      rootDir: ROOT,
      deploymentsDir,
      rpc: "the RPC at the test proxy",
    };
  }

  const nonceOf = async (address: string) =>
    Number(await rpc(node!.url, "eth_getTransactionCount", [address, "latest"]));

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => assert.fail("the deployment went through"),
      (error: unknown) => {
        assert.ok(error instanceof DeployError, String(error));
        return error;
      },
    );

  it("resumes after a lost receipt mid-way and a lost reply to the last transaction, never deploying twice", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mandate-faults-"));
    const deployer = wallets[0].address;
    const startNonce = await nonceOf(deployer);
    const journalFile = journalFileFor(join(dir, "localhost.json"));

    // 1. The RPC goes down right after step 5 is sent: its receipt cannot be read.
    const sends = proxy!.calls.get("eth_sendRawTransaction") ?? 0;
    const receipts = proxy!.calls.get("eth_getTransactionReceipt") ?? 0;
    proxy!.setFaults([
      { method: "eth_sendRawTransaction", fault: "http503", from: sends + 6 },
      { method: "eth_getTransactionReceipt", fault: "http503", from: receipts + 5 },
    ]);
    const first = await failure(deploySystem(options(dir)));
    proxy!.setFaults([]);
    assert.equal(first.code, "INTERRUPTED", first.message);
    assert.match(first.message, /step 5\/19 \(MultiSend\): .*Stopped with 4 of 19 steps on chain/);
    assert.match(first.message, /Re-run the same command to resume: it reads .*journal\.json/);
    assert.match(
      first.message,
      /sent, receipt unknown: MultiSend -> 0x[0-9a-fA-F]{40} \(nonce \d+, tx 0x[0-9a-f]{64}\): it may be on chain/,
    );
    assert.match(first.message, /not sent: MultiSendCallOnly, /);
    assert.equal(existsSync(join(dir, "localhost.json")), false);
    const journal = JSON.parse(readFileSync(journalFile, "utf8"));
    assert.equal(journal.startNonce, startNonce);
    assert.equal(journal.steps.length, 5);
    assert.match(journal.steps[4].txHash, /^0x[0-9a-f]{64}$/);
    assert.equal(await nonceOf(deployer), startNonce + 5, "step 5 was mined");

    // 2. The re-run continues at step 6; the reply to its last transaction (SystemPause) is lost
    //    after the node took it.
    const sent = proxy!.calls.get("eth_sendRawTransaction") ?? 0;
    proxy!.setFaults([
      { method: "eth_sendRawTransaction", fault: "drop", forward: true, nth: sent + 14 },
    ]);
    const second = await failure(deploySystem(options(dir)));
    proxy!.setFaults([]);
    assert.equal(second.code, "INTERRUPTED", second.message);
    assert.match(second.message, /step 19\/19 \(SystemPause\): .*18 of 19 steps on chain/);
    assert.match(second.message, /maybe sent: SystemPause -> /);
    assert.equal(await nonceOf(deployer), startNonce + 19, "SystemPause was mined");
    assert.equal(existsSync(join(dir, "localhost.json")), false);

    // 3. The third run sends nothing, finds all 19 (SystemPause's hash from the chain), records,
    //    on a node that keeps no state but the head's (a full, non-archive node; docs/deployment.md).
    proxy!.setFaults(
      [
        "eth_getCode",
        "eth_getBalance",
        "eth_getTransactionCount",
        "eth_getStorageAt",
        "eth_call",
      ].map((method) => ({ method, fault: "pruned" as const })),
    );
    const result = await deploySystem(options(dir)).finally(() => proxy!.setFaults([]));
    assert.equal(await nonceOf(deployer), startNonce + 19, "nothing was sent again");
    assert.equal(result.deployed.length, 19);
    assert.ok(result.deployed.every((d) => d.resumed === true));
    const systemPause = result.deployed.find((d) => d.step.id === "SystemPause")!;
    const tx = (await rpc(node!.url, "eth_getTransactionByHash", [systemPause.txHash])) as {
      nonce: string;
      from: string;
    };
    assert.equal(Number(tx.nonce), startNonce + 18);
    assert.equal(
      (result.record.contracts.SystemPause as { txHash: string }).txHash,
      systemPause.txHash,
    );
    assert.equal(result.checks.filter((c) => c.status !== "ok").length, 0);
    assert.equal(existsSync(journalFile), false, "the journal is gone once the record is written");
    deployment = join(dir, "localhost.json");
  });

  it("stops with a clear message when another transaction from the deployer key takes a nonce mid-send", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mandate-faults-"));
    const startNonce = await nonceOf(wallets[0].address);
    /** A deployer whose key is also used elsewhere: at step 3 another transaction gets in first. */
    class SharedKey extends Wallet {
      override async sendTransaction(tx: TransactionRequest): Promise<TransactionResponse> {
        if (tx.nonce === startNonce + 2) {
          const other = new Wallet(this.privateKey, this.provider);
          await (await other.sendTransaction({ to: this.address, nonce: tx.nonce })).wait();
        }
        return super.sendTransaction(tx);
      }
    }
    const error = await failure(
      deploySystem(options(dir, (provider) => new SharedKey(wallets[0].privateKey, provider))),
    );
    assert.equal(error.code, "NONCE_MISMATCH", error.message);
    assert.match(
      error.message,
      /while it was being sent another transaction from the deployer 0x[0-9a-fA-F]{40} took that nonce/,
    );
    assert.doesNotMatch(error.message, /nonce too low/i);
    assert.equal(error.details.length, 2);
  });

  it("the task: a hung RPC ends with exit 2 after --rpc-timeout, the URL and method named, no stack trace", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mandate-faults-"));
    const env = { MANDATE_LOCALHOST_URL: `${proxy!.url}/secret-key` };
    const task = [
      "hardhat",
      "deploy:system",
      "--network",
      "localhost",
      "--deployments-dir",
      dir,
      "--no-compile",
    ];
    proxy!.setFaults([{ method: "*", fault: "hang" }]);
    const started = Date.now();
    const hung = await runIn([...task, "--rpc-timeout", "2"], env, ROOT);
    proxy!.setFaults([]);
    assert.equal(hung.code, 2, hung.stdout + hung.stderr);
    assert.ok(Date.now() - started < 60_000);
    assert.match(
      hung.stderr,
      /\[RPC_ERROR\]: the RPC at http:\/\/127\.0\.0\.1:\d+\/… failed while .* \(eth_\w+\): .*tim/i,
    );
    assert.doesNotMatch(hung.stderr, /secret-key|\n\s+at |unexpected error/i);
  });

  // The owner tasks' cores on the system deployed above, through the same proxy.
  const ownerOptions = (timeoutMs = 15_000) => {
    const { provider, signers } = options(mkdtempSync(join(tmpdir(), "mandate-unused-")));
    return {
      network: "localhost",
      deploymentFile: deployment!,
      transport: httpTransport(proxy!.url, { timeoutMs }),
      connect: async () => ({ signers, provider }),
      reread: async () => httpTransport(proxy!.url, { timeoutMs }),
    };
  };
  const ownerFailure = (promise: Promise<unknown>) =>
    promise.then(
      () => assert.fail("it went through"),
      (error: unknown) => {
        assert.ok(error instanceof OwnerError, String((error as Error).stack));
        return error;
      },
    );

  it("owner:doctor's reads: null, HTML or garbage (alone or inside a batch) is RPC_ERROR, a hang a timeout naming URL and method", async () => {
    assert.ok(deployment, "the first test deployed a system");
    const manifestFile = join(ROOT, "config", "localhost.json");
    const doctor = (timeoutMs?: number) => runDoctor({ ...ownerOptions(timeoutMs), manifestFile });
    assert.equal((await doctor()).summary.exitCode, 0);
    const cases = [
      { fault: "null", method: "eth_blockNumber", expect: /eth_blockNumber.* with null instead/ },
      { fault: "html", method: "eth_call", expect: /with something that is not JSON \("<html>/ },
      { fault: "garbage", method: "eth_chainId", expect: /with something that is not JSON/ },
      { fault: "null", method: "eth_call", item: true, expect: /a batch holding null/ },
      { fault: "garbage", method: "eth_getCode", item: true, expect: /a batch holding "garbage"/ },
    ] as const;
    for (const c of cases) {
      proxy!.setFaults([{ method: c.method, fault: c.fault, item: "item" in c }]);
      const error = await ownerFailure(doctor());
      assert.equal(error.code, "RPC_ERROR", `${c.fault} ${c.method}: ${error.message}`);
      assert.match(error.message, /^the RPC at http:\/\/127\.0\.0\.1:\d+ answered /);
      assert.match(error.message, c.expect);
    }
    proxy!.setFaults([{ method: "eth_call", fault: "hang" }]);
    const hung = await ownerFailure(doctor(1_000));
    proxy!.setFaults([]);
    assert.equal(hung.code, "RPC_UNREACHABLE");
    assert.match(hung.message, /did not answer .*eth_call.* within 1 s \(--rpc-timeout <seconds>/);
  });

  it("owner:system-pause --execute: a lost receipt is RECEIPT_UNKNOWN saying it may have landed; the re-run finds it done", async () => {
    const receipts = proxy!.calls.get("eth_getTransactionReceipt") ?? 0;
    proxy!.setFaults([{ method: "eth_getTransactionReceipt", fault: "drop", from: receipts + 1 }]);
    const pause = () => runSystemPause({ ...ownerOptions(), action: "pause", mode: "execute" });
    const error = await ownerFailure(pause());
    proxy!.setFaults([]);
    assert.equal(error.code, "RECEIPT_UNKNOWN", error.message);
    assert.match(
      error.message,
      /^pause: sent \(tx 0x[0-9a-f]{64}\), but the RPC failed before its receipt could be read \(.+\): the system may be paused already/,
    );
    const lines: string[] = [];
    const again = await runSystemPause({
      ...ownerOptions(),
      action: "pause",
      mode: "execute",
      log: (l) => lines.push(l),
    });
    assert.equal(again.after, undefined, "nothing was sent");
    assert.match(lines.join("\n"), /Already paused: .*nothing was sent/);
  });

  it("owner:update-all --execute: a lost receipt is recorded as sent, receipt unknown (never not sent), and the re-run converges", async () => {
    const original = JSON.parse(readFileSync(join(ROOT, "config", "localhost.json"), "utf8"));
    const manifestFile = join(mkdtempSync(join(tmpdir(), "mandate-update-")), "changed.json");
    writeFileSync(manifestFile, JSON.stringify(changeFirstDurations(original, MODULES).manifest));
    const reportsDir = mkdtempSync(join(tmpdir(), "mandate-receipts-"));
    const update = () =>
      runUpdateAll({ ...ownerOptions(), manifestFile, reportsDir, mode: "execute" });
    const receipts = proxy!.calls.get("eth_getTransactionReceipt") ?? 0;
    proxy!.setFaults([
      { method: "eth_getTransactionReceipt", fault: "http503", from: receipts + 1 },
    ]);
    const error = await ownerFailure(update());
    proxy!.setFaults([]);
    assert.equal(error.code, "RECEIPT_UNKNOWN", error.message);
    assert.match(
      error.message,
      /was sent \(tx 0x[0-9a-f]{64}\) but the RPC failed before its receipt could be read \(.+\): it may have landed.*Re-run owner:update-all.*converges/,
    );
    const dir = join(reportsDir, "localhost", "receipts");
    const [file] = readdirSync(dir);
    const lines = readFileSync(join(dir, file), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.equal(lines[0].status, "sent-receipt-unknown");
    assert.match(lines[0].txHash, /^0x[0-9a-f]{64}$/);
    assert.ok(lines.slice(1).every((l) => l.status === "not-sent"));
    assert.ok(!lines.some((l) => l.status === "failed"));

    const log: string[] = [];
    const rerun = await runUpdateAll({
      ...ownerOptions(),
      manifestFile,
      reportsDir,
      mode: "execute",
      log: (line) => log.push(line),
    });
    // The schedule landed although its receipt was lost: the re-run skips it and finishes. (The exit
    // code is 1 only because the system is still paused from the test above: not update-all's drift.)
    const text = log.join("\n");
    assert.match(text, /skipped schedule operation .* is already scheduled/);
    assert.match(text, /done {4}execute operation /);
    assert.equal(rerun.after?.plan.steps.length, 0, text);
  });
  it("the task: owner:update-all --execute, the RPC answering 503 right after a send: exit 2, 'sent, receipt unknown' naming URL and method; the re-run converges", async () => {
    assert.ok(deployment, "the first test deployed a system");
    // Governance unpauses (the timelock, impersonated), so only update-all's drift is left: the
    // tests above doubled each module's first duration, and config/localhost.json wants them back.
    const record = JSON.parse(readFileSync(deployment, "utf8"));
    const timelock = record.governance.timelock;
    await rpc(node!.url, "hardhat_impersonateAccount", [timelock]);
    await rpc(node!.url, "hardhat_setBalance", [timelock, "0xde0b6b3a7640000"]);
    await rpc(node!.url, "eth_sendTransaction", [
      { from: timelock, to: record.governance.systemPause, data: id("unpauseAll()").slice(0, 10) },
    ]);
    await rpc(node!.url, "hardhat_stopImpersonatingAccount", [timelock]);
    const reportsDir = mkdtempSync(join(tmpdir(), "mandate-task-receipts-"));
    const update = () =>
      runIn(
        [
          "hardhat",
          "owner:update-all",
          "--network",
          "localhost",
          "--execute",
          "--deployment",
          deployment!,
          "--reports-dir",
          reportsDir,
          "--rpc-timeout",
          "10",
        ],
        { MANDATE_LOCALHOST_URL: `${proxy!.url}/api-key` },
        ROOT,
      );
    proxy!.setFaults([{ method: "*", fault: "http503", after: "eth_sendTransaction" }]);
    const cut = await update();
    proxy!.setFaults([]);
    const text = cut.stdout + cut.stderr;
    assert.equal(cut.code, 2, text);
    assert.match(cut.stderr, /owner:update-all could not act \[RECEIPT_UNKNOWN\]: step 1 of 3/);
    assert.match(
      cut.stderr,
      /sent, receipt unknown: schedule operation 0x[0-9a-f]{64} \(tx 0x[0-9a-f]{64}\)/,
    );
    assert.match(cut.stderr, /not sent: execute operation/);
    // The RPC's failure is named by URL (its path hidden) and method.
    assert.match(
      cut.stderr,
      /the RPC at http:\/\/127\.0\.0\.1:\d+\/… answered HTTP 503 to eth_\w+/,
    );
    assert.doesNotMatch(text, /api-key|\n\s+at |unexpected error/i);
    const [file] = readdirSync(join(reportsDir, "localhost", "receipts"));
    const lines = readFileSync(join(reportsDir, "localhost", "receipts", file), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.map((l) => l.status),
      ["sent-receipt-unknown", "not-sent", "not-sent"],
    );

    const rerun = await update();
    assert.equal(rerun.code, 0, rerun.stdout + rerun.stderr);
    assert.match(rerun.stdout, /skipped schedule operation .* is already scheduled/);
    assert.match(rerun.stdout, /done {4}execute operation /);
    assert.match(rerun.stdout, /After: no drift left/);
  });
  it("the task: protocol-kit's reads for --safe-out keep --rpc-timeout; a hang is RPC_UNREACHABLE naming URL and method, as --json's error", async () => {
    assert.ok(deployment, "the first test deployed a system");
    const dir = mkdtempSync(join(tmpdir(), "mandate-safe-out-"));
    // The switch is read first (eth_chainId #1 pins the block); protocol-kit's first request for
    // the Safe's nonce and hashes is eth_chainId #2, and it never gets an answer.
    const chainIds = proxy!.calls.get("eth_chainId") ?? 0;
    proxy!.setFaults([{ method: "eth_chainId", fault: "hang", from: chainIds + 2 }]);
    const hung = await runIn(
      [
        "hardhat",
        "owner:system-pause",
        "--network",
        "localhost",
        "--action",
        "pause",
        "--safe-out",
        dir,
        "--json",
        "--rpc-timeout",
        "2",
        "--deployment",
        deployment,
      ],
      { MANDATE_LOCALHOST_URL: `${proxy!.url}/api-key` },
      ROOT,
    );
    proxy!.setFaults([]);
    assert.equal(hung.code, 2, hung.stdout + hung.stderr);
    const { error } = JSON.parse(hung.stdout);
    assert.equal(error.code, "RPC_UNREACHABLE", hung.stdout);
    assert.match(
      error.message,
      /^could not compute the Safe transaction hash of pause-guardian-0\.json from Safe 0x[0-9a-fA-F]{40} \(the RPC at http:\/\/127\.0\.0\.1:\d+\/… did not answer eth_chainId within 2 s .*\); no file was written/,
    );
    assert.match(hung.stderr, /owner:system-pause could not act \[RPC_UNREACHABLE\]/);
    assert.doesNotMatch(hung.stdout + hung.stderr, /api-key|\n\s+at |unexpected error/i);
    // One timeout (2 s, not viem's default 10 s) and no retries: viem's would ask the hung
    // eth_chainId four times. (Counted, not timed: Hardhat's start-up varies with the load.)
    const asked = proxy!.calls.get("eth_chainId")! - chainIds;
    assert.ok(asked <= 3, `eth_chainId asked ${asked} times`);
    assert.deepEqual(readdirSync(dir), [], "no file is written");
  });
});
