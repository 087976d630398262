// The desired state of a deployed system: the manifest (config/<network>.json, validated by the one
// shared schema) completed with the addresses of the deployment record (config/deployments/<network>.json).
// Pure apart from reading the two files; everything a check needs, with where each address came from.

import { getAddress } from "ethers";
import { z } from "zod";

import { address, type AccountRef } from "../deploy/manifest/fields.ts";
import {
  formatJsonPath,
  loadNetworkConfig,
  type NetworkConfig,
} from "../deploy/manifest/schema.ts";
import { readJsonFileOr } from "../shared/json.ts";
import { MODULES, type ModuleEntry } from "../deploy/modules.ts";
import { OwnerError } from "./errors.ts";

/** An address in the record: read like a manifest's, so a bad checksum is a problem named, not a crash. */
const hexAddress = address;
const recordedSafe = z.object({
  address: hexAddress,
  owners: z.array(hexAddress).optional(),
  threshold: z.number().int().optional(),
});

/** The parts of the deployment record (deploy/record.ts) that owner control reads. */
const deploymentRecordSchema = z.object({
  network: z.string(),
  chainId: z.number().int().positive(),
  /** Who deployed: the governance policy requires it to hold nothing afterwards. */
  deployer: hexAddress.optional(),
  blocks: z.object({ first: z.number().int().nonnegative(), last: z.number().int().nonnegative() }),
  token: hexAddress,
  modules: z.record(z.string(), hexAddress),
  governance: z.object({
    timelock: hexAddress,
    systemPause: hexAddress,
    ownersSafe: recordedSafe,
    guardians: z.array(recordedSafe),
    executors: z.array(hexAddress),
    treasury: hexAddress,
  }),
  /** Present when deploy:system deployed the Safe suite itself (development chains). */
  safeSuite: z.record(z.string(), z.string()).optional(),
  /** Every contract deploy:system deployed, with the keccak256 of its runtime code. */
  contracts: z
    .record(
      z.string(),
      z.object({
        address: hexAddress,
        runtimeCodeHash: z
          .string()
          .regex(/^0x[0-9a-f]{64}$/i)
          .optional(),
      }),
    )
    .optional(),
});

export type DeploymentRecordView = z.output<typeof deploymentRecordSchema>;

export function loadDeploymentRecord(file: string): DeploymentRecordView {
  const data = readJsonFileOr(file, {
    notFound: () =>
      new OwnerError(
        "DEPLOYMENT_NOT_FOUND",
        `${file} not found: owner control needs the deployment record written by deploy:system (or pass --deployment <file>); nothing was read or sent`,
      ),
    unreadable: (error) =>
      new OwnerError(
        "DEPLOYMENT_INVALID",
        `${file} is not a readable deployment record; nothing was read or sent:`,
        error.details,
      ),
  });
  return parseDeploymentRecord(data, file);
}

/** Validates a deployment record already in memory (deploy:system checks the record it just built). */
export function parseDeploymentRecord(data: unknown, file: string): DeploymentRecordView {
  const result = deploymentRecordSchema.safeParse(data);
  if (!result.success) {
    throw new OwnerError(
      "DEPLOYMENT_INVALID",
      `${file} is not a deployment record (${result.error.issues.length} problem(s)):`,
      result.error.issues.map((i) => `${file}: ${formatJsonPath(i.path)}: ${i.message}`),
    );
  }
  return result.data;
}

export interface DesiredSafe {
  /** "Owners Safe", "Guardian 0". */
  label: string;
  address: string;
  /** Owners and threshold the manifest requires; undefined = not checked. */
  owners?: AccountRef[];
  threshold?: number;
}

export interface DesiredModule {
  name: string;
  entry: ModuleEntry;
  address: string;
  /** The exact on-chain value of every declared parameter. */
  parameters: Record<string, bigint>;
}

