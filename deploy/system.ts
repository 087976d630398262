// Deploys the whole Mandate system and leaves it governed: load and validate the network config,
// refuse to overwrite a record, check the chain, plan (predict every address), deploy, verify the
// authority on chain, record. Hardhat-free: the task passes signers, a provider and an artifact reader.
import { existsSync } from "node:fs";
import { join } from "node:path";

import type { Provider, Signer } from "ethers";
import { Contract } from "ethers";

import type { JsonRpcProvider } from "../owner/chain/transport.ts";
import type { DriftRow } from "../owner/diff.ts";
import { TOKEN_DECIMALS } from "./manifest/fields.ts";
import { DEV_CHAIN_ID, loadNetworkConfig, type NetworkConfig } from "./manifest/schema.ts";
import { assertAuthority } from "./authority.ts";
import { DeployError } from "./errors.ts";
import {
  executePlan,
  rpcReason,
  type ArtifactReader,
  type DeployedStep,
  type ExecuteHooks,
} from "./execute.ts";
import { DeployJournal, journalFileFor, planHash } from "./journal.ts";
import { MODULES, type ModuleEntry } from "./modules.ts";
import { planDeployment, type DeploymentPlan } from "./plan.ts";
import {
  buildDeploymentRecord,
  readGitState,
  writeDeploymentRecord,
  type DeploymentRecord,
} from "./record.ts";
import { assertChecksPass, formatAuthoritySummary, verifyDeployment } from "./verify.ts";

export interface DeploySystemOptions {
  /** Network name as Hardhat knows it; selects config/<network>.json and the record's file name. */
  network: string;
  /** Forwards raw JSON-RPC too: verification reads the chain through owner:doctor's batched reader. */
  provider: JsonRpcProvider;
  /** signers[0] deploys; on development chains "account:N" in the config is signers[N]. */
  signers: readonly Signer[];
  readArtifact: ArtifactReader;
  /** The project root (config/, git). */
  rootDir: string;
  configFile?: string;
  /** Where <network>.json is written; default <root>/config/deployments. */
  deploymentsDir?: string;
  /** Overwrite an existing deployment record. */
  force?: boolean;
  /**
   * The chain dies with the process (Hardhat's in-process network): its record may always be
   * overwritten, since the contracts it lists no longer exist.
   */
  ephemeral?: boolean;
  hooks?: ExecuteHooks;
  /** The RPC as it may be printed (no secrets), for messages: "the RPC at <rpc>". */
  rpc?: string;
  /** How long a sent transaction may stay unmined before the run stops (default 10 minutes). */
  receiptTimeoutMs?: number;
  /** The module list; default `MODULES` of deploy/modules.ts (tests pass extended lists). */
  modules?: readonly ModuleEntry[];
}

export interface DeploySystemResult {
  config: NetworkConfig;
  plan: DeploymentPlan;
  deployed: DeployedStep[];
  /** The verification: owner:doctor's rows for the system just deployed. */
  checks: DriftRow[];
  record: DeploymentRecord;
  recordFile: string;
  summary: string;
}

