// The command as an operator runs it (`npx hardhat lease:consent-hash <file>` in a subprocess), and
// the proof that its output is what the chain stores: a product listed with the printed hash, a lease
// opened on it, and the lease's consentHash read back equal to the printed hash.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import hre, { network } from "hardhat";

import { userEnv } from "../utils/hardhat-node.ts";
import { EXAMPLE_HASH } from "./consent-example.ts";

const ROOT = hre.config.paths.root;

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function hardhat(args: string[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["hardhat", ...args], { cwd: ROOT, env: userEnv() });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("lease:consent-hash", function () {
  this.timeout(120_000);

  let printed: string;

  before(async () => {
    const run = await hardhat(["lease:consent-hash", "config/examples/consent.json"]);
    assert.equal(run.code, 0, run.stderr);
    printed = run.stdout.trim();
  });

  it("prints the example's hash, alone, on stdout", () => {
    assert.equal(printed, EXAMPLE_HASH);
  });

  it("prints every problem with its file and JSON path on stderr, and exits non-zero", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mandate-consent-"));
    const file = join(dir, "bad.json");
    writeFileSync(
      file,
      JSON.stringify({ manifestVersion: 1, chainId: "31337", jurisdictions: [1] }),
    );
    const run = await hardhat(["lease:consent-hash", file]);
    assert.notEqual(run.code, 0);
    assert.equal(run.stdout.trim(), "", "no hash is printed for a bad manifest");
    assert.match(run.stderr, /\[MANIFEST_INVALID\]/);
    assert.ok(
      run.stderr.includes(`${file}: chainId: expected number, found string "31337"`),
      run.stderr,
    );
    assert.ok(
      run.stderr.includes(`${file}: jurisdictions[0]: expected string, found number 1`),
      run.stderr,
    );
    assert.ok(run.stderr.includes(`${file}: earner: expected string, found nothing`), run.stderr);
  });

  it("is the consent hash a lease opened on the listed product stores on chain", async () => {
    const connection = await network.create("hardhat");
    const { ethers } = connection;
    const [deployer, earner, lessee, treasury] = await ethers.getSigners();

    const token = await ethers.deployContract("MandateTestToken", deployer);
    const disputes = await ethers.deployContract("MockDisputeModule", [
      await token.getAddress(),
      10n ** 18n,
      1_000,
    ]);
    const leases = await ethers.deployContract("LeaseAgreement", [
      deployer.address,
      deployer.address,
      await token.getAddress(),
      await disputes.getAddress(),
      treasury.address,
      250,
      3 * 86_400,
      3_600,
      365 * 86_400,
    ]);

    await (
      await leases.connect(earner).listProduct(10n ** 12n, 3_600, 30 * 86_400, printed)
    ).wait();
    await (await token.mint(lessee.address, 10n ** 24n)).wait();
    await (await token.connect(lessee).approve(await leases.getAddress(), 10n ** 24n)).wait();
    await (
      await leases.connect(lessee).openLease(1, earner.address, 86_400, printed, 10n ** 24n)
    ).wait();

    assert.equal((await leases.product(1)).consentHash, printed);
    assert.equal((await leases.lease(1)).consentHash, printed);
    await connection.close();
  });
});
