// The deployment plan: every transaction the deployer will send, in order, each with the nonce it must
// use and the address it will create. Addresses are predicted before anything is sent (CREATE from
// the deployer's nonce, CREATE2 for Safe proxies), which is what lets each module be owned by the
// timelock and paused by SystemPause from its constructor although SystemPause is deployed last.
import { getAddress, getCreateAddress } from "ethers";

import type { AccountRef } from "./manifest/fields.ts";
import { DEV_CHAIN_ID, type NetworkConfig, type SafeSpec } from "./manifest/schema.ts";
import { DeployError } from "./errors.ts";
import { MODULES, type ModuleContext, type ModuleEntry } from "./modules.ts";
import { encodeSafeSetup, predictSafeProxyAddress, SAFE_SINGLETON, SAFE_SUITE } from "./safe.ts";

export type StepRole = "token" | "safeSuite" | "safe" | "timelock" | "module" | "systemPause";

export interface PlannedStep {
  /** Key in the deployment record: the contract name, or "OwnersSafe" / "GuardianSafe<i>". */
  id: string;
  role: StepRole;
  /**
   * `create`: a contract creation from `artifact` with `args`.
   * `safeProxy`: a call to SafeProxyFactory.createProxyWithNonce(`args`) creating a Safe proxy.
   */
  kind: "create" | "safeProxy";
  /** Where the artifact comes from: this project's Hardhat artifacts or @safe-global/safe-contracts. */
  artifactSource: "project" | "safe";
  artifact: string;
  args: unknown[];
  nonce: number;
  /** The address this step creates. */
  address: string;
}

export interface PlannedSafe {
  address: string;
  /** Known when the Safe is deployed here or its owners are given in the config (then checked on chain). */
  owners?: string[];
  threshold?: number;
  deployedHere: boolean;
}

export interface DeploymentPlan {
  network: string;
  chainId: number;
  deployer: string;
  startNonce: number;
  steps: PlannedStep[];
  token: string;
  timelock: string;
  systemPause: string;
  modules: { name: string; artifact: string; address: string }[];
  governance: {
    minDelay: bigint;
    ownersSafe: PlannedSafe;
    guardians: PlannedSafe[];
    executors: string[];
    treasury: string;
    /** DisputeModule's arbitrator. */
    arbitrator: string;
  };
  /** Safe 1.4.1 suite addresses, when deployed here (development chains). */
  safeSuite?: Record<string, string>;
}

export interface PlanInput {
  config: NetworkConfig;
  network: string;
  deployer: string;
  /** The deployer's pending nonce when planning. */
  startNonce: number;
  /** Addresses of the node's unlocked accounts (development chains), indexed as in "account:N". */
  localAccounts: readonly string[];
  modules?: readonly ModuleEntry[];
}

export function planDeployment(input: PlanInput): DeploymentPlan {
  const { config, deployer } = input;
  const modules = input.modules ?? MODULES;
  const steps = new StepList(deployer, input.startNonce);
  const resolve = resolver(input.localAccounts);
  const token = planToken(steps, config);
  const { safes, safeSuite } = planSafes(steps, config, resolve);
  const [ownersSafe, ...guardians] = safes;
  const governance = planGovernance(steps, config, modules, {
    token,
    ownersSafe,
    guardians,
    resolve,
  });
  steps.assertPredictions(governance.systemPause);
  return {
    network: input.network,
    chainId: config.chainId,
    deployer: getAddress(deployer),
    startNonce: input.startNonce,
    steps: steps.steps,
    token,
    timelock: governance.timelock,
    systemPause: governance.systemPause,
    modules: modules.map((m) => ({
      name: m.name,
      artifact: m.artifact,
      address: governance.moduleAddresses.get(m.name)!,
    })),
    governance: {
      minDelay: config.governance.minDelay,
      ownersSafe,
      guardians,
      executors: governance.executors,
      treasury: governance.treasury,
      arbitrator: governance.arbitrator,
    },
    safeSuite,
  };
}

/** The deployer's transactions in nonce order, each with the address it creates. */
class StepList {
  readonly steps: PlannedStep[] = [];
  readonly deployer: string;
  nonce: number;

  constructor(deployer: string, startNonce: number) {
    this.deployer = deployer;
    this.nonce = startNonce;
  }

  /** The address a CREATE from the deployer makes `ahead` transactions from now. */
  addressAt(ahead: number): string {
    return getCreateAddress({ from: this.deployer, nonce: this.nonce + ahead });
  }

  create(
    id: string,
    role: StepRole,
    artifactSource: PlannedStep["artifactSource"],
    artifact: string,
    args: unknown[],
  ): string {
    const address = this.addressAt(0);
    this.steps.push({
      id,
      role,
      kind: "create",
      artifactSource,
      artifact,
      args,
      nonce: this.nonce,
      address,
    });
    this.nonce += 1;
    return address;
  }

  safeProxy(id: string, args: unknown[], address: string): void {
    this.steps.push({
      id,
      role: "safe",
      kind: "safeProxy",
      artifactSource: "safe",
      artifact: "SafeProxyFactory",
      args,
      nonce: this.nonce,
      address,
    });
    this.nonce += 1;
  }

