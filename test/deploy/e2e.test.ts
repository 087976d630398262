// End to end, as a user runs it: a real `npx hardhat node` on a free loopback port, and
// `npx hardhat deploy:system --network localhost` as a subprocess writing its record to a temp dir.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

import hre from "hardhat";
import { MODULES } from "../../deploy/modules.ts";

const ROOT = hre.config.paths.root;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function rpc(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: unknown; error?: unknown };
  if (body.error !== undefined) throw new Error(JSON.stringify(body.error));
  return body.result;
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", args, { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("deploy:system end to end on `hardhat node`", function () {
  this.timeout(180_000);

  let node: ChildProcess | undefined;
  let url: string;
  let env: NodeJS.ProcessEnv;
  let deploymentsDir: string;
  let nodeOutput = "";

  before(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    env = { MANDATE_LOCALHOST_URL: url };
    deploymentsDir = mkdtempSync(join(tmpdir(), "mandate-e2e-"));
    // Its own process group, so `after` can stop npx and the node it started, by id.
    node = spawn("npx", ["hardhat", "node", "--hostname", "127.0.0.1", "--port", String(port)], {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    node.stdout!.on("data", (chunk) => (nodeOutput += chunk));
    node.stderr!.on("data", (chunk) => (nodeOutput += chunk));
    const deadline = Date.now() + 90_000;
    for (;;) {
      try {
        assert.equal(await rpc(url, "eth_chainId"), "0x7a69");
        break;
      } catch (error) {
        if (node.exitCode !== null || Date.now() > deadline)
          throw new Error(`hardhat node did not answer on ${url}: ${error}\n${nodeOutput}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  });

  after(() => {
    if (node?.pid !== undefined && node.exitCode === null) process.kill(-node.pid, "SIGTERM");
  });

  it("deploys, verifies and records the system, then refuses a second run without --force", async () => {
    const started = Date.now();
    const first = await run(
      ["hardhat", "deploy:system", "--network", "localhost", "--deployments-dir", deploymentsDir],
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
      ["hardhat", "deploy:system", "--network", "localhost", "--deployments-dir", deploymentsDir],
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
