// The gas fixtures: the Mandate system on an in-process chain, deployed by the deployment core
// (deploy/plan.ts, deploy/execute.ts) as it is deployed for real, then put in use (scripts/gas/steps.ts
// holds the steps that bring about each measured state). Accounts stand for the owners' Safe and the
// guardian Safe.
import { readFileSync } from "node:fs";
import { join } from "node:path";

import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import hre from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

import { executePlan } from "../../deploy/execute.ts";
import { formatDuration } from "../../deploy/manifest/units.ts";
import { parseNetworkConfig } from "../../deploy/manifest/schema.ts";
import { MODULES, type ModuleEntry } from "../../deploy/modules.ts";
import { planDeployment } from "../../deploy/plan.ts";
import { mockModules } from "../../test/utils/mock-modules.ts";
import { createJob, JOB_REWARD, stake } from "./steps.ts";

import type {
  DisputeModule,
  JobRegistry,
  LeaseAgreement,
  MandateTestToken,
  MandateTimelock,
  MockModule,
  ReputationEngine,
  StakeManager,
  SystemPause,
} from "../../types/ethers-contracts/index.js";

export type Connection = NetworkConnection<"l1">;

export const TIMELOCK_DELAY = 2n * 24n * 3600n; // 2 days
export const UNBONDING_PERIOD = 7n * 24n * 3600n; // 7 days
/** Every test account starts with this many tokens (18 decimals). */
export const INITIAL_TOKENS = 1_000_000n * 10n ** 18n;
/** What the earlier staker deposits, so the system is in use before any measured operation. */
export const EARLIER_STAKE = 5_000n * 10n ** 18n;

export interface Accounts {
  deployer: HardhatEthersSigner;
  /** Stands for the owners' Safe: the timelock's only proposer and executor. */
  ownersSafe: HardhatEthersSigner;
  /** Stands for the guardian Safe: may call SystemPause.pauseAll. */
  guardian: HardhatEthersSigner;
  /** The staker whose operations are measured. */
  alice: HardhatEthersSigner;
  /** A staker who deposited before anything is measured. */
  bob: HardhatEthersSigner;
  /** Stands for a market module (JobRegistry, ...): authorised on StakeManager to lock stake. */
  module: HardhatEthersSigner;
  /** Receives slashed stake; already holds tokens. */
  treasury: HardhatEthersSigner;
  /** Holds no tokens: a first-time recipient, whose balance slot goes zero→nonzero. */
  newcomer: HardhatEthersSigner;
  /** Posts jobs (market fixture); holds tokens. */
  employer: HardhatEthersSigner;
  /** Takes jobs (market fixture); holds tokens and free stake. */
  agent: HardhatEthersSigner;
  /** Stands for the arbitrators' committee Safe of DisputeModule. */
  arbitrator: HardhatEthersSigner;
}

/** The market modules, deployed in the `market` fixture only. */
export interface Market {
  reputation: ReputationEngine;
  disputes: DisputeModule;
  registry: JobRegistry;
}

export interface MandateSystem {
  connection: Connection;
  accounts: Accounts;
  token: MandateTestToken;
  timelock: MandateTimelock;
  stakeManager: StakeManager;
  systemPause: SystemPause;
  /** Extra registered modules (MockModule) beyond StakeManager, to show how pausing grows. */
  mockModules: MockModule[];
  /** JobRegistry, DisputeModule and ReputationEngine, when the fixture deploys them. */
  market?: Market;
  /**
   * LeaseAgreement, deployed after SystemPause and not registered with it (so the pause figures stay
   * those of the modules named there); its DisputeModule is the test-only MockDisputeModule.
   */
  leaseAgreement: LeaseAgreement;
}

/** LeaseAgreement's parameters here: 2.5% fee, 3-day dispute window, leases of 1 hour to 365 days. */
export const LEASE_FEE_BPS = 250n;
export const LEASE_DISPUTE_WINDOW = 3n * 24n * 3600n;
/** The product bob lists in the lease scenarios, and alice's consent hash for it. */
export const LEASE_PRICE_PER_SECOND = 10n ** 12n;
export const LEASE_CONSENT_HASH =
  "0x47c111517326e7d5290124426b79660d12f0d929269673d0a80d605d43fe2354";