/** An address the chain must hold code at, and where the tooling got it from. */
export interface CodeExpectation {
  label: string;
  address: string;
  source: string;
  /** The runtime code hash the record holds for this contract, and where (`file: contracts.X.runtimeCodeHash`). */
  runtimeCodeHash?: { hash: string; source: string };
}

export interface DesiredState {
  network: string;
  chainId: number;
  manifestFile: string;
  deploymentFile: string;
  /** The deployment's first block: role events are replayed from here. */
  fromBlock: number;
  timelock: string;
  minDelay: bigint;
  systemPause: string;
  modules: DesiredModule[];
  ownersSafe: DesiredSafe;
  guardians: DesiredSafe[];
  executors: string[];
  treasury: AccountRef;
  /** The treasury the deployment used (no contract stores one yet; compared with the manifest). */
  recordedTreasury: string;
  /** Who deployed (from the record): it must hold no authority. Absent in older records. */
  deployer?: string;
  /** The Safe suite deploy:system deployed (development chains), for protocol-kit's contractNetworks. */
  safeSuite?: Record<string, string>;
  code: CodeExpectation[];
  /** Some owner or the treasury is "account:N": the reader also asks the node for its accounts. */
  needsLocalAccounts: boolean;
}

export interface LoadOwnerInputOptions {
  network: string;
  manifestFile: string;
  deploymentFile: string;
  modules?: readonly ModuleEntry[];
}

/** Loads and validates both files and joins them. Throws OwnerError (or the loader's CONFIG_*). */
export function loadDesiredState(options: LoadOwnerInputOptions): DesiredState {
  const modules = options.modules ?? MODULES;
  const config = loadNetworkConfig(options.manifestFile, {
    expectedNetwork: options.network,
    modules,
    purpose: "owner",
  });
  const record = loadDeploymentRecord(options.deploymentFile);
  return joinDesiredState(config, record, { ...options, modules });
}

export function joinDesiredState(
  config: NetworkConfig,
  record: DeploymentRecordView,
  options: LoadOwnerInputOptions & { modules: readonly ModuleEntry[] },
): DesiredState {
  const { manifestFile, deploymentFile } = options;
  if (record.chainId !== config.chainId) {
    throw new OwnerError(
      "WRONG_CHAIN",
      `${manifestFile} is for chain ${config.chainId} but ${deploymentFile} records chain ${record.chainId}; nothing was read or sent`,
    );
  }
  const sources: AddressSources = {
    config,
    manifestFile,
    deploymentFile,
    code: [],
    recordedContracts: record.contracts ?? {},
  };
  const { governance } = record;
  const timelock = pickContract(
    sources,
    "MandateTimelock",
    governance.timelock,
    "governance.timelock",
  );
  const systemPause = pickContract(
    sources,
    "SystemPause",
    governance.systemPause,
    "governance.systemPause",
  );
  const modules = options.modules.map((entry): DesiredModule => ({
    name: entry.name,
    entry,
    address: pickContract(sources, entry.name, record.modules[entry.name], `modules.${entry.name}`),
    parameters: (config.modules as Record<string, Record<string, bigint>>)[entry.name],
  }));
  const ownersSafe = pickSafe(
    sources,
    "Owners Safe",
    config.governance.ownersSafe,
    governance.ownersSafe,
    "governance.ownersSafe",
  );
  const guardians = config.governance.guardians.map((spec, i) =>
    pickSafe(sources, `Guardian ${i}`, spec, governance.guardians[i], `governance.guardians[${i}]`),
  );
  const refs: AccountRef[] = [
    config.governance.treasury,
    ...[ownersSafe, ...guardians].flatMap((s) => s.owners ?? []),
  ];
  return {
    network: options.network,
    chainId: config.chainId,
    manifestFile,
    deploymentFile,
    fromBlock: record.blocks.first,
    timelock,
    minDelay: config.governance.minDelay,
    systemPause,
    modules,
    ownersSafe,
    guardians,
    executors: config.governance.executors.map((e) =>
      e === "ownersSafe" ? ownersSafe.address : e,
    ),
    treasury: config.governance.treasury,
    recordedTreasury: governance.treasury,
    ...(record.deployer === undefined ? {} : { deployer: record.deployer }),
    ...(record.safeSuite === undefined ? {} : { safeSuite: record.safeSuite }),
    code: sources.code,
    needsLocalAccounts: refs.some((r) => "localAccount" in r),
  };
}