export async function deploySystem(options: DeploySystemOptions): Promise<DeploySystemResult> {
  const { network, provider, signers } = options;
  const log = options.hooks?.log ?? (() => {});
  const configFile = options.configFile ?? join(options.rootDir, "config", `${network}.json`);
  const recordFile = join(
    options.deploymentsDir ?? join(options.rootDir, "config", "deployments"),
    `${network}.json`,
  );
  const rpc = options.rpc ?? "the RPC";
  /** A failed read before anything is sent: RPC_ERROR naming the RPC and what was being read. */
  const read = <T>(what: string, promise: Promise<T>): Promise<T> =>
    promise.catch((error: unknown) => {
      if (error instanceof DeployError) throw error;
      throw new DeployError(
        "RPC_ERROR",
        `${rpc} failed while ${what}: ${rpcReason(error)}. Nothing was sent.`,
      );
    });

  // Everything below up to `executePlan` only reads: nothing is sent unless all of it passes.
  const chainId = Number(
    (await read("reading the chain id (eth_chainId)", provider.getNetwork())).chainId,
  );
  const config = loadNetworkConfig(configFile, {
    expectedNetwork: network,
    modules: options.modules,
    expectedChain: { chainId, what: "connected to" },
  });
  if (existsSync(recordFile) && options.force !== true && options.ephemeral !== true) {
    throw new DeployError(
      "DEPLOYMENT_EXISTS",
      `${recordFile} exists: ${network} has a deployment already. Nothing was sent. Pass --force to deploy again and overwrite the record.`,
    );
  }
  if (signers.length === 0)
    throw new DeployError("NOT_ENOUGH_ACCOUNTS", `no account is configured for ${network}`);
  await read(
    "checking the configured contracts",
    checkExistingContracts(provider, config, configFile),
  );

  const deployer = signers[0];
  const { plan, journal } = await planRun(options, config, configFile, recordFile, read);
  log(
    `${journal !== undefined && journal.data.steps.length > 0 ? "Resuming the interrupted deployment of" : "Deploying"} Mandate to ${network} (chain ${chainId}) from ${plan.deployer}, ${plan.steps.length} transactions from nonce ${plan.startNonce}${journal === undefined ? "" : ` (journal: ${journal.file})`}:`,
  );

  const deployed = await executePlan(plan, deployer, options.readArtifact, {
    hooks: options.hooks,
    journal,
    receiptTimeoutMs: options.receiptTimeoutMs,
  });
  const systemPause = deployed.find((d) => d.step.id === "SystemPause")!;
  if (systemPause.step.address !== plan.systemPause) {
    throw new DeployError(
      "ADDRESS_MISMATCH",
      `SystemPause is at ${systemPause.step.address}, not at the predicted ${plan.systemPause} every module names as its pauser`,
    );
  }

  const { record, checks } = await recordAndVerify(options, {
    plan,
    deployed,
    config,
    configFile,
    recordFile,
  }).catch((error: unknown) => {
    if (error instanceof DeployError) throw error;
    throw new DeployError(
      "INTERRUPTED",
      `all ${plan.steps.length} transactions are on chain, but ${rpc} failed while verifying and recording them: ${rpcReason(error)}. Re-run the same command: it finds every contract on chain${journal === undefined ? "" : ` (journal: ${journal.file})`}, sends nothing, then verifies and writes ${recordFile}.`,
    );
  });
  journal?.remove();
  const summary = formatAuthoritySummary(plan, checks);
  assertChecksPass(checks);
  return { config, plan, deployed, checks, record, recordFile, summary };
}

/**
 * The plan and the journal: a journal left by an interrupted run fixes the start nonce and must
 * describe the same run; otherwise a new journal starts (live networks) at the pending nonce.
 * Authority is checked here, on the resolved plan, before anything is sent.
 */
async function planRun(
  options: DeploySystemOptions,
  config: NetworkConfig,
  configFile: string,
  recordFile: string,
  read: <T>(what: string, promise: Promise<T>) => Promise<T>,
): Promise<{ plan: DeploymentPlan; journal?: DeployJournal }> {
  const { signers, provider, network } = options;
  const deployerAddress = await signers[0].getAddress();
  const journalFile = journalFileFor(recordFile);
  let journal = options.ephemeral === true ? undefined : DeployJournal.read(journalFile);
  if (journal !== undefined && options.force === true) {
    options.hooks?.log?.(
      `--force: the interrupted run's journal is kept as ${journal.archive()}; deploying anew.`,
    );
    journal = undefined;
  }
  const plan = planDeployment({
    config,
    network,
    deployer: deployerAddress,
    startNonce:
      journal?.data.startNonce ??
      (await read(
        "reading the deployer's nonce (eth_getTransactionCount)",
        provider.getTransactionCount(deployerAddress, "pending"),
      )),
    localAccounts:
      config.chainId === DEV_CHAIN_ID ? await Promise.all(signers.map((s) => s.getAddress())) : [],
    modules: options.modules,
  });
  assertAuthority(config, plan, configFile);
  if (journal !== undefined) assertSameRun(journal, plan, config.chainId, configFile);
  else if (options.ephemeral !== true) journal = DeployJournal.start(journalFile, plan);
  return { plan, journal };
}

/** The journal must be this deployment's: same chain, deployer and plan (config and module list). */
function assertSameRun(
  journal: DeployJournal,
  plan: DeploymentPlan,
  chainId: number,
  configFile: string,
): void {
  const { data } = journal;
  const problems: string[] = [];
  if (data.chainId !== chainId) problems.push(`chain: journal ${data.chainId}, now ${chainId}`);
  if (data.deployer.toLowerCase() !== plan.deployer.toLowerCase())
    problems.push(`deployer: journal ${data.deployer}, now ${plan.deployer}`);
  if (problems.length === 0 && data.planHash !== planHash(plan))
    problems.push(
      `plan: ${configFile} or the module list changed since the interrupted run, so the contracts it deployed no longer match the plan`,
    );
  if (problems.length > 0)
    throw new DeployError(
      "JOURNAL_MISMATCH",
      `${journal.file} is the journal of an interrupted deployment that this run cannot continue; nothing was sent. Restore what changed to resume it, or pass --force to keep the journal aside and deploy a new system:`,
      problems,
    );
}

