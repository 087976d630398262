// End to end, as a user runs it: a real `npx hardhat node` on a free loopback port, and
// `npx hardhat deploy:system --network localhost` as a subprocess writing its record to a temp dir.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import hre from "hardhat";
import { MODULES } from "../../deploy/modules.ts";
import { rpc, run as runIn, startHardhatNode, type HardhatNode } from "../utils/hardhat-node.ts";

const ROOT = hre.config.paths.root;
const run = (args: string[], env: NodeJS.ProcessEnv) => runIn(args, env, ROOT);

describe("deploy:system end to end on `hardhat node`", function () {
  this.timeout(180_000);

  let node: HardhatNode | undefined;
  let url: string;
  let env: NodeJS.ProcessEnv;
  let deploymentsDir: string;

  before(async () => {
    node = await startHardhatNode(ROOT);
    url = node.url;
    env = { MANDATE_LOCALHOST_URL: url };
    deploymentsDir = mkdtempSync(join(tmpdir(), "mandate-e2e-"));
  });

  after(() => node?.stop());

  it("deploys, verifies and records the system, then refuses a second run without --force", async () => {
    const started = Date.now();
    const first = await run(
      [
        "hardhat",
        "deploy:system",
        "--no-compile",
        "--network",
        "localhost",
        "--deployments-dir",
        deploymentsDir,
      ],
      env,
    );
    const firstSeconds = (Date.now() - started) / 1000;
    assert.equal(first.code, 0, `${first.stdout}\n${first.stderr}`);
    // Test token, 9 Safe contracts, 2 Safes, the timelock, every module, SystemPause.
    const transactions = 13 + MODULES.length + 1;
    assert.match(
      first.stdout,
      new RegExp(
        `Deploying Mandate to localhost \\(chain 31337\\) from 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266, ${transactions} transactions from nonce 0`,
      ),
    );
    assert.match(
      first.stdout,
      /all \d+ checks passed; the deployer holds no role and no ownership/,
    );
    assert.doesNotMatch(first.stdout, /FAIL/);

    const recordFile = join(deploymentsDir, "localhost.json");
    assert.ok(existsSync(recordFile));
    assert.ok(first.stdout.includes(`Deployment record written to ${recordFile}`));
    const record = JSON.parse(readFileSync(recordFile, "utf8"));
    assert.equal(record.network, "localhost");
    assert.equal(record.chainId, 31337);
    assert.equal(record.verification.failed, 0);
    for (const name of [
      "MandateTestToken",
      "OwnersSafe",
      "GuardianSafe0",
      "MandateTimelock",
      "StakeManager",
      "SystemPause",
    ]) {
      const entry = record.contracts[name];
      assert.notEqual(await rpc(url, "eth_getCode", [entry.address, "latest"]), "0x", name);
    }
    assert.equal(record.modules.StakeManager, record.contracts.StakeManager.address);
    // The real config/deployments/localhost.json is untouched by the test.
    assert.notEqual(recordFile, join(ROOT, "config", "deployments", "localhost.json"));

    const nonceBefore = await rpc(url, "eth_getTransactionCount", [record.deployer, "pending"]);
    const second = await run(
      [
        "hardhat",
        "deploy:system",
        "--no-compile",
        "--network",
        "localhost",
        "--deployments-dir",
        deploymentsDir,
      ],
      env,
    );
    assert.notEqual(second.code, 0);
    assert.match(
      second.stderr,
      /deploy:system failed \[DEPLOYMENT_EXISTS\]: .*localhost\.json exists: localhost has a deployment already\. Nothing was sent\. Pass --force/,
    );
    assert.doesNotMatch(second.stderr, /unexpected error/i);
    assert.equal(
      await rpc(url, "eth_getTransactionCount", [record.deployer, "pending"]),
      nonceBefore,
    );
    assert.deepEqual(JSON.parse(readFileSync(recordFile, "utf8")), record);
    console.log(
      `      (first deploy:system run on hardhat node: ${firstSeconds.toFixed(1)} s including Hardhat start-up)`,
    );
  });
});