export interface DeployOptions {
  /** How many MockModules to register with SystemPause next to StakeManager. */
  mockModules: number;
  /**
   * Also deploy ReputationEngine, DisputeModule and JobRegistry after StakeManager, wired as
   * deploy/modules.ts wires them (JobRegistry authorised by its predicted address) and registered
   * with SystemPause. Off for the foundation fixtures, whose figures it would otherwise move.
   */
  market?: boolean;
}

/**
 * The module list the gas fixtures deploy through the deployment core: the real entries of
 * deploy/modules.ts, except that StakeManager also authorises the `module` account (it stands for a
 * market module in the StakeManager scenarios) and DisputeModule only JobRegistry, and
 * `mockModules` MockModules after them (test/utils/mock-modules.ts, as the benchmark uses).
 */
function gasModules(options: DeployOptions, module: string): ModuleEntry[] {
  const entry = (name: string) => MODULES.find((m) => m.name === name)!;
  const stakeManager: ModuleEntry = {
    ...entry("StakeManager"),
    constructorArgs: (context, params) => [
      context.timelock,
      context.systemPause,
      context.token,
      params.UNBONDING_PERIOD,
      options.market === true ? [module, context.moduleAddress("JobRegistry")] : [module],
    ],
  };
  // LeaseAgreement is not part of the fixtures (its scenarios use a MockDisputeModule), so
  // DisputeModule authorises JobRegistry alone.
  const disputeModule: ModuleEntry = {
    ...entry("DisputeModule"),
    constructorArgs: (context, params) => {
      // The real entry's arguments, its last (the authorised callers) narrowed to JobRegistry.
      const args = entry("DisputeModule").constructorArgs(
        {
          ...context,
          moduleAddress: (name) => (name === "LeaseAgreement" ? "" : context.moduleAddress(name)),
        },
        params,
      );
      return [...args.slice(0, -1), [context.moduleAddress("JobRegistry")]];
    },
  };
  const market =
    options.market === true
      ? MARKET_MODULES.map((name) => (name === "DisputeModule" ? disputeModule : entry(name)))
      : [];
  return [stakeManager, ...market, ...mockModules(options.mockModules)];
}

/** Deployed in the `market` fixture, in this order, registered with SystemPause. */
const MARKET_MODULES = ["ReputationEngine", "DisputeModule", "JobRegistry"];

const ROOT = hre.config.paths.root;

/**
 * The manifest of a gas fixture: config/hardhat.json's parameters (the market's), a 2-day delay,
 * and accounts standing for the owners' Safe, the guardian Safe, the treasury and the arbitrator.
 */
function gasManifest(options: DeployOptions, accounts: Accounts): unknown {
  const base = JSON.parse(readFileSync(join(ROOT, "config", "hardhat.json"), "utf8"));
  const modules: Record<string, unknown> = { StakeManager: { UNBONDING_PERIOD: "7d" } };
  if (options.market === true)
    for (const name of MARKET_MODULES) modules[name] = base.modules[name];
  for (let i = 0; i < options.mockModules; i++) modules[`Mock${i}`] = { FEE: 10, WINDOW: "1h" };
  return {
    network: "hardhat",
    chainId: base.chainId,
    governance: {
      minDelay: formatDuration(TIMELOCK_DELAY),
      ownersSafe: { address: accounts.ownersSafe.address },
      guardians: [{ address: accounts.guardian.address }],
      executors: ["ownersSafe"],
      treasury: accounts.treasury.address,
      arbitrator: accounts.arbitrator.address,
    },
    modules,
  };
}

/**
 * Deploys the system with the deployment core's plan and execute stages (deploy/plan.ts,
 * deploy/execute.ts): the timelock owns every module, SystemPause (at its predicted address) is
 * every module's pauser, and the MandateTestToken stands for the stake token. Accounts stand for the
 * owners' Safe and the guardian Safe, so that the measured governance calls are the timelock's and
 * SystemPause's own. Then LeaseAgreement (not registered with SystemPause) and the tokens and
 * stakes every scenario starts from.
 */
