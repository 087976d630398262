// Sends the planned transactions one by one, resuming where the chain is. A step whose predicted
// address already holds code is kept, not sent again (its transaction is found from the journal or
// on chain). Before each send the deployer's pending nonce must equal the planned one: any other
// transaction from the key would shift every predicted address, so the run stops with a clear error
// instead of deploying a system whose constructors name the wrong contracts. On a live network each
// send is written to the journal before it is awaited, so a fault at any point can be resumed.
import {
  ContractFactory,
  Interface,
  keccak256,
  type Provider,
  type Signer,
  type TransactionReceipt,
  type TransactionRequest,
} from "ethers";

import { DeployError } from "./errors.ts";
import type { DeployJournal } from "./journal.ts";
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
  /** Found on chain by this run (an earlier, interrupted run sent it). */
  resumed?: boolean;
}

export interface ExecuteHooks {
  /** Called after each step; tests use it to disturb the deployer's nonce mid-plan. */
  afterStep?(step: PlannedStep, index: number): Promise<void>;
  log?(line: string): void;
}

export interface ExecuteOptions {
  hooks?: ExecuteHooks;
  /** Live networks: every send is written here before it is awaited. */
  journal?: DeployJournal;
  /** How long a sent transaction may stay unmined before the run stops (default 10 minutes). */
  receiptTimeoutMs?: number;
}

/** Where the run stands, for the message of an interruption. */
interface Progress {
  done: DeployedStep[];
  /** The step being sent: its hash once known. */
  inFlight?: { step: PlannedStep; txHash?: string; sent: boolean };
}

