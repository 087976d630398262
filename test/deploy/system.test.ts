// The deployment core on the in-process network: the system it leaves is governed as designed, the
// Safes can exercise that authority, the deployer keeps none, and bad starts send nothing.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { expect } from "chai";
import { Contract, getCreateAddress, id, keccak256, ZeroHash, type Signer } from "ethers";
import hre, { network } from "hardhat";

import { parameter } from "../../deploy/manifest/parameters.ts";
import { TIMELOCK_DELAY_BOUNDS } from "../../deploy/manifest/schema.ts";
import { DeployError } from "../../deploy/errors.ts";
import {
  DISPUTE_MODULE_BOUNDS,
  JOB_REGISTRY_BOUNDS,
  MODULES,
  STAKE_MANAGER_UNBONDING_BOUNDS,
  REPUTATION_ENGINE_BOUNDS,
  LEASE_AGREEMENT_BOUNDS,
} from "../../deploy/modules.ts";
import {
  deploySystem,
  type DeploySystemOptions,
  type DeploySystemResult,
} from "../../deploy/system.ts";
import { TIMELOCK_ROLES } from "../../owner/chain/contracts.ts";
import {
  contractNetworksFor,
  proposeSafeTransaction,
  SafeSigningError,
  signSafeTransaction,
} from "../../owner/safe/sign.ts";
import { execTransactionDirectly, safeSender } from "../utils/safe.ts";

const ROOT = hre.config.paths.root;

