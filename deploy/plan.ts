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
  const { config, deployer, localAccounts } = input;
  const modules = input.modules ?? MODULES;
  const steps: PlannedStep[] = [];
  let nonce = input.startNonce;
  const nextAddress = () => getCreateAddress({ from: deployer, nonce });
  const addCreate = (
    id: string,
    role: StepRole,
    artifactSource: PlannedStep["artifactSource"],
    artifact: string,
    args: unknown[],
  ) => {
    const step: PlannedStep = {
      id,
      role,
      kind: "create",
      artifactSource,
      artifact,
      args,
      nonce,
      address: nextAddress(),
    };
    steps.push(step);
    nonce += 1;
    return step.address;
  };

  const resolve = (ref: AccountRef, what: string): string => {
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

  // 1. Development chains: the test token.
  let token = config.token;
  if (token === undefined) {
    if (config.chainId !== DEV_CHAIN_ID)
      throw new DeployError(
        "CONFIG_INVALID",
        "a token address is required outside development chains",
      );
    token = addCreate("MandateTestToken", "token", "project", "MandateTestToken", []);
  }

  // 2. Development chains: the Safe 1.4.1 suite and the Safes the config asks for.
  const safeSpecs: [string, SafeSpec][] = [
    ["OwnersSafe", config.governance.ownersSafe],
    ...config.governance.guardians.map((spec, i): [string, SafeSpec] => [`GuardianSafe${i}`, spec]),
  ];
  let safeSuite: Record<string, string> | undefined;
  if (safeSpecs.some(([, spec]) => spec.address === undefined)) {
    safeSuite = {};
    for (const name of SAFE_SUITE) safeSuite[name] = addCreate(name, "safeSuite", "safe", name, []);
  }
  const plannedSafes = safeSpecs.map(([id, spec], index): PlannedSafe => {
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
    steps.push({
      id,
      role: "safe",
      kind: "safeProxy",
      artifactSource: "safe",
      artifact: "SafeProxyFactory",
      args: [singleton, initializer, saltNonce],
      nonce,
      address,
    });
    nonce += 1;
    return { address, owners, threshold: spec.threshold, deployedHere: true };
  });
  const [ownersSafe, ...guardians] = plannedSafes;

  // 3. Governance core and modules. Addresses first, so constructors can name contracts deployed later.
  const timelockNonce = nonce;
  const timelock = getCreateAddress({ from: deployer, nonce: timelockNonce });
  const moduleAddresses = new Map(
    modules.map((m, i) => [
      m.name,
      getCreateAddress({ from: deployer, nonce: timelockNonce + 1 + i }),
    ]),
  );
  const systemPause = getCreateAddress({
    from: deployer,
    nonce: timelockNonce + 1 + modules.length,
  });
  const treasury = resolve(config.governance.treasury, "governance.treasury");
  const arbitrator =
    config.governance.arbitrator === "ownersSafe"
      ? ownersSafe.address
      : resolve(config.governance.arbitrator, "governance.arbitrator");
  const executors = config.governance.executors.map((e) =>
    e === "ownersSafe" ? ownersSafe.address : e,
  );

  addCreate("MandateTimelock", "timelock", "project", "MandateTimelock", [
    config.governance.minDelay,
    [ownersSafe.address],
    executors,
  ]);
  const context: ModuleContext = {
    timelock,
    systemPause,
    token,
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
    addCreate(
      module.name,
      "module",
      "project",
      module.artifact,
      module.constructorArgs(context, params),
    );
  }
  addCreate("SystemPause", "systemPause", "project", "SystemPause", [
    timelock,
    [...moduleAddresses.values()],
    guardians.map((g) => g.address),
  ]);

  // The predictions above and the step list must agree; a mismatch is a bug in this file.
  for (const step of steps.filter((s) => s.role !== "safe")) {
    if (step.address !== getCreateAddress({ from: deployer, nonce: step.nonce }))
      throw new Error(`plan inconsistency at ${step.id}`);
  }
  if (steps.find((s) => s.id === "SystemPause")!.address !== systemPause)
    throw new Error("plan inconsistency: SystemPause");

  return {
    network: input.network,
    chainId: config.chainId,
    deployer: getAddress(deployer),
    startNonce: input.startNonce,
    steps,
    token,
    timelock,
    systemPause,
    modules: modules.map((m) => ({
      name: m.name,
      artifact: m.artifact,
      address: moduleAddresses.get(m.name)!,
    })),
    governance: {
      minDelay: config.governance.minDelay,
      ownersSafe,
      guardians,
      executors,
      treasury,
      arbitrator,
    },
    safeSuite,
  };
}