async function waitForReceipt(
  provider: Provider,
  hash: string,
  timeoutMs: number,
): Promise<TransactionReceipt> {
  // Polling rather than `wait()`: it behaves the same on EDR, `hardhat node` and anvil.
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    const receipt = await provider.getTransactionReceipt(hash);
    if (receipt !== null) return receipt;
    if (Date.now() > deadline)
      throw new Error(`tx ${hash} was not mined within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 2_000)));
  }
}

const describeStep = (d: DeployedStep): string =>
  `${d.step.id} at ${d.step.address} (nonce ${d.step.nonce}, tx ${d.txHash})`;

export async function executePlan(
  plan: DeploymentPlan,
  deployer: Signer,
  readArtifact: ArtifactReader,
  options: ExecuteOptions = {},
): Promise<DeployedStep[]> {
  const provider = deployer.provider!;
  const progress: Progress = { done: [] };
  const log = options.hooks?.log ?? (() => {});
  for (const [index, step] of plan.steps.entries()) {
    const label = `step ${index + 1}/${plan.steps.length} (${step.id})`;
    progress.inFlight = undefined;
    try {
      const found = await findOnChain(provider, plan, step, options.journal);
      if (found !== undefined) {
        progress.done.push(found);
        log(
          `  [${index + 1}/${plan.steps.length}] ${step.id.padEnd(28)} nonce ${step.nonce}  -> ${step.address}  already on chain (tx ${found.txHash})`,
        );
        continue;
      }
      await assertNonceFree(provider, plan, step, label, progress);
      log(
        `  [${index + 1}/${plan.steps.length}] ${step.id.padEnd(28)} nonce ${step.nonce}  -> ${step.address}`,
      );
      const request = await buildRequest(plan, step, deployer, readArtifact);
      const receipt = await sendAndWait(provider, plan, step, deployer, request, options, progress);
      if (receipt.status !== 1)
        throw new DeployError(
          "TRANSACTION_FAILED",
          `${label} reverted in tx ${receipt.hash}`,
          progress.done.map(describeStep),
        );
      progress.done.push(await confirm(provider, step, receipt, label));
    } catch (error) {
      throw interrupted(error, label, plan, progress, options.journal);
    }
    await options.hooks?.afterStep?.(step, index);
  }
  return progress.done;
}

/** The step's contract if an earlier run created it: kept, with the transaction that made it. */
async function findOnChain(
  provider: Provider,
  plan: DeploymentPlan,
  step: PlannedStep,
  journal: DeployJournal | undefined,
): Promise<DeployedStep | undefined> {
  const code = await provider.getCode(step.address);
  const entry = journal?.entry(step.id);
  if (code === "0x") {
    // Sent by the interrupted run and still pending (or mined since): wait for it, never resend.
    if (entry?.txHash === undefined || (await provider.getTransaction(entry.txHash)) === null)
      return undefined;
    const receipt = await waitForReceipt(provider, entry.txHash, 600_000);
    if (receipt.status !== 1)
      throw new DeployError(
        "TRANSACTION_FAILED",
        `${step.id}: tx ${entry.txHash}, sent by the interrupted run, reverted`,
      );
    return { ...(await confirm(provider, step, receipt, step.id)), resumed: true };
  }
  let receipt =
    entry?.txHash === undefined ? null : await provider.getTransactionReceipt(entry.txHash);
  if (receipt === null) receipt = await locateCreation(provider, plan, step, entry?.blockBefore);
  return {
    step,
    txHash: receipt.hash,
    blockNumber: receipt.blockNumber,
    gasUsed: receipt.gasUsed,
    codeHash: keccak256(code),
    resumed: true,
  };
}

/** Blocks read together while looking for a transaction whose hash was never heard. */
const SCAN_WINDOW = 20;

/**
 * The receipt of the deployer's transaction that created `step.address` when its hash was never
 * heard (the reply to the send was lost). Every node keeps blocks and their transactions, but a
 * full (non-archive) node keeps state only for recent blocks ("missing trie node" further back), so
 * the journal's `blockBefore` is where the search starts: the blocks from there on, a window at a
 * time, for the deployer's transaction at the step's nonce (usually in the first few blocks). Only
 * without a journal entry does it fall back to bisecting code over history, which needs an archive
 * node; a node that refuses that is told plainly.
 */
async function locateCreation(
  provider: Provider,
  plan: DeploymentPlan,
  step: PlannedStep,
  fromBlock: number | undefined,
): Promise<TransactionReceipt> {
  const head = await provider.getBlockNumber();
  const first = fromBlock ?? (await firstBlockWithCode(provider, step, head));
  for (let start = first; start <= head; start += SCAN_WINDOW) {
    const numbers = Array.from(
      { length: Math.min(SCAN_WINDOW, head - start + 1) },
      (_, i) => start + i,
    );
    for (const block of await Promise.all(numbers.map((n) => provider.getBlock(n, true)))) {
      const tx = block?.prefetchedTransactions.find(
        (t) => t.from.toLowerCase() === plan.deployer.toLowerCase() && t.nonce === step.nonce,
      );
      if (tx === undefined) continue;
      const receipt = await provider.getTransactionReceipt(tx.hash);
      if (receipt !== null) return receipt;
    }
    if (fromBlock === undefined) break; // the bisection named the block: it is not there
  }
  throw new DeployError(
    "NONCE_MISMATCH",
    `${step.id} at ${step.address} exists, but no transaction of the deployer ${plan.deployer} at nonce ${step.nonce} created it (blocks ${first}..${head}): something else deployed it, and the planned addresses no longer hold. Deploy a new system with --force.`,
  );
}

/** The first block with code at the step's address, by bisection over history (archive nodes only). */
async function firstBlockWithCode(
  provider: Provider,
  step: PlannedStep,
  head: number,
): Promise<number> {
  let low = 0;
  let high = head;
  try {
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if ((await provider.getCode(step.address, middle)) === "0x") low = middle + 1;
      else high = middle;
    }
  } catch (error) {
    throw new DeployError(
      "RPC_ERROR",
      `${step.id} at ${step.address} exists but the journal has no entry for it, and finding the transaction that created it needs the state of past blocks, which this node does not keep (${rpcReason(error)}): resume against an archive node, or restore the journal this deployment wrote`,
    );
  }
  return high;
}

/** The deployer's pending nonce must be the step's: otherwise another transaction took it. */
async function assertNonceFree(
  provider: Provider,
  plan: DeploymentPlan,
  step: PlannedStep,
  label: string,
  progress: Progress,
): Promise<void> {
  const pending = await provider.getTransactionCount(plan.deployer, "pending");
  if (pending === step.nonce) return;
  const done = progress.done.length;
  throw new DeployError(
    "NONCE_MISMATCH",
    `${label} was planned at nonce ${step.nonce} but the deployer ${plan.deployer} is at nonce ${pending}: ` +
      `${pending > step.nonce ? `nonce ${step.nonce} was used by a transaction this deployment did not send, which` : "a transaction of this deployment was dropped, which"} shifted every predicted address. ` +
      `Stopped before sending it; ${done} step(s) were deployed${done > 0 ? " (below) and are not part of a system" : ""}. ` +
      `Make sure nothing else uses the key, then deploy again with --force.`,
    progress.done.map(describeStep),
  );
}

async function buildRequest(
  plan: DeploymentPlan,
  step: PlannedStep,
  deployer: Signer,
  readArtifact: ArtifactReader,
): Promise<TransactionRequest> {
  if (step.kind === "safeProxy")
    return {
      to: plan.safeSuite!.SafeProxyFactory,
      data: safeProxyFactoryInterface.encodeFunctionData("createProxyWithNonce", step.args),
    };
  const artifact =
    step.artifactSource === "safe"
      ? readSafeArtifact(step.artifact as never)
      : await readArtifact(step.artifact);
  const factory = new ContractFactory(artifact.abi, artifact.bytecode, deployer);
  return factory.getDeployTransaction(...step.args);
}

/** Journal first, then send, journal the hash, then wait. A send that fails is told apart from a lost reply. */
async function sendAndWait(
  provider: Provider,
  plan: DeploymentPlan,
  step: PlannedStep,
  deployer: Signer,
  request: TransactionRequest,
  options: ExecuteOptions,
  progress: Progress,
): Promise<TransactionReceipt> {
  const { journal } = options;
  journal?.sending({
    id: step.id,
    nonce: step.nonce,
    address: step.address,
    blockBefore: await provider.getBlockNumber(),
  });
  progress.inFlight = { step, sent: false };
  let hash: string;
  try {
    hash = (await deployer.sendTransaction({ ...request, nonce: step.nonce })).hash;
  } catch (error) {
    // "nonce too low": someone else's transaction took the nonce between our check and the send.
    const latest = await provider.getTransactionCount(plan.deployer, "latest").catch(() => -1);
    const ours = await provider.getCode(step.address).then(
      (c) => c !== "0x",
      () => true,
    );
    if (latest > step.nonce && !ours)
      throw new DeployError(
        "NONCE_MISMATCH",
        `step ${step.id} was planned at nonce ${step.nonce}, and while it was being sent another transaction from the deployer ${plan.deployer} took that nonce (the key is in use elsewhere). Nothing of this step was deployed; every later address would be wrong. Make sure nothing else uses the key, then deploy again with --force.`,
        progress.done.map(describeStep),
      );
    throw error;
  }
  progress.inFlight = { step, txHash: hash, sent: true };
  journal?.sent(step.id, hash);
  return waitForReceipt(provider, hash, options.receiptTimeoutMs ?? 600_000);
}

async function confirm(
  provider: Provider,
  step: PlannedStep,
  receipt: TransactionReceipt,
  label: string,
): Promise<DeployedStep> {
  const created = step.kind === "create" ? receipt.contractAddress : proxyFromReceipt(receipt);
  if (created === null || created.toLowerCase() !== step.address.toLowerCase())
    throw new DeployError(
      "ADDRESS_MISMATCH",
      `${label} created ${created} instead of the predicted ${step.address}`,
    );
  // At the receipt's block: a provider that caches identical reads briefly (ethers' does, 250 ms)
  // must not answer with the "0x" read just before the send.
  const code = await provider.getCode(step.address, receipt.blockNumber);
  if (code === "0x")
    throw new DeployError(
      "MISSING_CODE",
      `${step.id}: no code at ${step.address} after its deployment`,
    );
  return {
    step,
    txHash: receipt.hash,
    blockNumber: receipt.blockNumber,
    gasUsed: receipt.gasUsed,
    codeHash: keccak256(code),
  };
}

/** A short, bounded reason from whatever the provider threw. */
export function rpcReason(error: unknown): string {
  const e = error as { shortMessage?: string; message?: string };
  const text = (e.shortMessage ?? e.message ?? String(error)).split("\n")[0].replace(/\.+$/, "");
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/**
 * Any failure after planning: a DeployError keeps its code and message, with what is on chain and
 * how to resume appended; anything else (the RPC failed, a reply was lost or unreadable) becomes
 * INTERRUPTED, or RPC_ERROR when nothing of this run can have been sent.
 */
function interrupted(
  error: unknown,
  label: string,
  plan: DeploymentPlan,
  progress: Progress,
  journal: DeployJournal | undefined,
): DeployError {
  if (error instanceof DeployError && error.code !== "TRANSACTION_FAILED") return error;
  const { done, inFlight } = progress;
  const onChain = done.map((d) => `on chain: ${describeStep(d)}`);
  const flight =
    inFlight === undefined
      ? []
      : [
          inFlight.sent
            ? `sent, receipt unknown: ${inFlight.step.id} -> ${inFlight.step.address} (nonce ${inFlight.step.nonce}, tx ${inFlight.txHash}): it may be on chain`
            : `maybe sent: ${inFlight.step.id} -> ${inFlight.step.address} (nonce ${inFlight.step.nonce}): the send failed, it may still have reached the node`,
        ];
  const next = plan.steps.slice(done.length + (inFlight === undefined ? 0 : 1));
  const notSent = next.length === 0 ? [] : [`not sent: ${next.map((s) => s.id).join(", ")}`];
  const resume =
    journal === undefined
      ? "This chain keeps no journal (in-process): run again to deploy from the start."
      : `Re-run the same command to resume: it reads ${journal.file} and the chain, keeps what exists and sends only the rest (never a second system).`;
  const cause = error instanceof DeployError ? error.message.split("\n")[0] : rpcReason(error);
  if (done.length === 0 && inFlight === undefined && (journal?.data.steps.length ?? 0) === 0)
    return new DeployError("RPC_ERROR", `${label}: ${cause}. Nothing was sent.`);
  return new DeployError(
    error instanceof DeployError ? error.code : "INTERRUPTED",
    `${label}: ${cause}. Stopped with ${done.length} of ${plan.steps.length} steps on chain${inFlight === undefined ? "" : ` and ${inFlight.step.id} in flight`}. ${resume}`,
    [...onChain, ...flight, ...notSent],
  );
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