describe("deploy:system core on the in-process network", function () {
  this.timeout(120_000);

  let connection: Awaited<ReturnType<typeof network.create>>;
  let signers: Signer[];
  let deployer: Signer;

  before(async () => {
    connection = await network.create("hardhat");
    signers = await connection.ethers.getSigners();
    deployer = signers[0];
  });

  function options(overrides: Partial<DeploySystemOptions> = {}): DeploySystemOptions {
    return {
      network: "hardhat",
      provider: connection.ethers.provider,
      signers,
      readArtifact: (name) => hre.artifacts.readArtifact(name),
      rootDir: ROOT,
      deploymentsDir: mkdtempSync(join(tmpdir(), "mandate-deployments-")),
      ephemeral: true,
      ...overrides,
    };
  }

  async function deployedSystem(): Promise<DeploySystemResult> {
    return deploySystem(options());
  }

  /** One deployment, snapshotted: every test starts from the freshly deployed system. */
  const fixture = () => connection.networkHelpers.loadFixture(deployedSystem);

  const at = (name: string, address: string, signer?: Signer) =>
    hre.artifacts
      .readArtifact(name)
      .then(
        (artifact) => new Contract(address, artifact.abi, signer ?? connection.ethers.provider),
      );

  it("leaves every module owned by the timelock and paused by SystemPause, and the deployer with nothing", async () => {
    const { plan, checks } = await fixture();
    assert.ok(checks.length > 20);
    assert.deepEqual(
      checks.filter((c) => c.status !== "ok"),
      [],
    );
    const deployerAddress = await deployer.getAddress();

    for (const module of plan.modules) {
      const contract = await at(module.artifact, module.address);
      assert.equal(await contract.owner(), plan.timelock);
      assert.equal(await contract.pendingOwner(), "0x0000000000000000000000000000000000000000");
      assert.equal(await contract.pauser(), plan.systemPause);
    }
    const systemPause = await at("SystemPause", plan.systemPause);
    assert.equal(await systemPause.owner(), plan.timelock);
    assert.deepEqual(
      [...(await systemPause.modules())],
      plan.modules.map((m) => m.address),
    );
    assert.deepEqual([...(await systemPause.guardians())], [plan.governance.guardians[0].address]);
    assert.equal(await systemPause.isGuardian(deployerAddress), false);

    const timelock = await at("MandateTimelock", plan.timelock);
    const ownersSafe = plan.governance.ownersSafe.address;
    assert.equal(await timelock.getMinDelay(), 3_600n);
    assert.equal(await timelock.hasRole(TIMELOCK_ROLES.PROPOSER_ROLE, ownersSafe), true);
    assert.equal(await timelock.hasRole(TIMELOCK_ROLES.CANCELLER_ROLE, ownersSafe), true);
    assert.equal(await timelock.hasRole(TIMELOCK_ROLES.EXECUTOR_ROLE, ownersSafe), true);
    assert.equal(await timelock.hasRole(TIMELOCK_ROLES.DEFAULT_ADMIN_ROLE, plan.timelock), true);
    for (const role of Object.values(TIMELOCK_ROLES)) {
      assert.equal(await timelock.hasRole(role, deployerAddress), false, `deployer holds ${role}`);
    }

    const stakeManager = await at("StakeManager", plan.modules[0].address);
    assert.equal(await stakeManager.token(), plan.token);
    assert.equal(await stakeManager.unbondingPeriod(), 7n * 86_400n);
  });

  it("builds the owners Safe 3-of-5 over accounts 1..5 and the guardian Safe 2-of-3 over accounts 6..8", async () => {
    const { plan, record } = await fixture();
    const addresses = await Promise.all(signers.map((s) => s.getAddress()));
    const safe = (address: string) =>
      new Contract(
        address,
        [
          "function getOwners() view returns (address[])",
          "function getThreshold() view returns (uint256)",
        ],
        connection.ethers.provider,
      );
    const owners = safe(plan.governance.ownersSafe.address);
    assert.deepEqual([...(await owners.getOwners())], addresses.slice(1, 6));
    assert.equal(await owners.getThreshold(), 3n);
    const guardian = safe(plan.governance.guardians[0].address);
    assert.deepEqual([...(await guardian.getOwners())], addresses.slice(6, 9));
    assert.equal(await guardian.getThreshold(), 2n);
    assert.equal(record.governance.treasury, addresses[9]);
    assert.deepEqual(
      Object.keys(record.safeSuite!)
        .filter((k) => k !== "version" && k !== "singleton")
        .sort(),
      [
        "CompatibilityFallbackHandler",
        "CreateCall",
        "MultiSend",
        "MultiSendCallOnly",
        "Safe",
        "SafeL2",
        "SafeProxyFactory",
        "SignMessageLib",
        "SimulateTxAccessor",
      ],
    );
  });

  it("mirrors the contracts' bounds in the config schema", async () => {
    const { plan } = await fixture();
    const stakeManager = await at("StakeManager", plan.modules[0].address);
    assert.equal(await stakeManager.MIN_UNBONDING_PERIOD(), STAKE_MANAGER_UNBONDING_BOUNDS.min);
    assert.equal(await stakeManager.MAX_UNBONDING_PERIOD(), STAKE_MANAGER_UNBONDING_BOUNDS.max);
    const reputation = await at("ReputationEngine", plan.modules[1].address);
    assert.equal(await reputation.MIN_HALF_LIFE(), REPUTATION_ENGINE_BOUNDS.halfLife.min);
    assert.equal(await reputation.MAX_HALF_LIFE(), REPUTATION_ENGINE_BOUNDS.halfLife.max);
    assert.equal(await reputation.MIN_SCORE_CAP(), REPUTATION_ENGINE_BOUNDS.scoreCap.min);
    assert.equal(await reputation.MAX_SCORE_CAP(), REPUTATION_ENGINE_BOUNDS.scoreCap.max);
    const leaseAddress = plan.modules.find((m) => m.name === "LeaseAgreement")!.address;
    const leases = await at("LeaseAgreement", leaseAddress);
    const bounds = LEASE_AGREEMENT_BOUNDS;
    assert.equal(await leases.MAX_PROTOCOL_FEE_BPS(), bounds.protocolFeeBps.max);
    assert.equal(await leases.MIN_DISPUTE_WINDOW(), bounds.disputeWindow.min);
    assert.equal(await leases.MAX_DISPUTE_WINDOW(), bounds.disputeWindow.max);
    assert.equal(await leases.MIN_LEASE_DURATION_FLOOR(), bounds.minLeaseDuration.min);
    assert.equal(await leases.MIN_LEASE_DURATION_CEILING(), bounds.minLeaseDuration.max);
    assert.equal(await leases.MAX_LEASE_DURATION_FLOOR(), bounds.maxLeaseDuration.min);
    assert.equal(await leases.MAX_LEASE_DURATION_CEILING(), bounds.maxLeaseDuration.max);
    const moduleAt = (name: string) => at(name, plan.modules.find((m) => m.name === name)!.address);
    const disputes = await moduleAt("DisputeModule");
    assert.equal(await disputes.isAuthorisedModule(leaseAddress), true);
    assert.equal(await disputes.MIN_MIN_BOND(), DISPUTE_MODULE_BOUNDS.minBond.min);
    assert.equal(await disputes.MAX_MIN_BOND(), DISPUTE_MODULE_BOUNDS.minBond.max);
    assert.equal(await disputes.MAX_BOND_SHARE_BPS(), DISPUTE_MODULE_BOUNDS.bondShare.max);
    assert.equal(await disputes.MAX_DISPUTE_FEE_BPS(), DISPUTE_MODULE_BOUNDS.disputeFee.max);
    assert.equal(await disputes.MIN_RULING_PERIOD(), DISPUTE_MODULE_BOUNDS.rulingPeriod.min);
    assert.equal(await disputes.MAX_RULING_PERIOD(), DISPUTE_MODULE_BOUNDS.rulingPeriod.max);
    const jobs = await moduleAt("JobRegistry");
    assert.equal(await jobs.MAX_PROTOCOL_FEE_BPS(), JOB_REGISTRY_BOUNDS.protocolFee.max);
    assert.equal(await jobs.MIN_WINDOW(), JOB_REGISTRY_BOUNDS.window.min);
    assert.equal(await jobs.MAX_WINDOW(), JOB_REGISTRY_BOUNDS.window.max);
    assert.equal(await jobs.MIN_JOB_STAKE(), JOB_REGISTRY_BOUNDS.jobStake.min);
    assert.equal(await jobs.MAX_JOB_STAKE(), JOB_REGISTRY_BOUNDS.jobStake.max);
    assert.equal(await jobs.BPS(), JOB_REGISTRY_BOUNDS.slashShare.max);
    assert.equal(await jobs.MAX_REPUTATION_POINTS(), JOB_REGISTRY_BOUNDS.reputationPoints.max);
    assert.equal(await jobs.MIN_MAX_JOB_DURATION(), JOB_REGISTRY_BOUNDS.maxJobDuration.min);
    assert.equal(await jobs.MAX_MAX_JOB_DURATION(), JOB_REGISTRY_BOUNDS.maxJobDuration.max);
    assert.equal(await jobs.MIN_REPUTATION_PRICE(), JOB_REGISTRY_BOUNDS.reputationPrice.min);
    assert.equal(await jobs.MAX_REPUTATION_PRICE(), JOB_REGISTRY_BOUNDS.reputationPrice.max);
    assert.equal(await jobs.MIN_UNGATED_REWARD(), JOB_REGISTRY_BOUNDS.ungatedReward.min);
    assert.equal(await jobs.MAX_UNGATED_REWARD(), JOB_REGISTRY_BOUNDS.ungatedReward.max);
    const timelock = await at("MandateTimelock", plan.timelock);
    assert.equal(await timelock.MIN_DELAY_FLOOR(), TIMELOCK_DELAY_BOUNDS.min);
    assert.equal(await timelock.MIN_DELAY_CEILING(), TIMELOCK_DELAY_BOUNDS.max);
  });

  it("wires the market: JobRegistry authorised where it calls, the owners Safe arbitrates, fees to the treasury", async () => {
    const { plan, record } = await fixture();
    const moduleAt = (name: string) => at(name, plan.modules.find((m) => m.name === name)!.address);
    const jobs = await moduleAt("JobRegistry");
    const jobsAddress = await jobs.getAddress();
    for (const name of ["StakeManager", "ReputationEngine", "DisputeModule"]) {
      assert.equal(await (await moduleAt(name)).isAuthorisedModule(jobsAddress), true, name);
    }
    const disputes = await moduleAt("DisputeModule");
    assert.equal(await disputes.arbitrator(), plan.governance.ownersSafe.address);
    assert.equal(record.governance.arbitrator, plan.governance.ownersSafe.address);
    assert.equal(await disputes.treasury(), plan.governance.treasury);
    assert.equal(await disputes.token(), plan.token);
    assert.equal(await disputes.parameter(id("MIN_BOND")), 10n * 10n ** 18n);
    assert.equal(await disputes.parameter(id("DEFAULT_OUTCOME")), 2n);
    assert.equal(await jobs.treasury(), plan.governance.treasury);
    assert.equal(await jobs.token(), plan.token);
    assert.equal(await jobs.disputeModule(), await disputes.getAddress());
    assert.equal(await jobs.parameter(id("JOB_STAKE")), 100n * 10n ** 18n);
    assert.equal(await jobs.parameter(id("PROTOCOL_FEE_BPS")), 250n);
  });

  it("records every contract with its constructor args, tx hash and the hash of its code on chain", async () => {
    const { record, recordFile, plan } = await fixture();
    const onDisk = JSON.parse(readFileSync(recordFile, "utf8"));
    assert.equal(onDisk.chainId, 31337);
    assert.equal(onDisk.deployer, await deployer.getAddress());
    assert.match(onDisk.git.commit, /^[0-9a-f]{40}$/);
    assert.equal(typeof onDisk.git.dirty, "boolean");
    assert.deepEqual(
      Object.keys(onDisk.contracts),
      plan.steps.map((s) => s.id),
    );
    for (const [name, entry] of Object.entries<any>(onDisk.contracts)) {
      assert.equal(
        entry.runtimeCodeHash,
        keccak256(await connection.ethers.provider.getCode(entry.address)),
        name,
      );
      const tx = await connection.ethers.provider.getTransaction(entry.txHash);
      assert.equal(tx!.nonce, entry.nonce, name);
    }
    assert.deepEqual(onDisk.contracts.MandateTimelock.constructorArgs, [
      "3600",
      [plan.governance.ownersSafe.address],
      [plan.governance.ownersSafe.address],
    ]);
    assert.deepEqual(onDisk.contracts.StakeManager.constructorArgs, [
      plan.timelock,
      plan.systemPause,
      plan.token,
      "604800",
      [plan.modules.find((m) => m.name === "JobRegistry")!.address],
    ]);
    assert.equal(onDisk.governance.systemPause, record.governance.systemPause);
    assert.equal(onDisk.verification.failed, 0);
  });

  it("lets the guardian Safe (2 of 3) pause everything, and nobody else but governance", async () => {
    const { plan, record } = await fixture();
    const sendFromSafe = safeSender(connection.ethers.provider, record);
    const systemPause = await at("SystemPause", plan.systemPause);
    const guardianSafe = plan.governance.guardians[0].address;

    const stranger = signers[12];
    await expect(systemPause.connect(stranger).getFunction("pauseAll")())
      .to.be.revertedWithCustomError(systemPause, "SystemPause_CallerNotGuardian")
      .withArgs(await stranger.getAddress());
    await expect(systemPause.connect(deployer).getFunction("pauseAll")())
      .to.be.revertedWithCustomError(systemPause, "SystemPause_CallerNotGuardian")
      .withArgs(await deployer.getAddress());
    // A guardian Safe owner acting alone is not the guardian.
    await expect(
      systemPause.connect(signers[6]).getFunction("pauseAll")(),
    ).to.be.revertedWithCustomError(systemPause, "SystemPause_CallerNotGuardian");

    await sendFromSafe(
      guardianSafe,
      { to: plan.systemPause, data: systemPause.interface.encodeFunctionData("pauseAll") },
      [signers[7], signers[6]],
    );
    const [modules, states] = await systemPause.pausedStates();
    assert.deepEqual(
      [...modules],
      plan.modules.map((m) => m.address),
    );
    assert.deepEqual(
      [...states],
      plan.modules.map(() => 1n), // ModuleState.Paused
    );
  });

  it("refuses a guardian Safe transaction with one signature out of two", async () => {
    const { plan, record } = await fixture();
    const systemPause = await at("SystemPause", plan.systemPause);
    const guardianSafe = plan.governance.guardians[0].address;
    const pauseAll = {
      to: plan.systemPause,
      data: systemPause.interface.encodeFunctionData("pauseAll"),
    };
    // The Safe layer refuses before sending...
    await assert.rejects(
      safeSender(connection.ethers.provider, record)(guardianSafe, pauseAll, [signers[6]]),
      (error: SafeSigningError) => error.code === "BELOW_THRESHOLD",
    );
    // ...and the Safe itself refuses one signature.
    const safe = {
      provider: connection.provider as never,
      safeAddress: guardianSafe,
      contractNetworks: contractNetworksFor(31337, record.safeSuite as never),
    };
    const signed = await signSafeTransaction(
      safe,
      await proposeSafeTransaction(safe, [{ ...pauseAll, value: 0n }]),
      [await signers[6].getAddress()],
    );
    await assert.rejects(
      execTransactionDirectly(guardianSafe, signed, signers[6]),
      /GS020/, // "signatures data too short": fewer signatures than the threshold
    );
  });

  it("lets the owners Safe (3 of 5) unpause through the timelock, only after the delay", async () => {
    const { plan, record } = await fixture();
    const sendFromSafe = safeSender(connection.ethers.provider, record);
    const systemPause = await at("SystemPause", plan.systemPause);
    const timelock = await at("MandateTimelock", plan.timelock);
    await sendFromSafe(
      plan.governance.guardians[0].address,
      { to: plan.systemPause, data: systemPause.interface.encodeFunctionData("pauseAll") },
      [signers[6], signers[8]],
    );

    // governance cannot skip the timelock: the Safe is not SystemPause's owner.
    const ownersSafe = plan.governance.ownersSafe.address;
    const unpauseData = systemPause.interface.encodeFunctionData("unpauseAll");
    // GS013: the inner call reverted (OwnableUnauthorizedAccount), so the Safe transaction reverts.
    await assert.rejects(
      sendFromSafe(ownersSafe, { to: plan.systemPause, data: unpauseData }, [
        signers[1],
        signers[2],
        signers[3],
      ]),
      /GS013/,
    );

    const salt = id("unpause after drill");
    const delay = await timelock.getMinDelay();
    await sendFromSafe(
      ownersSafe,
      {
        to: plan.timelock,
        data: timelock.interface.encodeFunctionData("schedule", [
          plan.systemPause,
          0n,
          unpauseData,
          ZeroHash,
          salt,
          delay,
        ]),
      },
      [signers[1], signers[2], signers[3]],
    );
    const operation = await timelock.hashOperation(
      plan.systemPause,
      0n,
      unpauseData,
      ZeroHash,
      salt,
    );
    assert.equal(await timelock.isOperationPending(operation), true);

    const execute = {
      to: plan.timelock,
      data: timelock.interface.encodeFunctionData("execute", [
        plan.systemPause,
        0n,
        unpauseData,
        ZeroHash,
        salt,
      ]),
    };
    await assert.rejects(
      sendFromSafe(ownersSafe, execute, [signers[3], signers[4], signers[5]]),
      /GS013/,
      "executing before the delay must fail",
    );

    await connection.networkHelpers.time.increase(delay);
    await sendFromSafe(ownersSafe, execute, [signers[3], signers[4], signers[5]]);
    assert.equal(await timelock.isOperationDone(operation), true);
    const [, states] = await systemPause.pausedStates();
    assert.deepEqual(
      [...states],
      plan.modules.map(() => 0n), // ModuleState.Running
    );
  });

  it("aborts cleanly when another transaction from the deployer shifts the nonce mid-plan", async () => {
    const deployerAddress = await deployer.getAddress();
    const startNonce = await connection.ethers.provider.getTransactionCount(deployerAddress);
    const deploymentsDir = mkdtempSync(join(tmpdir(), "mandate-deployments-"));
    let disturbedAfter = "";
    const error = await deploySystem(
      options({
        deploymentsDir,
        hooks: {
          async afterStep(step, index) {
            if (index !== 3) return;
            disturbedAfter = step.id;
            await (await deployer.sendTransaction({ to: deployerAddress, value: 0n })).wait();
          },
        },
      }),
    ).then(
      () => assert.fail("the deployment went through"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof DeployError);
    assert.equal(error.code, "NONCE_MISMATCH");
    assert.equal(disturbedAfter, "SafeProxyFactory");
    assert.match(
      error.message,
      new RegExp(
        `step 5/\\d+ \\(MultiSend\\) was planned at nonce ${startNonce + 4} but the deployer ${deployerAddress} is at nonce ${startNonce + 5}`,
      ),
    );
    assert.equal(error.details.length, 4);
    // Nothing after the disturbance was sent, and no record claims a system.
    assert.equal(
      await connection.ethers.provider.getTransactionCount(deployerAddress),
      startNonce + 5,
    );
    assert.equal(
      await connection.ethers.provider.getCode(
        getCreateAddress({ from: deployerAddress, nonce: startNonce + 5 }),
      ),
      "0x",
    );
    assert.equal(existsSync(join(deploymentsDir, "hardhat.json")), false);
  });

  it("refuses an existing deployment record without --force before sending anything", async () => {
    const deploymentsDir = mkdtempSync(join(tmpdir(), "mandate-deployments-"));
    writeFileSync(join(deploymentsDir, "hardhat.json"), "{}\n");
    const provider = connection.ethers.provider;
    const blockBefore = await provider.getBlockNumber();
    const nonceBefore = await provider.getTransactionCount(await deployer.getAddress());
    await assert.rejects(
      deploySystem(options({ deploymentsDir, ephemeral: false })),
      (error: DeployError) => {
        assert.equal(error.code, "DEPLOYMENT_EXISTS");
        assert.match(error.message, /hardhat\.json exists: .*Nothing was sent\. Pass --force/);
        return true;
      },
    );
    assert.equal(await provider.getBlockNumber(), blockBefore);
    assert.equal(await provider.getTransactionCount(await deployer.getAddress()), nonceBefore);
    assert.equal(readFileSync(join(deploymentsDir, "hardhat.json"), "utf8"), "{}\n");

    // With force it deploys and overwrites.
    const result = await deploySystem(options({ deploymentsDir, ephemeral: false, force: true }));
    assert.equal(
      JSON.parse(readFileSync(join(deploymentsDir, "hardhat.json"), "utf8")).governance.timelock,
      result.plan.timelock,
    );
  });

  it("refuses a config for another chain before sending anything", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mandate-config-"));
    const config = JSON.parse(readFileSync(join(ROOT, "config", "hardhat.json"), "utf8"));
    config.chainId = 1;
    config.token = "0x0000000000000000000000000000000000000001";
    config.governance = {
      ...config.governance,
      ownersSafe: { address: "0x0000000000000000000000000000000000000002" },
      guardians: [{ address: "0x0000000000000000000000000000000000000003" }],
      treasury: "0x0000000000000000000000000000000000000004",
    };
    const configFile = join(dir, "hardhat.json");
    writeFileSync(configFile, JSON.stringify(config));
    const blockBefore = await connection.ethers.provider.getBlockNumber();
    await assert.rejects(deploySystem(options({ configFile })), (error: DeployError) => {
      assert.equal(error.code, "WRONG_CHAIN");
      assert.match(
        error.message,
        /connected to chain 31337, but .*hardhat\.json is for chain 1\. Nothing was sent\./,
      );
      return true;
    });
    assert.equal(await connection.ethers.provider.getBlockNumber(), blockBefore);
  });
  it("refuses authority the deployment must not create, naming file and path, before sending anything", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mandate-config-"));
    const config = JSON.parse(readFileSync(join(ROOT, "config", "hardhat.json"), "utf8"));
    const account1 = await signers[1].getAddress();
    const outsider = "0x00000000000000000000000000000000000000aa";
    config.governance.ownersSafe.owners[1] = account1; // account:1 written a second way
    config.governance.guardians[0].owners[0] = "account:0"; // the deployer
    config.governance.executors = [outsider, outsider];
    config.governance.treasury = "account:0";
    const configFile = join(dir, "hardhat.json");
    writeFileSync(configFile, JSON.stringify(config));
    const provider = connection.ethers.provider;
    const blockBefore = await provider.getBlockNumber();
    await assert.rejects(deploySystem(options({ configFile })), (error: DeployError) => {
      assert.equal(error.code, "CONFIG_INVALID");
      assert.match(
        error.message,
        /gives authority the deployment must not create \(4 problems\); nothing was sent/,
      );
      const lines = error.details.join("\n");
      assert.match(
        lines,
        new RegExp(
          `hardhat\\.json: governance\\.ownersSafe\\.owners\\[1\\]: expected distinct owners, found ${account1}, the same account as owners\\[0\\] account:1`,
        ),
      );
      assert.match(
        lines,
        /hardhat\.json: governance\.guardians\[0\]\.owners\[0\]: expected an account other than the deployer, found account:0 \(0x[0-9a-fA-F]{40}\)/,
      );
      assert.match(lines, /hardhat\.json: governance\.executors\[1\]: expected distinct executors/);
      assert.match(
        lines,
        /hardhat\.json: governance\.treasury: expected an account other than the deployer, found account:0/,
      );
      return true;
    });
    assert.equal(await provider.getBlockNumber(), blockBefore);
  });

  it("reports a config for another chain as the wrong chain alone, not as that chain's rules", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mandate-config-"));
    const config = JSON.parse(readFileSync(join(ROOT, "config", "hardhat.json"), "utf8"));
    config.chainId = 80002; // a development file with a live chain's id: no token, account:N, no Safe addresses
    const configFile = join(dir, "hardhat.json");
    writeFileSync(configFile, JSON.stringify(config));
    await assert.rejects(deploySystem(options({ configFile })), (error: DeployError) => {
      assert.equal(error.code, "WRONG_CHAIN");
      assert.match(
        error.message,
        /connected to chain 31337, but .*hardhat\.json is for chain 80002\. Nothing was sent\. \(.*hardhat\.json: chainId: expected 31337, found 80002\)/,
      );
      assert.equal(error.details.length, 0);
      return true;
    });
  });
});

