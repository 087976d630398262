// Sends the planned transactions one by one. Before each, the deployer's pending nonce must equal the
// planned one: any other transaction from the key would shift every predicted address, so the run
// stops with a clear error instead of deploying a system whose constructors name the wrong contracts.
import {
  ContractFactory,
  Interface,
  keccak256,
  type Provider,
  type Signer,
  type TransactionReceipt,
} from "ethers";

import { DeployError } from "./errors.ts";
import type { DeploymentPlan, PlannedStep } from "./plan.ts";
import { readSafeArtifact, safeProxyFactoryInterface, type CompiledArtifact } from "./safe.ts";

/** Reads a compiled artifact of this project by contract name (Hardhat's `artifacts.readArtifact`). */
export type ArtifactReader = (name: string) => Promise<CompiledArtifact>;

export interface DeployedStep {
  step: PlannedStep;
  txHash: string;
  blockNumber: number;
  gasUsed: bigint;
  /** keccak256 of the runtime code read back from chain. */
  codeHash: string;
}

export interface ExecuteHooks {
  /** Called after each step; tests use it to disturb the deployer's nonce mid-plan. */
  afterStep?(step: PlannedStep, index: number): Promise<void>;
  log?(line: string): void;
}

async function waitForReceipt(provider: Provider, hash: string): Promise<TransactionReceipt> {
  // Polling rather than `wait()`: it behaves the same on EDR, `hardhat node` and anvil.
  for (let attempt = 0; ; attempt++) {
    const receipt = await provider.getTransactionReceipt(hash);
    if (receipt !== null) return receipt;
    await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 2_000)));
  }
}

function describeDone(done: DeployedStep[]): string[] {
  return done.map(
    (d) => `${d.step.id} at ${d.step.address} (nonce ${d.step.nonce}, tx ${d.txHash})`,
  );
}

export async function executePlan(
  plan: DeploymentPlan,
  deployer: Signer,
  readArtifact: ArtifactReader,
  hooks: ExecuteHooks = {},
): Promise<DeployedStep[]> {
  const provider = deployer.provider!;
  const done: DeployedStep[] = [];
  for (const [index, step] of plan.steps.entries()) {
    const pending = await provider.getTransactionCount(plan.deployer, "pending");
    if (pending !== step.nonce) {
      throw new DeployError(
        "NONCE_MISMATCH",
        `step ${index + 1}/${plan.steps.length} (${step.id}) was planned at nonce ${step.nonce} but the deployer ${plan.deployer} ` +
          `is at nonce ${pending}: another transaction from this key shifted every predicted address. ` +
          `Stopped before sending it; ${done.length} step(s) were deployed${done.length > 0 ? " (below) and are not part of a system" : ""}. ` +
          `Make sure nothing else uses the key, then deploy again.`,
        describeDone(done),
      );
    }

    let request;
    if (step.kind === "create") {
      const artifact =
        step.artifactSource === "safe"
          ? readSafeArtifact(step.artifact as never)
          : await readArtifact(step.artifact);
      const factory = new ContractFactory(artifact.abi, artifact.bytecode, deployer);
      request = await factory.getDeployTransaction(...step.args);
    } else {
      const factoryAddress = plan.safeSuite!.SafeProxyFactory;
      request = {
        to: factoryAddress,
        data: safeProxyFactoryInterface.encodeFunctionData("createProxyWithNonce", step.args),
      };
    }
    hooks.log?.(
      `  [${index + 1}/${plan.steps.length}] ${step.id.padEnd(28)} nonce ${step.nonce}  -> ${step.address}`,
    );
    let receipt: TransactionReceipt;
    try {
      const response = await deployer.sendTransaction({ ...request, nonce: step.nonce });
      receipt = await waitForReceipt(provider, response.hash);
    } catch (error) {
      throw new DeployError(
        "TRANSACTION_FAILED",
        `step ${index + 1}/${plan.steps.length} (${step.id}) failed: ${(error as Error).message}`,
        describeDone(done),
      );
    }
    if (receipt.status !== 1) {
      throw new DeployError(
        "TRANSACTION_FAILED",
        `step ${index + 1}/${plan.steps.length} (${step.id}) reverted in tx ${receipt.hash}`,
        describeDone(done),
      );
    }
    const created = step.kind === "create" ? receipt.contractAddress : proxyFromReceipt(receipt);
    if (created === null || created.toLowerCase() !== step.address.toLowerCase()) {
      throw new DeployError(
        "ADDRESS_MISMATCH",
        `step ${index + 1} (${step.id}) created ${created} instead of the predicted ${step.address}`,
        describeDone(done),
      );
    }
    const code = await provider.getCode(step.address);
    if (code === "0x")
      throw new DeployError(
        "MISSING_CODE",
        `${step.id}: no code at ${step.address} after its deployment`,
      );
    done.push({
      step,
      txHash: receipt.hash,
      blockNumber: receipt.blockNumber,
      gasUsed: receipt.gasUsed,
      codeHash: keccak256(code),
    });
    await hooks.afterStep?.(step, index);
  }
  return done;
}

const proxyCreation = safeProxyFactoryInterface.getEvent("ProxyCreation")!;

function proxyFromReceipt(receipt: TransactionReceipt): string | null {
  for (const log of receipt.logs) {
    if (log.topics[0] !== proxyCreation.topicHash) continue;
    const parsed = new Interface([proxyCreation]).parseLog(log);
    if (parsed !== null) return parsed.args.proxy as string;
  }
  return null;
}