  /** The predictions and the step list must agree; a mismatch is a bug in this file. */
  assertPredictions(systemPause: string): void {
    for (const step of this.steps.filter((s) => s.role !== "safe")) {
      if (step.address !== getCreateAddress({ from: this.deployer, nonce: step.nonce }))
        throw new Error(`plan inconsistency at ${step.id}`);
    }
    if (this.steps.find((s) => s.id === "SystemPause")!.address !== systemPause)
      throw new Error("plan inconsistency: SystemPause");
  }
}

type Resolve = (ref: AccountRef, what: string) => string;

/** "account:N" -> the node's N-th account, NOT_ENOUGH_ACCOUNTS when it has fewer. */
function resolver(localAccounts: readonly string[]): Resolve {
  return (ref, what) => {
    if ("address" in ref) return ref.address;
    const account = localAccounts[ref.localAccount];
    if (account === undefined) {
      throw new DeployError(
        "NOT_ENOUGH_ACCOUNTS",
        `${what} is account:${ref.localAccount}, but the node offers only ${localAccounts.length} accounts`,
      );
    }
    return getAddress(account);
  };
}

/** 1. Development chains: the test token. */
function planToken(steps: StepList, config: NetworkConfig): string {
  if (config.token !== undefined) return config.token;
  if (config.chainId !== DEV_CHAIN_ID)
    throw new DeployError(
      "CONFIG_INVALID",
      "a token address is required outside development chains",
    );
  return steps.create("MandateTestToken", "token", "project", "MandateTestToken", []);
}

/** 2. Development chains: the Safe 1.4.1 suite and the Safes the config asks for. */
function planSafes(
  steps: StepList,
  config: NetworkConfig,
  resolve: Resolve,
): { safes: PlannedSafe[]; safeSuite?: Record<string, string> } {
  const specs: [string, SafeSpec][] = [
    ["OwnersSafe", config.governance.ownersSafe],
    ...config.governance.guardians.map((spec, i): [string, SafeSpec] => [`GuardianSafe${i}`, spec]),
  ];
  let safeSuite: Record<string, string> | undefined;
  if (specs.some(([, spec]) => spec.address === undefined)) {
    safeSuite = {};
    for (const name of SAFE_SUITE)
      safeSuite[name] = steps.create(name, "safeSuite", "safe", name, []);
  }
  const safes = specs.map(([id, spec], index): PlannedSafe => {
    const owners = spec.owners?.map((ref, i) => resolve(ref, `${id} owner ${i}`));
    if (spec.address !== undefined)
      return { address: spec.address, owners, threshold: spec.threshold, deployedHere: false };
    const initializer = encodeSafeSetup(
      owners!,
      spec.threshold!,
      safeSuite!.CompatibilityFallbackHandler,
    );
    const singleton = safeSuite![SAFE_SINGLETON];
    const saltNonce = BigInt(index);
    const address = predictSafeProxyAddress(
      safeSuite!.SafeProxyFactory,
      singleton,
      initializer,
      saltNonce,
    );
    steps.safeProxy(id, [singleton, initializer, saltNonce], address);
    return { address, owners, threshold: spec.threshold, deployedHere: true };
  });
  return { safes, safeSuite };
}

/**
 * 3. Governance core and modules: the timelock, every module, SystemPause. Addresses first, so
 * constructors can name contracts deployed later (every module names SystemPause as its pauser).
 */
function planGovernance(
  steps: StepList,
  config: NetworkConfig,
  modules: readonly ModuleEntry[],
  known: { token: string; ownersSafe: PlannedSafe; guardians: PlannedSafe[]; resolve: Resolve },
) {
  const { ownersSafe, resolve } = known;
  const timelock = steps.addressAt(0);
  const moduleAddresses = new Map(modules.map((m, i) => [m.name, steps.addressAt(1 + i)]));
  const systemPause = steps.addressAt(1 + modules.length);
  const treasury = resolve(config.governance.treasury, "governance.treasury");
  const arbitrator =
    config.governance.arbitrator === "ownersSafe"
      ? ownersSafe.address
      : resolve(config.governance.arbitrator, "governance.arbitrator");
  const executors = config.governance.executors.map((e) =>
    e === "ownersSafe" ? ownersSafe.address : e,
  );

  steps.create("MandateTimelock", "timelock", "project", "MandateTimelock", [
    config.governance.minDelay,
    [ownersSafe.address],
    executors,
  ]);
  const context: ModuleContext = {
    timelock,
    systemPause,
    token: known.token,
    treasury,
    arbitrator,
    moduleAddress(name) {
      const address = moduleAddresses.get(name);
      if (address === undefined)
        throw new Error(`module entry refers to unknown module ${JSON.stringify(name)}`);
      return address;
    },
  };
  for (const module of modules) {
    const params = (config.modules as Record<string, Record<string, bigint>>)[module.name];
    steps.create(
      module.name,
      "module",
      "project",
      module.artifact,
      module.constructorArgs(context, params),
    );
  }
  steps.create("SystemPause", "systemPause", "project", "SystemPause", [
    timelock,
    [...moduleAddresses.values()],
    known.guardians.map((g) => g.address),
  ]);
  return { timelock, systemPause, moduleAddresses, treasury, arbitrator, executors };
}
