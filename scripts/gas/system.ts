// Deploys the Mandate foundation on an in-process chain the way it is deployed for real: the timelock
// owns every module, SystemPause (at its predicted address) is every module's pauser, and the
// MandateTestToken stands for the stake token. EOAs stand for the owners' Safe and the guardian Safe.
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { ZeroHash, type ContractTransactionResponse } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import type {
  LeaseAgreement,
  MandateTestToken,
  MandateTimelock,
  MockModule,
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
}

export async function deploySystem(
  connection: Connection,
  options: DeployOptions,
): Promise<MandateSystem> {
  const { ethers } = connection;
  const [deployer, ownersSafe, guardian, alice, bob, module, treasury, newcomer] =
    await ethers.getSigners();
  const accounts: Accounts = {
    deployer,
    ownersSafe,
    guardian,
    alice,
    bob,
    module,
    treasury,
    newcomer,
  };

  const token = await ethers.deployContract("MandateTestToken", deployer);
  const timelock = await ethers.deployContract(
    "MandateTimelock",
    [TIMELOCK_DELAY, [ownersSafe.address], [ownersSafe.address]],
    deployer,
  );

  // Modules name SystemPause as their pauser before it exists: it is deployed right after them.
  const nonce = await deployer.getNonce();
  const systemPauseAddress = ethers.getCreateAddress({
    from: deployer.address,
    nonce: nonce + 1 + options.mockModules,
  });

  const stakeManager = await ethers.deployContract(
    "StakeManager",
    [
      await timelock.getAddress(),
      systemPauseAddress,
      await token.getAddress(),
      UNBONDING_PERIOD,
      [module.address],
    ],
    deployer,
  );
  const mockModules: MockModule[] = [];
  for (let i = 0; i < options.mockModules; i++) {
    mockModules.push(
      await ethers.deployContract(
        "MockModule",
        [await timelock.getAddress(), systemPauseAddress, 10, 3600],
        deployer,
      ),
    );
  }
  const moduleAddresses = [
    await stakeManager.getAddress(),
    ...(await Promise.all(mockModules.map((m) => m.getAddress()))),
  ];
  const systemPause = await ethers.deployContract(
    "SystemPause",
    [await timelock.getAddress(), moduleAddresses, [guardian.address]],
    deployer,
  );
  if ((await systemPause.getAddress()) !== systemPauseAddress) {
    throw new Error(
      `SystemPause landed at ${await systemPause.getAddress()}, not the predicted ${systemPauseAddress}`,
    );
  }

  const disputeModule = await ethers.deployContract(
    "MockDisputeModule",
    [await token.getAddress(), 10n ** 18n, 1_000],
    deployer,
  );
  const leaseAgreement = await ethers.deployContract(
    "LeaseAgreement",
    [
      await timelock.getAddress(),
      systemPauseAddress,
      await token.getAddress(),
      await disputeModule.getAddress(),
      treasury.address,
      LEASE_FEE_BPS,
      LEASE_DISPUTE_WINDOW,
      3_600,
      365 * 86_400,
    ],
    deployer,
  );

  for (const holder of [alice, bob, treasury]) {
    await (await token.connect(deployer).mint(holder.address, INITIAL_TOKENS)).wait();
  }
  const system: MandateSystem = {
    connection,
    accounts,
    token,
    timelock,
    stakeManager,
    systemPause,
    mockModules,
    leaseAgreement,
  };
  // The system is in use: someone staked before, so totalStaked and StakeManager's token balance are nonzero.
  await stake(system, bob, EARLIER_STAKE);
  return system;
}

// ---------------------------------------------------------------- helpers that bring about a state

/** Approves exactly `amount` (what a wallet proposes by default) and deposits it. */
export async function stake(
  system: MandateSystem,
  staker: HardhatEthersSigner,
  amount: bigint,
): Promise<void> {
  await approveExactly(system, staker, amount);
  await (await system.stakeManager.connect(staker).deposit(amount)).wait();
}

/** bob lists a product (1e12 per second, 1 hour to 30 days) under LEASE_CONSENT_HASH; id 1. */
export async function listLeaseProduct(system: MandateSystem): Promise<void> {
  await (
    await system.leaseAgreement
      .connect(system.accounts.bob)
      .listProduct(LEASE_PRICE_PER_SECOND, 3_600, 30 * 86_400, LEASE_CONSENT_HASH)
  ).wait();
}

/** alice approves exactly the price of `seconds` of product 1 to LeaseAgreement. */
export async function approveLease(system: MandateSystem, seconds: bigint): Promise<void> {
  await (
    await system.token
      .connect(system.accounts.alice)
      .approve(await system.leaseAgreement.getAddress(), LEASE_PRICE_PER_SECOND * seconds)
  ).wait();
}

/** alice opens a lease of product 1 for `seconds` (approving exactly its price first). */
export async function openLease(system: MandateSystem, seconds: bigint): Promise<void> {
  await approveLease(system, seconds);
  await (
    await system.leaseAgreement
      .connect(system.accounts.alice)
      .openLease(1, seconds, LEASE_CONSENT_HASH, LEASE_PRICE_PER_SECOND * seconds)
  ).wait();
}

export async function approveExactly(
  system: MandateSystem,
  owner: HardhatEthersSigner,
  amount: bigint,
): Promise<void> {
  await (
    await system.token.connect(owner).approve(await system.stakeManager.getAddress(), amount)
  ).wait();
}

/** A fixed nonzero salt: real proposals get one each; fixed here so calldata, and so gas, is reproducible. */
export const GOVERNANCE_SALT = "0x6d616e646174652e676f7665726e616e63650000000000000000000000000001";

export interface TimelockCall {
  target: string;
  data: string;
}

export function schedule(
  system: MandateSystem,
  call: TimelockCall,
): Promise<ContractTransactionResponse> {
  return system.timelock
    .connect(system.accounts.ownersSafe)
    .schedule(call.target, 0, call.data, ZeroHash, GOVERNANCE_SALT, TIMELOCK_DELAY);
}

export function execute(
  system: MandateSystem,
  call: TimelockCall,
): Promise<ContractTransactionResponse> {
  return system.timelock
    .connect(system.accounts.ownersSafe)
    .execute(call.target, 0, call.data, ZeroHash, GOVERNANCE_SALT);
}

/** Schedules `call` and lets the delay pass, so that the next step is `execute`. */
export async function scheduleAndWait(system: MandateSystem, call: TimelockCall): Promise<void> {
  await (await schedule(system, call)).wait();
  await system.connection.networkHelpers.time.increase(TIMELOCK_DELAY);
}

export async function setParameterCall(
  system: MandateSystem,
  value: bigint,
): Promise<TimelockCall> {
  const { stakeManager } = system;
  return {
    target: await stakeManager.getAddress(),
    data: stakeManager.interface.encodeFunctionData("setParameter", [
      await stakeManager.UNBONDING_PERIOD(),
      value,
    ]),
  };
}

export async function unpauseAllCall(system: MandateSystem): Promise<TimelockCall> {
  return {
    target: await system.systemPause.getAddress(),
    data: system.systemPause.interface.encodeFunctionData("unpauseAll"),
  };
}
