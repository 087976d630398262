// The deployment record, config/deployments/<network>.json: what was deployed, from which commit, by
// whom, where, with which constructor arguments, and the hash of the runtime code read back from chain.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

import { Contract, type Provider } from "ethers";

import type { DeployedStep } from "./execute.ts";
import type { DeploymentPlan } from "./plan.ts";
import { SAFE_SINGLETON } from "./safe.ts";

export interface GitState {
  commit: string | null;
  /** Tracked files differ from the commit (untracked files are ignored). */
  dirty: boolean | null;
}

export function readGitState(cwd: string): GitState {
  try {
    const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd, encoding: "utf8" }).trim();
    const status = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], {
      cwd,
      encoding: "utf8",
    });
    return { commit, dirty: status.trim().length > 0 };
  } catch {
    return { commit: null, dirty: null };
  }
}

/** JSON-friendly: bigints become decimal strings. */
const plain = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));

export async function buildDeploymentRecord(input: {
  plan: DeploymentPlan;
  deployed: readonly DeployedStep[];
  provider: Provider;
  git: GitState;
}) {
  const { plan, deployed, provider, git } = input;
  const contracts: Record<string, unknown> = {};
  for (const d of deployed) {
    const { step } = d;
    contracts[step.id] = {
      address: step.address,
      artifact: step.artifact,
      source: step.artifactSource === "safe" ? "@safe-global/safe-contracts@1.4.1" : "project",
      ...(step.kind === "create"
        ? { constructorArgs: plain(step.args) }
        : {
            factoryCall: {
              factory: plan.safeSuite?.SafeProxyFactory,
              function: "createProxyWithNonce",
              args: plain(step.args),
            },
          }),
      nonce: step.nonce,
      txHash: d.txHash,
      blockNumber: d.blockNumber,
      runtimeCodeHash: d.codeHash,
    };
  }
  const safeState = async (address: string) => {
    const safe = new Contract(
      address,
      [
        "function getOwners() view returns (address[])",
        "function getThreshold() view returns (uint256)",
      ],
      provider,
    );
    return {
      address,
      owners: [...(await safe.getOwners())] as string[],
      threshold: Number(await safe.getThreshold()),
    };
  };
  const blocks = deployed.map((d) => d.blockNumber);
  return {
    network: plan.network,
    chainId: plan.chainId,
    deployer: plan.deployer,
    git,
    deployedAt: new Date().toISOString(),
    blocks: { first: Math.min(...blocks), last: Math.max(...blocks) },
    token: plan.token,
    modules: Object.fromEntries(plan.modules.map((m) => [m.name, m.address])),
    governance: {
      timelock: plan.timelock,
      minDelaySeconds: plan.governance.minDelay.toString(),
      systemPause: plan.systemPause,
      ownersSafe: await safeState(plan.governance.ownersSafe.address),
      guardians: await Promise.all(plan.governance.guardians.map((g) => safeState(g.address))),
      executors: plan.governance.executors,
      treasury: plan.governance.treasury,
      arbitrator: plan.governance.arbitrator,
    },
    ...(plan.safeSuite !== undefined
      ? { safeSuite: { version: "1.4.1", singleton: SAFE_SINGLETON, ...plan.safeSuite } }
      : {}),
    contracts,
  };
}

/** The record as written: what was deployed, and how many verification checks held. */
export type DeploymentRecord = Awaited<ReturnType<typeof buildDeploymentRecord>> & {
  verification: { checks: number; failed: number };
};

export function writeDeploymentRecord(file: string, record: DeploymentRecord): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
}