/** Where addresses come from (the manifest overrides the record), and every address collected. */
interface AddressSources {
  config: NetworkConfig;
  manifestFile: string;
  deploymentFile: string;
  code: CodeExpectation[];
  /** The record's `contracts` (deploy:system's steps by id), for their runtime code hashes. */
  recordedContracts: NonNullable<DeploymentRecordView["contracts"]>;
}

/**
 * The runtime code hash the record holds for contract `id`, when the address in use came from the
 * record (a manifest override names a contract the record may not describe).
 */
function recordedCodeHash(
  sources: AddressSources,
  id: string,
  fromRecord: boolean,
): CodeExpectation["runtimeCodeHash"] {
  const hash = sources.recordedContracts[id]?.runtimeCodeHash;
  if (!fromRecord || hash === undefined) return undefined;
  return { hash, source: `${sources.deploymentFile}: contracts.${id}.runtimeCodeHash` };
}

/** A contract's address: the manifest's `contracts.<name>`, else the record's; it must hold code. */
function pickContract(
  sources: AddressSources,
  name: string,
  recorded: string | undefined,
  recordPath: string,
): string {
  const { manifestFile, deploymentFile } = sources;
  const given = (sources.config.contracts as Record<string, string | undefined> | undefined)?.[
    name
  ];
  const address = given ?? recorded;
  if (address === undefined) {
    throw new OwnerError(
      "DEPLOYMENT_INVALID",
      `no address for ${name}: ${deploymentFile} has no ${recordPath} and ${manifestFile} has no contracts.${name}`,
    );
  }
  const runtimeCodeHash = recordedCodeHash(sources, name, given === undefined);
  sources.code.push({
    label: name,
    address,
    source:
      given !== undefined
        ? `${manifestFile}: contracts.${name}`
        : `${deploymentFile}: ${recordPath}`,
    ...(runtimeCodeHash === undefined ? {} : { runtimeCodeHash }),
  });
  return address;
}

/** A Safe: its address from the manifest, else the record (same JSON path in both); owners and threshold from the manifest. */
function pickSafe(
  sources: AddressSources,
  label: string,
  spec: NetworkConfig["governance"]["ownersSafe"],
  recorded: { address: string } | undefined,
  path: string,
): DesiredSafe {
  const { manifestFile, deploymentFile } = sources;
  const address = spec.address ?? recorded?.address;
  if (address === undefined) {
    throw new OwnerError(
      "DEPLOYMENT_INVALID",
      `no address for the ${label}: ${manifestFile} has no ${path}.address and ${deploymentFile} has no ${path}`,
    );
  }
  // deploy:system's step ids of the Safes it deployed: "OwnersSafe", "GuardianSafe0", ...
  const id = label === "Owners Safe" ? "OwnersSafe" : label.replace(/^Guardian /, "GuardianSafe");
  const runtimeCodeHash = recordedCodeHash(sources, id, spec.address === undefined);
  sources.code.push({
    label,
    address,
    source:
      spec.address !== undefined
        ? `${manifestFile}: ${path}.address`
        : `${deploymentFile}: ${path}.address`,
    ...(runtimeCodeHash === undefined ? {} : { runtimeCodeHash }),
  });
  return { label, address, owners: spec.owners, threshold: spec.threshold };
}

/** "account:N" -> the node's N-th account; undefined when the node has fewer. */
export function resolveAccount(
  ref: AccountRef,
  localAccounts: readonly string[],
): string | undefined {
  if ("address" in ref) return ref.address;
  const account = localAccounts[ref.localAccount];
  return account === undefined ? undefined : getAddress(account);
}