export async function deployGasFixture(
  connection: Connection,
  options: DeployOptions,
): Promise<MandateSystem> {
  const accounts = await gasAccounts(connection);
  const { deployer } = accounts;
  const core = await deployCore(connection, options, accounts);
  const leaseAgreement = await deployLeaseAgreement(connection, core, accounts);
  const { alice, bob, treasury, employer, agent } = accounts;
  const holders =
    options.market === true ? [alice, bob, treasury, employer, agent] : [alice, bob, treasury];
  for (const holder of holders) {
    await (await core.token.connect(deployer).mint(holder.address, INITIAL_TOKENS)).wait();
  }
  const system: MandateSystem = { connection, accounts, ...core, leaseAgreement };
  // The system is in use: someone staked before, so totalStaked and StakeManager's token balance are nonzero.
  await stake(system, bob, EARLIER_STAKE);
  if (core.market !== undefined) {
    // The market is in use too: the agent has free stake and an earlier job is open, so jobCount
    // and JobRegistry's token balance are nonzero.
    await stake(system, agent, EARLIER_STAKE);
    await createJob(system, JOB_REWARD);
  }
  return system;
}

/** The node's first eleven accounts, each standing for one party of the fixture. */
async function gasAccounts(connection: Connection): Promise<Accounts> {
  const [
    deployer,
    ownersSafe,
    guardian,
    alice,
    bob,
    module,
    treasury,
    newcomer,
    employer,
    agent,
    arbitrator,
  ] = await connection.ethers.getSigners();
  return {
    deployer,
    ownersSafe,
    guardian,
    alice,
    bob,
    module,
    treasury,
    newcomer,
    employer,
    agent,
    arbitrator,
  };
}

type CoreContracts = Pick<
  MandateSystem,
  "token" | "timelock" | "stakeManager" | "systemPause" | "mockModules" | "market"
>;

/** The governed system, deployed by the deployment core's plan and execute stages. */
async function deployCore(
  connection: Connection,
  options: DeployOptions,
  accounts: Accounts,
): Promise<CoreContracts> {
  const { ethers } = connection;
  const { deployer } = accounts;
  const modules = gasModules(options, accounts.module.address);
  const config = parseNetworkConfig(gasManifest(options, accounts), "gas fixture", { modules });
  const plan = planDeployment({
    config,
    network: "hardhat",
    deployer: deployer.address,
    startNonce: await deployer.getNonce(),
    localAccounts: [],
    modules,
  });
  await executePlan(plan, deployer, (name) => hre.artifacts.readArtifact(name));
  const at = <T>(name: string, address: string) =>
    ethers.getContractAt(name, address, deployer) as Promise<T>;
  const moduleAt = (name: string) => plan.modules.find((m) => m.name === name)!.address;
  const market: Market | undefined =
    options.market === true
      ? {
          reputation: await at<ReputationEngine>("ReputationEngine", moduleAt("ReputationEngine")),
          disputes: await at<DisputeModule>("DisputeModule", moduleAt("DisputeModule")),
          registry: await at<JobRegistry>("JobRegistry", moduleAt("JobRegistry")),
        }
      : undefined;
  return {
    token: await at<MandateTestToken>("MandateTestToken", plan.token),
    timelock: await at<MandateTimelock>("MandateTimelock", plan.timelock),
    stakeManager: await at<StakeManager>("StakeManager", moduleAt("StakeManager")),
    systemPause: await at<SystemPause>("SystemPause", plan.systemPause),
    mockModules: await Promise.all(
      plan.modules
        .filter((m) => m.artifact === "MockModule")
        .map((m) => at<MockModule>("MockModule", m.address)),
    ),
    market,
  };
}

/** LeaseAgreement (not registered with SystemPause) over a mock dispute module. */
async function deployLeaseAgreement(
  connection: Connection,
  core: CoreContracts,
  accounts: Accounts,
): Promise<LeaseAgreement> {
  const { deployer, treasury } = accounts;
  const token = await core.token.getAddress();
  const disputeModule = await connection.ethers.deployContract(
    "MockDisputeModule",
    [token, 10n ** 18n, 1_000],
    deployer,
  );
  return connection.ethers.deployContract(
    "LeaseAgreement",
    [
      await core.timelock.getAddress(),
      await core.systemPause.getAddress(),
      token,
      await disputeModule.getAddress(),
      treasury.address,
      LEASE_FEE_BPS,
      LEASE_DISPUTE_WINDOW,
      3_600,
      365 * 86_400,
    ],
    deployer,
  ) as unknown as Promise<LeaseAgreement>;
}