describe("deploy:system module list", function () {
  this.timeout(120_000);

  it("takes a new module with one entry, which an earlier module may name before it is deployed", async () => {
    const stakeManager = MODULES[0];
    const modules = [
      // StakeManager authorises the module declared after it, by its predicted address.
      {
        ...stakeManager,
        constructorArgs: (context: any, params: any) => [
          context.timelock,
          context.systemPause,
          context.token,
          params.UNBONDING_PERIOD,
          [context.moduleAddress("MockModule")],
        ],
      },
      {
        name: "MockModule",
        artifact: "MockModule",
        parameters: {
          FEE: parameter.integer({ min: 0n, max: 1_000n }, "MockModule bounds"),
          WINDOW: parameter.duration({ min: 3_600n, max: 30n * 86_400n }, "MockModule bounds"),
        },
        constructorArgs: (context: any, params: any) => [
          context.timelock,
          context.systemPause,
          params.FEE,
          params.WINDOW,
        ],
      },
    ];
    const dir = mkdtempSync(join(tmpdir(), "mandate-modules-"));
    const config = JSON.parse(readFileSync(join(ROOT, "config", "hardhat.json"), "utf8"));
    config.modules = {
      StakeManager: config.modules.StakeManager,
      MockModule: { FEE: 25, WINDOW: "2d" },
    };
    writeFileSync(join(dir, "hardhat.json"), JSON.stringify(config));

    const connection = await network.create("hardhat");
    const result = await deploySystem({
      network: "hardhat",
      provider: connection.ethers.provider,
      signers: await connection.ethers.getSigners(),
      readArtifact: (name) => hre.artifacts.readArtifact(name),
      rootDir: ROOT,
      configFile: join(dir, "hardhat.json"),
      deploymentsDir: dir,
      ephemeral: true,
      modules: modules as any,
    });
    const [stake, mock] = result.plan.modules;
    assert.deepEqual([stake.name, mock.name], ["StakeManager", "MockModule"]);
    const stakeManagerContract = new Contract(
      stake.address,
      (await hre.artifacts.readArtifact("StakeManager")).abi,
      connection.ethers.provider,
    );
    assert.equal(await stakeManagerContract.isAuthorisedModule(mock.address), true);
    const systemPause = new Contract(
      result.plan.systemPause,
      (await hre.artifacts.readArtifact("SystemPause")).abi,
      connection.ethers.provider,
    );
    assert.deepEqual([...(await systemPause.modules())], [stake.address, mock.address]);
    // Verification covered the new module's code (against the hash just recorded), owner, pauser
    // and both parameters.
    const mockChecks = result.checks.filter((c) => c.subject.startsWith("MockModule"));
    assert.deepEqual(
      mockChecks.map((c) => c.property),
      [
        "runtime code hash",
        "owner",
        "pendingOwner",
        "pauser",
        "paused",
        "parameter keys",
        "parameter FEE",
        "parameter WINDOW",
      ],
    );
    assert.ok(mockChecks.every((c) => c.status === "ok"));
    await connection.close();
  });
});