/** Builds the record from the chain, verifies it with owner:doctor's check, writes it. */
async function recordAndVerify(
  options: DeploySystemOptions,
  input: {
    plan: DeploymentPlan;
    deployed: DeployedStep[];
    config: NetworkConfig;
    configFile: string;
    recordFile: string;
  },
): Promise<{ record: DeploymentRecord; checks: DriftRow[] }> {
  const { plan, deployed, config, configFile, recordFile } = input;
  const { provider, network } = options;
  const unverified = await buildDeploymentRecord({
    plan,
    deployed,
    provider,
    git: readGitState(options.rootDir),
  });
  const report = await verifyDeployment({
    provider,
    network,
    config,
    record: unverified,
    configFile,
    recordFile,
    modules: options.modules ?? MODULES,
  });
  const checks = report.rows;
  const record: DeploymentRecord = {
    ...unverified,
    verification: { checks: checks.length, failed: checks.filter((c) => c.status !== "ok").length },
  };
  // Written even when a check fails: the contracts exist and their addresses must not be lost.
  writeDeploymentRecord(recordFile, record);
  return { record, checks };
}

/** Every configured address that must be a contract has code, and Safes have the configured owners. */
async function checkExistingContracts(
  provider: Provider,
  config: NetworkConfig,
  configFile: string,
): Promise<void> {
  const problems: string[] = [];
  const expectCode = async (address: string | undefined, path: string) => {
    if (address === undefined) return false;
    if ((await provider.getCode(address)) === "0x") {
      problems.push(`${configFile}: ${path}: expected a contract, found no code at ${address}`);
      return false;
    }
    return true;
  };
  if (await expectCode(config.token, "token")) {
    // Token amounts in the config are whole tokens scaled by TOKEN_DECIMALS (deploy/manifest/fields.ts).
    const token = new Contract(
      config.token!,
      ["function decimals() view returns (uint8)"],
      provider,
    );
    const decimals = await token.decimals().then(Number, () => undefined);
    if (decimals !== TOKEN_DECIMALS)
      problems.push(
        `${configFile}: token: expected a token with ${TOKEN_DECIMALS} decimals (config amounts are scaled by 10^${TOKEN_DECIMALS}), found ${decimals ?? "no decimals()"} at ${config.token}`,
      );
  }
  const safes = [
    ["governance.ownersSafe", config.governance.ownersSafe] as const,
    ...config.governance.guardians.map((g, i) => [`governance.guardians[${i}]`, g] as const),
  ];
  for (const [path, spec] of safes) {
    if (!(await expectCode(spec.address, `${path}.address`))) continue;
    const safe = new Contract(
      spec.address!,
      [
        "function getOwners() view returns (address[])",
        "function getThreshold() view returns (uint256)",
      ],
      provider,
    );
    let owners: string[];
    let threshold: number;
    try {
      owners = [...(await safe.getOwners())];
      threshold = Number(await safe.getThreshold());
    } catch {
      problems.push(
        `${configFile}: ${path}.address: expected a Safe, found a contract without getOwners/getThreshold at ${spec.address}`,
      );
      continue;
    }
    const expectedOwners = spec.owners?.flatMap((o) => ("address" in o ? [o.address] : []));
    if (
      expectedOwners !== undefined &&
      (expectedOwners.length !== owners.length || !expectedOwners.every((o) => owners.includes(o)))
    ) {
      problems.push(
        `${configFile}: ${path}.owners: expected ${expectedOwners.join(", ")}, found ${owners.join(", ")} on chain`,
      );
    }
    if (spec.threshold !== undefined && spec.threshold !== threshold) {
      problems.push(
        `${configFile}: ${path}.threshold: expected ${spec.threshold}, found ${threshold} on chain`,
      );
    }
  }
  if (problems.length > 0)
    throw new DeployError(
      "MISSING_CODE",
      "the configured contracts do not match the chain; nothing was sent:",
      problems,
    );
}
