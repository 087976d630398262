// Deploys the Mandate system for one simulation run with the deployment core (deploy/plan.ts,
// deploy/execute.ts), as deploy:system does: the modules' parameters come from a manifest
// (config/<network>.json format), with a run's swept values written over them. Governance roles are
// plain accounts the simulation drives (owners, guardian, arbitrator, treasury), since the sim is
// about the market, not about Safe signatures.
import { readFileSync } from "node:fs";

import type { Signer } from "ethers";

import { executePlan, type ArtifactReader } from "../../deploy/execute.ts";
import { parseNetworkConfig, type NetworkConfig } from "../../deploy/manifest/schema.ts";
import { planDeployment } from "../../deploy/plan.ts";

/** The governance roles as addresses the simulation can send from (impersonated accounts). */
export interface SimRoles {
  owners: string;
  guardian: string;
  arbitrator: string;
  treasury: string;
}

/** Where the deployed contracts are. */
export interface SimAddresses {
  token: string;
  timelock: string;
  systemPause: string;
  StakeManager: string;
  ReputationEngine: string;
  DisputeModule: string;
  JobRegistry: string;
  LeaseAgreement: string;
}

/** `modules.<Module>.<KEY>` → a manifest value ("3d", "5%", "100"), as in config/<network>.json. */
export type ParameterOverrides = Readonly<Record<string, string>>;

/**
 * The manifest a run deploys: the base file's modules with `overrides` applied by JSON path
 * (`JobRegistry.JOB_STAKE`), the sim's roles as governance. Validated by the deployment core's
 * schema, so a swept value out of its on-chain bounds is refused with the manifest's own message.
 */
export function simManifest(
  manifestFile: string,
  overrides: ParameterOverrides,
  roles: SimRoles,
): NetworkConfig {
  const base = JSON.parse(readFileSync(manifestFile, "utf8")) as {
    chainId: number;
    network: string;
    modules: Record<string, Record<string, string>>;
    governance: { minDelay: string };
  };
  const modules = structuredClone(base.modules);
  for (const [path, value] of Object.entries(overrides)) {
    const [module, key, ...rest] = path.split(".");
    if (rest.length > 0 || modules[module]?.[key] === undefined)
      throw new Error(
        `${manifestFile}: modules.${path}: no such parameter to sweep (expected <Module>.<KEY> present in the manifest)`,
      );
    modules[module][key] = value;
  }
  const manifest = {
    network: base.network,
    chainId: base.chainId,
    governance: {
      minDelay: base.governance.minDelay,
      ownersSafe: { address: roles.owners },
      guardians: [{ address: roles.guardian }],
      executors: ["ownersSafe"],
      treasury: roles.treasury,
      arbitrator: roles.arbitrator,
    },
    modules,
  };
  const label = Object.keys(overrides).length === 0 ? manifestFile : `${manifestFile} (swept)`;
  return parseNetworkConfig(manifest, label);
}

/** Plans and executes the deployment from `deployer`; returns the contracts' addresses. */
export async function deploySimSystem(
  config: NetworkConfig,
  deployer: Signer,
  readArtifact: ArtifactReader,
): Promise<SimAddresses> {
  const deployerAddress = await deployer.getAddress();
  const plan = planDeployment({
    config,
    network: config.network,
    deployer: deployerAddress,
    startNonce: await deployer.provider!.getTransactionCount(deployerAddress, "pending"),
    localAccounts: [],
  });
  await executePlan(plan, deployer, readArtifact);
  const moduleAt = (name: string) => {
    const found = plan.modules.find((m) => m.name === name);
    if (found === undefined) throw new Error(`the deployment plan has no ${name}`);
    return found.address;
  };
  return {
    token: plan.token,
    timelock: plan.timelock,
    systemPause: plan.systemPause,
    StakeManager: moduleAt("StakeManager"),
    ReputationEngine: moduleAt("ReputationEngine"),
    DisputeModule: moduleAt("DisputeModule"),
    JobRegistry: moduleAt("JobRegistry"),
    LeaseAgreement: moduleAt("LeaseAgreement"),
  };
}
